//! Sensitivity over a whole study: sweeps, critical thresholds and SMAA for every ranked group,
//! with a plain-language stability verdict per group.
//!
//! Groups that share a weight vector (the categories of one kelurahan, scored with its
//! panel's weights) share their SMAA weight samples, so one draw is one plausible panel
//! opinion applied to all of that panel's groups.
//!
//! With matrix noise on ([`SensitivitySpec::matrix_noise`]) SMAA runs
//! [`smaa_with_noise`]: each draw also perturbs every group's raw values (quantities by a
//! relative amount, ratings by whole steps) and scores them again; with it off, the weights-only
//! [`smaa_batches`] runs exactly as before.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Analysis;
use crate::ahp::{PairwiseMatrix, SAATY_SCALE};
use crate::model::{SamplerKind, SensitivitySpec, Study};
use crate::score::{MatrixView, Reference, ScoreModel};
use crate::select::{Group, group_matrix, reference};
use crate::sensitivity::{
    DirichletAround, InTurn, MatrixNoise, NoisyGroup, SensitivityError, SmaaBatch, SmaaOptions,
    SmaaResult, SweepCurves, Threshold, UniformSimplex, WeightSampler, critical_thresholds,
    smaa_batches, smaa_with_noise, sweep_curves,
};
use crate::weights::{WeightOrigin, group_weights};

/// First-rank acceptability at or above which a winner is called stable.
pub const STABLE_ACCEPTABILITY: f64 = 0.80;
/// First-rank acceptability below which a group is too close to call.
pub const CLOSE_ACCEPTABILITY: f64 = 0.50;
/// A weight change (absolute, in weight units) smaller than this that changes the winner
/// makes the group sensitive to that criterion.
pub const SENSITIVE_CHANGE: f64 = 0.05;

/// Plain-language stability of a group's unggulan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Verdict {
    /// No candidates.
    Empty,
    /// A single candidate: nothing to compare.
    Unopposed,
    /// The unggulan wins in fewer than [`CLOSE_ACCEPTABILITY`] of the weight samples.
    TooClose {
        /// First-rank acceptability of the unggulan.
        acceptability: f64,
    },
    /// A change of less than [`SENSITIVE_CHANGE`] in one criterion's weight changes the winner.
    Sensitive {
        /// Leaf criterion index (within the level's criteria).
        criterion: usize,
        /// Signed weight change at which the winner changes.
        change: f64,
        /// First-rank acceptability of the unggulan (if SMAA ran).
        acceptability: Option<f64>,
    },
    /// Wins in at least [`STABLE_ACCEPTABILITY`] of the samples and no small weight change
    /// changes the winner.
    Stable {
        /// First-rank acceptability (if SMAA ran).
        acceptability: Option<f64>,
    },
    /// Neither stable nor sensitive: wins in 50-80 % of the samples.
    FairlyStable {
        /// First-rank acceptability of the unggulan.
        acceptability: f64,
    },
}

impl Verdict {
    /// Short identifier for tables.
    pub fn id(&self) -> &'static str {
        match self {
            Verdict::Empty => "empty",
            Verdict::Unopposed => "unopposed",
            Verdict::TooClose { .. } => "too-close",
            Verdict::Sensitive { .. } => "sensitive",
            Verdict::Stable { .. } => "stable",
            Verdict::FairlyStable { .. } => "fairly-stable",
        }
    }
}

/// Sensitivity results of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSensitivity {
    /// Index into the selection's groups.
    pub group: usize,
    /// Critical thresholds, two per leaf criterion (decrease, increase).
    pub thresholds: Vec<Threshold>,
    /// One sweep per leaf criterion, in the exact compact form (render points with
    /// [`SweepCurves::render`]).
    pub sweeps: Vec<SweepCurves>,
    /// SMAA-2 results (None when the group has fewer than two candidates).
    pub smaa: Option<SmaaResult>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Sensitivity results of a whole study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudySensitivity {
    /// The settings used.
    pub spec: SensitivitySpec,
    /// Per group with candidates, in selection order.
    pub groups: Vec<GroupSensitivity>,
    /// What the sampler could not do as asked (e.g. no participants for explicit weights).
    pub notes: Vec<SensitivityNote>,
}

/// Something the sensitivity stage did otherwise than asked, for the reports to word in their
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SensitivityNote {
    /// The sampler needs a panel's participants or judgments, but these groups' weights do not
    /// come from a panel; they were sampled with Dirichlet(c·w) around their weights instead.
    DirichletInstead {
        /// The sampler the study asked for.
        sampler: SamplerKind,
        /// Where the groups' weights come from.
        origin: WeightOrigin,
    },
}

