//! The workbook's words: one dictionary from a CSV header id to its Indonesian and English
//! label, meaning and unit, the sheet titles, and the codes written as words.
//!
//! The CSV files keep their snake_case headers and codes (they are the stable data
//! interface); only the workbook, which a planner reads, speaks in words. The same entries
//! fill the workbook's column dictionary sheet, so a label and its meaning cannot drift apart.

use crate::model::Study;
use crate::report::lang::Lang;

/// One column of the report's tables.
pub struct Column {
    /// CSV header id.
    pub id: &'static str,
    /// Label in Bahasa Indonesia.
    pub label_id: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// Meaning in Bahasa Indonesia.
    pub meaning_id: &'static str,
    /// Meaning in English.
    pub meaning_en: &'static str,
    /// Unit or range (empty for text).
    pub unit: &'static str,
}

const fn c(
    id: &'static str,
    label_id: &'static str,
    label_en: &'static str,
    meaning_id: &'static str,
    meaning_en: &'static str,
    unit: &'static str,
) -> Column {
    Column {
        id,
        label_id,
        label_en,
        meaning_id,
        meaning_en,
        unit,
    }
}

/// Shares, weights and scores between 0 and 1.
const SHARE: &str = "0–1";

/// Every column of the report's CSV tables (scenario and rank columns with a suffix are
/// built by [`describe`]).
pub const COLUMNS: &[Column] = &[
    c(
        "level",
        "Tingkat",
        "Level",
        "tingkat pemilihan: kelurahan, kecamatan atau kota",
        "selection level: kelurahan, kecamatan or kota",
        "",
    ),
    c(
        "source",
        "Sumber bobot",
        "Weight source",
        "asal bobot: panel FGD, bobot eksplisit, bobot sama atau bobot objektif",
        "where the weights come from: an FGD panel, explicit, equal or objective weights",
        "",
    ),
    c(
        "panel_code",
        "Kode panel",
        "Panel code",
        "kode wilayah panel FGD (kode Kemendagri)",
        "region code of the FGD panel (Kemendagri code)",
        "",
    ),
    c(
        "panel_name",
        "Panel",
        "Panel",
        "wilayah panel FGD",
        "region of the FGD panel",
        "",
    ),
    c(
        "criterion",
        "Kriteria",
        "Criterion",
        "kriteria penilaian",
        "assessment criterion",
        "",
    ),
    c(
        "parent",
        "Kriteria induk",
        "Parent criterion",
        "kriteria induk dalam hierarki (kosong: langsung di bawah tujuan)",
        "parent criterion in the hierarchy (empty: directly under the goal)",
        "",
    ),
    c(
        "local_weight",
        "Bobot lokal",
        "Local weight",
        "bobot kriteria di antara kriteria sesimpulnya",
        "weight of the criterion among its siblings",
        SHARE,
    ),
    c(
        "global_weight",
        "Bobot global",
        "Global weight",
        "bobot kriteria yang dipakai dalam penilaian (jumlah 1)",
        "weight used in scoring (sums to 1)",
        SHARE,
    ),
    c(
        "method",
        "Metode prioritas",
        "Priority method",
        "cara menghitung bobot dari matriks berpasangan",
        "how priorities are computed from a pairwise matrix",
        "",
    ),
    c(
        "aggregation",
        "Agregasi",
        "Aggregation",
        "cara menggabungkan penilaian peserta",
        "how participants' judgments are combined",
        "",
    ),
    c(
        "participant",
        "Peserta",
        "Participant",
        "kode peserta FGD; (gabungan panel) untuk matriks gabungan",
        "FGD participant id; (panel aggregate) for the combined matrix",
        "",
    ),
    c(
        "role",
        "Jabatan",
        "Role",
        "jabatan atau unsur peserta",
        "participant's position or constituency",
        "",
    ),
    c(
        "node",
        "Simpul hierarki",
        "Hierarchy node",
        "matriks yang dinilai: tujuan atau kriteria induk",
        "matrix judged: the goal or a parent criterion",
        "",
    ),
    c(
        "n",
        "Jumlah kriteria",
        "Criteria compared",
        "jumlah kriteria yang dibandingkan dalam matriks",
        "number of criteria compared in the matrix",
        "kriteria",
    ),
    c(
        "lambda_max",
        "λ maks",
        "λ max",
        "nilai eigen utama matriks",
        "principal eigenvalue of the matrix",
        "",
    ),
    c(
        "ci",
        "CI",
        "CI",
        "indeks konsistensi (λ maks − n) / (n − 1)",
        "consistency index (λ max − n) / (n − 1)",
        "",
    ),
    c(
        "ri",
        "RI",
        "RI",
        "indeks acak untuk n kriteria",
        "random index for n criteria",
        "",
    ),
    c(
        "cr",
        "CR",
        "CR",
        "rasio konsistensi CI / RI; konsisten bila tidak lebih dari batas (biasanya 0,10)",
        "consistency ratio CI / RI; consistent when not above the threshold (usually 0.10)",
        "rasio",
    ),
    c(
        "ri_table",
        "Tabel RI",
        "RI table",
        "tabel indeks acak yang dipakai",
        "random index table used",
        "",
    ),
    c(
        "consistent",
        "Konsisten",
        "Consistent",
        "CR tidak lebih dari batas",
        "CR not above the threshold",
        "Ya/Tidak",
    ),
    c(
        "included",
        "Diikutkan",
        "Included",
        "penilaian peserta ikut digabungkan",
        "the participant's judgments are part of the aggregate",
        "Ya/Tidak",
    ),
    c(
        "rank",
        "Peringkat",
        "Rank",
        "urutan (1 = terbaik)",
        "position (1 = best)",
        "",
    ),
    c(
        "criterion_a",
        "Kriteria A",
        "Criterion A",
        "kriteria di kiri pasangan",
        "left criterion of the pair",
        "",
    ),
    c(
        "criterion_b",
        "Kriteria B",
        "Criterion B",
        "kriteria di kanan pasangan",
        "right criterion of the pair",
        "",
    ),
    c(
        "given",
        "Nilai diberikan",
        "Judgment given",
        "seberapa penting A dibanding B menurut peserta",
        "how much more important A is than B, as judged",
        "skala Saaty 1/9–9",
    ),
    c(
        "consistent_value",
        "Nilai konsisten",
        "Consistent value",
        "nilai yang selaras dengan penilaian lainnya",
        "value in line with the other judgments",
        "skala Saaty",
    ),
    c(
        "suggested_saaty",
        "Saran nilai Saaty",
        "Suggested Saaty value",
        "nilai skala Saaty terdekat dengan nilai konsisten",
        "nearest Saaty scale value to the consistent value",
        "skala Saaty",
    ),
    c(
        "error_ratio",
        "Rasio galat",
        "Error ratio",
        "nilai diberikan dibagi nilai konsisten (jauh dari 1: perlu ditinjau)",
        "given over consistent value (far from 1: worth revisiting)",
        "rasio",
    ),
    c(
        "kecamatan_code",
        "Kode kecamatan",
        "Kecamatan code",
        "kode Kemendagri kecamatan",
        "Kemendagri code of the kecamatan",
        "",
    ),
    c(
        "kecamatan",
        "Kecamatan",
        "Kecamatan",
        "nama kecamatan",
        "kecamatan name",
        "",
    ),
    c(
        "kelurahan_code",
        "Kode kelurahan",
        "Kelurahan code",
        "kode Kemendagri kelurahan",
        "Kemendagri code of the kelurahan",
        "",
    ),
    c(
        "kelurahan",
        "Kelurahan",
        "Kelurahan",
        "nama kelurahan",
        "kelurahan name",
        "",
    ),
    c(
        "category",
        "Kategori",
        "Category",
        "kategori produk",
        "product category",
        "",
    ),
    c(
        "id",
        "ID UMKM",
        "UMKM id",
        "kode UMKM dalam berkas kandidat",
        "UMKM id in the candidates file",
        "",
    ),
    c(
        "name",
        "Nama UMKM",
        "UMKM name",
        "nama UMKM atau kelompok",
        "name of the business or group",
        "",
    ),
    c(
        "product",
        "Produk",
        "Product",
        "produk atau kegiatan",
        "product or activity",
        "",
    ),
    c(
        "score",
        "Skor",
        "Score",
        "nilai akhir kandidat (lebih besar lebih baik)",
        "candidate's final score (higher is better)",
        SHARE,
    ),
    c(
        "d_plus",
        "Jarak ke ideal (D+)",
        "Distance to ideal (D+)",
        "jarak TOPSIS ke solusi ideal",
        "TOPSIS distance to the ideal",
        "",
    ),
    c(
        "d_minus",
        "Jarak ke anti-ideal (D−)",
        "Distance to anti-ideal (D−)",
        "jarak TOPSIS ke solusi anti-ideal",
        "TOPSIS distance to the anti-ideal",
        "",
    ),
    c(
        "status",
        "Status",
        "Status",
        "unggulan, dipertimbangkan, atau kosong (tidak ada kandidat)",
        "winner, considered, or empty (no candidate)",
        "",
    ),
    c(
        "tied",
        "Seri",
        "Tied",
        "skornya sama dengan kandidat lain",
        "its score ties with another candidate's",
        "Ya/Tidak",
    ),
    c(
        "weights_from",
        "Bobot dari",
        "Weights from",
        "panel atau sumber bobot kelompok ini",
        "panel or source of this group's weights",
        "",
    ),
    c(
        "candidates",
        "Jumlah kandidat",
        "Candidates",
        "jumlah kandidat dalam kelompok",
        "number of candidates in the group",
        "UMKM",
    ),
    c(
        "tie_needs_decision",
        "Seri, perlu keputusan FGD",
        "Tie needs FGD decision",
        "unggulan seri dengan kandidat berikutnya: forum memutuskan",
        "the winner ties with the next candidate: the forum decides",
        "Ya/Tidak",
    ),
    c(
        "no",
        "No.",
        "No.",
        "nomor urut dalam lampiran",
        "row number in the annex",
        "",
    ),
    c(
        "umkm",
        "Nama UMKM / Kelompok",
        "UMKM / group",
        "nama UMKM atau kelompok",
        "name of the business or group",
        "",
    ),
    c(
        "address",
        "Alamat",
        "Address",
        "alamat UMKM",
        "address of the business",
        "",
    ),
    c(
        "needs_fgd_decision",
        "Perlu keputusan FGD",
        "Needs FGD decision",
        "baris ini masih menunggu kesepakatan forum",
        "this row still awaits the forum's decision",
        "Ya/Tidak",
    ),
    c(
        "agreed_by_fgd",
        "Kesepakatan FGD",
        "Agreed by the FGD",
        "baris ini kesepakatan forum (tabel keputusan); Tidak: pilihan hasil pemeringkatan",
        "this row is the forum's agreement (decisions table); No: the ranking's choice",
        "Ya/Tidak",
    ),
    c(
        "region_code",
        "Kode wilayah",
        "Region code",
        "kode Kemendagri wilayah kelompok",
        "Kemendagri code of the group's region",
        "",
    ),
    c(
        "region",
        "Wilayah",
        "Region",
        "nama wilayah kelompok",
        "name of the group's region",
        "",
    ),
    c(
        "unggulan_id",
        "ID unggulan",
        "Winner id",
        "kode UMKM unggulan",
        "UMKM id of the winner",
        "",
    ),
    c(
        "verdict",
        "Kesimpulan",
        "Verdict",
        "kestabilan unggulan terhadap perubahan bobot",
        "how stable the winner is under weight changes",
        "",
    ),
    c(
        "first_rank_acceptability",
        "Peluang peringkat 1",
        "First-rank acceptability",
        "bagian sampel bobot di mana unggulan tetap peringkat 1",
        "share of weight samples in which the winner stays first",
        SHARE,
    ),
    c(
        "nearest_criterion",
        "Kriteria terdekat",
        "Nearest criterion",
        "kriteria yang paling sedikit perlu diubah bobotnya untuk mengganti unggulan",
        "criterion whose weight needs the smallest change to change the winner",
        "",
    ),
    c(
        "weight_change",
        "Perubahan bobot",
        "Weight change",
        "perubahan bobot yang mengganti unggulan",
        "weight change that changes the winner",
        SHARE,
    ),
    c(
        "direction",
        "Arah",
        "Direction",
        "bobot diturunkan atau dinaikkan",
        "weight decreased or increased",
        "",
    ),
    c(
        "base_weight",
        "Bobot dasar",
        "Base weight",
        "bobot hasil FGD",
        "weight from the FGD",
        SHARE,
    ),
    c(
        "critical_weight",
        "Bobot kritis",
        "Critical weight",
        "bobot di mana unggulan berganti (kosong: tidak pernah)",
        "weight at which the winner changes (empty: never)",
        SHARE,
    ),
    c(
        "change",
        "Perubahan",
        "Change",
        "bobot kritis dikurangi bobot dasar",
        "critical weight minus base weight",
        SHARE,
    ),
    c(
        "new_winner_id",
        "ID unggulan baru",
        "New winner id",
        "UMKM yang menjadi unggulan pada bobot kritis",
        "UMKM that wins at the critical weight",
        "",
    ),
    c(
        "weight",
        "Bobot",
        "Weight",
        "bobot kriteria pada titik sapuan",
        "criterion weight at the sweep point",
        SHARE,
    ),
    c(
        "d_plus_sq_0",
        "D+² pada bobot 0",
        "D+² at weight 0",
        "kuadrat jarak ke solusi ideal bila bobot kriteria ini 0",
        "squared distance to the ideal when this criterion's weight is 0",
        "",
    ),
    c(
        "d_plus_sq_1",
        "D+² pada bobot 1",
        "D+² at weight 1",
        "kuadrat jarak ke solusi ideal bila seluruh bobot pada kriteria ini",
        "squared distance to the ideal when all weight is on this criterion",
        "",
    ),
    c(
        "d_minus_sq_0",
        "D−² pada bobot 0",
        "D−² at weight 0",
        "kuadrat jarak ke solusi anti-ideal bila bobot kriteria ini 0",
        "squared distance to the anti-ideal when this criterion's weight is 0",
        "",
    ),
    c(
        "d_minus_sq_1",
        "D−² pada bobot 1",
        "D−² at weight 1",
        "kuadrat jarak ke solusi anti-ideal bila seluruh bobot pada kriteria ini",
        "squared distance to the anti-ideal when all weight is on this criterion",
        "",
    ),
    c(
        "score_0",
        "Skor pada bobot 0",
        "Score at weight 0",
        "skor jumlah terbobot bila bobot kriteria ini 0",
        "weighted-sum score when this criterion's weight is 0",
        "",
    ),
    c(
        "score_1",
        "Skor pada bobot 1",
        "Score at weight 1",
        "skor jumlah terbobot bila seluruh bobot pada kriteria ini",
        "weighted-sum score when all weight is on this criterion",
        "",
    ),
    c(
        "samples",
        "Jumlah sampel",
        "Samples",
        "jumlah sampel bobot SMAA",
        "number of SMAA weight samples",
        "sampel",
    ),
    c(
        "confidence",
        "Faktor keyakinan",
        "Confidence factor",
        "bagian sampel di mana kandidat unggul dengan bobot sentralnya",
        "share of samples in which the candidate wins with its central weights",
        SHARE,
    ),
    c(
        "central_weight",
        "Bobot sentral",
        "Central weight",
        "rata-rata bobot yang membuat kandidat peringkat 1",
        "average weights that make the candidate first",
        SHARE,
    ),
    c(
        "elicited_weight",
        "Bobot FGD",
        "Elicited weight",
        "bobot hasil FGD",
        "weight from the FGD",
        SHARE,
    ),
    c(
        "other_id",
        "ID pembanding",
        "Other id",
        "UMKM pembanding",
        "UMKM compared with",
        "",
    ),
    c(
        "share_above",
        "Porsi di atas",
        "Share above",
        "bagian sampel di mana kandidat di atas pembanding",
        "share of samples in which the candidate ranks above the other",
        SHARE,
    ),
    c(
        "scenario",
        "Skenario",
        "Scenario",
        "skenario pembobotan",
        "weighting scenario",
        "",
    ),
    c(
        "same_members",
        "Anggota sama",
        "Same members",
        "kelompok berisi kandidat yang sama di kedua perhitungan",
        "the group holds the same candidates in both runs",
        "Ya/Tidak",
    ),
    c(
        "spearman",
        "Spearman ρ",
        "Spearman ρ",
        "kemiripan peringkat skenario dengan peringkat dasar",
        "rank correlation of the scenario with the base",
        "−1–1",
    ),
    c(
        "kendall_tau_b",
        "Kendall τ-b",
        "Kendall τ-b",
        "kemiripan peringkat skenario dengan peringkat dasar",
        "rank correlation of the scenario with the base",
        "−1–1",
    ),
    c(
        "ws",
        "WS",
        "WS",
        "kemiripan peringkat yang menekankan peringkat atas (Sałabun)",
        "rank similarity weighting the top ranks (Sałabun)",
        SHARE,
    ),
    c(
        "same_winner",
        "Unggulan sama",
        "Same winner",
        "skenario memilih unggulan yang sama",
        "the scenario picks the same winner",
        "Ya/Tidak",
    ),
    c(
        "base_winner_id",
        "ID unggulan dasar",
        "Base winner id",
        "UMKM unggulan dengan bobot dasar",
        "winner with the base weights",
        "",
    ),
    c(
        "base_winner",
        "Unggulan dasar",
        "Base winner",
        "nama unggulan dengan bobot dasar",
        "name of the winner with the base weights",
        "",
    ),
    c(
        "scenario_winner_id",
        "ID unggulan skenario",
        "Scenario winner id",
        "UMKM unggulan dalam skenario",
        "winner in the scenario",
        "",
    ),
    c(
        "scenario_winner",
        "Unggulan skenario",
        "Scenario winner",
        "nama unggulan dalam skenario",
        "name of the winner in the scenario",
        "",
    ),
    c(
        "base_rank",
        "Peringkat dasar",
        "Base rank",
        "peringkat dengan bobot dasar",
        "rank with the base weights",
        "",
    ),
    c(
        "base_score",
        "Skor dasar",
        "Base score",
        "skor dengan bobot dasar",
        "score with the base weights",
        SHARE,
    ),
];

