//! Weight samplers for SMAA.

use rand::SeedableRng;
use rand::distr::Distribution;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Exp1, Gamma};

use crate::sensitivity::{SensitivityError, validate_weights};

/// How many times a Dirichlet draw whose gamma variates all underflowed to 0 is redrawn before
/// falling back to the base weights (only reachable with tiny `concentration * w_j`).
const MAX_REDRAWS: usize = 16;

/// A source of weight vectors for SMAA.
///
/// `sample` writes one weight vector (non-negative, summing to 1) into `out`. `index` is the
/// global sample number; `rng` is the generator of the chunk the sample belongs to (see
/// [`crate::sensitivity::smaa`]), so a sampler must draw only from `rng` to stay reproducible.
pub trait WeightSampler: Sync {
    /// Number of criteria (length of each sample).
    fn cols(&self) -> usize;
    /// Writes sample number `index` into `out` (`out.len() == self.cols()`).
    fn sample(&self, index: u64, rng: &mut ChaCha8Rng, out: &mut [f64]);
    /// A sampler that replays a fixed list returns its length: SMAA then takes exactly that
    /// many samples, whatever [`crate::sensitivity::SmaaOptions::samples`] says.
    fn fixed_samples(&self) -> Option<usize> {
        None
    }
}

/// Dirichlet(c * w) around elicited weights `w`: mean `w`, and the larger the concentration
/// `c`, the tighter (variance of `w_j` is `w_j (1 - w_j) / (c + 1)`). Criteria with zero base
/// weight stay 0. Drawn as independent Gamma(c w_j, 1) variates normalised to sum 1.
///
/// What is amortised: the Gamma distributions (Marsaglia-Tsang constants per shape) are built
/// once per sampler, i.e. once per batch of groups sharing the weights, never per sample; a
/// batch's groups share every draw, and [`crate::sensitivity::smaa_batches`] draws each batch's
/// chunk once however its groups are tiled. What is not: one Gamma variate per criterion and
/// sample is the stream itself, and dividing by the sum (rather than multiplying by its
/// reciprocal, which rounds differently) keeps the weights bit-identical to earlier runs.
#[derive(Debug, Clone)]
pub struct DirichletAround {
    base: Vec<f64>,
    concentration: f64,
    gammas: Vec<Option<Gamma<f64>>>,
}

impl DirichletAround {
    /// Dirichlet sampler with mean `base` and concentration `concentration`.
    ///
    /// # Errors
    ///
    /// `base` not a weight vector (negative, non-finite, not summing to 1) or
    /// `concentration` not positive and finite.
    ///
    /// # Examples
    ///
    /// ```
    /// use unggul::sensitivity::{DirichletAround, WeightSampler};
    /// let s = DirichletAround::new(vec![0.5, 0.3, 0.2], 100.0).unwrap();
    /// assert_eq!(s.cols(), 3);
    /// ```
    pub fn new(base: Vec<f64>, concentration: f64) -> Result<Self, SensitivityError> {
        validate_weights(&base, base.len())?;
        if !(concentration.is_finite() && concentration > 0.0) {
            return Err(SensitivityError::InvalidConcentration {
                value: concentration,
            });
        }
        let gammas = base
            .iter()
            .map(|&w| {
                if w > 0.0 {
                    // Fails only for a non-positive or non-finite shape, excluded above
                    // (a shape underflowing to 0 counts as a zero weight).
                    Gamma::new(concentration * w, 1.0).ok()
                } else {
                    None
                }
            })
            .collect();
        Ok(Self {
            base,
            concentration,
            gammas,
        })
    }

    /// The elicited weights (the mean of the samples).
    pub fn base(&self) -> &[f64] {
        &self.base
    }

    /// The concentration `c`.
    pub fn concentration(&self) -> f64 {
        self.concentration
    }
}

impl WeightSampler for DirichletAround {
    fn cols(&self) -> usize {
        self.base.len()
    }

