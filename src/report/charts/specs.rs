//! Chart specs from a finished analysis: which charts a report gets, with their words in
//! the report's language. Reads results only; never recomputes a score.

use super::{
    Bar, BarChartSpec, BarPanel, Chart, CompositionPanel, CompositionRow, CompositionSpec,
    OverviewCell, OverviewRow, OverviewSection, OverviewSpec, ParticipantWeights, WeightsSpec,
    style,
};
use crate::Analysis;
use crate::model::{Level, RegionRef, Scoring, Study};
use crate::report::Lang;
use crate::report::lang::capitalise;
use crate::report::method::{
    aggregation_text, ahp_method_text, normalization_text, ri_table_name, scoring_text,
};
use crate::score::Direction;
use crate::select::Group;
use crate::weights::{PanelWeights, WeightOrigin};

mod sensitivity;

/// Every chart of the analysis, in report order.
pub fn all(analysis: &Analysis, lang: Lang) -> Vec<(String, Chart)> {
    let study = &analysis.study;
    let mut out = Vec::new();
    let levels: Vec<Level> = [Level::Kelurahan, Level::Kecamatan, Level::Kota]
        .into_iter()
        .filter(|l| study.level(*l).is_some())
        .collect();
    for &level in &levels {
        for region in regions(analysis, level) {
            let path = format!("{}/{}", level.id(), study.regions.code_of(region));
            out.push((path, Chart::Bars(ranking(analysis, lang, level, region))));
        }
    }
    out.push((
        "overview".to_string(),
        Chart::Overview(overview(analysis, lang)),
    ));
    let codes: Vec<&str> = study
        .panels
        .iter()
        .map(|p| study.regions.code_of(p.region))
        .collect();
    for pw in &analysis.panels {
        let panel = &study.panels[pw.panel];
        let code = study.regions.code_of(panel.region);
        // A region with panels on two levels gets the level in the name to keep paths unique.
        let path = if codes.iter().filter(|c| **c == code).count() > 1 {
            format!("weights/{code}-{}", study.levels[panel.level].level.id())
        } else {
            format!("weights/{code}")
        };
        out.push((path, Chart::Weights(panel_weights(study, pw, lang))));
    }
    for (li, spec) in study.levels.iter().enumerate() {
        if let Some((w, origin)) = &analysis.level_weights[li].fixed {
            out.push((
                format!("weights/{}", spec.level.id()),
                Chart::Weights(fixed_weights(study, li, w, origin, lang)),
            ));
        }
    }
    for &level in &levels {
        for region in regions(analysis, level) {
            let path = format!(
                "composition/{}/{}",
                level.id(),
                study.regions.code_of(region)
            );
            out.push((
                path,
                Chart::Composition(composition(analysis, lang, level, region)),
            ));
        }
    }
    sensitivity::all(analysis, lang, &mut out);
    out
}

/// Regions that have groups on a level, in selection order.
fn regions(analysis: &Analysis, level: Level) -> Vec<RegionRef> {
    let mut r: Vec<RegionRef> = analysis.selection.level(level).map(|g| g.region).collect();
    r.dedup();
    r
}

fn groups_of(analysis: &Analysis, level: Level, region: RegionRef) -> Vec<&Group> {
    analysis
        .selection
        .level(level)
        .filter(|g| g.region == region)
        .collect()
}

/// A category id as a heading: first letter upper case.
fn category(study: &Study, c: usize) -> String {
    let id = &study.categories[c];
    let mut chars = id.chars();
    chars
        .next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
}

fn region_title(study: &Study, region: RegionRef) -> String {
    match region {
        RegionRef::Kelurahan(k) => format!("Kelurahan {}", study.regions.kelurahan[k].name),
        RegionRef::Kecamatan(k) => format!("Kecamatan {}", study.regions.kecamatan[k].name),
        RegionRef::Kota => study.regions.name.clone(),
    }
}

/// Where a region sits and its code, for subtitles.
fn region_line(study: &Study, region: RegionRef, lang: Lang) -> String {
    let code = study.regions.code_of(region);
    match region {
        RegionRef::Kelurahan(k) => {
            let kec = &study.regions.kecamatan[study.regions.kelurahan[k].kecamatan];
            format!(
                "{} {code} · Kecamatan {} ({})",
                lang.pick("Kode", "Code"),
                kec.name,
                kec.code
            )
        }
        _ => format!("{} {code} · {}", lang.pick("Kode", "Code"), study.name),
    }
}

