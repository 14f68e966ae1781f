//! What to verify before signing: data-quality checks over a finished analysis.
//!
//! [`data_checks`] looks for the mistakes a planner can still fix before the berita acara is
//! signed: a judgment typed the wrong way round, an indicator that is nearly constant yet picks
//! winners, two candidates a reader cannot tell apart, a winner whose lead the data's own
//! rounding could undo, and panels that lost participants to the consistency filter. Each
//! [`Finding`] is a typed value with the indices and numbers a report needs to say where to
//! look; the reports word it in their language.

use serde::{Deserialize, Serialize};

use super::Analysis;
use super::sensitivity::score_model;
use crate::ahp::PairwiseMatrix;
use crate::model::{Scale, Study, fold_name};
use crate::score::{Direction, MatrixView, Reference, ScoreModel, ranking};
use crate::select::{Group, group_matrix, reference};
use crate::sensitivity::rescale;

/// A judgment is a suspected reversal only if it is off from the value the other judgments
/// imply by at least this factor: beyond rounding to Saaty's scale (at most a factor √2,
/// between 1 and 2) and the scatter of honest answers (in the bundled study 4,031 of the 4,032
/// judgments of consistent participants lie within a factor 2 of what their other judgments
/// imply).
pub const REVERSED_GIVEN_FACTOR: f64 = 3.0;

/// A suspected reversal's reciprocal must also be within this factor of the implied value: the
/// reversed answer would be an ordinary one (within the factor 2 of honest scatter), with room
/// for a respondent who marks the wrong side and also one verbal level too strongly (2 meant,
/// 1/5 written: the reciprocal 5 is 2.5 times 2).
pub const REVERSED_RECIPROCAL_FACTOR: f64 = 2.5;

/// An indicator is nearly constant when at least this share of a level's candidates have its
/// most common value. With the 3-5 candidates of a typical group, 80 % leaves about one
/// candidate per group off that value: the criterion then singles that candidate out rather
/// than comparing them all, and relative normalisation gives the lone value the criterion's
/// whole spread (one new entrepreneur against none scores 1 against 0).
pub const CONSTANT_SHARE: f64 = 0.8;

/// Slack for comparing logarithms of judgments with the factors above (products of scale
/// values such as `ln(5 * 2) = ln 10` are exact only to rounding).
const LOG_SLACK: f64 = 1e-9;

/// Something to verify before the results are signed, with where to look.
///
/// Indices: `panel` into [`Study::panels`] (and [`Analysis::panels`], which is aligned),
/// `participant` into that panel's participants, `node` into the level's criteria hierarchy
/// nodes (`CriteriaSet::nodes`, root first), `row`/`col` into that node's children (the node's
/// pairwise matrix, `row < col`), `level` into [`Study::levels`], `criterion` into the level's
/// leaf criteria (`CriteriaSet::leaves`, aligned with a group's weights), `group` into
/// [`crate::select::Selection::groups`], and candidates into the study's candidates list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Finding {
    /// A judgment that looks entered the wrong way round: the value the participant's other
    /// judgments imply for the pair, `c`, is off from the given `a` by at least
    /// [`REVERSED_GIVEN_FACTOR`] and within [`REVERSED_RECIPROCAL_FACTOR`] of `1/a` (Saaty's error
    /// `a / c` is large, the reciprocal's `1 / (a c)` small; a judgment of 1 is never flagged).
    ///
    /// `c` is the median, in log space, of the indirect judgments `a_ik a_kj` through every
    /// third criterion `k`: equal to `w_i / w_j` for consistent judgments, and unlike the
    /// participant's weights not pulled towards the suspect judgment. Another slip in the
    /// matrix spoils at most one indirect judgment, and the median of the `n - 2` of them
    /// ignores up to `(n - 3) / 2` spoilt ones (2 for 7 criteria), where the least-squares
    /// completion without the pair (their geometric mean; Bozóki, Fülöp & Rónyai 2010) is
    /// pulled by every one. Several slips in one matrix are found one at a time, the clearest
    /// (largest drop in log error when reversed) first, each found one taken the other way
    /// round before looking again. Needs at least 3 criteria in the node.
    ReversedJudgment {
        /// Panel index.
        panel: usize,
        /// Participant index within the panel.
        participant: usize,
        /// Hierarchy node whose matrix holds the judgment.
        node: usize,
        /// Row of the judgment in the node's matrix.
        row: usize,
        /// Column of the judgment in the node's matrix (`row < col`).
        col: usize,
        /// The judgment `a_row_col` as given.
        given: f64,
        /// The value the other judgments imply (judgments flagged before this one in the same
        /// matrix taken the other way round).
        consistent: f64,
    },
    /// An indicator that is zero or constant for most candidates and still decides winners:
    /// at least [`CONSTANT_SHARE`] of the level's candidates (at kecamatan level, the
    /// kelurahan nominees) share its most common value, and
    /// in `groups` setting its weight to 0 (the others rescaled proportionally, as in a
    /// one-at-a-time sweep) changes the unggulan.
    MostlyConstantIndicator {
        /// Level index.
        level: usize,
        /// Leaf criterion index within the level.
        criterion: usize,
        /// The most common value (0 when the indicator is mostly zero).
        value: f64,
        /// Candidates of the level with that value.
        count: usize,
        /// Candidates of the level (in all its groups).
        candidates: usize,
        /// The groups whose unggulan changes without this criterion.
        groups: Vec<usize>,
    },
    /// Two or more candidates of one group with the same name, ignoring case, spaces and
    /// punctuation ([`fold_name`]): tables and charts cannot tell them apart by name.
    SameName {
        /// Group index.
        group: usize,
        /// The same-named candidates, in input order.
        candidates: Vec<usize>,
    },
    /// A winner whose lead over the first candidate not selected is above the tie tolerance
    /// (so not flagged as a tie) but no larger than what rounding the data could change.
    ///
    /// The tie tolerance (`1e-9` by default) only absorbs floating-point noise, so the margin
    /// is not a fixed multiple of it but the data's precision: every quantity is taken as known
    /// to half a unit of the last decimal its column is written with (a column with values like
    /// 59.1 to ±0.05). Whole-number columns count as exact: counts of people are, and a rupiah
    /// amount rounded to thousands is off by a few parts in a million. Ratings are exact. Moving
    /// each value of the group by that half unit, one at a time, and adding up the largest
    /// change each causes in the lead gives a first-order bound on what rounding could do
    /// (exact for a weighted sum with fixed reference, where the lead is linear in the data).
    /// A lead within that bound is a difference the data cannot vouch for. Groups already
    /// flagged `tie_at_cut` are not repeated here.
    NarrowLead {
        /// Group index.
        group: usize,
        /// The last unggulan (the winner when one is selected).
        winner: usize,
        /// The first candidate not selected.
        runner_up: usize,
        /// Score of `winner` minus score of `runner_up`.
        lead: f64,
        /// How much rounding the group's data could change that difference.
        rounding: f64,
    },
    /// A panel whose participants were left out of the aggregation because their judgments
    /// are inconsistent (the study's `inconsistent_participants = "exclude"`): the panel's
    /// weights rest on fewer people than took part. A panel where nobody was consistent keeps
    /// everyone ([`crate::weights::PanelWeights::nobody_consistent`]) and is not listed here.
    ExcludedParticipants {
        /// Panel index.
        panel: usize,
        /// Who was left out, in panel order.
        participants: Vec<ExcludedParticipant>,
    },
}