/// A header's label, meaning and unit in `lang`. Headers not in [`COLUMNS`]: `rank_3`
/// (acceptability of rank 3), `rank_<scenario>` and `score_<scenario>`; anything else is
/// shown as it is.
pub fn describe(study: &Study, header: &str, lang: Lang) -> (String, String, String) {
    if let Some(col) = COLUMNS.iter().find(|c| c.id == header) {
        return (
            lang.pick(col.label_id, col.label_en).to_string(),
            lang.pick(col.meaning_id, col.meaning_en).to_string(),
            col.unit.to_string(),
        );
    }
    let l = |id: &str, en: &str| lang.pick(id, en).to_string();
    if let Some(r) = header.strip_prefix("rank_")
        && r.parse::<usize>().is_ok()
    {
        return (
            format!("{} {r}", l("Peluang peringkat", "Rank")),
            format!(
                "{} {r}",
                l(
                    "bagian sampel bobot di mana kandidat menempati peringkat",
                    "share of weight samples in which the candidate ranks"
                )
            ),
            SHARE.into(),
        );
    }
    for (prefix, label_id, label_en, unit) in [
        ("rank_", "Peringkat", "Rank", ""),
        ("score_", "Skor", "Score", SHARE),
    ] {
        if let Some(id) = header.strip_prefix(prefix)
            && let Some(s) = study.scenarios.iter().find(|s| s.id == id)
        {
            let name = lang.pick(&s.name_id, &s.name_en);
            return (
                format!("{}: {name}", l(label_id, label_en)),
                format!(
                    "{} {name}",
                    l(
                        &format!("{} dalam skenario", label_id.to_lowercase()),
                        &format!("{} in the scenario", label_en.to_lowercase())
                    )
                ),
                unit.into(),
            );
        }
    }
    (header.to_string(), String::new(), String::new())
}