fn score_name(study: &Study, lang: Lang) -> &'static str {
    match study.method.scoring {
        Scoring::Topsis => lang.pick("nilai preferensi TOPSIS (C)", "TOPSIS closeness (C)"),
        Scoring::WeightedSum => lang.pick("skor jumlah terbobot (SAW)", "weighted-sum score (SAW)"),
    }
}

fn score_symbol(study: &Study) -> &'static str {
    match study.method.scoring {
        Scoring::Topsis => "C",
        Scoring::WeightedSum => "S",
    }
}

fn origin_text(study: &Study, origin: &WeightOrigin, lang: Lang) -> String {
    match origin {
        WeightOrigin::Panel(p) => {
            let r = study.panels[*p].region;
            format!(
                "{} {} ({})",
                lang.pick("bobot panel FGD", "weights of the FGD panel"),
                study.regions.name_of(r),
                study.regions.code_of(r)
            )
        }
        WeightOrigin::Explicit => lang
            .pick(
                "bobot ditetapkan dalam berkas studi",
                "weights given in the study file",
            )
            .to_string(),
        WeightOrigin::Equal => lang.pick("bobot sama", "equal weights").to_string(),
        WeightOrigin::Objective(m) => format!(
            "{} ({})",
            lang.pick(
                "bobot objektif dari data",
                "objective weights from the data"
            ),
            m.id()
        ),
    }
}

/// One line naming every method choice that shapes a score.
fn method_line(study: &Study, lang: Lang) -> String {
    let m = &study.method;
    let scoring = scoring_text(m.scoring, lang);
    format!(
        "{}: {scoring}, {} {}, {} {}; {} AHP {}, {} {}, {} {}.",
        lang.pick("Metode", "Method"),
        lang.pick("normalisasi", "normalisation"),
        normalization_text(m.normalization, lang),
        lang.pick("titik acuan", "reference"),
        match m.reference {
            crate::model::ReferenceKind::Relative => lang.pick("relatif", "relative"),
            crate::model::ReferenceKind::Fixed =>
                lang.pick("tetap (batas skala)", "fixed (scale bounds)"),
        },
        lang.pick("bobot", "weights:"),
        ahp_method_text(m.ahp_method, lang),
        lang.pick("agregasi", "aggregation"),
        aggregation_text(m.aggregation, lang),
        lang.pick("tabel RI", "RI table"),
        ri_table_name(m.ri_table),
    )
}

fn data_note(study: &Study, lang: Lang) -> Option<String> {
    let note = lang.pick(&study.note_id, &study.note_en);
    let flag = lang.pick("Data ilustratif", "Illustrative data");
    if study.illustrative && !note.starts_with(flag) {
        Some(format!("{flag}. {note}"))
    } else if study.illustrative {
        Some(note.to_string())
    } else if note.is_empty() {
        None
    } else {
        Some(note.to_string())
    }
}

fn leaf_names(study: &Study, li: usize, lang: Lang) -> Vec<String> {
    let set = &study.levels[li].criteria;
    set.leaves
        .iter()
        .map(|&c| {
            let cr = &set.criteria[c];
            let name = lang.pick(&cr.name_id, &cr.name_en).to_string();
            match cr.direction {
                Direction::Cost => format!(
                    "{name} ({})",
                    lang.pick("biaya: makin kecil makin baik", "cost: less is better")
                ),
                Direction::Benefit => name,
            }
        })
        .collect()
}

fn score_max(analysis: &Analysis) -> f64 {
    let top = analysis
        .selection
        .groups
        .iter()
        .flat_map(|g| &g.entries)
        .map(|e| e.score)
        .fold(0.0, f64::max);
    if top <= 1.0 {
        1.0
    } else {
        style::nice_max(top)
    }
}

/// The label lines of an entry: rank and name, then product (and kelurahan above level 1).
fn entry_labels(
    study: &Study,
    level: Level,
    e: &crate::select::Entry,
    lang: Lang,
) -> (String, String) {
    let c = &study.candidates.list[e.candidate];
    let sub = match level {
        Level::Kelurahan => c.product.clone(),
        _ => format!(
            "{} · {} {}",
            c.product,
            lang.pick("Kel.", "Kel."),
            study.regions.kelurahan[c.kelurahan].name
        ),
    };
    (format!("{}. {}", e.rank, c.name), sub)
}

