//! Chart specs of the sensitivity stage: gradient, tornado and rank acceptability per group,
//! and the scenario rank chart per region. Reads the stage's results; computes nothing new.

use super::*;
use crate::report::charts::{
    AcceptabilityPanel, AcceptabilityRow, AcceptabilitySpec, CriticalMark, EndKind, GradientLine,
    GradientPanel, GradientSpec, RangeEnd, RankLine, RankPanel, ScenarioRanksSpec, TornadoPanel,
    TornadoRow, TornadoSpec,
};
use crate::report::summary::verdict_text;
use crate::sensitivity::Direction as Move;
use crate::study::scenarios::StudyScenarios;
use crate::study::sensitivity::{GroupSensitivity, StudySensitivity, Verdict};

/// The sensitivity charts, appended in a fixed order: gradients per group (selection order),
/// then tornado, rank acceptability and scenario ranks per region.
///
/// Counts are kept down for rendering time and for the reader: unless `plan.all`, a
/// gradient only for groups whose verdict is not "stable" (a stable unggulan's gradient shows
/// nothing crossing near the base weights), tornado and acceptability charts only for regions
/// with a group that is not stable, and scenario charts only for regions where a scenario
/// changes an unggulan. Tornado and acceptability charts have one panel per category, like
/// the rankings.
pub(super) fn all(
    analysis: &Analysis,
    lang: Lang,
    plan: ChartPlan,
    out: &mut Vec<(String, Chart)>,
) {
    let levels = [Level::Kelurahan, Level::Kecamatan, Level::Kota];
    let compared = |gs: &GroupSensitivity| analysis.selection.groups[gs.group].entries.len() >= 2;
    let unstable = |gs: &GroupSensitivity| !matches!(gs.verdict, Verdict::Stable { .. });
    if let Some(s) = &analysis.sensitivity {
        for gs in &s.groups {
            if compared(gs) && (plan.all || unstable(gs)) {
                out.push((
                    format!("sensitivity/gradient/{}", stem(analysis, gs.group)),
                    Chart::Gradient(gradient(analysis, s, gs, lang)),
                ));
            }
        }
        // A region's chart is drawn when one of its compared groups is worth showing.
        let drawn = |level: Level, region: RegionRef| {
            s.groups.iter().any(|gs| {
                let g = &analysis.selection.groups[gs.group];
                g.level == level && g.region == region && compared(gs) && (plan.all || unstable(gs))
            })
        };
        // Tornado charts for every region, then acceptability charts (when SMAA ran).
        let kinds: &[&str] = if s.spec.enabled {
            &["tornado", "acceptability"]
        } else {
            &["tornado"]
        };
        for &kind in kinds {
            for level in levels {
                for region in regions(analysis, level)
                    .into_iter()
                    .filter(|&r| drawn(level, r))
                {
                    let chart = if kind == "tornado" {
                        Chart::Tornado(tornado(analysis, s, level, region, lang))
                    } else {
                        Chart::Acceptability(acceptability(analysis, s, level, region, lang))
                    };
                    let stem = region_stem(analysis, level, region);
                    out.push((format!("sensitivity/{kind}/{stem}"), chart));
                }
            }
        }
    }
    if let Some(sc) = &analysis.scenarios {
        for level in levels {
            for region in regions(analysis, level) {
                if !plan.all && !winner_changes(analysis, sc, level, region) {
                    continue;
                }
                out.push((
                    format!(
                        "sensitivity/scenarios/{}",
                        region_stem(analysis, level, region)
                    ),
                    Chart::ScenarioRanks(scenario_ranks(analysis, sc, level, region, lang)),
                ));
            }
        }
    }
}

/// Whether a scenario gives some group of the region another (first) unggulan.
fn winner_changes(
    analysis: &Analysis,
    sc: &StudyScenarios,
    level: Level,
    region: RegionRef,
) -> bool {
    let winner = |g: &Group| g.winners().next().map(|e| e.candidate);
    let base = &analysis.selection.groups;
    (0..base.len())
        .filter(|&g| base[g].level == level && base[g].region == region)
        .any(|g| {
            sc.scenarios
                .iter()
                .any(|s| winner(&s.selection.groups[g]) != winner(&base[g]))
        })
}

