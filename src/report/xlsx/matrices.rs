//! The workbook's two sheets that have no CSV table: the candidates' indicator values per
//! level, and every panel's aggregated pairwise matrix with its CR. Both come straight from
//! the analysis (the values the scores were computed from, the matrices the weights were
//! computed from), so a participant can check what the ranking rests on.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::dictionary::{criterion_name, describe};
use super::{DictRow, Formats, col, print_setup, row_index, write_text};
use crate::Analysis;
use crate::model::{Level, Scale};
use crate::report::lang::Lang;

/// A leaf criterion's column header: its name with its unit, "Tenaga kerja (orang)".
fn criterion_header(scale: Option<&Scale>, name: &str, lang: Lang) -> String {
    match scale {
        Some(Scale::Quantity { unit, .. }) if !unit.is_empty() => format!("{name} ({unit})"),
        Some(Scale::Rating { min, max, .. }) => format!(
            "{name} ({} {}–{})",
            lang.pick("skor", "score"),
            lang.num(*min, 0),
            lang.num(*max, 0)
        ),
        _ => name.to_string(),
    }
}

/// One sheet per level: every group's candidates, best first, with the raw value of each of
/// the level's criteria.
pub fn indicator_sheets(
    analysis: &Analysis,
    lang: Lang,
    f: &Formats,
    dict: &mut Vec<DictRow>,
) -> Result<Vec<Worksheet>, XlsxError> {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let candidates_file = study
        .inputs
        .iter()
        .find(|i| i.role == "candidates")
        .map_or(super::CANDIDATES_CSV, |i| i.path.as_str());
    let mut sheets = Vec::new();
    for (level_index, spec) in study.levels.iter().enumerate() {
        let mut sheet = Worksheet::new();
        let title = format!("{} {}", l("Indikator", "Indicators"), spec.level.id());
        sheet.set_name(&title)?;
        let fixed = [
            "kecamatan",
            "kelurahan",
            "category",
            "id",
            "name",
            "product",
            "rank",
        ];
        let mut header: Vec<String> = Vec::new();
        for id in fixed {
            let (label, meaning, unit) = describe(study, id, lang);
            let meaning = if id == "rank" {
                l(
                    "peringkat kandidat dalam kelompoknya (1 = unggulan)",
                    "the candidate's rank in its group (1 = winner)",
                )
                .to_string()
            } else {
                meaning
            };
            dict.push(DictRow::new(&title, &label, "", &meaning, &unit));
            header.push(label);
        }
        let set = &spec.criteria;
        for &leaf in &set.leaves {
            let c = &set.criteria[leaf];
            let name = lang.pick(&c.name_id, &c.name_en);
            let label = criterion_header(c.scale.as_ref(), name, lang);
            let indicator = lang.pick(&c.indicator_id, &c.indicator_en);
            let unit = match &c.scale {
                Some(Scale::Quantity { unit, .. }) => unit.clone(),
                Some(Scale::Rating { min, max, .. }) => {
                    format!("{}–{}", lang.num(*min, 0), lang.num(*max, 0))
                }
                None => String::new(),
            };
            dict.push(DictRow::new(
                &title,
                &label,
                &format!("{candidates_file}: {}", c.id),
                &format!(
                    "{} ({})",
                    indicator,
                    lang.pick(&c.description_id, &c.description_en)
                ),
                &unit,
            ));
            header.push(label);
        }
        for (c, h) in header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), h, &f.wrapped_header)?;
        }
        let mut row = 0;
        for group in analysis.selection.level(spec.level) {
            if group.level_index != level_index {
                continue;
            }
            let category = &study.categories[group.category];
            for &e in &group.order {
                let entry = &group.entries[e];
                let cand = &study.candidates.list[entry.candidate];
                let kel = &study.regions.kelurahan[cand.kelurahan];
                let kec = &study.regions.kecamatan[kel.kecamatan];
                row += 1;
                let r = row_index(row);
                for (c, text) in [
                    &kec.name,
                    &kel.name,
                    category,
                    &cand.id,
                    &cand.name,
                    &cand.product,
                ]
                .into_iter()
                .enumerate()
                {
                    write_text(&mut sheet, r, col(c), text, f)?;
                }
                sheet.write_number_with_format(r, 6, entry.rank as f64, &f.integer)?;
                for (j, &column) in spec.columns.iter().enumerate() {
                    if let Some(&x) = cand.values.get(column).filter(|x| x.is_finite()) {
                        sheet.write_number(r, col(fixed.len() + j), x)?;
                    }
                }
            }
        }
        for (c, w) in [16, 18, 12, 14, 30, 24, 10].into_iter().enumerate() {
            sheet.set_column_width(col(c), w)?;
        }
        for j in 0..spec.columns.len() {
            sheet.set_column_width(col(fixed.len() + j), 16)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        if row > 0 {
            sheet.autofilter(0, 0, row_index(row), col(header.len() - 1))?;
        }
        print_setup(&mut sheet)?;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Title of the pairwise sheet.
pub fn pairwise_title(lang: Lang) -> &'static str {
    lang.pick("Matriks berpasangan panel", "Panel pairwise matrices")
}