fn entry_note(e: &crate::select::Entry, lang: Lang) -> String {
    let mut notes = Vec::new();
    if e.selected {
        notes.push("★ unggulan".to_string());
    }
    if e.tied {
        notes.push(lang.pick("seri", "tie").to_string());
    }
    notes.join(" · ")
}

/// A group's panel heading: its category and how many candidates it ranks.
fn panel_title(study: &Study, group: &Group, lang: Lang) -> String {
    format!(
        "{} ({})",
        category(study, group.category),
        count_word(group.level, group.entries.len(), lang)
    )
}

/// The closing lines of every caption: the method, then the note on the data.
fn closing_lines(study: &Study, lang: Lang) -> Vec<String> {
    let mut lines = vec![method_line(study, lang)];
    lines.extend(data_note(study, lang));
    lines
}

fn count_word(level: Level, n: usize, lang: Lang) -> String {
    match level {
        Level::Kelurahan => format!(
            "{n} {}",
            lang.pick("kandidat", if n == 1 { "candidate" } else { "candidates" })
        ),
        _ => format!(
            "{n} {}",
            lang.pick("nominasi", if n == 1 { "nominee" } else { "nominees" })
        ),
    }
}

fn empty_text(level: Level, lang: Lang) -> String {
    match level {
        Level::Kelurahan => lang.pick("tidak ada kandidat", "no candidates"),
        _ => lang.pick("tidak ada nominasi", "no nominees"),
    }
    .to_string()
}

fn tie_notes(study: &Study, groups: &[&Group], lang: Lang) -> Option<String> {
    let cats: Vec<String> = groups
        .iter()
        .filter(|g| g.tie_at_cut)
        .map(|g| category(study, g.category))
        .collect();
    (!cats.is_empty()).then(|| {
        format!(
            "{} {} ({} ≤ {}).",
            lang.pick(
                "Seri di batas unggulan, diputuskan FGD:",
                "Tie at the cut, for the FGD to decide:"
            ),
            cats.join(", "),
            lang.pick("selisih skor", "score difference"),
            lang.num(study.method.tie_tolerance, 4)
        )
    })
}

fn ranking(analysis: &Analysis, lang: Lang, level: Level, region: RegionRef) -> BarChartSpec {
    let study = &analysis.study;
    let groups = groups_of(analysis, level, region);
    let title = match level {
        Level::Kelurahan => format!(
            "{}: {}",
            lang.pick("Peringkat kandidat", "Candidate ranking"),
            region_title(study, region)
        ),
        _ => format!(
            "{}: {}",
            lang.pick("Peringkat nominasi", "Nominee ranking"),
            region_title(study, region)
        ),
    };
    let origin = groups
        .first()
        .map(|g| origin_text(study, &g.origin, lang))
        .unwrap_or_default();
    let panels = groups
        .iter()
        .map(|g| BarPanel {
            title: panel_title(study, g, lang),
            bars: g
                .order
                .iter()
                .map(|&i| {
                    let e = &g.entries[i];
                    let (label, sublabel) = entry_labels(study, level, e, lang);
                    Bar {
                        label,
                        sublabel,
                        value: e.score,
                        value_label: lang.num(e.score, 3),
                        highlight: e.selected,
                        note: entry_note(e, lang),
                    }
                })
                .collect(),
            empty: empty_text(level, lang),
        })
        .collect();
    let unggulan = match level {
        Level::Kelurahan => lang.pick("★ unggulan kelurahan", "★ kelurahan unggulan"),
        Level::Kecamatan => lang.pick("★ unggulan kecamatan", "★ kecamatan unggulan"),
        Level::Kota => lang.pick("★ unggulan kota", "★ city unggulan"),
    };
    let mut caption = vec![method_line(study, lang)];
    if level != Level::Kelurahan {
        caption.push(
            lang.pick(
                "Nominasi = unggulan kelurahan, dinilai ulang dengan kriteria dan bobot tingkat ini.",
                "Nominees = the unggulan of the level below, scored again with this level's criteria and weights.",
            )
            .to_string(),
        );
    }
    caption.extend(tie_notes(study, &groups, lang));
    caption.extend(data_note(study, lang));
    BarChartSpec {
        title,
        subtitle: vec![
            region_line(study, region, lang),
            format!("{}; {origin}", capitalise(score_name(study, lang))),
        ],
        panels,
        max: score_max(analysis),
        highlight_legend: unggulan.to_string(),
        plain_legend: lang.pick("dipertimbangkan", "considered").to_string(),
        axis_label: format!(
            "{}: {}",
            lang.pick("Panjang batang", "Bar length"),
            score_name(study, lang)
        ),
        caption,
        lang,
    }
}