    /// If every gamma variate underflows to 0 (possible only for tiny `c * w_j`), the draw is
    /// repeated; after 16 failures the base weights are returned.
    fn sample(&self, _index: u64, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        for _ in 0..MAX_REDRAWS {
            let mut sum = 0.0;
            for (o, g) in out.iter_mut().zip(&self.gammas) {
                *o = g.as_ref().map_or(0.0, |g| g.sample(rng));
                sum += *o;
            }
            if sum > 0.0 && sum.is_finite() {
                for o in out.iter_mut() {
                    *o /= sum;
                }
                return;
            }
        }
        out.copy_from_slice(&self.base);
    }
}

/// Uniform distribution on the weight simplex, Dirichlet(1, ..., 1), drawn as normalised
/// standard exponentials. (Normalised U(0, 1) draws are *not* uniform on the simplex: they
/// under-sample extreme weights.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniformSimplex {
    /// Number of criteria.
    pub cols: usize,
}

impl WeightSampler for UniformSimplex {
    fn cols(&self) -> usize {
        self.cols
    }

    fn sample(&self, _index: u64, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        let mut sum = 0.0;
        for o in out.iter_mut() {
            *o = Exp1.sample(rng);
            sum += *o;
        }
        if sum > 0.0 {
            for o in out.iter_mut() {
                *o /= sum;
            }
        } else {
            // All exponentials exactly 0: probability zero, but never divide by it.
            out.fill(1.0 / out.len() as f64);
        }
    }
}

/// Checks and scales each vector to sum 1.
fn normalised_vectors(vectors: Vec<Vec<f64>>) -> Result<Vec<Vec<f64>>, SensitivityError> {
    let cols = vectors.first().ok_or(SensitivityError::NoVectors)?.len();
    vectors
        .into_iter()
        .enumerate()
        .map(|(row, v)| {
            let sum: f64 = v.iter().sum();
            let ok = cols > 0
                && v.len() == cols
                && v.iter().all(|x| x.is_finite() && *x >= 0.0)
                && sum > 0.0
                && sum.is_finite();
            if ok {
                Ok(v.iter().map(|x| x / sum).collect())
            } else {
                Err(SensitivityError::InvalidVector { row, cols })
            }
        })
        .collect()
}

/// A fixed list of weight vectors, replayed in order: sample `index` is row `index`, and SMAA
/// takes exactly `rows.len()` samples. Each row is scaled to sum 1.
#[derive(Debug, Clone, PartialEq)]
pub struct GivenSamples {
    rows: Vec<Vec<f64>>,
}

impl GivenSamples {
    /// Replays `rows` (each scaled to sum 1).
    ///
    /// # Errors
    ///
    /// No rows, rows of different lengths, or a row with a negative or non-finite entry or a
    /// zero sum.
    pub fn new(rows: Vec<Vec<f64>>) -> Result<Self, SensitivityError> {
        Ok(Self {
            rows: normalised_vectors(rows)?,
        })
    }

    /// The (normalised) rows.
    pub fn rows(&self) -> &[Vec<f64>] {
        &self.rows
    }
}

impl WeightSampler for GivenSamples {
    fn cols(&self) -> usize {
        self.rows[0].len()
    }

    fn sample(&self, index: u64, _rng: &mut ChaCha8Rng, out: &mut [f64]) {
        // SMAA never asks beyond fixed_samples(); wrap around rather than panic if misused.
        let row = (index % self.rows.len() as u64) as usize;
        out.copy_from_slice(&self.rows[row]);
    }

    fn fixed_samples(&self) -> Option<usize> {
        Some(self.rows.len())
    }
}

/// The given weight vectors (e.g. each FGD participant's weights) in turn: sample `k` takes
/// vector `k mod p`. Over `samples` draws every vector is used equally often (to within one
/// draw), so the results are those of the participants' own distribution without the Monte
/// Carlo error of drawing them at random; matrix noise, when on, still varies from draw to
/// draw. Each vector is scaled to sum 1.
#[derive(Debug, Clone, PartialEq)]
pub struct InTurn {
    vectors: Vec<Vec<f64>>,
}

impl InTurn {
    /// Takes `vectors` in turn (each scaled to sum 1).
    ///
    /// # Errors
    ///
    /// As [`GivenSamples::new`].
    pub fn new(vectors: Vec<Vec<f64>>) -> Result<Self, SensitivityError> {
        Ok(Self {
            vectors: normalised_vectors(vectors)?,
        })
    }