/// The weight-independent part of a scored group.
///
/// # Errors
/// The group's data cannot be normalised (not possible for a validated study).
pub fn score_model(study: &Study, group: &Group) -> Result<ScoreModel, crate::score::ScoreError> {
    let members: Vec<usize> = group.entries.iter().map(|e| e.candidate).collect();
    let (data, directions) = group_matrix(study, group.level_index, &members);
    let view = MatrixView {
        rows: members.len(),
        cols: directions.len(),
        data: &data,
    };
    ScoreModel::from_matrix(
        view,
        &directions,
        study.method.scoring,
        study.method.normalization,
        &reference(study, group.level_index),
    )
}

/// A group's raw decision matrix with each criterion's noise, for SMAA with an uncertain
/// matrix. Under a fixed reference quantities are also held within the reference bounds
/// (values outside them cannot be normalised).
fn noisy_group(study: &Study, group: &Group, noise: MatrixNoise) -> NoisyGroup {
    let members: Vec<usize> = group.entries.iter().map(|e| e.candidate).collect();
    let (data, directions) = group_matrix(study, group.level_index, &members);
    let reference = reference(study, group.level_index);
    let set = &study.levels[group.level_index].criteria;
    let columns = set
        .leaves
        .iter()
        .enumerate()
        .map(|(j, &leaf)| {
            let column = noise.column(set.criteria[leaf].scale.as_ref());
            match &reference {
                Reference::Fixed { lower, upper } => column.within(lower[j], upper[j]),
                Reference::Relative => column,
            }
        })
        .collect();
    NoisyGroup {
        rows: members.len(),
        data,
        columns,
        directions,
        scoring: study.method.scoring,
        normalization: study.method.normalization,
        reference,
    }
}

/// Weights from perturbed judgments: every judgment of every included participant moves to a
/// neighbouring value of Saaty's scale (or stays) with equal chance, then the panel's weights
/// are aggregated again exactly as in the weights stage.
struct JudgmentPerturbation<'a> {
    analysis: &'a Analysis,
    panel: usize,
}

fn nearest_scale_index(x: f64) -> usize {
    let lx = x.ln();
    (0..SAATY_SCALE.len())
        .min_by(|&a, &b| {
            (SAATY_SCALE[a].ln() - lx)
                .abs()
                .total_cmp(&(SAATY_SCALE[b].ln() - lx).abs())
        })
        .unwrap_or(8)
}

impl WeightSampler for JudgmentPerturbation<'_> {
    fn cols(&self) -> usize {
        self.analysis.panels[self.panel].weights.len()
    }

    fn sample(&self, _index: u64, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        let study = &self.analysis.study;
        let pw = &self.analysis.panels[self.panel];
        let panel = &study.panels[pw.panel];
        let mut matrices: Vec<Vec<PairwiseMatrix>> = Vec::new();
        let mut weights = Vec::new();
        for (p, r) in panel.participants.iter().zip(&pw.participants) {
            if !r.included {
                continue;
            }
            let perturbed: Vec<PairwiseMatrix> = p
                .matrices
                .iter()
                .map(|m| {
                    let n = m.n();
                    let mut upper = vec![1.0; n * n];
                    for i in 0..n {
                        for j in i + 1..n {
                            let k = nearest_scale_index(m.get(i, j)) as i64
                                + rng.random_range(-1..=1_i64);
                            upper[i * n + j] =
                                SAATY_SCALE[k.clamp(0, SAATY_SCALE.len() as i64 - 1) as usize];
                        }
                    }
                    PairwiseMatrix::from_upper(n, |i, j| upper[i * n + j])
                        .unwrap_or_else(|_| m.clone())
                })
                .collect();
            matrices.push(perturbed);
            weights.push(p.weight);
        }
        let set = &study.levels[panel.level].criteria;
        match group_weights(set, &matrices, &weights, &study.method) {
            Ok(w) => out.copy_from_slice(&w),
            Err(_) => out.copy_from_slice(&pw.weights),
        }
    }
}