fn composition(
    analysis: &Analysis,
    lang: Lang,
    level: Level,
    region: RegionRef,
) -> CompositionSpec {
    let study = &analysis.study;
    let groups = groups_of(analysis, level, region);
    let li = groups.first().map_or(0, |g| g.level_index);
    let symbol = score_symbol(study);
    let panels = groups
        .iter()
        .map(|g| CompositionPanel {
            title: panel_title(study, g, lang),
            rows: g
                .order
                .iter()
                .map(|&i| {
                    let e = &g.entries[i];
                    let (label, sublabel) = entry_labels(study, level, e, lang);
                    let star = if e.selected { " ★" } else { "" };
                    CompositionRow {
                        label,
                        sublabel,
                        parts: e.contributions.clone(),
                        end_label: format!("{symbol} = {}{star}", lang.num(e.score, 3)),
                        highlight: e.selected,
                    }
                })
                .collect(),
            empty: empty_text(level, lang),
        })
        .collect();
    let axis_label = match study.method.scoring {
        Scoring::Topsis => lang.pick(
            "Segmen = nilai ternormalisasi terbobot v = w × r per kriteria. Skor C = D− / (D+ + D−) dihitung dari jarak ke solusi ideal, bukan jumlah segmen.",
            "Segment = weighted normalised value v = w × r per criterion. The score C = D− / (D+ + D−) comes from the distances to the ideal, not the sum of segments.",
        ),
        Scoring::WeightedSum => lang.pick(
            "Segmen = kontribusi w × u per kriteria; jumlah segmen = skor S.",
            "Segment = contribution w × u per criterion; the segments add up to the score S.",
        ),
    };
    let origin = groups
        .first()
        .map(|g| origin_text(study, &g.origin, lang))
        .unwrap_or_default();
    let mut caption = vec![axis_label.to_string()];
    caption.extend(closing_lines(study, lang));
    CompositionSpec {
        title: format!(
            "{}: {}",
            lang.pick("Komposisi skor", "Score composition"),
            region_title(study, region)
        ),
        subtitle: vec![region_line(study, region, lang), capitalise(&origin)],
        series: leaf_names(study, li, lang),
        panels,
        axis_label: lang
            .pick(
                "Kriteria (nomor di dalam segmen):",
                "Criteria (numbers inside the segments):",
            )
            .to_string(),
        caption,
        lang,
    }
}

/// The RI table of the study as caption text, e.g. "n=3: 0,58 · n=4: 0,90 · ...".
fn ri_line(study: &Study, n: usize, lang: Lang) -> String {
    let table = study.method.ri_table;
    let values: Vec<String> = (3..=15)
        .filter_map(|k| table.value(k).map(|v| format!("{k}: {}", lang.num(v, 2))))
        .collect();
    let source = table
        .citation()
        .split_once(").")
        .map_or(table.citation(), |(a, _)| a);
    format!(
        "{} {table}, {source}); n = {}: {}. {}",
        lang.pick("Indeks Random (RI), tabel", "Random Index (RI), table"),
        lang.pick("ukuran matriks", "matrix size"),
        values.join(" · "),
        lang.pick(
            &format!("Panel ini: n = {n}."),
            &format!("This panel: n = {n}.")
        ),
    )
}