/// A participant left out of a panel's aggregation, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcludedParticipant {
    /// Participant index within the panel.
    pub participant: usize,
    /// `(node, CR)` of every hierarchy node whose consistency ratio exceeds the threshold.
    pub inconsistent: Vec<(usize, f64)>,
}

impl Finding {
    /// Short identifier of the kind of finding, for tables and file names.
    pub fn id(&self) -> &'static str {
        match self {
            Finding::ReversedJudgment { .. } => "reversed-judgment",
            Finding::MostlyConstantIndicator { .. } => "mostly-constant-indicator",
            Finding::SameName { .. } => "same-name",
            Finding::NarrowLead { .. } => "narrow-lead",
            Finding::ExcludedParticipants { .. } => "excluded-participants",
        }
    }
}

/// Runs every check over a finished analysis.
///
/// The findings come in the order of the [`Finding`] variants, and within a kind by location:
/// reversed judgments by panel, participant and node (within a matrix, the clearest first);
/// indicators by level and criterion; same names and narrow leads by group; excluded
/// participants by panel. The same analysis always gives the same list.
pub fn data_checks(analysis: &Analysis) -> Vec<Finding> {
    let mut out = reversed_judgments(analysis);
    out.extend(mostly_constant_indicators(analysis));
    out.extend(same_names(analysis));
    out.extend(narrow_leads(analysis));
    out.extend(excluded_participants(analysis));
    out
}

/// A suspected reversal in one matrix: `(row, col, given, consistent)`.
type Reversal = (usize, usize, f64, f64);

fn reversed_judgments(analysis: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    for (panel, p) in analysis.study.panels.iter().enumerate() {
        for (participant, person) in p.participants.iter().enumerate() {
            for (node, m) in person.matrices.iter().enumerate() {
                out.extend(
                    reversals_in(m)
                        .into_iter()
                        .map(|(row, col, given, consistent)| Finding::ReversedJudgment {
                            panel,
                            participant,
                            node,
                            row,
                            col,
                            given,
                            consistent,
                        }),
                );
            }
        }
    }
    out
}

/// Median of a non-empty slice (sorted in place); the mean of the middle two for an even
/// count.
fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let mid = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[mid]
    } else {
        0.5 * (xs[mid - 1] + xs[mid])
    }
}

/// The judgments of one matrix that look reversed (see [`Finding::ReversedJudgment`]), the
/// clearest first.
fn reversals_in(m: &PairwiseMatrix) -> Vec<Reversal> {
    let n = m.n();
    if n < 3 {
        return Vec::new();
    }
    let given_limit = REVERSED_GIVEN_FACTOR.ln() - LOG_SLACK;
    let reciprocal_limit = REVERSED_RECIPROCAL_FACTOR.ln() + LOG_SLACK;
    // ln a_ij, with every flagged judgment (and its mirror) taken the other way round.
    let mut ln_a: Vec<f64> = (0..n * n).map(|t| m.get(t / n, t % n).ln()).collect();
    let mut found: Vec<Reversal> = Vec::new();
    let mut indirect = Vec::with_capacity(n - 2);
    loop {
        // (how much reversing reduces the log error, row, col, ln c) of the clearest one.
        let mut best: Option<(f64, usize, usize, f64)> = None;
        for i in 0..n {
            for j in i + 1..n {
                let la = ln_a[i * n + j];
                if la.abs() <= LOG_SLACK || found.iter().any(|f| (f.0, f.1) == (i, j)) {
                    continue;
                }
                indirect.clear();
                indirect.extend(
                    (0..n)
                        .filter(|&k| k != i && k != j)
                        .map(|k| ln_a[i * n + k] + ln_a[k * n + j]),
                );
                let lc = median(&mut indirect);
                let given_error = (la - lc).abs();
                let reciprocal_error = (la + lc).abs();
                if given_error >= given_limit && reciprocal_error <= reciprocal_limit {
                    let gain = given_error - reciprocal_error;
                    if best.is_none_or(|b| gain > b.0 + LOG_SLACK) {
                        best = Some((gain, i, j, lc));
                    }
                }
            }
        }
        let Some((_, i, j, lc)) = best else {
            return found;
        };
        found.push((i, j, m.get(i, j), lc.exp()));
        ln_a[i * n + j] = -ln_a[i * n + j];
        ln_a[j * n + i] = -ln_a[j * n + i];
    }
}

/// The `winners` best entries of an order, as a sorted set of entry indices.
fn top(order: &[usize], winners: usize) -> Vec<usize> {
    let mut t: Vec<usize> = order.iter().take(winners).copied().collect();
    t.sort_unstable();
    t
}