/// `<level>-<region code>` of a region.
fn region_stem(analysis: &Analysis, level: Level, region: RegionRef) -> String {
    format!("{}-{}", level.id(), analysis.study.regions.code_of(region))
}

/// The groups of a region (selection order) with their sensitivity results, if any.
fn region_groups<'a>(
    analysis: &'a Analysis,
    s: &'a StudySensitivity,
    level: Level,
    region: RegionRef,
) -> Vec<(&'a Group, Option<&'a GroupSensitivity>)> {
    analysis
        .selection
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.level == level && g.region == region)
        // In selection order (see `StudySensitivity::groups`).
        .map(|(i, g)| {
            let gs = s.groups.binary_search_by_key(&i, |gs| gs.group).ok();
            (g, gs.map(|k| &s.groups[k]))
        })
        .collect()
}

/// Panel heading and verdict line of a group in a per-region chart.
fn panel_heading(
    analysis: &Analysis,
    names: &Names,
    group: &Group,
    gs: Option<&GroupSensitivity>,
    lang: Lang,
) -> (String, String) {
    let study = &analysis.study;
    let title = panel_title(study, group, lang);
    let note = match gs {
        Some(gs) if !group.entries.is_empty() => {
            let winner = group
                .winners()
                .map(|e| names.get(e.candidate).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "★ {winner} · {}: {}",
                lang.pick("putusan", "verdict"),
                verdict_text(analysis, group, &gs.verdict, lang)
            )
        }
        _ => String::new(),
    };
    (title, note)
}

/// `<level>-<region code>-<category>` of a group.
fn stem(analysis: &Analysis, g: usize) -> String {
    let study = &analysis.study;
    let group = &analysis.selection.groups[g];
    format!(
        "{}-{}-{}",
        group.level.id(),
        study.regions.code_of(group.region),
        study.categories[group.category]
    )
}

fn group_title(analysis: &Analysis, group: &Group) -> String {
    let study = &analysis.study;
    format!(
        "{} · {}",
        region_title(study, group.region),
        category(study, group.category)
    )
}

/// A leaf criterion's short name (cost criteria marked).
fn criterion_name(study: &Study, li: usize, j: usize, lang: Lang) -> String {
    let set = &study.levels[li].criteria;
    let c = &set.criteria[set.leaves[j]];
    let name = lang.pick(&c.name_id, &c.name_en);
    match c.direction {
        Direction::Cost => format!("{name} ({})", lang.pick("biaya", "cost")),
        Direction::Benefit => name.to_string(),
    }
}

fn percent(lang: Lang, share: f64) -> String {
    format!("{} %", lang.num(share * 100.0, 1))
}

/// The SMAA settings in a few words for a caption: "SMAA-2, 10.000 sampel, seed 2021".
fn smaa_fact(s: &StudySensitivity, lang: Lang) -> String {
    if s.spec.enabled {
        format!(
            "SMAA-2, {} {}, seed {}",
            lang.num(s.spec.samples as f64, 0),
            lang.pick("sampel bobot", "weight samples"),
            s.spec.seed
        )
    } else {
        lang.pick("SMAA tidak dijalankan", "SMAA was not run")
            .to_string()
    }
}

/// How near 0 or 1 a critical weight must be to count as a change only at the extreme.
const EXTREME: f64 = 1e-9;

/// Whether a critical weight is a threshold inside the range or a change only at the
/// extreme (weight 0 or 1: a tie there, nothing a panel reaches by adjusting judgments).
fn end_kind(weight: f64) -> EndKind {
    if weight <= EXTREME || weight >= 1.0 - EXTREME {
        EndKind::Extreme
    } else {
        EndKind::Critical
    }
}

