//! The Markdown summary a planner reads top to bottom, in Bahasa Indonesia or English.

use std::fmt::Write;

use super::lang::Lang;
use crate::model::{InconsistentPolicy, Level, ReferenceKind, RegionRef, Scoring, Study, WeightSource};
use crate::select::{Group, Selection};
use crate::weights::PanelWeights;

/// Escapes text from input data for Markdown tables (pipes, HTML angle brackets, newlines).
pub fn md(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

fn level_name(lang: Lang, level: Level) -> &'static str {
    match level {
        Level::Kelurahan => "kelurahan",
        Level::Kecamatan => "kecamatan",
        Level::Kota => lang.pick("kota", "city"),
    }
}

fn winner_cell(study: &Study, lang: Lang, g: &Group) -> String {
    let winners: Vec<String> = g
        .winners()
        .map(|e| {
            let c = &study.candidates.list[e.candidate];
            format!("{} ({}) {}", md(&c.name), md(&c.product), lang.num(e.score, 4))
        })
        .collect();
    if winners.is_empty() {
        return lang.pick("— (tidak ada kandidat)", "— (no candidates)").to_string();
    }
    let mut s = winners.join("; ");
    if g.tie_at_cut {
        s.push_str(lang.pick(" **(seri: diputuskan FGD)**", " **(tie: FGD decides)**"));
    }
    s
}