/// Whether dropping criterion `k` (weight 0, the others rescaled) changes the group's unggulan.
fn decides(model: &ScoreModel, group: &Group, k: usize, winners: usize) -> bool {
    let weights = rescale(&group.weights, k, 0.0);
    let mut scores = vec![0.0; model.rows()];
    model.scores(&weights, &mut scores);
    top(&ranking(&scores), winners) != top(&group.order, winners)
}

/// Most common value of a column and how many have it (the smallest such value on a draw).
fn mode(values: &mut [f64]) -> (f64, usize) {
    values.sort_by(f64::total_cmp);
    let mut best = (values[0], 0);
    let mut run = 0;
    for (t, &v) in values.iter().enumerate() {
        run = if t > 0 && v.total_cmp(&values[t - 1]).is_eq() {
            run + 1
        } else {
            1
        };
        if run > best.1 {
            best = (v, run);
        }
    }
    best
}

fn mostly_constant_indicators(analysis: &Analysis) -> Vec<Finding> {
    let study = &analysis.study;
    let winners = study.method.winners;
    let mut out = Vec::new();
    for (level, spec) in study.levels.iter().enumerate() {
        let groups: Vec<usize> = (0..analysis.selection.groups.len())
            .filter(|&g| analysis.selection.groups[g].level_index == level)
            .collect();
        let members: Vec<usize> = groups
            .iter()
            .flat_map(|&g| analysis.selection.groups[g].entries.iter())
            .map(|e| e.candidate)
            .collect();
        if members.is_empty() {
            continue;
        }
        // Score models of the level's contested groups, built on first need.
        let mut models: Option<Vec<(usize, ScoreModel)>> = None;
        for (criterion, &column) in spec.columns.iter().enumerate() {
            // `+ 0.0` makes -0 and 0 one value.
            let mut values: Vec<f64> = members
                .iter()
                .map(|&c| study.candidates.list[c].values[column] + 0.0)
                .collect();
            let (value, count) = mode(&mut values);
            if (count as f64) < CONSTANT_SHARE * members.len() as f64 {
                continue;
            }
            let models = models.get_or_insert_with(|| {
                groups
                    .iter()
                    .map(|&g| (g, &analysis.selection.groups[g]))
                    .filter(|(_, group)| group.entries.len() > winners)
                    .filter_map(|(g, group)| score_model(study, group).ok().map(|m| (g, m)))
                    .collect()
            });
            let decided: Vec<usize> = models
                .iter()
                .filter(|(g, m)| decides(m, &analysis.selection.groups[*g], criterion, winners))
                .map(|(g, _)| *g)
                .collect();
            if !decided.is_empty() {
                out.push(Finding::MostlyConstantIndicator {
                    level,
                    criterion,
                    value,
                    count,
                    candidates: members.len(),
                    groups: decided,
                });
            }
        }
    }
    out
}

fn same_names(analysis: &Analysis) -> Vec<Finding> {
    let list = &analysis.study.candidates.list;
    let mut out = Vec::new();
    for (group, g) in analysis.selection.groups.iter().enumerate() {
        // Folded names in order of first appearance, with their candidates.
        let mut names: Vec<(String, Vec<usize>)> = Vec::new();
        for e in &g.entries {
            let key = fold_name(&list[e.candidate].name);
            match names.iter_mut().find(|(k, _)| *k == key) {
                Some((_, cs)) => cs.push(e.candidate),
                None => names.push((key, vec![e.candidate])),
            }
        }
        out.extend(
            names
                .into_iter()
                .filter(|(_, cs)| cs.len() > 1)
                .map(|(_, candidates)| Finding::SameName { group, candidates }),
        );
    }
    out
}

/// Decimals in the shortest text that reads back as `x` (`59.1` has 1; `Display` for `f64`
/// never uses an exponent).
fn decimals(x: f64) -> i32 {
    let s = x.to_string();
    s.find('.').map_or(0, |p| (s.len() - p - 1) as i32)
}

/// Per leaf criterion of a level: half a unit of the last decimal its column is written with
/// (the most decimals of any candidate's value), 0 for whole numbers and ratings.
fn half_units(study: &Study, level: usize) -> Vec<f64> {
    let spec = &study.levels[level];
    spec.criteria
        .leaves
        .iter()
        .zip(&spec.columns)
        .map(|(&leaf, &column)| {
            if matches!(
                spec.criteria.criteria[leaf].scale,
                Some(Scale::Rating { .. })
            ) {
                return 0.0;
            }
            let places = study
                .candidates
                .list
                .iter()
                .map(|c| decimals(c.values[column]))
                .max()
                .unwrap_or(0);
            if places == 0 {
                0.0
            } else {
                0.5 * 10f64.powi(-places)
            }
        })
        .collect()
}

/// Bounds a rounded value stays within: the fixed reference's (values outside cannot be
/// normalised), else the scale's declared ones.
fn value_bounds(study: &Study, level: usize, reference: &Reference) -> Vec<(f64, f64)> {
    let spec = &study.levels[level];
    match reference {
        Reference::Fixed { lower, upper } => {
            lower.iter().copied().zip(upper.iter().copied()).collect()
        }
        Reference::Relative => spec
            .criteria
            .leaves
            .iter()
            .map(|&leaf| match &spec.criteria.criteria[leaf].scale {
                Some(Scale::Quantity { min, max, .. }) => (
                    min.unwrap_or(f64::NEG_INFINITY),
                    max.unwrap_or(f64::INFINITY),
                ),
                Some(Scale::Rating { min, max, .. }) => (*min, *max),
                None => (f64::NEG_INFINITY, f64::INFINITY),
            })
            .collect(),
    }
}

/// Score difference of entries `a` and `b` for a decision matrix of the group, scored as the
/// selection stage does; `None` if the matrix cannot be normalised.
fn lead_of(
    study: &Study,
    group: &Group,
    data: &[f64],
    directions: &[Direction],
    reference: &Reference,
    (a, b): (usize, usize),
) -> Option<f64> {
    let view = MatrixView {
        rows: group.entries.len(),
        cols: directions.len(),
        data,
    };
    let model = ScoreModel::from_matrix(
        view,
        directions,
        study.method.scoring,
        study.method.normalization,
        reference,
    )
    .ok()?;
    let mut scores = vec![0.0; group.entries.len()];
    model.scores(&group.weights, &mut scores);
    Some(scores[a] - scores[b])
}