/// The sheet title of a CSV table (at most 31 characters, Excel's limit).
pub fn sheet_title(stem: &str, lang: Lang) -> Option<&'static str> {
    let (id, en) = match stem {
        "weights" => ("Bobot", "Weights"),
        "consistency" => ("Konsistensi", "Consistency"),
        "revisit" => ("Penilaian ditinjau ulang", "Judgments to revisit"),
        "ranking_kelurahan" => ("Peringkat kelurahan", "Ranking kelurahan"),
        "unggulan_kelurahan" => ("Unggulan kelurahan", "Winners kelurahan"),
        "ranking_kecamatan" => ("Peringkat kecamatan", "Ranking kecamatan"),
        "unggulan_kecamatan" => ("Unggulan kecamatan", "Winners kecamatan"),
        "ranking_kota" => ("Peringkat kota", "Ranking kota"),
        "unggulan_kota" => ("Unggulan kota", "Winners kota"),
        "lampiran_keputusan" => ("Lampiran keputusan", "Decree annex"),
        "stability" => ("Kestabilan", "Stability"),
        "sensitivity_thresholds" => ("Ambang sensitivitas", "Sensitivity thresholds"),
        "sensitivity_sweeps" => ("Sapuan bobot", "Weight sweeps"),
        "sensitivity_curves" => ("Kurva sapuan", "Sweep curves"),
        "smaa_acceptability" => ("SMAA peluang peringkat", "SMAA acceptability"),
        "smaa_central_weights" => ("SMAA bobot sentral", "SMAA central weights"),
        "smaa_pairwise" => ("SMAA perbandingan", "SMAA pairwise"),
        "scenarios" => ("Skenario", "Scenarios"),
        "scenario_ranks" => ("Peringkat per skenario", "Ranks by scenario"),
        _ => return None,
    };
    Some(lang.pick(id, en))
}