/// The line saying what happens at a critical weight: "← 0,123: X", or "→ hanya pada bobot
/// 1: seri di ujung dengan X" at the extreme.
fn critical_text(weight: f64, dir: Move, winner: &str, lang: Lang) -> String {
    let arrow = if dir == Move::Decrease { "←" } else { "→" };
    match end_kind(weight) {
        EndKind::Extreme => format!(
            "{arrow} {} {}: {} {winner}",
            lang.pick("hanya pada bobot", "only at weight"),
            lang.num(weight.round(), 0),
            lang.pick("seri di ujung dengan", "a tie at the extreme with"),
        ),
        _ => format!("{arrow} {}: {winner}", lang.num(weight, 3)),
    }
}

/// "Unggulan: X (C = 0,632)" for subtitles.
fn unggulan_line(analysis: &Analysis, names: &Names, group: &Group, lang: Lang) -> String {
    let study = &analysis.study;
    let names: Vec<String> = group
        .winners()
        .map(|e| {
            format!(
                "{} ({} = {})",
                names.get(e.candidate),
                score_symbol(study),
                lang.num(e.score, 3)
            )
        })
        .collect();
    format!(
        "{}: {}",
        lang.pick(
            "Unggulan dengan bobot awal",
            "Unggulan with the base weights"
        ),
        names.join(", ")
    )
}

fn gradient(
    analysis: &Analysis,
    s: &StudySensitivity,
    gs: &GroupSensitivity,
    lang: Lang,
) -> GradientSpec {
    let study = &analysis.study;
    let group = &analysis.selection.groups[gs.group];
    let names = Names::of_groups(study, [group]);
    let name = |entry: usize| names.get(group.entries[entry].candidate);
    let panels = gs
        .sweeps
        .iter()
        .map(|curves| {
            // The chart's points, evaluated on the exact curves.
            let sw = curves.render(s.spec.sweep_points);
            let j = sw.criterion;
            let critical = gs
                .thresholds
                .iter()
                .filter(|t| t.criterion == j)
                .filter_map(|t| {
                    let c = t.critical_weight?;
                    Some(CriticalMark {
                        weight: c,
                        kind: end_kind(c),
                        text: critical_text(
                            c,
                            t.direction,
                            &t.new_winner.map(name).unwrap_or_default(),
                            lang,
                        ),
                    })
                })
                .collect();
            GradientPanel {
                title: criterion_name(study, group.level_index, j, lang),
                subtitle: format!(
                    "{} {}",
                    lang.pick("bobot awal", "base weight"),
                    lang.num(group.weights[j], 3)
                ),
                base: group.weights[j],
                t: sw.t,
                scores: group
                    .order
                    .iter()
                    .map(|&i| sw.scores.iter().map(|p| p[i]).collect())
                    .collect(),
                critical,
            }
        })
        .collect();
    let lines = group
        .order
        .iter()
        .map(|&i| {
            let e = &group.entries[i];
            GradientLine {
                label: format!("{}. {}", e.rank, name(i)),
                highlight: e.selected,
            }
        })
        .collect();
    let caption = caption(
        study,
        lang,
        [format!(
            "{} ({} {})",
            lang.pick(
                "Satu per satu: bobot lain diskalakan proporsional",
                "One at a time: the other weights rescaled proportionally"
            ),
            s.spec.sweep_points,
            lang.pick("titik", "points"),
        )],
    );
    GradientSpec {
        title: format!(
            "{}: {}",
            lang.pick("Gradien bobot", "Weight gradient"),
            group_title(analysis, group)
        ),
        subtitle: vec![
            region_line(study, group.region, lang),
            unggulan_line(analysis, &names, group, lang),
            format!(
                "{}: {}",
                lang.pick("Putusan", "Verdict"),
                verdict_text(analysis, group, &gs.verdict, lang)
            ),
        ],
        panels,
        lines,
        y_max: score_max(analysis),
        legend_title: lang
            .pick("Kandidat (peringkat awal)", "Candidates (base rank)")
            .to_string(),
        base_legend: lang.pick("bobot awal", "base weight").to_string(),
        critical_legend: lang.pick("bobot kritis", "critical weight").to_string(),
        extreme_legend: lang
            .pick(
                "berganti hanya pada bobot 0 atau 1 (seri di ujung)",
                "changes only at weight 0 or 1 (a tie at the extreme)",
            )
            .to_string(),
        axis_label: format!(
            "{}: {}. {}",
            lang.pick("Sumbu tegak", "Vertical axis"),
            score_name(study, lang),
            lang.pick(
                "Sumbu datar: bobot kriteria panel itu (0–1).",
                "Horizontal axis: the weight of the panel's criterion (0–1)."
            )
        ),
        caption,
        lang,
    }
}

