//! What each file of a report folder holds, in words: one list for the summary and
//! `index.html`, so that both describe a file the same way and list only what is written.

use super::lang::Lang;
use super::{results, xlsx};

/// The entries to list for a report folder's files: top-level files as they are, and each
/// folder (`charts/`, `berita_acara/`) once, as `name/`, where its first file stands.
pub fn entries(files: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for f in files {
        let entry = f.find('/').map_or(f.as_str(), |slash| &f[..=slash]);
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

/// What a report entry (a file name, or a folder as `name/`) holds; `None` for a name this
/// version of unggul does not write.
pub fn describe(entry: &str, lang: Lang) -> Option<&'static str> {
    // A table written as Parquet holds what its CSV would.
    if let Some(stem) = entry.strip_suffix(".parquet") {
        return describe(&format!("{stem}.csv"), lang);
    }
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    Some(match entry {
        "weights.csv" => l(
            "bobot kriteria per panel dan tingkat",
            "criteria weights per panel and level",
        ),
        "consistency.csv" => l(
            "lambda maks, CI, RI, CR setiap peserta dan panel",
            "lambda max, CI, RI, CR of every participant and panel",
        ),
        "revisit.csv" => l(
            "penilaian yang perlu ditinjau ulang",
            "judgments to revisit",
        ),
        "ranking_kelurahan.csv" => l(
            "peringkat lengkap setiap kelompok kelurahan",
            "full ranking of every kelurahan group",
        ),
        "unggulan_kelurahan.csv" => l("unggulan kelurahan", "kelurahan unggulan"),
        "ranking_kecamatan.csv" => l(
            "peringkat nominasi per kecamatan",
            "nominee ranking per kecamatan",
        ),
        "unggulan_kecamatan.csv" => l("unggulan kecamatan", "kecamatan unggulan"),
        "ranking_kota.csv" => l(
            "peringkat nominasi tingkat kota",
            "nominee ranking for the city",
        ),
        "unggulan_kota.csv" => l("unggulan kota", "city unggulan"),
        "stability.csv" => l(
            "putusan stabilitas setiap kelompok",
            "stability verdict of every group",
        ),
        "sensitivity_thresholds.csv" => l(
            "ambang kritis setiap bobot kriteria",
            "critical thresholds of every criterion weight",
        ),
        "sensitivity_sweeps.csv" => l(
            "skor kandidat saat satu bobot digeser dari 0 ke 1",
            "candidate scores as one weight goes from 0 to 1",
        ),
        "sensitivity_curves.csv" => l(
            "kurva geser bobot dalam bentuk tepat (koefisien per kandidat)",
            "the weight-sweep curves in exact form (coefficients per candidate)",
        ),
        "smaa_acceptability.csv" => l(
            "indeks penerimaan peringkat (SMAA-2)",
            "rank acceptability indices (SMAA-2)",
        ),
        "smaa_central_weights.csv" => l("vektor bobot sentral", "central weight vectors"),
        "smaa_pairwise.csv" => l("indeks kemenangan berpasangan", "pairwise winning indices"),
        "scenarios.csv" => l(
            "perbandingan skenario pembobotan per kelompok",
            "weighting scenarios compared per group",
        ),
        "scenario_ranks.csv" => l(
            "peringkat setiap kandidat per skenario",
            "every candidate's rank per scenario",
        ),
        "summary.md" => l("ringkasan dalam Markdown", "the summary in Markdown"),
        "charts/" => l("grafik dalam PNG dan SVG", "charts as PNG and SVG"),
        xlsx::FILE_NAME => l(
            "semua tabel dalam satu buku kerja Excel",
            "every table in one Excel workbook",
        ),
        "berita_acara/" => l(
            "draf berita acara per kelurahan",
            "draft berita acara (minutes) per kelurahan",
        ),
        "explore.html" => l(
            "halaman simulasi untuk forum FGD: geser bobot dan ubah penilaian, peringkat ikut berubah (tanpa internet)",
            "what-if page for the FGD room: move weights and change judgments, the ranking follows (offline)",
        ),
        "explore/" => l(
            "halaman simulasi per kecamatan",
            "what-if page per kecamatan",
        ),
        "index.html" => l(
            "laporan lengkap untuk dibuka di peramban dan dicetak",
            "the full report, to open in a browser and print",
        ),
        results::FILE_NAME | results::GZ_FILE_NAME => l(
            "seluruh hasil analisis, dibaca oleh perintah unggul report",
            "the whole analysis, read by the unggul report command",
        ),
        "manifest.json" => l(
            "versi, hash masukan, dan semua pilihan metode",
            "version, input hashes and every method choice",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_listed_once_where_they_start() {
        let files: Vec<String> = [
            "weights.csv",
            "charts/a.png",
            "charts/a.svg",
            "summary.md",
            "berita_acara/1.html",
            "berita_acara/2.html",
            "manifest.json",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            entries(&files),
            [
                "weights.csv",
                "charts/",
                "summary.md",
                "berita_acara/",
                "manifest.json"
            ]
        );
        for e in entries(&files) {
            assert!(describe(e, Lang::En).is_some(), "{e} is described");
        }
    }
}