/// How precisely a level's data are known, for [`Finding::NarrowLead`].
struct Precision {
    /// Per leaf criterion: half a unit of the last decimal ([`half_units`]).
    half: Vec<f64>,
    /// The reference the level is scored against.
    reference: Reference,
    /// Per leaf criterion: bounds a rounded value stays within ([`value_bounds`]).
    bounds: Vec<(f64, f64)>,
}

impl Precision {
    fn of_level(study: &Study, level: usize) -> Self {
        let reference = reference(study, level);
        Self {
            half: half_units(study, level),
            bounds: value_bounds(study, level, &reference),
            reference,
        }
    }

    /// Whether any criterion is written with decimals (else the data are exact).
    fn is_rounded(&self) -> bool {
        self.half.iter().any(|&h| h > 0.0)
    }

    /// First-order bound on how much rounding the group's data could change the lead of
    /// entry `a` over entry `b`: each value moved by half a unit of its last decimal, one at a
    /// time, the larger of the two changes added up.
    fn rounding_effect(&self, study: &Study, group: &Group, pair: (usize, usize)) -> f64 {
        let members: Vec<usize> = group.entries.iter().map(|e| e.candidate).collect();
        let (mut data, directions) = group_matrix(study, group.level_index, &members);
        let lead = |data: &[f64]| lead_of(study, group, data, &directions, &self.reference, pair);
        let Some(base) = lead(&data) else {
            return 0.0;
        };
        let cols = self.half.len();
        let mut total = 0.0;
        for t in 0..data.len() {
            let (h, (lo, hi)) = (self.half[t % cols], self.bounds[t % cols]);
            if h <= 0.0 {
                continue;
            }
            let x = data[t];
            let mut largest: f64 = 0.0;
            for moved in [x - h, x + h] {
                let moved = moved.clamp(lo, hi);
                if moved.total_cmp(&x).is_eq() {
                    continue;
                }
                data[t] = moved;
                if let Some(changed) = lead(&data) {
                    largest = largest.max((changed - base).abs());
                }
            }
            data[t] = x;
            total += largest;
        }
        total
    }
}

fn narrow_leads(analysis: &Analysis) -> Vec<Finding> {
    let study = &analysis.study;
    let m = &study.method;
    let precision: Vec<Precision> = (0..study.levels.len())
        .map(|level| Precision::of_level(study, level))
        .collect();
    let mut out = Vec::new();
    for (group, g) in analysis.selection.groups.iter().enumerate() {
        if g.entries.len() <= m.winners || g.tie_at_cut {
            continue;
        }
        let (a, b) = (g.order[m.winners - 1], g.order[m.winners]);
        let lead = g.entries[a].score - g.entries[b].score;
        let p = &precision[g.level_index];
        if lead <= m.tie_tolerance || !p.is_rounded() {
            continue;
        }
        let rounding = p.rounding_effect(study, g, (a, b));
        if lead <= rounding {
            out.push(Finding::NarrowLead {
                group,
                winner: g.entries[a].candidate,
                runner_up: g.entries[b].candidate,
                lead,
                rounding,
            });
        }
    }
    out
}