/// Every panel's aggregated pairwise matrices: one block per panel and hierarchy node, with
/// the panel, the node, its CR and the priorities the matrix gives.
pub fn pairwise_sheet(
    analysis: &Analysis,
    lang: Lang,
    f: &Formats,
    dict: &mut Vec<DictRow>,
) -> Result<Worksheet, XlsxError> {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let title = pairwise_title(lang);
    let mut sheet = Worksheet::new();
    sheet.set_name(title)?;
    let heading = l(
        "Matriks perbandingan berpasangan gabungan tiap panel FGD: sel baris i, kolom j = seberapa penting kriteria i dibanding kriteria j",
        "Aggregated pairwise comparison matrix of every FGD panel: cell in row i, column j = how much more important criterion i is than criterion j",
    );
    sheet.write_string_with_format(0, 0, heading, &f.header)?;
    let (cr_label, cr_meaning, _) = describe(study, "cr", lang);
    for (label, meaning, unit) in [
        (
            l("Panel", "Panel"),
            l(
                "wilayah dan kode panel FGD, tingkat, dan jumlah peserta yang penilaiannya digabung",
                "region and code of the FGD panel, its level, and how many participants' judgments were combined",
            ),
            "",
        ),
        (
            l("Simpul", "Node"),
            l(
                "matriks yang dinilai: tujuan (semua kriteria) atau kriteria induk",
                "matrix judged: the goal (all criteria) or a parent criterion",
            ),
            "",
        ),
        (cr_label.as_str(), cr_meaning.as_str(), "rasio"),
        (
            l("Kriteria × kriteria", "Criterion × criterion"),
            l(
                "penilaian gabungan panel (rata-rata geometrik penilaian peserta yang diikutkan)",
                "the panel's aggregated judgment (geometric mean of the included participants' judgments)",
            ),
            "skala Saaty 1/9–9",
        ),
        (
            l("Bobot lokal", "Local weight"),
            l(
                "bobot kriteria dari matriks ini",
                "the criterion's weight from this matrix",
            ),
            "0–1",
        ),
    ] {
        dict.push(DictRow::new(title, label, "", meaning, unit));
    }
    let mut r: u32 = 2;
    let mut widest = 0;
    let threshold = study.method.consistency_threshold;
    for pw in &analysis.panels {
        let panel = &study.panels[pw.panel];
        let spec = &study.levels[panel.level];
        let set = &spec.criteria;
        let name = format!(
            "{} ({})",
            study.regions.name_of(panel.region),
            study.regions.code_of(panel.region)
        );
        let included = pw.participants.iter().filter(|p| p.included).count();
        for (k, node) in set.nodes.iter().enumerate() {
            let (Some(matrix), Some(priorities)) =
                (pw.group_matrices.get(k), pw.group_nodes.get(k))
            else {
                continue;
            };
            sheet.write_string_with_format(r, 0, l("Panel", "Panel"), &f.header)?;
            write_text(&mut sheet, r, 1, &name, f)?;
            sheet.write_string(r, 2, level_word(spec.level, lang))?;
            sheet.write_string(r, 3, l("peserta digabung", "participants combined"))?;
            sheet.write_number_with_format(r, 4, included as f64, &f.integer)?;
            r += 1;
            let node_name = node.criterion.map_or_else(
                || l("Tujuan (semua kriteria)", "Goal (all criteria)").to_string(),
                |c| {
                    criterion_name(study, &set.criteria[c].id, lang)
                        .unwrap_or("")
                        .to_string()
                },
            );
            sheet.write_string_with_format(r, 0, l("Simpul", "Node"), &f.header)?;
            sheet.write_string(r, 1, &node_name)?;
            sheet.write_string(r, 2, &cr_label)?;
            match priorities.cr {
                Some(cr) => {
                    sheet.write_number_with_format(r, 3, cr, &f.decimal)?;
                    let verdict = if cr <= threshold {
                        l("konsisten", "consistent")
                    } else {
                        l("tidak konsisten", "inconsistent")
                    };
                    sheet.write_string(r, 4, verdict)?;
                }
                None => {
                    sheet.write_string(r, 4, l("RI tidak tersedia", "no RI"))?;
                }
            }
            r += 1;
            let names: Vec<String> = node
                .children
                .iter()
                .map(|&c| {
                    let crit = &set.criteria[c];
                    lang.pick(&crit.name_id, &crit.name_en).to_string()
                })
                .collect();
            sheet.write_string_with_format(r, 0, l("Kriteria", "Criterion"), &f.wrapped_header)?;
            for (j, n) in names.iter().enumerate() {
                sheet.write_string_with_format(r, col(j + 1), n, &f.wrapped_header)?;
            }
            sheet.write_string_with_format(
                r,
                col(names.len() + 1),
                l("Bobot lokal", "Local weight"),
                &f.wrapped_header,
            )?;
            r += 1;
            for (i, n) in names.iter().enumerate() {
                write_text(&mut sheet, r, 0, n, f)?;
                for j in 0..names.len() {
                    sheet.write_number_with_format(r, col(j + 1), matrix.get(i, j), &f.matrix)?;
                }
                if let Some(&w) = priorities.weights.get(i) {
                    sheet.write_number_with_format(r, col(names.len() + 1), w, &f.decimal)?;
                }
                r += 1;
            }
            widest = widest.max(names.len() + 1);
            r += 1;
        }
    }
    sheet.set_column_width(0, 26)?;
    for j in 1..=widest {
        sheet.set_column_width(col(j), 14)?;
    }
    print_setup(&mut sheet)?;
    Ok(sheet)
}

fn level_word(level: Level, lang: Lang) -> String {
    format!("{} {}", lang.pick("tingkat", "level"), level.id())
}
