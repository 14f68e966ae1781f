//! Tables of the sensitivity analysis and the weighting scenarios.

use std::io::Write;

use super::tables::{Csv, inert, number};
use crate::Analysis;
use crate::model::{Scoring, Study};
use crate::select::Group;
use crate::sensitivity::{Curves, Direction};
use crate::study::scenarios::StudyScenarios;
use crate::study::sensitivity::StudySensitivity;

/// Level, region code, region name and category of a group.
fn group_fields(study: &Study, g: &Group) -> [String; 4] {
    [
        g.level.id().to_string(),
        study.regions.code_of(g.region).to_string(),
        inert(study.regions.name_of(g.region)),
        study.categories[g.category].clone(),
    ]
}

const GROUP_HEADER: [&str; 4] = ["level", "region_code", "region", "category"];

fn header(extra: &[&'static str]) -> Vec<&'static str> {
    GROUP_HEADER
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect()
}

fn criterion_id(study: &Study, g: &Group, k: usize) -> String {
    let set = &study.levels[g.level_index].criteria;
    set.criteria[set.leaves[k]].id.clone()
}

fn candidate_id(study: &Study, g: &Group, entry: usize) -> String {
    inert(&study.candidates.list[g.entries[entry].candidate].id)
}

/// `stability.csv`: the verdict of every group with candidates.
pub fn stability_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut t = Csv::new(
        out,
        &header(&[
            "unggulan_id",
            "verdict",
            "first_rank_acceptability",
            "nearest_criterion",
            "weight_change",
        ]),
    );
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        let winner = g
            .order
            .first()
            .map(|&i| candidate_id(study, g, i))
            .unwrap_or_default();
        let acceptability = gs
            .smaa
            .as_ref()
            .and_then(|r| g.order.first().map(|&w| number(r.acceptability(w, 0))));
        // The nearest critical threshold, whatever the verdict (empty when none exists).
        let (criterion, change) = crate::study::sensitivity::nearest_threshold(&gs.thresholds)
            .map(|(k, d)| (criterion_id(study, g, k), number(d)))
            .unwrap_or_default();
        let mut row = group_fields(study, g).to_vec();
        row.extend([
            winner,
            gs.verdict.id().to_string(),
            acceptability.unwrap_or_default(),
            criterion,
            change,
        ]);
        t.row(row);
    }
    t.finish()
}

/// `sensitivity_thresholds.csv`: for each group and criterion, the smallest decrease and
/// increase of its weight (others rescaled proportionally) that changes the unggulan.
pub fn thresholds_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut t = Csv::new(
        out,
        &header(&[
            "criterion",
            "direction",
            "base_weight",
            "critical_weight",
            "change",
            "new_winner_id",
        ]),
    );
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        for th in &gs.thresholds {
            let mut row = group_fields(study, g).to_vec();
            row.extend([
                criterion_id(study, g, th.criterion),
                match th.direction {
                    Direction::Decrease => "decrease".into(),
                    Direction::Increase => "increase".into(),
                },
                number(th.base_weight),
                th.critical_weight.map(number).unwrap_or_default(),
                th.critical_weight
                    .map(|c| number(c - th.base_weight))
                    .unwrap_or_default(),
                th.new_winner
                    .map(|w| candidate_id(study, g, w))
                    .unwrap_or_default(),
            ]);
            t.row(row);
        }
    }
    t.finish()
}

/// `sensitivity_sweeps.csv` (a city, or `--all-charts`): scores of every candidate as one weight goes from 0 to 1, at the
/// study's `sweep_points` plus the base weight, evaluated on the exact curves.
pub fn sweeps_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut t = Csv::new(out, &header(&["criterion", "weight", "id", "score"]));
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        for curves in &gs.sweeps {
            let sw = curves.render(s.spec.sweep_points);
            let criterion = criterion_id(study, g, sw.criterion);
            for (ti, scores) in sw.t.iter().zip(&sw.scores) {
                for (e, score) in scores.iter().enumerate() {
                    let mut row = group_fields(study, g).to_vec();
                    row.extend([
                        criterion.clone(),
                        number(*ti),
                        candidate_id(study, g, e),
                        number(*score),
                    ]);
                    t.row(row);
                }
            }
        }
    }
    t.finish()
}

/// `sensitivity_curves.csv`: the exact sweep curves, one row per group, criterion and
/// candidate. TOPSIS: the squared distances to the ideal and anti-ideal with the criterion's
/// weight at 0 and at 1, `D±²(t) = d_*_sq_1 t² + d_*_sq_0 (1 - t)²`,
/// `C(t) = D- / (D+ + D-)`; weighted sum: `score(t) = score_1 t + score_0 (1 - t)`.
pub fn curves_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let ends: &[&str] = match study.method.scoring {
        Scoring::Topsis => &["d_plus_sq_0", "d_plus_sq_1", "d_minus_sq_0", "d_minus_sq_1"],
        Scoring::WeightedSum => &["score_0", "score_1"],
    };
    let mut head = header(&["criterion", "base_weight", "id"]);
    head.extend(ends.iter().copied());
    let mut t = Csv::new(out, &head);
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        for sw in &gs.sweeps {
            let criterion = criterion_id(study, g, sw.criterion);
            for e in 0..sw.rows() {
                let mut row = group_fields(study, g).to_vec();
                row.extend([
                    criterion.clone(),
                    number(sw.base_weight),
                    candidate_id(study, g, e),
                ]);
                match &sw.curves {
                    Curves::Topsis { plus, minus } => {
                        row.extend([plus[e][0], plus[e][1], minus[e][0], minus[e][1]].map(number))
                    }
                    Curves::WeightedSum { score } => {
                        row.extend([score[e][0], score[e][1]].map(number));
                    }
                }
                t.row(row);
            }
        }
    }
    t.finish()
}