fn excluded_participants(analysis: &Analysis) -> Vec<Finding> {
    let threshold = analysis.study.method.consistency_threshold;
    analysis
        .panels
        .iter()
        .filter_map(|pw| {
            let participants: Vec<ExcludedParticipant> = pw
                .participants
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.included)
                .map(|(participant, r)| ExcludedParticipant {
                    participant,
                    inconsistent: r
                        .nodes
                        .iter()
                        .enumerate()
                        .filter_map(|(node, p)| {
                            p.cr.filter(|&cr| cr > threshold).map(|cr| (node, cr))
                        })
                        .collect(),
                })
                .collect();
            (!participants.is_empty()).then_some(Finding::ExcludedParticipants {
                panel: pw.panel,
                participants,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use approx::assert_relative_eq;

    use super::*;
    use crate::ahp::complete;

    /// Hand-computed values are checked to rounding.
    const TOL: f64 = 1e-12;
    /// Consistency ratios come out of a power iteration.
    const CR_TOL: f64 = 1e-9;

    /// DOMAIN.md section 6: the 4 x 4 matrix with published CR 0.043 (eigenvector, RI 0.90).
    fn saaty_4x4() -> PairwiseMatrix {
        PairwiseMatrix::from_rows(&[
            vec![1.0, 3.0, 5.0, 7.0],
            vec![1.0 / 3.0, 1.0, 3.0, 5.0],
            vec![1.0 / 5.0, 1.0 / 3.0, 1.0, 3.0],
            vec![1.0 / 7.0, 1.0 / 5.0, 1.0 / 3.0, 1.0],
        ])
        .unwrap()
    }

    /// The perfectly consistent matrix of weights `w`.
    fn consistent(w: &[f64]) -> PairwiseMatrix {
        PairwiseMatrix::from_upper(w.len(), |i, j| w[i] / w[j]).unwrap()
    }

    /// `m` with judgment `(i, j)` (and its mirror) taken the other way round.
    fn reversed(m: &PairwiseMatrix, i: usize, j: usize) -> PairwiseMatrix {
        let mut rows = m.to_rows();
        rows[i][j] = 1.0 / rows[i][j];
        rows[j][i] = 1.0 / rows[j][i];
        PairwiseMatrix::from_rows(&rows).unwrap()
    }

    #[test]
    fn a_nearly_consistent_matrix_has_no_reversal() {
        // What the two other judgments imply, sqrt(a_ik a_kj * a_il a_lj), against the given:
        // (0,1) sqrt(5/3 * 7/5) = 1.53 vs 3; (0,2) sqrt(9 * 7/3) = 4.58 vs 5;
        // (0,3) sqrt(15 * 15) = 15 vs 7; (1,2) sqrt(5/3 * 5/3) = 1.67 vs 3;
        // (1,3) sqrt(7/3 * 9) = 4.58 vs 5; (2,3) sqrt(7/5 * 5/3) = 1.53 vs 3.
        // The largest gap, 15/7 = 2.14, is below 3.
        assert!(reversals_in(&saaty_4x4()).is_empty());
        assert!(reversals_in(&consistent(&[4.0, 2.0, 1.0, 1.0])).is_empty());
    }

    #[test]
    fn one_reversed_judgment_is_found_and_nothing_else() {
        // a_02 = 5 entered as 1/5. First pass:
        // (0,2): implied sqrt(a01 a12 * a03 a32) = sqrt(9 * 7/3) = sqrt(21) = 4.58; 1/5 is off by
        //   5 sqrt(21) = 22.9, its reciprocal 5 by 5 / sqrt(21) = 1.09: a suspect, and reversing
        //   it shrinks the log error by ln 21 = 3.04.
        // (0,1): implied sqrt(a02 a21 * a03 a31) = sqrt(1/15 * 7/5) = 0.306 (the reversed a02 is
        //   on one of its two paths); 3 is off by 9.8, 1/3 by 1.09: a suspect too, gain ln 9.
        // (1,2): implied sqrt(a10 a02 * a13 a32) = sqrt(1/15 * 5/3) = 1/3; 3 is off by 9, 1/3
        //   exact: gain ln 9.
        // (0,3): sqrt(a01 a13 * a02 a23) = sqrt(15 * 3/5) = 3 vs 7 (2.33); (1,3): 4.58 vs 5;
        // (2,3): sqrt(a20 a03 * a21 a13) = sqrt(35 * 5/3) = 7.64 vs 3 (2.55): below 3.
        // The clearest, (0,2), is taken; reversed back, the matrix is the original: no more.
        let r = reversals_in(&reversed(&saaty_4x4(), 0, 2));
        assert_eq!(r.len(), 1, "{r:?}");
        let (row, col, given, implied) = r[0];
        assert_eq!((row, col), (0, 2));
        assert_relative_eq!(given, 0.2, max_relative = TOL);
        assert_relative_eq!(implied, 21f64.sqrt(), max_relative = TOL);

        // Consistent weights (4, 2, 1, 1), a_13 = 2 entered as 1/2. (1,3): implied
        // median{a10 a03, a12 a23} = median{1/2 * 4, 2 * 1} = 2: 1/2 is off by 4, 2 exact.
        // Pairs with the reversed a_13 on a path: (0,1) {4 * 1/2, 4 * 2} -> 4 vs 2;
        // (0,3) {2 * 1/2, 4 * 1} -> 2 vs 4; (1,2) {1/2 * 4, 1/2 * 1} -> 1 vs 2: off by 2 only;
        // (2,3) is 1, never a suspect.
        let r = reversals_in(&reversed(&consistent(&[4.0, 2.0, 1.0, 1.0]), 1, 3));
        assert_eq!(r.len(), 1, "{r:?}");
        let (row, col, given, implied) = r[0];
        assert_eq!((row, col), (1, 3));
        assert_relative_eq!(given, 0.5, max_relative = TOL);
        assert_relative_eq!(implied, 2.0, max_relative = TOL);
    }

    #[test]
    fn two_reversals_in_one_matrix_are_both_found() {
        // Consistent weights (8, 4, 2, 1, 1) with a_03 = 8 and a_12 = 2 both reversed. (0,3):
        // the three indirect judgments a01 a13 = 2 * 4, a02 a23 = 4 * 2, a04 a43 = 8 * 1 are all
        // 8, so 1/8 is off by 64 (gain ln 64). With it reversed back, (1,2): a10 a02 = 1/2 * 4,
        // a13 a32 = 4 * 1/2, a14 a42 = 4 * 1/2 are all 2: 1/2 is off by 4 (gain ln 4).
        let m = consistent(&[8.0, 4.0, 2.0, 1.0, 1.0]);
        let r = reversals_in(&reversed(&reversed(&m, 0, 3), 1, 2));
        let at: Vec<(usize, usize)> = r.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(at, [(0, 3), (1, 2)]);
        assert_relative_eq!(r[0].3, 8.0, max_relative = TOL);
        assert_relative_eq!(r[1].3, 2.0, max_relative = TOL);
    }

    #[test]
    fn with_two_indirect_judgments_the_implied_value_is_the_llsm_completion() {
        // Without pair (i, j) the LLSM normal equations give (n - 2)(y_i - y_j) =
        // sum_k ln(a_ik a_kj): the geometric mean of the indirect judgments (Bozóki, Fülöp &
        // Rónyai 2010). With two of them (n = 4) that is also their median.
        let m = reversed(&saaty_4x4(), 0, 2);
        let known: Vec<(usize, usize, f64)> = (0..4)
            .flat_map(|i| (i + 1..4).map(move |j| (i, j)))
            .filter(|&p| p != (0, 2))
            .map(|(i, j)| (i, j, m.get(i, j)))
            .collect();
        let completed = complete(4, &known).unwrap().get(0, 2);
        assert_relative_eq!(completed, 21f64.sqrt(), max_relative = TOL);
        assert_relative_eq!(reversals_in(&m)[0].3, completed, max_relative = TOL);
    }

    #[test]
    fn two_criteria_give_nothing_to_compare_with() {
        let m = PairwiseMatrix::from_rows(&[vec![1.0, 9.0], vec![1.0 / 9.0, 1.0]]).unwrap();
        assert!(reversals_in(&m).is_empty());
    }

    #[test]
    fn decimals_are_read_from_the_shortest_text() {
        assert_eq!(decimals(59.1), 1);
        assert_eq!(decimals(100.0), 0);
        assert_eq!(decimals(0.05), 2);
        assert_eq!(decimals(1e-7), 7);
        assert_eq!(decimals(168_670_000.0), 0);
    }

    // ---- small studies written to a temporary folder ----

    /// Writes a study's files into a temporary folder and analyses it.
    fn analyse_files(files: &[(&str, &str)]) -> Analysis {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let study = crate::input::read_study(&dir.path().join("study.toml"))
            .expect("the test study is valid");
        crate::analyse(study).expect("the test study analyses")
    }

    /// A study file: `categories` as a TOML array, `method` lines, each level's weights.
    fn study(categories: &str, method: &str, kelurahan: &str, kecamatan: &str) -> String {
        let judgments = if kelurahan == "\"own-panel\"" {
            "judgments = \"penilaian.csv\""
        } else {
            ""
        };
        format!(
            r#"
[study]
id = "mini"
name = "Studi mini"
region_code = "99.01"
region_name = "Kota Contoh"
illustrative = true
note_id = "Data contoh untuk uji."
note_en = "Test data."
categories = {categories}

[inputs]
regions = "wilayah.csv"
candidates = "umkm.csv"
{judgments}

[method]
{method}

[[levels]]
level = "kelurahan"
criteria = "kriteria.toml"
weights = {kelurahan}

[[levels]]
level = "kecamatan"
criteria = "kriteria.toml"
weights = {kecamatan}
"#
        )
    }

    /// A criteria file: `(id, type, scale)` per criterion.
    fn criteria(list: &[(&str, &str, &str)]) -> String {
        let mut s = String::from("id = \"mini\"\nname_id = \"Kriteria\"\nname_en = \"Criteria\"\n");
        for (id, kind, scale) in list {
            s.push_str(&format!(
                "\n[[criteria]]\nid = \"{id}\"\nname_id = \"{id}\"\nname_en = \"{id}\"\n\
                 indicator_id = \"{id}\"\nindicator_en = \"{id}\"\ntype = \"{kind}\"\n\
                 scale = {scale}\n"
            ));
        }
        s
    }

    const WORKERS: (&str, &str, &str) = (
        "tenaga_kerja",
        "benefit",
        r#"{ kind = "quantity", unit = "orang", min = 0 }"#,
    );
    const TURNOVER: (&str, &str, &str) = (
        "omzet",
        "benefit",
        r#"{ kind = "quantity", unit = "Rp/tahun", min = 0 }"#,
    );
    const NEW_ENTREPRENEURS: (&str, &str, &str) = (
        "wirausaha_baru",
        "benefit",
        r#"{ kind = "quantity", unit = "orang", min = 0 }"#,
    );

    /// Two kelurahan of one kecamatan.
    const TWO_KELURAHAN: &str = "\
kecamatan_code,kecamatan,kelurahan_code,kelurahan,aliases
99.01.01,Pesisir,99.01.01.1001,Tanjung,
99.01.01,Pesisir,99.01.01.1002,Karang,
";

    #[test]
    fn a_reversed_judgment_and_excluded_participants_are_located() {
        // Tanjung: P01 consistent (2, 4, 2: weights 4:2:1); P02 circular (5, 1/5, 5); P03 is P01
        // with a_02 = 4 entered as 1/4. Karang: P01 consistent (1, 3, 3).
        let judgments = "\
panel,participant,role,criterion_a,criterion_b,value
99.01.01.1001,P01,lurah,tenaga_kerja,omzet,2
99.01.01.1001,P01,lurah,tenaga_kerja,harga,4
99.01.01.1001,P01,lurah,omzet,harga,2
99.01.01.1001,P02,umkm,tenaga_kerja,omzet,5
99.01.01.1001,P02,umkm,tenaga_kerja,harga,1/5
99.01.01.1001,P02,umkm,omzet,harga,5
99.01.01.1001,P03,lpm,tenaga_kerja,omzet,2
99.01.01.1001,P03,lpm,tenaga_kerja,harga,1/4
99.01.01.1001,P03,lpm,omzet,harga,2
99.01.01.1002,P01,lurah,tenaga_kerja,omzet,1
99.01.01.1002,P01,lurah,tenaga_kerja,harga,3
99.01.01.1002,P01,lurah,omzet,harga,3
";
        let candidates = "\
id,name,product,kelurahan,category,tenaga_kerja,omzet,harga
T-AGR-01,Tani Makmur,Mangga,99.01.01.1001,agro,5,120000000,3
T-AGR-02,Dapur Bu Sri,Dodol mangga,99.01.01.1001,agro,9,150000000,2
T-AGR-03,Kebun Sejahtera,Anggur,99.01.01.1001,agro,3,180000000,4
T-KRJ-01,Batik Jaya,Batik,99.01.01.1001,kerajinan,8,200000000,4
K-AGR-01,UD Sari,Keripik,99.01.01.1002,agro,4,60000000,2
K-KRJ-01,Anyaman Rukun,Tas anyaman,99.01.01.1002,kerajinan,6,80000000,1
K-KRJ-02,Griya Manik,Aksesori,99.01.01.1002,kerajinan,2,90000000,3
";
        let price = ("harga", "cost", r#"{ kind = "rating", min = 1, max = 5 }"#);
        let a = analyse_files(&[
            (
                "study.toml",
                &study(
                    r#"["agro", "kerajinan"]"#,
                    "inconsistent_participants = \"exclude\"",
                    "\"own-panel\"",
                    "{ explicit = { tenaga_kerja = 0.5, omzet = 0.3, harga = 0.2 } }",
                ),
            ),
            ("kriteria.toml", &criteria(&[WORKERS, TURNOVER, price])),
            ("wilayah.csv", TWO_KELURAHAN),
            ("penilaian.csv", judgments),
            ("umkm.csv", candidates),
        ]);
        let found = data_checks(&a);
        assert_eq!(found.len(), 2, "{found:#?}");

        // P03 (index 2): (0,2) implied a01 a12 = 4; 1/4 is off by 16, its reciprocal exact.
        // (0,1): implied a02 a21 = 1/4 * 1/2 = 1/8, and 2 is off by 16 but 1/2 by 4; (1,2):
        // a10 a02 = 1/8 likewise. P02: each judgment's one indirect judgment is 25 or 1/25
        // against 5 or 1/5, whose reciprocal is still off by 5: the circle has no single culprit.
        let Finding::ReversedJudgment {
            panel: 0,
            participant: 2,
            node: 0,
            row: 0,
            col: 2,
            given,
            consistent,
        } = found[0]
        else {
            panic!("expected P03's (0, 2): {:?}", found[0]);
        };
        assert_relative_eq!(given, 0.25, max_relative = TOL);
        assert_relative_eq!(consistent, 4.0, max_relative = TOL);

        // CR of a 3 x 3 matrix: lambda = 1 + t + 1/t with t = (a01 a12 / a02)^(1/3), CI =
        // (lambda - 3) / 2, RI = 0.58. P02: t = 125^(1/3) = 5, lambda = 6.2, CR = 1.6 / 0.58 =
        // 2.7586. P03: t = 16^(1/3) = 2.5198, lambda = 3.91669, CR = 0.79025.
        let Finding::ExcludedParticipants {
            panel: 0,
            participants,
        } = &found[1]
        else {
            panic!("expected Tanjung's exclusions: {:?}", found[1]);
        };
        let who: Vec<usize> = participants.iter().map(|p| p.participant).collect();
        assert_eq!(who, [1, 2]);
        let t = 16f64.cbrt();
        for (p, cr) in participants
            .iter()
            .zip([1.6 / 0.58, (t + 1.0 / t - 2.0) / 2.0 / 0.58])
        {
            assert_eq!(p.inconsistent.len(), 1);
            assert_eq!(p.inconsistent[0].0, 0);
            assert_relative_eq!(p.inconsistent[0].1, cr, max_relative = CR_TOL);
        }
    }

    /// The files of a study scored with explicit weights (no panels): `criteria_list`,
    /// two kelurahan, the given candidates.
    fn explicit_study(
        method: &str,
        criteria_list: &[(&str, &str, &str)],
        weights: &str,
        candidates: &str,
    ) -> Analysis {
        let weights = format!("{{ explicit = {{ {weights} }} }}");
        analyse_files(&[
            (
                "study.toml",
                &study(r#"["agro", "kerajinan"]"#, method, &weights, &weights),
            ),
            ("kriteria.toml", &criteria(criteria_list)),
            ("wilayah.csv", TWO_KELURAHAN),
            ("umkm.csv", candidates),
        ])
    }

    const SPARSE: &str = "\
id,name,product,kelurahan,category,tenaga_kerja,omzet,wirausaha_baru
T-AGR-01,Tani X,Mangga,99.01.01.1001,agro,5,100,1
T-AGR-02,Tani Y,Mangga,99.01.01.1001,agro,5,110,0
T-KRJ-01,Batik A,Batik,99.01.01.1001,kerajinan,3,50,0
T-KRJ-02,Batik B,Batik,99.01.01.1001,kerajinan,4,40,0
T-KRJ-03,Batik C,Batik,99.01.01.1001,kerajinan,2,60,0
K-AGR-01,Kebun D,Anggur,99.01.01.1002,agro,6,90,0
K-AGR-02,Kebun E,Anggur,99.01.01.1002,agro,7,80,0
";

    #[test]
    fn a_mostly_zero_indicator_that_picks_a_winner_is_flagged() {
        // Kelurahan level: 6 of the 7 candidates have wirausaha_baru = 0 (86 % >= 80 %).
        // Tanjung agro (group 0): X and Y have equal workers; vector-normalised omzet
        // 100 / sqrt(100^2 + 110^2) = 0.6727 and 0.7399; wirausaha 1 and 0 become 1 and 0. With
        // w = (0.4, 0.4, 0.2): C_X = 0.2 / (0.4 * 0.0673 + 0.2) = 0.881 beats C_Y = 0.119.
        // Without the criterion (w = (0.5, 0.5, 0)) Y is better on omzet and equal otherwise:
        // C_Y = 1, so one new entrepreneur outweighs 10 % more turnover. In Tanjung kerajinan and
        // Karang agro the column is all 0 and dropping it only rescales the other weights,
        // which leaves TOPSIS closeness unchanged.
        // Kecamatan level: the nominees X, Batik B and Kebun E have wirausaha 1, 0, 0 (67 %):
        // it decides there too (C_X 0.693 vs 0.307, and 0.402 vs 0.598 without it), but the
        // share is below 80 %.
        let weights = "tenaga_kerja = 0.4, omzet = 0.4, wirausaha_baru = 0.2";
        let list = [WORKERS, TURNOVER, NEW_ENTREPRENEURS];
        let a = explicit_study("", &list, weights, SPARSE);
        let found = data_checks(&a);
        assert_eq!(
            found,
            [Finding::MostlyConstantIndicator {
                level: 0,
                criterion: 2,
                value: 0.0,
                count: 6,
                candidates: 7,
                groups: vec![0],
            }]
        );

        // With X's omzet 120, X is best or equal on every criterion: the indicator no longer
        // decides anything.
        let dominant = SPARSE.replace("agro,5,100,1", "agro,5,120,1");
        let a = explicit_study("", &list, weights, &dominant);
        assert!(data_checks(&a).is_empty());
    }

    #[test]
    fn same_names_are_found_per_group_at_every_level() {
        // Tanjung agro: "UD Mutiara" and "ud  MUTIARA" fold to the same name. "Griya Manik" is
        // in two different groups: not a finding. Each "UD Mutiara" wins its kelurahan (best
        // on workers and turnover), so the kecamatan agro group (4) holds two of them.
        let candidates = "\
id,name,product,kelurahan,category,tenaga_kerja,omzet,wirausaha_baru
T-AGR-01,UD Mutiara,Mangga,99.01.01.1001,agro,9,200,2
T-AGR-02,Dapur Bu Sri,Dodol,99.01.01.1001,agro,3,100,1
T-AGR-03,ud  MUTIARA,Anggur,99.01.01.1001,agro,4,120,0
T-KRJ-01,Griya Manik,Batik,99.01.01.1001,kerajinan,5,150,3
K-AGR-01,UD. Mutiara,Keripik,99.01.01.1002,agro,8,180,4
K-AGR-02,Griya Manik,Keripik,99.01.01.1002,agro,2,90,5
";
        let weights = "tenaga_kerja = 0.4, omzet = 0.4, wirausaha_baru = 0.2";
        let list = [WORKERS, TURNOVER, NEW_ENTREPRENEURS];
        let a = explicit_study("", &list, weights, candidates);
        assert_eq!(
            data_checks(&a),
            [
                Finding::SameName {
                    group: 0,
                    candidates: vec![0, 2],
                },
                Finding::SameName {
                    group: 4,
                    candidates: vec![0, 4],
                },
            ]
        );
    }

    #[test]
    fn a_lead_within_the_rounding_of_the_data_is_flagged_once() {
        // Weighted sum with a fixed reference: u = (x - lower) / (upper - lower), so a lead is
        // linear in the data. Bounds: share 0-100, rating 1-5, workers 0 to the data's
        // maximum, 10. The share column is written with one decimal (64.4), so each value is
        // known to +-0.05; ratings and whole numbers are exact.
        // Group 0 (Tanjung agro): A = 0.45 * 0.600 + 0.35 * 0.5 + 0.2 * 0.6 = 0.5650,
        //   B = 0.45 * 0.644 + 0.35 * 0.5 + 0.2 * 0.5 = 0.5648: lead 0.0002. Rounding moves
        //   each of the two shares' terms by 0.45 * 0.05 / 100 = 0.000225: 0.00045 >= 0.0002.
        // Group 2 (Karang agro): 0.5650 vs 0.45 * 0.640 + 0.275 = 0.5630: lead 0.002 > 0.00045
        //   (the third candidate's data do not enter a weighted-sum lead).
        // Group 1 (Tanjung kerajinan): two identical candidates tie at the cut, and the tie is
        //   reported as a tie, not again here.
        let candidates = "\
id,name,product,kelurahan,category,sumber_daya_lokal,kekhasan_daerah,tenaga_kerja
T-AGR-01,Alpha,Mangga,99.01.01.1001,agro,60.0,3,6
T-AGR-02,Beta,Mangga,99.01.01.1001,agro,64.4,3,5
T-KRJ-01,Zeta,Batik,99.01.01.1001,kerajinan,50.0,2,3
T-KRJ-02,Eta,Batik,99.01.01.1001,kerajinan,50.0,2,3
K-AGR-01,Gamma,Anggur,99.01.01.1002,agro,60.0,3,6
K-AGR-02,Delta,Anggur,99.01.01.1002,agro,64.0,3,5
K-AGR-03,Epsilon,Anggur,99.01.01.1002,agro,10.0,1,10
";
        let list = [
            (
                "sumber_daya_lokal",
                "benefit",
                r#"{ kind = "quantity", unit = "%", min = 0, max = 100 }"#,
            ),
            (
                "kekhasan_daerah",
                "benefit",
                r#"{ kind = "rating", min = 1, max = 5 }"#,
            ),
            WORKERS,
        ];
        let weights = "sumber_daya_lokal = 0.45, kekhasan_daerah = 0.35, tenaga_kerja = 0.2";
        let method = "scoring = \"weighted-sum\"\nreference = \"fixed\"";
        let a = explicit_study(method, &list, weights, candidates);
        assert!(a.selection.groups[1].tie_at_cut);
        let found = data_checks(&a);
        assert_eq!(found.len(), 1, "{found:#?}");
        let Finding::NarrowLead {
            group: 0,
            winner: 0,
            runner_up: 1,
            lead,
            rounding,
        } = found[0]
        else {
            panic!("expected Tanjung agro: {:?}", found[0]);
        };
        assert_relative_eq!(lead, 0.0002, max_relative = 1e-9);
        assert_relative_eq!(rounding, 0.00045, max_relative = 1e-9);
    }

    /// Findings of each kind, in [`Finding`] order.
    fn counts(found: &[Finding]) -> [usize; 5] {
        let mut c = [0; 5];
        for f in found {
            c[match f {
                Finding::ReversedJudgment { .. } => 0,
                Finding::MostlyConstantIndicator { .. } => 1,
                Finding::SameName { .. } => 2,
                Finding::NarrowLead { .. } => 3,
                Finding::ExcludedParticipants { .. } => 4,
            }] += 1;
        }
        c
    }

    #[test]
    fn the_bundled_study() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("datasets/probolinggo/study.toml");
        let a = crate::analyse(crate::input::read_study(&path).unwrap()).unwrap();
        let found = data_checks(&a);
        assert_eq!(
            found,
            data_checks(&a),
            "the same analysis gives the same list"
        );
        // Checked independently (a Python reimplementation over the CSV inputs and the run's
        // ranking CSVs): 18 reversals; no indicator has a value shared by 80 % of a level's
        // candidates (the most, daya_saing = 1, by 53 % at kelurahan level); 6 same-name pairs
        // in kelurahan groups and 5 in kecamatan groups; the smallest lead is 23 times what
        // rounding could change; 6 panels lost one participant each.
        assert_eq!(counts(&found), [18, 0, 11, 0, 6]);
        // The generator planted 3 reversed, overstated judgments into each of 6 participants
        // (the ones excluded for inconsistency): exactly those are flagged, 3 each.
        let mut excluded: Vec<(usize, usize)> = Vec::new();
        for f in &found {
            if let Finding::ExcludedParticipants {
                panel,
                participants,
            } = f
            {
                excluded.extend(participants.iter().map(|p| (*panel, p.participant)));
            }
        }
        let mut reversed_in: Vec<(usize, usize)> = found
            .iter()
            .filter_map(|f| match f {
                Finding::ReversedJudgment {
                    panel, participant, ..
                } => Some((*panel, *participant)),
                _ => None,
            })
            .collect();
        reversed_in.dedup();
        assert_eq!(reversed_in, excluded);
        let kecamatan_same_names = found
            .iter()
            .filter(|f| {
                matches!(f, Finding::SameName { group, .. }
                    if a.selection.groups[*group].level_index == 1)
            })
            .count();
        assert_eq!(kecamatan_same_names, 5);
    }
}
