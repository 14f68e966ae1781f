//! Chart specs from a finished analysis: which charts a report gets, with their words in
//! the report's language. Reads results only; never recomputes a score.

use super::{
    Bar, BarChartSpec, BarPanel, Chart, ChartPlan, CompositionPanel, CompositionRow,
    CompositionSpec, OverviewCell, OverviewRow, OverviewSection, OverviewSpec, ParticipantWeights,
    WeightsSpec, style,
};
use crate::Analysis;
use crate::model::{Level, ReferenceKind, RegionRef, Scoring, Study};
use crate::report::Lang;
use crate::report::lang::capitalise;
use crate::report::method::{aggregation_text, ahp_method_text};
use crate::score::Direction;
use crate::select::{Entry, Group};
use crate::weights::{PanelWeights, WeightOrigin};

mod sensitivity;

/// Every chart of the analysis, in report order.
pub fn all(analysis: &Analysis, lang: Lang, plan: ChartPlan) -> Vec<(String, Chart)> {
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
    sensitivity::all(analysis, lang, plan, &mut out);
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

/// The one caption line of a chart: its facts, then "illustrative data" where that is so
/// (the study's note and the methods are in the report text).
fn caption(study: &Study, lang: Lang, facts: impl IntoIterator<Item = String>) -> String {
    let mut parts: Vec<String> = facts.into_iter().filter(|f| !f.is_empty()).collect();
    if study.illustrative {
        parts.push(
            lang.pick("Data ilustratif", "Illustrative data")
                .to_string(),
        );
    }
    let mut line = parts.join(" · ");
    if !line.is_empty() && !line.ends_with('.') {
        line.push('.');
    }
    line
}

/// A candidate as a chart names it.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    name: &'a str,
    kelurahan: &'a str,
    id: &'a str,
}

/// What tells a chart's candidates apart, to write after each name: nothing where no other
/// candidate of the chart has the name (ignoring case and outer spaces); where names
/// collide, the kelurahan, or the id when the kelurahan is shared too (two namesakes of one
/// kelurahan). Ids are unique, so name and qualifier are.
fn namesake_qualifiers(candidates: &[Named]) -> Vec<String> {
    let key = |s: &str| s.trim().to_lowercase();
    candidates
        .iter()
        .map(|c| {
            let namesakes: Vec<&Named> = candidates
                .iter()
                .filter(|o| key(o.name) == key(c.name))
                .collect();
            if namesakes.len() == 1 {
                String::new()
            } else if namesakes
                .iter()
                .filter(|o| key(o.kelurahan) == key(c.kelurahan))
                .count()
                == 1
            {
                format!(" ({})", c.kelurahan)
            } else {
                format!(" ({})", c.id)
            }
        })
        .collect()
}

/// The names of the candidates one chart shows, each unique in the chart.
struct Names {
    /// (candidate index, name, qualifier), sorted by candidate.
    shown: Vec<(usize, String, String)>,
    /// Each candidate's kelurahan name, aligned with `shown`.
    kelurahan: Vec<String>,
}

impl Names {
    /// Names for `candidates` (indices into the study's candidates; repeats are fine).
    fn new(study: &Study, candidates: impl IntoIterator<Item = usize>) -> Self {
        let mut list: Vec<usize> = candidates.into_iter().collect();
        list.sort_unstable();
        list.dedup();
        let named: Vec<Named> = list
            .iter()
            .map(|&c| {
                let x = &study.candidates.list[c];
                Named {
                    name: &x.name,
                    kelurahan: &study.regions.kelurahan[x.kelurahan].name,
                    id: &x.id,
                }
            })
            .collect();
        let shown = list
            .iter()
            .zip(named.iter().zip(namesake_qualifiers(&named)))
            .map(|(&c, (n, q))| (c, n.name.trim().to_string(), q))
            .collect();
        let kelurahan = named.iter().map(|n| n.kelurahan.to_string()).collect();
        Names { shown, kelurahan }
    }