/// `smaa_acceptability.csv`: rank acceptability indices b_i^r (share of samples in which the
/// candidate got rank r), confidence factor, and the candidate's base rank.
pub fn acceptability_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let m = s
        .groups
        .iter()
        .map(|gs| a.selection.groups[gs.group].entries.len())
        .max()
        .unwrap_or(0);
    let rank_cols: Vec<String> = (1..=m).map(|r| format!("rank_{r}")).collect();
    let mut head: Vec<&str> = header(&["id", "name", "base_rank", "samples", "confidence"]);
    head.extend(rank_cols.iter().map(String::as_str));
    let mut t = Csv::new(out, &head);
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        let Some(r) = &gs.smaa else { continue };
        for (i, e) in g.entries.iter().enumerate() {
            let mut row = group_fields(study, g).to_vec();
            row.extend([
                candidate_id(study, g, i),
                inert(&study.candidates.list[e.candidate].name),
                e.rank.to_string(),
                r.samples.to_string(),
                r.confidence[i].map(number).unwrap_or_default(),
            ]);
            row.extend((0..m).map(|k| {
                if k < g.entries.len() {
                    number(r.acceptability(i, k))
                } else {
                    "0".into()
                }
            }));
            t.row(row);
        }
    }
    t.finish()
}

/// `smaa_central_weights.csv`: the mean weight vector under which each candidate wins.
pub fn central_weights_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut t = Csv::new(
        out,
        &header(&["id", "criterion", "central_weight", "elicited_weight"]),
    );
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        let Some(r) = &gs.smaa else { continue };
        for (i, cw) in r.central_weights.iter().enumerate() {
            let Some(cw) = cw else { continue };
            for (k, w) in cw.iter().enumerate() {
                let mut row = group_fields(study, g).to_vec();
                row.extend([
                    candidate_id(study, g, i),
                    criterion_id(study, g, k),
                    number(*w),
                    number(g.weights[k]),
                ]);
                t.row(row);
            }
        }
    }
    t.finish()
}

/// `smaa_pairwise.csv`: share of samples in which one candidate ranks above another.
pub fn pairwise_table(
    a: &Analysis,
    s: &StudySensitivity,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut t = Csv::new(out, &header(&["id", "other_id", "share_above"]));
    for gs in &s.groups {
        let g = &a.selection.groups[gs.group];
        let Some(r) = &gs.smaa else { continue };
        for i in 0..g.entries.len() {
            for k in 0..g.entries.len() {
                if i != k {
                    let mut row = group_fields(study, g).to_vec();
                    row.extend([
                        candidate_id(study, g, i),
                        candidate_id(study, g, k),
                        number(r.pairwise_share(i, k)),
                    ]);
                    t.row(row);
                }
            }
        }
    }
    t.finish()
}

fn winner_of(study: &Study, g: &Group) -> (String, String) {
    g.winners()
        .next()
        .map(|e| {
            let c = &study.candidates.list[e.candidate];
            (inert(&c.id), inert(&c.name))
        })
        .unwrap_or_default()
}

/// `scenarios.csv`: per scenario and group, agreement with the base ranking and the unggulan.
pub fn scenarios_table(
    a: &Analysis,
    sc: &StudyScenarios,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut head = vec!["scenario"];
    head.extend(header(&[
        "same_members",
        "spearman",
        "kendall_tau_b",
        "ws",
        "same_winner",
        "base_winner_id",
        "base_winner",
        "scenario_winner_id",
        "scenario_winner",
    ]));
    let mut t = Csv::new(out, &head);
    for r in &sc.scenarios {
        let id = &study.scenarios[r.scenario].id;
        for c in &r.comparisons {
            let base = &a.selection.groups[c.group];
            let other = &r.selection.groups[c.group];
            let (bid, bname) = winner_of(study, base);
            let (sid, sname) = winner_of(study, other);
            let mut row = vec![id.clone()];
            row.extend(group_fields(study, base));
            row.extend([
                c.same_members.to_string(),
                c.spearman.map(number).unwrap_or_default(),
                c.kendall_tau_b.map(number).unwrap_or_default(),
                c.ws.map(number).unwrap_or_default(),
                c.same_winner.to_string(),
                bid,
                bname,
                sid,
                sname,
            ]);
            t.row(row);
        }
    }
    t.finish()
}

/// `scenario_ranks.csv`: every candidate's rank under the base and under each scenario.
pub fn scenario_ranks_table(
    a: &Analysis,
    sc: &StudyScenarios,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let study = &a.study;
    let mut head = header(&["id", "name", "base_rank", "base_score"]);
    let ids: Vec<String> = study.scenarios.iter().map(|s| s.id.clone()).collect();
    let rank_cols: Vec<String> = ids
        .iter()
        .flat_map(|id| [format!("rank_{id}"), format!("score_{id}")])
        .collect();
    head.extend(rank_cols.iter().map(String::as_str));
    let mut t = Csv::new(out, &head);
    for (gi, g) in a.selection.groups.iter().enumerate() {
        for (i, e) in g.entries.iter().enumerate() {
            let mut row = group_fields(study, g).to_vec();
            row.extend([
                candidate_id(study, g, i),
                inert(&study.candidates.list[e.candidate].name),
                e.rank.to_string(),
                number(e.score),
            ]);
            for r in &sc.scenarios {
                let other = &r.selection.groups[gi];
                match other.entries.iter().find(|o| o.candidate == e.candidate) {
                    Some(o) => row.extend([o.rank.to_string(), number(o.score)]),
                    None => row.extend([String::new(), String::new()]),
                }
            }
            t.row(row);
        }
    }
    t.finish()
}
