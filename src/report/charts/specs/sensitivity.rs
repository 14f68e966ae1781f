//! Chart specs of the sensitivity stage: gradient, tornado and rank acceptability per group,
//! and the scenario rank chart per region. Reads the stage's results; computes nothing new.

use super::*;
use crate::model::SamplerKind;
use crate::report::charts::{
    AcceptabilityPanel, AcceptabilityRow, AcceptabilitySpec, CriticalMark, GradientLine,
    GradientPanel, GradientSpec, RangeEnd, RankLine, RankPanel, ScenarioRanksSpec, TornadoPanel,
    TornadoRow, TornadoSpec,
};
use crate::report::summary::{matrix_noise_short, verdict_text};
use crate::sensitivity::Direction as Move;
use crate::study::scenarios::StudyScenarios;
use crate::study::sensitivity::{GroupSensitivity, StudySensitivity, Verdict};

/// The sensitivity charts, appended in a fixed order: gradients per group (selection order),
/// then tornado, rank acceptability and scenario ranks per region.
///
/// Counts are kept down for rendering time and for the reader: a gradient only for groups
/// whose verdict is not "stable" (a stable unggulan's gradient shows nothing crossing near
/// the base weights; its tornado says the same in one panel), and the tornado and
/// acceptability charts per region with one panel per category, like the rankings.
pub(super) fn all(analysis: &Analysis, lang: Lang, out: &mut Vec<(String, Chart)>) {
    let levels = [Level::Kelurahan, Level::Kecamatan, Level::Kota];
    if let Some(s) = &analysis.sensitivity {
        for gs in &s.groups {
            if analysis.selection.groups[gs.group].entries.len() >= 2
                && !matches!(gs.verdict, Verdict::Stable { .. })
            {
                out.push((
                    format!("sensitivity/gradient/{}", stem(analysis, gs.group)),
                    Chart::Gradient(gradient(analysis, s, gs, lang)),
                ));
            }
        }
        let compared = |level: Level, region: RegionRef| {
            s.groups.iter().any(|gs| {
                let g = &analysis.selection.groups[gs.group];
                g.level == level && g.region == region && g.entries.len() >= 2
            })
        };
        for level in levels {
            for region in regions(analysis, level) {
                if compared(level, region) {
                    out.push((
                        format!(
                            "sensitivity/tornado/{}",
                            region_stem(analysis, level, region)
                        ),
                        Chart::Tornado(tornado(analysis, s, level, region, lang)),
                    ));
                }
            }
        }
        if s.spec.enabled {
            for level in levels {
                for region in regions(analysis, level) {
                    if compared(level, region) {
                        out.push((
                            format!(
                                "sensitivity/acceptability/{}",
                                region_stem(analysis, level, region)
                            ),
                            Chart::Acceptability(acceptability(analysis, s, level, region, lang)),
                        ));
                    }
                }
            }
        }
    }
    if let Some(sc) = &analysis.scenarios {
        for level in levels {
            for region in regions(analysis, level) {
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
        .map(|(i, g)| (g, s.groups.iter().find(|gs| gs.group == i)))
        .collect()
}

/// Panel heading and verdict line of a group in a per-region chart.
fn panel_heading(
    analysis: &Analysis,
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
                .map(|e| study.candidates.list[e.candidate].name.clone())
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

fn candidate_name(study: &Study, group: &Group, entry: usize) -> String {
    study.candidates.list[group.entries[entry].candidate]
        .name
        .clone()
}

fn percent(lang: Lang, share: f64) -> String {
    format!("{} %", lang.num(share * 100.0, 1))
}

fn sampler_text(s: &StudySensitivity, lang: Lang) -> String {
    match s.spec.sampler {
        SamplerKind::Dirichlet => format!(
            "Dirichlet {} (c = {})",
            lang.pick("di sekitar bobot awal", "around the base weights"),
            lang.num(s.spec.concentration, 0)
        ),
        SamplerKind::Uniform => lang
            .pick("seragam pada simpleks", "uniform on the simplex")
            .into(),
        SamplerKind::Participants => lang
            .pick(
                "bobot masing-masing peserta",
                "the participants' own weights",
            )
            .into(),
        SamplerKind::Judgments => lang
            .pick(
                "penilaian peserta digeser satu langkah skala Saaty",
                "participants' judgments moved one step of Saaty's scale",
            )
            .into(),
    }
}

/// The SMAA settings (samples, sampler, seed) as one caption line.
fn smaa_line(s: &StudySensitivity, lang: Lang) -> String {
    if s.spec.enabled {
        format!(
            "SMAA-2 (Lahdelma & Salminen 2001): {} {}, {} {}{}, seed {}.",
            lang.num(s.spec.samples as f64, 0),
            lang.pick("sampel bobot per kelompok", "weight samples per group"),
            lang.pick("pengambilan sampel", "sampling:"),
            sampler_text(s, lang),
            matrix_noise_short(&s.spec, lang)
                .map(|t| format!(", {t}"))
                .unwrap_or_default(),
            s.spec.seed
        )
    } else {
        lang.pick(
            "SMAA tidak dijalankan; putusan hanya dari ambang kritis.",
            "SMAA was not run; the verdict rests on the critical thresholds alone.",
        )
        .to_string()
    }
}

fn threshold_line(lang: Lang) -> &'static str {
    lang.pick(
        "Bobot kritis (Triantaphyllou & Sanchez 1997), dihitung tepat: perubahan terkecil satu bobot, bobot lain diskalakan proporsional agar jumlahnya tetap 1, yang mengganti unggulan.",
        "Critical weights (Triantaphyllou & Sanchez 1997), computed exactly: the smallest change of one weight, the others rescaled proportionally to keep the sum at 1, that changes the unggulan.",
    )
}

fn verdict_line(analysis: &Analysis, gs: &GroupSensitivity, lang: Lang) -> String {
    let group = &analysis.selection.groups[gs.group];
    format!(
        "{}: {}.",
        lang.pick("Putusan stabilitas", "Stability verdict"),
        verdict_text(analysis, group, &gs.verdict, lang)
    )
}

/// "Unggulan: X (C = 0,632)" for subtitles.
fn unggulan_line(analysis: &Analysis, group: &Group, lang: Lang) -> String {
    let study = &analysis.study;
    let names: Vec<String> = group
        .winners()
        .map(|e| {
            format!(
                "{} ({} = {})",
                study.candidates.list[e.candidate].name,
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
    let panels = gs
        .sweeps
        .iter()
        .map(|sw| {
            let j = sw.criterion;
            let critical = gs
                .thresholds
                .iter()
                .filter(|t| t.criterion == j)
                .filter_map(|t| {
                    let c = t.critical_weight?;
                    Some(CriticalMark {
                        weight: c,
                        decrease: t.direction == Move::Decrease,
                        value_label: lang.num(c, 3),
                        label: t
                            .new_winner
                            .map(|w| format!("→ {}", candidate_name(study, group, w)))
                            .unwrap_or_default(),
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
                t: sw.t.clone(),
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
                label: format!("{}. {}", e.rank, candidate_name(study, group, i)),
                highlight: e.selected,
            }
        })
        .collect();
    let mut caption = vec![
        format!(
            "{} ({} {}), {} {}",
            lang.pick(
                "Analisis satu per satu: bobot satu kriteria diubah dari 0 sampai 1",
                "One at a time: one criterion's weight goes from 0 to 1"
            ),
            s.spec.sweep_points,
            lang.pick("titik", "points"),
            lang.pick(
                "bobot kriteria lain diskalakan proporsional agar jumlahnya tetap 1.",
                "the other weights rescaled proportionally so they still sum to 1."
            ),
            threshold_line(lang)
        ),
        verdict_line(analysis, gs, lang),
        smaa_line(s, lang),
    ];
    caption.extend(closing_lines(study, lang));
    GradientSpec {
        title: format!(
            "{}: {}",
            lang.pick("Gradien bobot", "Weight gradient"),
            group_title(analysis, group)
        ),
        subtitle: vec![
            region_line(study, group.region, lang),
            unggulan_line(analysis, group, lang),
        ],
        panels,
        lines,
        y_max: score_max(analysis),
        legend_title: lang
            .pick("Kandidat (peringkat awal)", "Candidates (base rank)")
            .to_string(),
        base_legend: lang.pick("bobot awal", "base weight").to_string(),
        critical_legend: lang.pick("bobot kritis", "critical weight").to_string(),
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

fn tornado_rows(analysis: &Analysis, gs: &GroupSensitivity, lang: Lang) -> Vec<TornadoRow> {
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
                critical: true,
                value_label: lang.num(c, 3),
                new_winner: w
                    .map(|w| candidate_name(study, group, w))
                    .unwrap_or_default(),
            },
            None => RangeEnd {
                weight: limit,
                critical: false,
                value_label: String::new(),
                new_winner: String::new(),
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
            if e.critical {
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
    let panels = region_groups(analysis, s, level, region)
        .into_iter()
        .map(|(group, gs)| {
            let (title, note) = panel_heading(analysis, group, gs, lang);
            let rows = match gs {
                Some(gs) if group.entries.len() >= 2 => tornado_rows(analysis, gs, lang),
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
    let mut caption = vec![
        threshold_line(lang).to_string(),
        lang.pick(
            "Baris diurutkan dari rentang tersempit: kriteria teratas paling menentukan.",
            "Rows are sorted by the narrowest range: the top criterion matters most.",
        )
        .to_string(),
        smaa_line(s, lang),
    ];
    caption.extend(closing_lines(study, lang));
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
                origin_text(&analysis.study, &g.origin, lang)
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
    let ranks = groups
        .iter()
        .map(|(g, _)| g.entries.len())
        .max()
        .unwrap_or(1);
    let panels = groups
        .into_iter()
        .map(|(group, gs)| {
            let (title, note) = panel_heading(analysis, group, gs, lang);
            let rows = match gs.and_then(|gs| gs.smaa.as_ref()) {
                Some(smaa) => group
                    .order
                    .iter()
                    .map(|&i| {
                        let e = &group.entries[i];
                        let (label, sublabel) = entry_labels(study, group.level, e, lang);
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
    let mut caption = vec![
        lang.pick(
            "Penerimaan peringkat b(r) = bagian sampel bobot di mana kandidat mendapat peringkat r. Label kiri: peringkat dengan bobot awal; kanan: b(1).",
            "Rank acceptability b(r) = share of the weight samples in which the candidate gets rank r. Left: rank with the base weights; right: b(1).",
        )
        .to_string(),
        smaa_line(s, lang),
    ];
    caption.extend(closing_lines(study, lang));
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
            let named: Vec<Named> = members
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
            let qualifiers = namesake_qualifiers(&named);
            let lines: Vec<RankLine> = members
                .iter()
                .zip(named.iter().zip(qualifiers))
                .map(|(&c, (who, qualifier))| {
                    let ranks: Vec<Option<usize>> =
                        selections.iter().map(|g| position(g, c)).collect();
                    let label = |r: Option<usize>| {
                        r.map(|r| format!("{r}. {}", who.name.trim()))
                            .unwrap_or_default()
                    };
                    RankLine {
                        left_label: label(ranks[0]),
                        right_label: label(*ranks.last().unwrap_or(&None)),
                        qualifier,
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
    let origin_of = |g: Option<&Group>| g.map(|g| origin_text(study, &g.origin, lang));
    let mut sources = vec![format!(
        "{base_name} = {}",
        origin_of(indices.first().map(|&g| &base[g])).unwrap_or_default()
    )];
    for (k, s) in sc.scenarios.iter().enumerate() {
        let origin = origin_of(indices.first().map(|&g| &s.selection.groups[g]));
        sources.push(format!(
            "{} = {}",
            scenario_name(k),
            origin.unwrap_or_default()
        ));
    }
    let mut caption = vec![
        format!(
            "{}: {}.",
            lang.pick("Kolom", "Columns"),
            sources.join("; ")
        ),
        lang.pick(
            "Setiap skenario menilai ulang semua kandidat dengan bobotnya sendiri; posisi 1 = teratas. Kiri: peringkat dengan bobot awal; kanan: peringkat pada skenario terakhir.",
            "Each scenario scores every candidate again with its own weights; position 1 = top. Left: rank with the base weights; right: rank in the last scenario.",
        )
        .to_string(),
    ];
    if level != Level::Kelurahan {
        caption.push(
            lang.pick(
                "Nominasi tiap skenario adalah unggulan kelurahan menurut skenario itu, jadi bisa berbeda: penanda tanpa garis = nominasi yang hanya muncul pada skenario itu.",
                "Each scenario's nominees are the kelurahan unggulan under that scenario, so they can differ: a marker without a line is a nominee that only that scenario produces.",
            )
            .to_string(),
        );
    }
    caption.extend(closing_lines(study, lang));
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
        panels,
        caption,
        lang,
    }
}

/// A candidate as a chart names it.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    name: &'a str,
    kelurahan: &'a str,
    id: &'a str,
}

/// What tells a panel's candidates apart, to write after each name: nothing where no other
/// candidate of the panel has the name (ignoring case and outer spaces); where names collide,
/// the kelurahan, or the id when the kelurahan is shared too (a kelurahan panel, or two
/// winners of one kelurahan). Ids are unique, so name and qualifier are.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn named<'a>(name: &'a str, kelurahan: &'a str, id: &'a str) -> Named<'a> {
        Named {
            name,
            kelurahan,
            id,
        }
    }

    #[test]
    fn unique_names_stay_as_they_are() {
        let c = [
            named("Batik Jaya", "Tanjung", "T1"),
            named("UD Sari", "Karang", "K1"),
        ];
        assert_eq!(namesake_qualifiers(&c), ["", ""]);
    }

    #[test]
    fn namesakes_get_their_kelurahan_or_else_their_id() {
        let c = [
            named("Batik Jaya", "Tanjung", "T1"),
            named("batik jaya ", "Karang", "K1"),
            named("UD Sari", "Karang", "K2"),
            named("UD Sari", "Karang", "K3"),
            named("UD Sari", "Wiroborang", "W1"),
        ];
        assert_eq!(
            namesake_qualifiers(&c),
            [" (Tanjung)", " (Karang)", " (K2)", " (K3)", " (Wiroborang)"]
        );
    }
}