    /// Names for every candidate of `groups`.
    fn of_groups<'a>(study: &Study, groups: impl IntoIterator<Item = &'a Group>) -> Self {
        Names::new(
            study,
            groups
                .into_iter()
                .flat_map(|g| g.entries.iter().map(|e| e.candidate)),
        )
    }

    /// The name of candidate `c` as the chart shows it.
    fn get(&self, c: usize) -> String {
        self.find(c).map_or_else(String::new, |i| {
            format!("{}{}", self.shown[i].1, self.shown[i].2)
        })
    }

    /// The name of candidate `c` on a line beside its kelurahan: a qualifier that only
    /// repeats the kelurahan is left out.
    fn beside_kelurahan(&self, c: usize) -> String {
        self.find(c).map_or_else(String::new, |i| {
            let (_, name, q) = &self.shown[i];
            if *q == format!(" ({})", self.kelurahan[i]) {
                name.clone()
            } else {
                format!("{name}{q}")
            }
        })
    }

    fn find(&self, c: usize) -> Option<usize> {
        self.shown.binary_search_by_key(&c, |(k, _, _)| *k).ok()
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
    names: &Names,
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
    let name = match level {
        Level::Kelurahan => names.get(e.candidate),
        _ => names.beside_kelurahan(e.candidate),
    };
    (format!("{}. {name}", e.rank), sub)
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
            "{} {} ({} ≤ {})",
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
        .map(|g| crate::report::wording::origin(study, &g.origin, lang))
        .unwrap_or_default();
    let names = Names::of_groups(study, groups.iter().copied());
    let panels = groups
        .iter()
        .map(|g| BarPanel {
            title: panel_title(study, g, lang),
            bars: g
                .order
                .iter()
                .map(|&i| {
                    let e = &g.entries[i];
                    let (label, sublabel) = entry_labels(study, &names, level, e, lang);
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
    let mut facts = Vec::new();
    if level != Level::Kelurahan {
        facts.push(
            lang.pick(
                "Nominasi = unggulan kelurahan, dinilai ulang dengan bobot tingkat ini",
                "Nominees = the unggulan of the level below, scored again with this level's weights",
            )
            .to_string(),
        );
    }
    facts.extend(tie_notes(study, &groups, lang));
    let caption = caption(study, lang, facts);
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

/// Each criterion's squared distance to the ideal and to the anti-ideal for every entry of a
/// TOPSIS group, `((v_ij − A+_j)², (v_ij − A−_j)²)`, aligned with `group.entries`. The ideal
/// points follow the rule of [`crate::score::topsis`]: with a relative reference the best and
/// worst weighted value of the column (max for a benefit, min for a cost criterion), with a
/// fixed one the weight times the scale's best and worst (1 and 0). The caller checks that
/// the squares add up to the engine's `D+²` and `D−²`.
fn squared_gaps(study: &Study, group: &Group) -> Vec<(Vec<f64>, Vec<f64>)> {
    let set = &study.levels[group.level_index].criteria;
    let (ideal, anti): (Vec<f64>, Vec<f64>) = (0..group.weights.len())
        .map(|j| {
            let benefit = set.criteria[set.leaves[j]].direction == Direction::Benefit;
            let (hi, lo) = match study.method.reference {
                ReferenceKind::Fixed => (group.weights[j], 0.0),
                ReferenceKind::Relative => {
                    let col = || group.entries.iter().map(|e| e.contributions[j]);
                    (
                        col().fold(f64::NEG_INFINITY, f64::max),
                        col().fold(f64::INFINITY, f64::min),
                    )
                }
            };
            if benefit { (hi, lo) } else { (lo, hi) }
        })
        .unzip();
    group
        .entries
        .iter()
        .map(|e| {
            let sq = |p: &[f64]| -> Vec<f64> {
                e.contributions
                    .iter()
                    .zip(p)
                    .map(|(v, a)| (v - a) * (v - a))
                    .collect()
            };
            (sq(&ideal), sq(&anti))
        })
        .collect()
}

/// What a TOPSIS closeness is made of: `C` split by each criterion's share of `D−²`, and
/// `1 − C` by its share of `D+²`. Empty when the squares do not add up to the engine's
/// distances, or when both distances are 0 (`C = 0.5` with nothing to split).
fn closeness_parts(e: &Entry, gaps: &(Vec<f64>, Vec<f64>)) -> (Vec<f64>, Vec<f64>) {
    let (plus, minus) = gaps;
    let (sp, sm): (f64, f64) = (plus.iter().sum(), minus.iter().sum());
    let agrees = |sum: f64, d: Option<f64>| {
        d.is_some_and(|d| (sum - d * d).abs() <= GAP_TOLERANCE * (1.0 + d * d))
    };
    if !(agrees(sp, e.d_plus) && agrees(sm, e.d_minus)) || sp + sm <= 0.0 {
        return (Vec::new(), Vec::new());
    }
    let split = |total: f64, sq: &[f64], sum: f64| -> Vec<f64> {
        sq.iter()
            .map(|x| if sum > 0.0 { total * x / sum } else { 0.0 })
            .collect()
    };
    (split(e.score, minus, sm), split(1.0 - e.score, plus, sp))
}

/// How far the squared gaps may stray from the engine's squared distances (relative):
/// rounding only.
const GAP_TOLERANCE: f64 = 1e-9;

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
    let topsis = study.method.scoring == Scoring::Topsis;
    let names = Names::of_groups(study, groups.iter().copied());
    let panels = groups
        .iter()
        .map(|g| {
            let gaps = if topsis {
                squared_gaps(study, g)
            } else {
                Vec::new()
            };
            CompositionPanel {
                title: panel_title(study, g, lang),
                rows: g
                    .order
                    .iter()
                    .map(|&i| {
                        let e = &g.entries[i];
                        let (label, sublabel) = entry_labels(study, &names, level, e, lang);
                        let star = if e.selected { " ★" } else { "" };
                        let (parts, rest) = match gaps.get(i) {
                            Some(gap) => closeness_parts(e, gap),
                            None => (e.contributions.clone(), Vec::new()),
                        };
                        CompositionRow {
                            label,
                            sublabel,
                            parts,
                            rest,
                            score: e.score,
                            end_label: format!("{symbol} = {}{star}", lang.num(e.score, 3)),
                            highlight: e.selected,
                        }
                    })
                    .collect(),
                empty: empty_text(level, lang),
            }
        })
        .collect();
    let (parts_legend, rest_legend, axis_label, fact) = if topsis {
        (
            lang.pick(
                "bagian padat = C, dibagi menurut sumbangan tiap kriteria pada D−² (jarak ke solusi terburuk)",
                "solid part = C, split by each criterion's share of D−² (distance from the worst)",
            ),
            lang.pick(
                "bagian arsir = 1 − C, dibagi menurut sumbangan tiap kriteria pada D+² (jarak ke solusi ideal)",
                "hatched part = 1 − C, split by each criterion's share of D+² (distance to the ideal)",
            ),
            lang.pick(
                "Garis hitam pada batang = nilai preferensi C; batang berurutan menurut peringkat.",
                "The black mark on each bar = the closeness C; bars in rank order.",
            ),
            "TOPSIS: C = D− / (D+ + D−)",
        )
    } else {
        (
            "",
            "",
            lang.pick(
                "Segmen = kontribusi w × u per kriteria; jumlah segmen = skor S.",
                "Segment = contribution w × u per criterion; the segments add up to the score S.",
            ),
            "S = Σ w × u",
        )
    };
    let origin = groups
        .first()
        .map(|g| crate::report::wording::origin(study, &g.origin, lang))
        .unwrap_or_default();
    CompositionSpec {
        title: format!(
            "{}: {}",
            lang.pick("Komposisi skor", "Score composition"),
            region_title(study, region)
        ),
        subtitle: vec![region_line(study, region, lang), capitalise(&origin)],
        series: leaf_names(study, li, lang),
        parts_legend: parts_legend.to_string(),
        rest_legend: rest_legend.to_string(),
        panels,
        axis_label: axis_label.to_string(),
        caption: caption(study, lang, [fact.to_string()]),
        lang,
    }
}

/// The group matrix's consistency in a few words: "CR kelompok 0,043 (konsisten ≤ 0,10)"; the
/// largest CR when the criteria form a hierarchy of several matrices.
fn consistency_fact(study: &Study, pw: &PanelWeights, lang: Lang) -> String {
    let threshold = study.method.consistency_threshold;
    let crs: Vec<f64> = pw.group_nodes.iter().filter_map(|p| p.cr).collect();
    let Some(cr) = crs.iter().copied().reduce(f64::max) else {
        return lang
            .pick(
                "CR kelompok: RI tidak tersedia",
                "group CR: no RI available",
            )
            .to_string();
    };
    let verdict = if cr <= threshold {
        lang.pick("konsisten ≤", "consistent ≤")
    } else {
        lang.pick("tidak konsisten >", "inconsistent >")
    };
    format!(
        "{} {} ({verdict} {})",
        if crs.len() > 1 {
            lang.pick("CR kelompok terbesar", "largest group CR")
        } else {
            lang.pick("CR kelompok", "group CR")
        },
        lang.num(cr, 3),
        lang.num(threshold, 2)
    )
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
    let m = &study.method;
    let mut facts = vec![
        format!(
            "AHP {}, {}",
            ahp_method_text(m.ahp_method, lang),
            aggregation_text(m.aggregation, lang)
        ),
        consistency_fact(study, pw, lang),
    ];
    if pw.nobody_consistent {
        facts.push(
            lang.pick(
                "semua peserta tidak konsisten, semua tetap diikutkan",
                "no participant is consistent, all were kept",
            )
            .to_string(),
        );
    }
    let caption = caption(study, lang, facts);
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
        axis_label: weight_axis(lang),
        caption,
        lang,
    }
}

/// What the axis of a weights chart measures.
fn weight_axis(lang: Lang) -> String {
    lang.pick(
        "Sumbu: bobot global kriteria (jumlah = 1)",
        "Axis: global criterion weight (sums to 1)",
    )
    .to_string()
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
    let what = crate::report::wording::origin(study, origin, lang);
    let caption = caption(study, lang, [capitalise(&what)]);
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
        axis_label: weight_axis(lang),
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
    let caption = caption(study, lang, []);
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