fn consistency_line(study: &Study, pw: &PanelWeights, lang: Lang) -> Vec<String> {
    let set = &study.levels[study.panels[pw.panel].level].criteria;
    let threshold = study.method.consistency_threshold;
    pw.group_nodes
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let node = match set.nodes[k].criterion {
                None => String::new(),
                Some(c) => format!(
                    "{}: ",
                    lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en)
                ),
            };
            let verdict = match p.cr {
                Some(cr) if cr <= threshold => format!(
                    "{} ≤ {}",
                    lang.pick("konsisten", "consistent"),
                    lang.num(threshold, 2)
                ),
                Some(_) => format!(
                    "{} > {}",
                    lang.pick("tidak konsisten", "inconsistent"),
                    lang.num(threshold, 2)
                ),
                None => lang
                    .pick("RI tidak tersedia", "no RI available")
                    .to_string(),
            };
            format!(
                "{node}{} λ{} = {}; CI = {}; RI = {}; CR = {} ({verdict}).",
                lang.pick("Matriks kelompok:", "Group matrix:"),
                lang.pick("maks", "max"),
                lang.num(p.lambda_max, 3),
                lang.num(p.ci, 4),
                p.ri.map_or_else(|| "—".to_string(), |r| lang.num(r, 2)),
                p.cr.map_or_else(|| "—".to_string(), |c| lang.num(c, 3)),
            )
        })
        .collect()
}

fn panel_weights(study: &Study, pw: &PanelWeights, lang: Lang) -> WeightsSpec {
    let panel = &study.panels[pw.panel];
    let spec = &study.levels[panel.level];
    let excluded = pw.participants.iter().filter(|r| !r.included).count();
    let threshold = lang.num(study.method.consistency_threshold, 2);
    let participants: Vec<ParticipantWeights> = panel
        .participants
        .iter()
        .zip(&pw.participants)
        .map(|(p, r)| ParticipantWeights {
            label: format!("{} ({})", p.id, p.role),
            weights: r.weights.clone(),
            included: r.included,
        })
        .collect();
    let crs: Vec<String> = panel
        .participants
        .iter()
        .zip(&pw.participants)
        .map(|(p, r)| {
            let cr = r.nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
            let mark = if r.included {
                ""
            } else {
                lang.pick(" (dikeluarkan)", " (excluded)")
            };
            format!("{} {} {}{mark}", p.id, p.role, lang.num(cr, 3))
        })
        .collect();
    let m = &study.method;
    let mut caption = vec![format!(
        "AHP: {}; {}: {}.",
        ahp_method_text(m.ahp_method, lang),
        lang.pick("agregasi", "aggregation"),
        aggregation_text(m.aggregation, lang)
    )];
    caption.extend(consistency_line(study, pw, lang));
    caption.push(format!(
        "{}: {}.",
        lang.pick("CR peserta", "Participants' CR"),
        crs.join(" · ")
    ));
    let n = study.levels[panel.level]
        .criteria
        .nodes
        .first()
        .map_or(0, |node| node.children.len());
    caption.push(ri_line(study, n, lang));
    if pw.nobody_consistent {
        caption.push(
            lang.pick(
                "Semua peserta tidak konsisten: semua penilaian tetap diikutkan agar panel tetap memiliki bobot.",
                "No participant is consistent: all judgments were kept so that the panel still has weights.",
            )
            .to_string(),
        );
    }
    caption.extend(data_note(study, lang));
    WeightsSpec {
        title: format!(
            "{}: {}",
            lang.pick("Bobot kriteria panel FGD", "Criteria weights, FGD panel"),
            region_title(study, panel.region)
        ),
        subtitle: vec![
            format!(
                "{} {} · {} {} · {} {}, {excluded} {} (CR > {threshold})",
                lang.pick("Kode", "Code"),
                study.regions.code_of(panel.region),
                lang.pick("kriteria tingkat", "criteria of the level"),
                spec.level.id(),
                participants.len(),
                lang.pick("peserta", "participants"),
                lang.pick("dikeluarkan", "excluded"),
            ),
            lang.pick(&spec.criteria.name_id, &spec.criteria.name_en)
                .to_string(),
        ],
        criteria: leaf_names(study, panel.level, lang),
        group: pw.weights.clone(),
        participants,
        group_legend: format!(
            "{} ({})",
            lang.pick("bobot kelompok", "group weight"),
            m.aggregation.to_string().to_uppercase()
        ),
        included_legend: lang
            .pick("bobot seorang peserta", "one participant's weight")
            .to_string(),
        excluded_legend: format!(
            "{} (CR > {threshold})",
            lang.pick("peserta dikeluarkan", "participant excluded")
        ),
        range_legend: lang
            .pick(
                "rentang peserta yang diikutkan (min–maks)",
                "range of included participants (min–max)",
            )
            .to_string(),
        axis_label: lang
            .pick(
                "Sumbu: bobot global kriteria (jumlah = 1)",
                "Axis: global criterion weight (sums to 1)",
            )
            .to_string(),
        caption,
        lang,
    }
}