/// Writes the summary.
pub fn summary(study: &Study, panels: &[PanelWeights], selection: &Selection, lang: Lang) -> String {
    let mut o = String::new();
    let m = &study.method;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let _ = writeln!(o, "# {}: {}\n", l("Rekomendasi Produk Unggulan Daerah", "Superior Local Product (PUD) recommendations"), md(&study.name));
    if study.illustrative {
        let note = lang.pick(&study.note_id, &study.note_en);
        let _ = writeln!(o, "> **{}** {}\n", l("Data ilustratif.", "Illustrative data."), md(note));
    } else if !lang.pick(&study.note_id, &study.note_en).is_empty() {
        let _ = writeln!(o, "> {}\n", md(lang.pick(&study.note_id, &study.note_en)));
    }

    // Overview.
    let kel_groups: Vec<&Group> = selection.level(Level::Kelurahan).collect();
    let filled = kel_groups.iter().filter(|g| !g.entries.is_empty()).count();
    let ties: Vec<&&Group> = kel_groups.iter().filter(|g| g.tie_at_cut).collect();
    let participants: usize = panels.iter().map(|p| p.participants.len()).sum();
    let inconsistent: usize = panels.iter().map(|p| p.participants.iter().filter(|r| !r.consistent).count()).sum();
    let _ = writeln!(o, "## {}\n", l("Ringkasan", "Overview"));
    let _ = writeln!(
        o,
        "- {}: {} {}, {} kecamatan, {} {} ({}).",
        l("Wilayah", "Area"),
        study.regions.kelurahan.len(),
        "kelurahan",
        study.regions.kecamatan.len(),
        study.categories.len(),
        l("kategori", "categories"),
        study.categories.join(", ")
    );
    let _ = writeln!(o, "- {}: {}.", l("Kandidat UMKM", "Candidate UMKM"), study.candidates.list.len());
    let _ = writeln!(
        o,
        "- {}: {} {} {} {}; {} {}.",
        l("Kelompok kelurahan × kategori", "Kelurahan × category groups"),
        filled,
        l("dari", "of"),
        kel_groups.len(),
        l("memiliki unggulan", "have an unggulan"),
        kel_groups.len() - filled,
        l("kosong", "empty")
    );
    let _ = writeln!(
        o,
        "- {}: {} {} {} {} (CR > {}).",
        l("Peserta FGD", "FGD participants"),
        participants,
        l("orang;", "people;"),
        inconsistent,
        l("tidak konsisten", "inconsistent"),
        lang.num(m.consistency_threshold, 2)
    );
    let _ = writeln!(o, "- {}: {}.\n", l("Seri yang perlu diputuskan FGD", "Ties the FGD must decide"), ties.len());

    // Method.
    let _ = writeln!(o, "## {}\n", l("Metode", "Method"));
    let _ = writeln!(o, "| {} | {} |\n|---|---|", l("Pilihan", "Choice"), l("Nilai", "Value"));
    let scoring = match m.scoring {
        Scoring::Topsis => "TOPSIS (Hwang & Yoon 1981)",
        Scoring::WeightedSum => l("Jumlah terbobot (SAW)", "Weighted sum (SAW)"),
    };
    let reference = match m.reference {
        ReferenceKind::Relative => l("relatif (A+ dan A- dari kandidat dalam kelompok)", "relative (A+ and A- from the group's candidates)"),
        ReferenceKind::Fixed => l("tetap (A+ dan A- dari batas skala kriteria)", "fixed (A+ and A- from the criteria scale bounds)"),
    };
    let policy = match m.inconsistent_participants {
        InconsistentPolicy::Flag => l("ditandai, tetap diikutkan", "flagged, kept in the aggregation"),
        InconsistentPolicy::Exclude => l("dikeluarkan dari agregasi", "excluded from the aggregation"),
    };
    let rows: [(&str, String); 10] = [
        (l("Metode penilaian", "Scoring method"), scoring.to_string()),
        (l("Normalisasi", "Normalisation"), m.normalization.to_string()),
        (l("Titik acuan", "Reference points"), reference.to_string()),
        (l("Bobot AHP", "AHP priorities"), m.ahp_method.to_string()),
        (l("Tabel Indeks Random (RI)", "Random Index (RI) table"), format!("{} ({})", m.ri_table, m.ri_table.citation())),
        (l("Agregasi kelompok", "Group aggregation"), m.aggregation.to_string()),
        (l("Ambang rasio konsistensi", "Consistency ratio threshold"), format!("CR ≤ {}", lang.num(m.consistency_threshold, 2))),
        (l("Peserta tidak konsisten", "Inconsistent participants"), policy.to_string()),
        (l("Unggulan per kelompok", "Winners per group"), m.winners.to_string()),
        (l("Aturan seri", "Tie rule"), format!("{} {}", l("selisih skor ≤", "score difference ≤"), m.tie_tolerance) + l(": urutan berkas kandidat, ditandai untuk FGD", ": candidates-file order, flagged for the FGD")),
    ];
    for (k, v) in rows {
        let _ = writeln!(o, "| {k} | {v} |");
    }
    o.push('\n');

    // Weights per level.
    let _ = writeln!(o, "## {}\n", l("Bobot kriteria", "Criteria weights"));
    for (li, spec) in study.levels.iter().enumerate() {
        let set = &spec.criteria;
        let _ = writeln!(o, "### {} {} ({})\n", l("Tingkat", "Level:"), level_name(lang, spec.level), md(lang.pick(&set.name_id, &set.name_en)));
        let names: Vec<String> = set.leaves.iter().map(|&c| md(lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en))).collect();
        let _ = writeln!(o, "| {} | {} | CR |", l("Panel", "Panel"), names.join(" | "));
        let _ = writeln!(o, "|---|{}---|", "---:|".repeat(names.len()));
        match &spec.weights {
            WeightSource::Explicit(_) | WeightSource::Equal => {
                let n = set.leaves.len();
                let w = if let WeightSource::Explicit(w) = &spec.weights { w.clone() } else { vec![1.0 / n as f64; n] };
                let label = if matches!(spec.weights, WeightSource::Equal) { l("bobot sama", "equal weights") } else { l("bobot ditetapkan", "explicit weights") };
                let cells: Vec<String> = w.iter().map(|x| lang.num(*x, 4)).collect();
                let _ = writeln!(o, "| {label} | {} | — |", cells.join(" | "));
            }
            WeightSource::OwnPanel | WeightSource::Panel(_) => {
                for pw in panels.iter().filter(|p| study.panels[p.panel].level == li) {
                    let panel = &study.panels[pw.panel];
                    let cells: Vec<String> = pw.weights.iter().map(|x| lang.num(*x, 4)).collect();
                    let cr = pw.group_nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
                    let _ = writeln!(o, "| {} {} | {} | {} |", study.regions.code_of(panel.region), md(study.regions.name_of(panel.region)), cells.join(" | "), lang.num(cr, 3));
                }
            }
        }
        o.push('\n');
    }

    // Consistency.
    let _ = writeln!(o, "## {}\n", l("Konsistensi penilaian", "Consistency of judgments"));
    let bad: Vec<(usize, usize)> = panels
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.participants.iter().enumerate().filter(|(_, r)| !r.consistent).map(move |(k, _)| (pi, k)))
        .collect();
    if bad.is_empty() {
        let _ = writeln!(o, "{}\n", l("Semua peserta konsisten.", "Every participant is consistent."));
    } else {
        let _ = writeln!(
            o,
            "{}\n",
            l(
                "Peserta berikut memiliki CR di atas ambang. Kolom terakhir menunjukkan penilaian yang paling perlu ditinjau ulang dan nilai yang konsisten dengan bobotnya (lengkap di `revisit.csv`).",
                "These participants have a CR above the threshold. The last column shows the judgment most worth revisiting and the value that would be consistent with their weights (all in `revisit.csv`)."
            )
        );
        let _ = writeln!(o, "| Panel | {} | {} | CR | {} | {} |\n|---|---|---|---:|---|---|", l("Peserta", "Participant"), l("Peran", "Role"), l("Diikutkan", "Included"), l("Tinjau ulang", "Revisit"));
        for (pi, k) in bad {
            let pw = &panels[pi];
            let panel = &study.panels[pw.panel];
            let set = &study.levels[panel.level].criteria;
            let r = &pw.participants[k];
            let cr = r.nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
            let hint = r.revisit.first().and_then(|(node, d)| d.first().map(|d| (node, d))).map_or_else(String::new, |(node, d)| {
                let ch = &set.nodes[*node].children;
                format!(
                    "{} vs {}: {} → {} ({} {})",
                    set.criteria[ch[d.row]].id,
                    set.criteria[ch[d.col]].id,
                    fraction(d.given, lang),
                    lang.num(d.consistent, 2),
                    l("skala Saaty terdekat", "nearest Saaty value"),
                    fraction(d.suggested_saaty, lang)
                )
            });
            let p = &panel.participants[k];
            let _ = writeln!(
                o,
                "| {} {} | {} | {} | {} | {} | {} |",
                study.regions.code_of(panel.region),
                md(study.regions.name_of(panel.region)),
                md(&p.id),
                md(&p.role),
                lang.num(cr, 3),
                if r.included { l("ya", "yes") } else { l("tidak", "no") },
                hint
            );
        }
        o.push('\n');
    }
    if panels.iter().any(|p| p.nobody_consistent) {
        let _ = writeln!(o, "{}\n", l("Catatan: pada panel yang semua pesertanya tidak konsisten, semua penilaian tetap diikutkan agar bobot tetap ada.", "Note: in panels where no participant is consistent, all judgments were kept so that the panel still has weights."));
    }

    // Winners per kelurahan, grouped by kecamatan.
    let cats: Vec<String> = study.categories.iter().map(|c| md(c)).collect();
    let _ = writeln!(o, "## {}\n", l("Unggulan kelurahan", "Kelurahan unggulan"));
    for (ki, kec) in study.regions.kecamatan.iter().enumerate() {
        let _ = writeln!(o, "### Kecamatan {} ({})\n", md(&kec.name), kec.code);
        let _ = writeln!(o, "| Kelurahan | {} |\n|---|{}", cats.join(" | "), "---|".repeat(cats.len()));
        for (k, kel) in study.regions.kelurahan.iter().enumerate().filter(|(_, k)| k.kecamatan == ki) {
            let cells: Vec<String> = (0..study.categories.len())
                .map(|c| {
                    kel_groups
                        .iter()
                        .find(|g| g.region == RegionRef::Kelurahan(k) && g.category == c)
                        .map_or_else(String::new, |g| winner_cell(study, lang, g))
                })
                .collect();
            let _ = writeln!(o, "| {} | {} |", md(&kel.name), cells.join(" | "));
        }
        o.push('\n');
    }
    for level in [Level::Kecamatan, Level::Kota] {
        let groups: Vec<&Group> = selection.level(level).collect();
        if groups.is_empty() {
            continue;
        }
        let title = match level {
            Level::Kecamatan => l("Unggulan kecamatan", "Kecamatan unggulan"),
            _ => l("Unggulan kota", "City unggulan"),
        };
        let _ = writeln!(o, "## {title}\n");
        let _ = writeln!(o, "{}\n", l("Nominasi dari setiap kelurahan dibandingkan kembali dengan kriteria dan bobot tingkat ini.", "The nominees from the level below are compared again with this level's criteria and weights."));
        let _ = writeln!(o, "| {} | {} |\n|---|{}", level_name(lang, level), cats.join(" | "), "---|".repeat(cats.len()));
        let mut regions: Vec<RegionRef> = groups.iter().map(|g| g.region).collect();
        regions.dedup();
        for region in regions {
            let cells: Vec<String> = (0..study.categories.len())
                .map(|c| groups.iter().find(|g| g.region == region && g.category == c).map_or_else(String::new, |g| winner_cell(study, lang, g)))
                .collect();
            let _ = writeln!(o, "| {} | {} |", md(study.regions.name_of(region)), cells.join(" | "));
        }
        o.push('\n');
    }

    // Things to decide and notes.
    if !ties.is_empty() {
        let _ = writeln!(o, "## {}\n", l("Seri yang perlu diputuskan FGD", "Ties for the FGD to decide"));
        for g in &ties {
            let names: Vec<String> = g.entries.iter().filter(|e| e.tied).map(|e| md(&study.candidates.list[e.candidate].name)).collect();
            let _ = writeln!(o, "- {} / {}: {}", md(study.regions.name_of(g.region)), study.categories[g.category], names.join(", "));
        }
        o.push('\n');
    }
    if !study.warnings.is_empty() {
        let _ = writeln!(o, "## {}\n", l("Catatan", "Notes"));
        for w in &study.warnings {
            let _ = writeln!(o, "- {}", md(w));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## {}\n", l("Berkas", "Files"));
    let files: [(&str, &str, &str); 12] = [
        ("weights.csv", "bobot kriteria per panel dan tingkat", "criteria weights per panel and level"),
        ("consistency.csv", "lambda maks, CI, RI, CR setiap peserta dan panel", "lambda max, CI, RI, CR of every participant and panel"),
        ("revisit.csv", "penilaian yang perlu ditinjau ulang", "judgments to revisit"),
        ("ranking_kelurahan.csv", "peringkat lengkap setiap kelompok kelurahan", "full ranking of every kelurahan group"),
        ("unggulan_kelurahan.csv", "unggulan kelurahan", "kelurahan unggulan"),
        ("ranking_kecamatan.csv", "peringkat nominasi per kecamatan", "nominee ranking per kecamatan"),
        ("unggulan_kecamatan.csv", "unggulan kecamatan", "kecamatan unggulan"),
        ("summary.md", "ringkasan ini", "this summary"),
        ("index.html", "laporan lengkap untuk dibuka di peramban dan dicetak", "the full report, to open in a browser and print"),
        ("tabel.xlsx", "semua tabel dalam satu buku kerja Excel", "every table in one Excel workbook"),
        ("berita_acara/", "draf berita acara per kelurahan", "draft berita acara (minutes) per kelurahan"),
        ("manifest.json", "versi, hash masukan, dan semua pilihan metode", "version, input hashes and every method choice"),
    ];
    for (f, id, en) in files {
        let _ = writeln!(o, "- `{f}`: {}", lang.pick(id, en));
    }
    o
}

/// A judgment as planners write it: `3`, `1/5`, or a decimal for non-Saaty values.
pub fn fraction(x: f64, lang: Lang) -> String {
    let r = x.round();
    if (x - r).abs() < 1e-9 && r >= 1.0 {
        return format!("{r}");
    }
    let inv = (1.0 / x).round();
    if (1.0 / x - inv).abs() < 1e-9 && inv >= 2.0 {
        return format!("1/{inv}");
    }
    lang.num(x, 2)
}