/// Columns holding yes/no (CSV `true` / `false`), written as "Ya" / "Tidak".
pub const YES_NO: [&str; 8] = [
    "agreed_by_fgd",
    "consistent",
    "included",
    "tied",
    "tie_needs_decision",
    "needs_fgd_decision",
    "same_members",
    "same_winner",
];

/// Columns holding a criterion id, written as the criterion's name.
const CRITERION_COLUMNS: [&str; 6] = [
    "criterion",
    "parent",
    "nearest_criterion",
    "criterion_a",
    "criterion_b",
    "node",
];

/// A criterion's name in `lang` from its id, looked up in the levels' criteria sets.
pub fn criterion_name<'a>(study: &'a Study, id: &str, lang: Lang) -> Option<&'a str> {
    study
        .levels
        .iter()
        .flat_map(|l| &l.criteria.criteria)
        .find(|c| c.id == id)
        .map(|c| lang.pick(c.name_id.as_str(), c.name_en.as_str()))
}

/// A code cell in words, or `None` to write the cell as it is (names, numbers, ids).
pub fn word(study: &Study, column: &str, cell: &str, lang: Lang) -> Option<String> {
    let l = |id: &str, en: &str| Some(lang.pick(id, en).to_string());
    if YES_NO.contains(&column) {
        return match cell {
            "true" => l("Ya", "Yes"),
            "false" => l("Tidak", "No"),
            _ => None,
        };
    }
    if CRITERION_COLUMNS.contains(&column) {
        if column == "node" && cell == "goal" {
            return l("Tujuan (semua kriteria)", "Goal (all criteria)");
        }
        return criterion_name(study, cell, lang).map(str::to_string);
    }
    match (column, cell) {
        ("verdict", v) => Some(crate::report::summary::verdict_word(v, lang).to_string()),
        ("role", "") => None,
        ("role", r) => Some(crate::report::berita_acara::role_name(r)),
        ("participant", "(group)") => l("(gabungan panel)", "(panel aggregate)"),
        ("direction", "decrease") => l("turun", "decrease"),
        ("direction", "increase") => l("naik", "increase"),
        ("status", "unggulan") => l("unggulan", "winner"),
        ("status", "dipertimbangkan") => l("dipertimbangkan", "considered"),
        ("status", "kosong") => l("kosong", "empty"),
        ("method", "eigenvector") => l("vektor eigen", "eigenvector"),
        ("method", "geometric") => l("rata-rata geometrik baris", "row geometric mean"),
        ("method", "column-mean") => l("rata-rata kolom ternormalisasi", "normalised column mean"),
        ("aggregation", "aij") => l(
            "rata-rata geometrik penilaian (AIJ)",
            "geometric mean of judgments (AIJ)",
        ),
        ("aggregation", "aip-geometric") => l(
            "rata-rata geometrik bobot (AIP)",
            "geometric mean of priorities (AIP)",
        ),
        ("aggregation", "aip-arithmetic") => l(
            "rata-rata aritmetik bobot (AIP)",
            "arithmetic mean of priorities (AIP)",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_id_is_listed_once_with_both_labels() {
        for (i, col) in COLUMNS.iter().enumerate() {
            assert!(
                COLUMNS[i + 1..].iter().all(|o| o.id != col.id),
                "{} twice",
                col.id
            );
            assert!(!col.label_id.is_empty() && !col.label_en.is_empty());
            assert!(!col.meaning_id.is_empty() && !col.meaning_en.is_empty());
        }
    }

    #[test]
    fn sheet_titles_fit_excel() {
        for stem in [
            "weights",
            "revisit",
            "sensitivity_thresholds",
            "smaa_acceptability",
            "scenario_ranks",
        ] {
            for lang in [Lang::Id, Lang::En] {
                let t = sheet_title(stem, lang).unwrap();
                assert!(t.chars().count() <= 31, "{t}");
            }
        }
        assert_eq!(sheet_title("weights", Lang::Id), Some("Bobot"));
        assert_eq!(sheet_title("other", Lang::Id), None);
    }
}