    /// The (normalised) vectors.
    pub fn vectors(&self) -> &[Vec<f64>] {
        &self.vectors
    }
}

impl WeightSampler for InTurn {
    fn cols(&self) -> usize {
        self.vectors[0].len()
    }

    fn sample(&self, index: u64, _rng: &mut ChaCha8Rng, out: &mut [f64]) {
        let row = (index % self.vectors.len() as u64) as usize;
        out.copy_from_slice(&self.vectors[row]);
    }
}

/// The generator of chunk `chunk`: seeded with `seed`, on ChaCha stream `chunk`, so chunks are
/// independent and each is reproducible on its own.
pub(crate) fn chunk_rng(seed: u64, chunk: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(chunk);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// Monte Carlo tolerance on a mean of 20,000 draws (standard error below 0.003 here).
    const MEAN_TOL: f64 = 0.01;
    /// Rounding slack on a sum of weights.
    const SUM_TOL: f64 = 1e-12;

    fn mean_of(sampler: &dyn WeightSampler, n: u64) -> Vec<f64> {
        let mut rng = chunk_rng(42, 0);
        let mut w = vec![0.0; sampler.cols()];
        let mut mean = vec![0.0; sampler.cols()];
        for index in 0..n {
            sampler.sample(index, &mut rng, &mut w);
            assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = SUM_TOL);
            assert!(w.iter().all(|&x| x >= 0.0));
            for (m, x) in mean.iter_mut().zip(&w) {
                *m += x / n as f64;
            }
        }
        mean
    }

    #[test]
    fn dirichlet_mean_is_base_and_zero_weights_stay_zero() {
        let base = vec![0.4, 0.3, 0.0, 0.2, 0.1];
        let s = DirichletAround::new(base.clone(), 20.0).expect("valid");
        let mean = mean_of(&s, 20_000);
        for (m, b) in mean.iter().zip(&base) {
            assert_abs_diff_eq!(*m, *b, epsilon = MEAN_TOL);
        }
        assert_eq!(mean[2], 0.0);
    }

    #[test]
    fn uniform_simplex_mean_is_one_over_n() {
        let n = 6;
        let mean = mean_of(&UniformSimplex { cols: n }, 20_000);
        for m in mean {
            assert_abs_diff_eq!(m, 1.0 / n as f64, epsilon = MEAN_TOL);
        }
    }

    /// Uniform on the simplex: P(w_0 > 0.5) = (1 - 0.5)^(n-1) for Dirichlet(1,...,1); for n = 3
    /// that is 0.25. Normalised uniforms would give about 0.17: this distinguishes them.
    #[test]
    fn uniform_simplex_reaches_extreme_weights() {
        let s = UniformSimplex { cols: 3 };
        let mut rng = chunk_rng(1, 0);
        let mut w = [0.0; 3];
        let n = 20_000;
        let mut hits = 0;
        for i in 0..n {
            s.sample(i, &mut rng, &mut w);
            hits += usize::from(w[0] > 0.5);
        }
        assert_abs_diff_eq!(hits as f64 / n as f64, 0.25, epsilon = MEAN_TOL);
    }

    #[test]
    fn in_turn_and_given_normalise_and_validate() {
        let r = InTurn::new(vec![vec![2.0, 2.0], vec![1.0, 3.0]]).expect("valid");
        assert_eq!(r.vectors()[1], vec![0.25, 0.75]);
        // Each vector exactly half the time: the mean is (0.5 + 0.25) / 2 up to rounding.
        let mean = mean_of(&r, 20_000);
        assert_abs_diff_eq!(mean[0], 0.375, epsilon = 1e-12);
        assert!(matches!(
            GivenSamples::new(vec![vec![1.0, 0.0], vec![0.0, 0.0]]),
            Err(SensitivityError::InvalidVector { row: 1, cols: 2 })
        ));
        assert!(matches!(
            GivenSamples::new(vec![]),
            Err(SensitivityError::NoVectors)
        ));
        assert!(matches!(
            DirichletAround::new(vec![0.5, 0.5], 0.0),
            Err(SensitivityError::InvalidConcentration { .. })
        ));
    }
}