fn fixed_weights(
    study: &Study,
    li: usize,
    w: &[f64],
    origin: &WeightOrigin,
    lang: Lang,
) -> WeightsSpec {
    let spec = &study.levels[li];
    let group = w.to_vec();
    let what = origin_text(study, origin, lang);
    let mut caption = vec![capitalise(&what) + "."];
    caption.extend(data_note(study, lang));
    WeightsSpec {
        title: format!(
            "{}: {} {}",
            lang.pick("Bobot kriteria", "Criteria weights"),
            lang.pick("tingkat", "level"),
            spec.level.id()
        ),
        subtitle: vec![
            lang.pick(&spec.criteria.name_id, &spec.criteria.name_en)
                .to_string(),
        ],
        criteria: leaf_names(study, li, lang),
        group,
        participants: Vec::new(),
        group_legend: what.to_string(),
        included_legend: String::new(),
        excluded_legend: String::new(),
        range_legend: String::new(),
        axis_label: lang
            .pick(
                "Sumbu: bobot global kriteria (jumlah = 1)",
                "Axis: global criterion weight (sums to 1)",
            )
            .to_string(),
        caption,
        lang,
    }
}

fn overview(analysis: &Analysis, lang: Lang) -> OverviewSpec {
    let study = &analysis.study;
    let kel: Vec<&Group> = analysis.selection.level(Level::Kelurahan).collect();
    let kec: Vec<&Group> = analysis.selection.level(Level::Kecamatan).collect();
    let cats = study.categories.len();
    let starred = |k: usize, c: usize, candidate: usize| {
        kec.iter()
            .filter(|g| {
                g.region == RegionRef::Kecamatan(study.regions.kelurahan[k].kecamatan)
                    && g.category == c
            })
            .any(|g| g.winners().any(|e| e.candidate == candidate))
    };
    let sections = study
        .regions
        .kecamatan
        .iter()
        .enumerate()
        .map(|(ki, kc)| OverviewSection {
            title: format!("Kecamatan {} ({})", kc.name, kc.code),
            rows: study
                .regions
                .kelurahan
                .iter()
                .enumerate()
                .filter(|(_, k)| k.kecamatan == ki)
                .map(|(k, kl)| OverviewRow {
                    label: kl.name.clone(),
                    cells: (0..cats)
                        .map(|c| {
                            let g = analysis.selection.find(RegionRef::Kelurahan(k), c)?;
                            let winners: Vec<_> = g.winners().collect();
                            let first = winners.first()?;
                            let more = if winners.len() > 1 {
                                format!(" (+{})", winners.len() - 1)
                            } else {
                                String::new()
                            };
                            Some(OverviewCell {
                                text: format!(
                                    "{}{more}",
                                    study.candidates.list[first.candidate].name
                                ),
                                value: first.score,
                                value_label: lang.num(first.score, 3),
                                starred: starred(k, c, first.candidate),
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let filled = kel.iter().filter(|g| !g.entries.is_empty()).count();
    let caption = closing_lines(study, lang);
    OverviewSpec {
        title: format!(
            "{}: {}",
            lang.pick("Unggulan kelurahan", "Kelurahan unggulan"),
            study.regions.name
        ),
        subtitle: vec![format!(
            "{} kelurahan × {} {} · {} {}, {} {} · {}",
            study.regions.kelurahan.len(),
            cats,
            lang.pick("kategori", "categories"),
            filled,
            lang.pick("kelompok berisi", "groups with candidates"),
            kel.len() - filled,
            lang.pick("kosong", "empty"),
            capitalise(score_name(study, lang)),
        )],
        row_header: "Kelurahan".to_string(),
        columns: (0..cats).map(|c| category(study, c)).collect(),
        sections,
        max: score_max(analysis),
        empty: empty_text(Level::Kelurahan, lang),
        bar_legend: lang
            .pick(
                "skor unggulan (batang penuh = 1)",
                "unggulan's score (full bar = 1)",
            )
            .to_string(),
        star_legend: lang
            .pick("juga unggulan kecamatan", "also kecamatan unggulan")
            .to_string(),
        empty_legend: lang.pick("tidak ada kandidat", "no candidates").to_string(),
        caption,
        lang,
    }
}