/// Seed of batch `b`: distinct, reproducible streams per weight vector (SplitMix64 step).
fn batch_seed(seed: u64, b: usize) -> u64 {
    let mut z = seed.wrapping_add((b as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The nearest critical threshold of a group: the criterion and the signed weight change
/// (critical minus base weight) of smallest size; `None` when no change anywhere moves the
/// unggulan.
pub fn nearest_threshold(thresholds: &[Threshold]) -> Option<(usize, f64)> {
    thresholds
        .iter()
        .filter_map(|t| t.critical_weight.map(|c| (t.criterion, c - t.base_weight)))
        .min_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
}

fn verdict(group: &Group, thresholds: &[Threshold], smaa: Option<&SmaaResult>) -> Verdict {
    match group.entries.len() {
        0 => return Verdict::Empty,
        1 => return Verdict::Unopposed,
        _ => {}
    }
    let winner = group.order[0];
    let acceptability = smaa.map(|s| s.acceptability(winner, 0));
    if let Some(a) = acceptability
        && a < CLOSE_ACCEPTABILITY
    {
        return Verdict::TooClose { acceptability: a };
    }
    if let Some((criterion, change)) = nearest_threshold(thresholds)
        && change.abs() < SENSITIVE_CHANGE
    {
        return Verdict::Sensitive {
            criterion,
            change,
            acceptability,
        };
    }
    match acceptability {
        Some(a) if a < STABLE_ACCEPTABILITY => Verdict::FairlyStable { acceptability: a },
        _ => Verdict::Stable { acceptability },
    }
}

/// Runs sweeps, thresholds and SMAA for every group with candidates. `progress` receives
/// (done, total) in SMAA work units (see [`smaa_batches`]; with matrix noise, batches).
///
/// # Errors
/// A sensitivity computation error (not expected for a validated study).
pub fn analyse_sensitivity(
    analysis: &Analysis,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<StudySensitivity, SensitivityError> {
    let study = &analysis.study;
    let spec = study.sensitivity.clone();
    let groups = &analysis.selection.groups;
    let scored: Vec<usize> = (0..groups.len())
        .filter(|&g| !groups[g].entries.is_empty())
        .collect();
    let models: Vec<ScoreModel> = scored
        .iter()
        .map(|&g| score_model(study, &groups[g]))
        .collect::<Result<_, _>>()
        .map_err(|e| SensitivityError::Scoring(e.to_string()))?;

    // Sweeps and thresholds, per group in parallel.
    let local: Vec<(Vec<Threshold>, Vec<SweepCurves>)> = scored
        .par_iter()
        .zip(models.par_iter())
        .map(|(&g, model)| {
            let w = &groups[g].weights;
            let thresholds = critical_thresholds(model, w)?;
            let sweeps = (0..w.len())
                .map(|j| sweep_curves(model, w, j))
                .collect::<Result<_, _>>()?;
            Ok((thresholds, sweeps))
        })
        .collect::<Result<_, SensitivityError>>()?;

    // SMAA, batched by shared weight vector (same level and origin), in first-appearance order.
    let mut smaa_results: Vec<Option<SmaaResult>> = vec![None; scored.len()];
    let mut notes = Vec::new();
    if spec.enabled {
        let mut batches: Vec<(usize, WeightOrigin, Vec<usize>)> = Vec::new();
        let mut batch_of: HashMap<(usize, &WeightOrigin), usize> = HashMap::new();
        for (k, &g) in scored.iter().enumerate() {
            if groups[g].entries.len() < 2 {
                continue;
            }
            let key = (groups[g].level_index, &groups[g].origin);
            let b = *batch_of.entry(key).or_insert_with(|| {
                batches.push((key.0, key.1.clone(), Vec::new()));
                batches.len() - 1
            });
            batches[b].2.push(k);
        }
        let noise = MatrixNoise::new(spec.quantity_noise, spec.rating_steps)?;
        // The samplers, in batch order (so are the notes).
        let mut samplers: Vec<Box<dyn WeightSampler>> = Vec::with_capacity(batches.len());
        for (_, origin, members) in &batches {
            let base = groups[scored[members[0]]].weights.clone();
            let dirichlet = || DirichletAround::new(base.clone(), spec.concentration);
            samplers.push(match (spec.sampler, origin) {
                (SamplerKind::Dirichlet, _) => Box::new(dirichlet()?),
                (SamplerKind::Uniform, _) => Box::new(UniformSimplex { cols: base.len() }),
                (SamplerKind::Participants, WeightOrigin::Panel(p)) => {
                    let pw = &analysis.panels[*p];
                    let vectors: Vec<Vec<f64>> = pw
                        .participants
                        .iter()
                        .filter(|r| r.included)
                        .map(|r| r.weights.clone())
                        .collect();
                    Box::new(InTurn::new(vectors)?)
                }
                (SamplerKind::Judgments, WeightOrigin::Panel(p)) => {
                    Box::new(JudgmentPerturbation {
                        analysis,
                        panel: *p,
                    })
                }
                (sampler, _) => {
                    let note = SensitivityNote::DirichletInstead {
                        sampler,
                        origin: origin.clone(),
                    };
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                    Box::new(dirichlet()?)
                }
            });
        }
        let chunk = crate::sensitivity::DEFAULT_CHUNK;
        let results: Vec<Vec<SmaaResult>> = if spec.matrix_noise() {
            // Batches in parallel (each also over its chunks), collected in batch order.
            let total = batches.len();
            let done = AtomicUsize::new(0);
            batches
                .par_iter()
                .zip(&samplers)
                .enumerate()
                .map(|(b, ((_, _, members), sampler))| {
                    let noisy: Vec<NoisyGroup> = members
                        .iter()
                        .map(|&k| noisy_group(study, &groups[scored[k]], noise))
                        .collect();
                    let options = SmaaOptions {
                        samples: spec.samples,
                        seed: batch_seed(spec.seed, b),
                        chunk,
                    };
                    let r = smaa_with_noise(&noisy, sampler.as_ref(), &options, &|_| {})?;
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    Ok(r)
                })
                .collect::<Result<_, SensitivityError>>()?
        } else {
            // Every batch at once: small batches share the kernel's tiles, and the work is
            // spread over the threads; each batch's results are those of a lone run.
            let members: Vec<Vec<&ScoreModel>> = batches
                .iter()
                .map(|(_, _, members)| members.iter().map(|&k| &models[k]).collect())
                .collect();
            let runs: Vec<SmaaBatch<'_>> = members
                .iter()
                .zip(&samplers)
                .enumerate()
                .map(|(b, (models, sampler))| SmaaBatch {
                    models,
                    sampler: sampler.as_ref(),
                    seed: batch_seed(spec.seed, b),
                })
                .collect();
            smaa_batches(&runs, spec.samples, chunk, progress)?
        };
        for ((_, _, members), results) in batches.iter().zip(results) {
            for (&k, r) in members.iter().zip(results) {
                smaa_results[k] = Some(r);
            }
        }
    }

    let out = scored
        .iter()
        .zip(local)
        .zip(smaa_results)
        .map(|((&g, (thresholds, sweeps)), smaa)| {
            let verdict = verdict(&groups[g], &thresholds, smaa.as_ref());
            GroupSensitivity {
                group: g,
                thresholds,
                sweeps,
                smaa,
                verdict,
            }
        })
        .collect();
    Ok(StudySensitivity {
        spec,
        groups: out,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GeneratorSpec, Layout, generate};
    use crate::sensitivity::{DEFAULT_CHUNK, smaa};

    /// A synthetic study of many panels (each kelurahan's categories share a weight vector):
    /// its SMAA results do not depend on the number of threads, and each batch's are exactly
    /// those of a lone `smaa` run with the batch's sampler and seed (the tiles shared across
    /// panels change nothing).
    #[test]
    fn study_smaa_equals_lone_batches_for_any_thread_count()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let spec = GeneratorSpec {
            seed: 3,
            layout: Layout::Synthetic {
                kecamatan: 8,
                kelurahan_per_kecamatan: 6,
            },
            candidates_per_group: (1, 7),
            criteria_ref: None,
        };
        generate(&spec, dir.path())?;
        let mut study = crate::input::read_study(&dir.path().join("study.toml"))?;
        study.sensitivity.samples = 600;
        assert_eq!(study.sensitivity.sampler, SamplerKind::Dirichlet);
        let analysis = crate::study::analyse(study)?;
        let run = |threads: usize| -> Result<StudySensitivity, Box<dyn std::error::Error>> {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            Ok(pool.install(|| analyse_sensitivity(&analysis, &|_, _| {}))?)
        };
        let one = run(1)?;
        assert_eq!(one, run(2)?);

        // The batches as `analyse_sensitivity` forms them: by level and weight origin, in
        // order of first appearance, groups of two or more candidates.
        let spec = &analysis.study.sensitivity;
        let groups = &analysis.selection.groups;
        let mut batches: Vec<((usize, &WeightOrigin), Vec<usize>)> = Vec::new();
        for (k, s) in one.groups.iter().enumerate() {
            let g = &groups[s.group];
            if g.entries.len() < 2 {
                assert!(s.smaa.is_none());
                continue;
            }
            let key = (g.level_index, &g.origin);
            match batches.iter_mut().find(|(b, _)| *b == key) {
                Some((_, members)) => members.push(k),
                None => batches.push((key, vec![k])),
            }
        }
        assert!(batches.len() > 40, "{} batches", batches.len());
        for (b, (_, members)) in batches.iter().enumerate() {
            let models: Vec<ScoreModel> = members
                .iter()
                .map(|&k| score_model(&analysis.study, &groups[one.groups[k].group]))
                .collect::<Result<_, _>>()?;
            let base = groups[one.groups[members[0]].group].weights.clone();
            let sampler = DirichletAround::new(base, spec.concentration)?;
            let options = SmaaOptions {
                samples: spec.samples,
                seed: batch_seed(spec.seed, b),
                chunk: DEFAULT_CHUNK,
            };
            let alone = smaa(&models, &sampler, &options, &|_| {})?;
            for (&k, r) in members.iter().zip(&alone) {
                assert_eq!(one.groups[k].smaa.as_ref(), Some(r));
            }
        }
        Ok(())
    }
}