fn tornado_rows(
    analysis: &Analysis,
    names: &Names,
    gs: &GroupSensitivity,
    lang: Lang,
) -> Vec<TornadoRow> {
    let study = &analysis.study;
    let group = &analysis.selection.groups[gs.group];
    let end = |j: usize, dir: Move| {
        let t = gs
            .thresholds
            .iter()
            .find(|t| t.criterion == j && t.direction == dir);
        let limit = if dir == Move::Decrease { 0.0 } else { 1.0 };
        match t.and_then(|t| t.critical_weight.map(|c| (c, t.new_winner))) {
            Some((c, w)) => RangeEnd {
                weight: c,
                kind: end_kind(c),
                text: critical_text(
                    c,
                    dir,
                    &w.map(|w| names.get(group.entries[w].candidate))
                        .unwrap_or_default(),
                    lang,
                ),
            },
            None => RangeEnd {
                weight: limit,
                kind: EndKind::Open,
                text: String::new(),
            },
        }
    };
    let mut rows: Vec<(usize, TornadoRow)> = (0..group.weights.len())
        .map(|j| {
            let base = group.weights[j];
            let row = TornadoRow {
                label: criterion_name(study, group.level_index, j, lang),
                base_label: lang.num(base, 3),
                base,
                low: end(j, Move::Decrease),
                high: end(j, Move::Increase),
            };
            (j, row)
        })
        .collect();
    // Narrowest range first; equal ranges by the nearer critical weight, then criterion order.
    let nearest = |r: &TornadoRow| {
        let d = |e: &RangeEnd| {
            if e.kind == EndKind::Critical {
                (e.weight - r.base).abs()
            } else {
                f64::INFINITY
            }
        };
        d(&r.low).min(d(&r.high))
    };
    rows.sort_by(|(ja, a), (jb, b)| {
        (a.high.weight - a.low.weight)
            .total_cmp(&(b.high.weight - b.low.weight))
            .then(nearest(a).total_cmp(&nearest(b)))
            .then(ja.cmp(jb))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

fn tornado(
    analysis: &Analysis,
    s: &StudySensitivity,
    level: Level,
    region: RegionRef,
    lang: Lang,
) -> TornadoSpec {
    let study = &analysis.study;
    let groups = region_groups(analysis, s, level, region);
    let names = Names::of_groups(study, groups.iter().map(|(g, _)| *g));
    let panels = groups
        .into_iter()
        .map(|(group, gs)| {
            let (title, note) = panel_heading(analysis, &names, group, gs, lang);
            let rows = match gs {
                Some(gs) if group.entries.len() >= 2 => tornado_rows(analysis, &names, gs, lang),
                _ => Vec::new(),
            };
            TornadoPanel {
                title,
                note,
                rows,
                empty: nothing_to_compare(group, lang),
            }
        })
        .collect();
    let origin = region_origin(analysis, level, region, lang);
    let caption = caption(
        study,
        lang,
        [lang
            .pick(
                "Bobot kritis (Triantaphyllou & Sanchez 1997); baris dari rentang tersempit",
                "Critical weights (Triantaphyllou & Sanchez 1997); rows from the narrowest range",
            )
            .to_string()],
    );
    TornadoSpec {
        title: format!(
            "{}: {}",
            lang.pick("Ambang kritis bobot", "Critical weight thresholds"),
            region_title(study, region)
        ),
        subtitle: vec![region_line(study, region, lang), capitalise(&origin)],
        panels,
        base_heading: lang.pick("Bobot awal", "Base weight").to_string(),
        winner_heading: lang
            .pick(
                "Bobot kritis: unggulan baru",
                "Critical weight: new unggulan",
            )
            .to_string(),
        unchanged: lang
            .pick("tetap pada bobot 0–1", "holds for weights 0–1")
            .to_string(),
        range_legend: lang
            .pick("rentang tanpa pergantian unggulan", "range with the same unggulan")
            .to_string(),
        base_legend: lang.pick("bobot awal", "base weight").to_string(),
        critical_legend: lang
            .pick(
                "bobot kritis: unggulan berganti bila bobot turun (←) atau naik (→) melewatinya",
                "critical weight: the unggulan changes when the weight falls (←) or rises (→) past it",
            )
            .to_string(),
        extreme_legend: lang
            .pick(
                "berganti hanya pada bobot 0 atau 1: seri di ujung, bukan ambang",
                "changes only at weight 0 or 1: a tie at the extreme, not a threshold",
            )
            .to_string(),
        open_legend: lang
            .pick(
                "sampai 0 atau 1 tanpa pergantian",
                "reaches 0 or 1 without a change",
            )
            .to_string(),
        axis_label: lang
            .pick("Bobot kriteria (0–1)", "Criterion weight (0–1)")
            .to_string(),
        caption,
        lang,
    }
}

/// Text of a panel without a comparison.
fn nothing_to_compare(group: &Group, lang: Lang) -> String {
    if group.entries.is_empty() {
        empty_text(group.level, lang)
    } else {
        lang.pick(
            "satu-satunya kandidat, tanpa pembanding",
            "only candidate, nothing to compare",
        )
        .to_string()
    }
}

/// Where the base weights of a region's groups come from.
fn region_origin(analysis: &Analysis, level: Level, region: RegionRef, lang: Lang) -> String {
    groups_of(analysis, level, region)
        .first()
        .map(|g| {
            format!(
                "{}: {}",
                lang.pick("Bobot awal", "Base weights"),
                crate::report::wording::origin(&analysis.study, &g.origin, lang)
            )
        })
        .unwrap_or_default()
}

fn acceptability(
    analysis: &Analysis,
    s: &StudySensitivity,
    level: Level,
    region: RegionRef,
    lang: Lang,
) -> AcceptabilitySpec {
    let study = &analysis.study;
    let groups = region_groups(analysis, s, level, region);
    let names = Names::of_groups(study, groups.iter().map(|(g, _)| *g));
    let ranks = groups
        .iter()
        .map(|(g, _)| g.entries.len())
        .max()
        .unwrap_or(1);
    let panels = groups
        .into_iter()
        .map(|(group, gs)| {
            let (title, note) = panel_heading(analysis, &names, group, gs, lang);
            let rows = match gs.and_then(|gs| gs.smaa.as_ref()) {
                Some(smaa) => group
                    .order
                    .iter()
                    .map(|&i| {
                        let e = &group.entries[i];
                        let (label, sublabel) = entry_labels(study, &names, group.level, e, lang);
                        let star = if e.selected { " ★" } else { "" };
                        AcceptabilityRow {
                            label: format!("{label}{star}"),
                            sublabel,
                            shares: (0..group.entries.len())
                                .map(|r| smaa.acceptability(i, r))
                                .collect(),
                            end_label: percent(lang, smaa.acceptability(i, 0)),
                            highlight: e.selected,
                        }
                    })
                    .collect(),
                None => Vec::new(),
            };
            AcceptabilityPanel {
                title,
                note,
                rows,
                empty: nothing_to_compare(group, lang),
            }
        })
        .collect();
    let caption = caption(study, lang, [smaa_fact(s, lang)]);
    AcceptabilitySpec {
        title: format!(
            "{}: {}",
            lang.pick(
                "Penerimaan peringkat (SMAA-2)",
                "Rank acceptability (SMAA-2)"
            ),
            region_title(study, region)
        ),
        subtitle: vec![
            region_line(study, region, lang),
            capitalise(&region_origin(analysis, level, region, lang)),
        ],
        panels,
        ranks: (1..=ranks)
            .map(|r| format!("{} {r}", lang.pick("peringkat", "rank")))
            .collect(),
        end_heading: lang.pick("Peringkat 1", "Rank 1").to_string(),
        axis_label: lang
            .pick(
                "Panjang segmen: bagian sampel bobot (0–100 %) per peringkat.",
                "Segment length: share of the weight samples (0–100 %) per rank.",
            )
            .to_string(),
        caption,
        lang,
    }
}

fn scenario_ranks(
    analysis: &Analysis,
    sc: &StudyScenarios,
    level: Level,
    region: RegionRef,
    lang: Lang,
) -> ScenarioRanksSpec {
    let study = &analysis.study;
    let base = &analysis.selection.groups;
    let indices: Vec<usize> = (0..base.len())
        .filter(|&g| base[g].level == level && base[g].region == region)
        .collect();
    let winner = |g: &Group| g.winners().next().map(|e| e.candidate);
    let panels = indices
        .iter()
        .map(|&gi| {
            let b = &base[gi];
            let selections: Vec<&Group> = std::iter::once(b)
                .chain(sc.scenarios.iter().map(|s| &s.selection.groups[gi]))
                .collect();
            // Base order first, then anyone only a scenario ranks, in order of appearance.
            let mut members: Vec<usize> = Vec::new();
            for g in &selections {
                for &i in &g.order {
                    let c = g.entries[i].candidate;
                    if !members.contains(&c) {
                        members.push(c);
                    }
                }
            }
            let position = |g: &Group, c: usize| {
                g.order
                    .iter()
                    .position(|&i| g.entries[i].candidate == c)
                    .map(|p| p + 1)
            };
            let base_winner = winner(b);
            let names = Names::new(study, members.iter().copied());
            let lines: Vec<RankLine> = members
                .iter()
                .enumerate()
                .map(|(k, &c)| {
                    let ranks: Vec<Option<usize>> =
                        selections.iter().map(|g| position(g, c)).collect();
                    RankLine {
                        // Base members come first in base order, so a number is the base
                        // rank where there is one.
                        number: k + 1,
                        label: names.get(c).to_string(),
                        ranks,
                        highlight: Some(c) == base_winner,
                    }
                })
                .collect();
            let changed = sc
                .scenarios
                .iter()
                .filter(|s| winner(&s.selection.groups[gi]) != base_winner)
                .count();
            let verdict = if b.entries.is_empty() {
                String::new()
            } else if changed == 0 {
                format!(
                    " · {}",
                    lang.pick(
                        "unggulan sama di semua skenario",
                        "same unggulan in every scenario"
                    )
                )
            } else {
                format!(
                    " · {} {changed} {} {} {}",
                    lang.pick("unggulan berganti pada", "unggulan changes in"),
                    lang.pick("dari", "of"),
                    sc.scenarios.len(),
                    lang.pick("skenario", "scenarios")
                )
            };
            RankPanel {
                title: format!("{}{verdict}", panel_title(study, b, lang)),
                lines,
                empty: empty_text(level, lang),
            }
        })
        .collect();
    let scenario_name = |k: usize| {
        let spec = &study.scenarios[sc.scenarios[k].scenario];
        lang.pick(&spec.name_id, &spec.name_en).to_string()
    };
    let base_name = lang.pick("Bobot awal", "Base weights").to_string();
    let mut columns = vec![base_name.clone()];
    columns.extend((0..sc.scenarios.len()).map(scenario_name));
    let caption = caption(
        study,
        lang,
        [lang
            .pick(
                "Posisi 1 = teratas; nomor pada penanda = peringkat dengan bobot awal",
                "Position 1 = top; the number on a mark = the rank with the base weights",
            )
            .to_string()],
    );
    ScenarioRanksSpec {
        title: format!(
            "{}: {}",
            lang.pick(
                "Peringkat menurut skenario bobot",
                "Ranks across weighting scenarios"
            ),
            region_title(study, region)
        ),
        subtitle: vec![
            region_line(study, region, lang),
            // The chart plots ranks; the score only orders them.
            format!(
                "{} {}",
                lang.pick("Peringkat menurut", "Ranks by"),
                score_name(study, lang)
            ),
        ],
        columns,
        key_heading: lang
            .pick(
                "Hanya diperingkat oleh skenario (bukan nominasi dengan bobot awal):",
                "Ranked only by a scenario (not a nominee with the base weights):",
            )
            .to_string(),
        panels,
        caption,
        lang,
    }
}
