//! Column normalisation (vector, min-max, max, sum, fixed bounds).
//!
//! Every normalisation is written as `r = (x - offset_j) / divisor_j`, so a
//! degenerate column (divisor 0, which only happens when every value equals
//! the offset) is handled by dividing by 1 instead: `r = 0` for the column.

use super::{Direction, MatrixView, Normalization, Reference, ScoreError, check_inputs, check_len};
use super::{MAX_ABS_VALUE, ScoreError::InvalidBounds, ScoreError::OutOfBounds};

/// Below this, a column's sum of squares may have lost terms to underflow
/// and the norm is recomputed on values scaled by the column's `max |x|`.
const TINY_SUM_OF_SQUARES: f64 = 1e-200;

/// A normalised decision matrix with its per-criterion best and worst values.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    /// Number of alternatives (rows).
    pub rows: usize,
    /// Number of criteria (columns).
    pub cols: usize,
    /// `r_ij`, row-major.
    pub values: Vec<f64>,
    /// Unweighted ideal per criterion, in normalised units: column max of `r`
    /// for benefit, column min for cost (fixed reference: 1 and 0).
    pub best: Vec<f64>,
    /// Unweighted anti-ideal per criterion: the opposite of `best`.
    pub worst: Vec<f64>,
    /// The normalisation actually applied ([`Normalization::MinMax`] under a
    /// fixed reference).
    pub normalization: Normalization,
}

/// Normalises each column of `x` (see the module rules: no direction flips,
/// degenerate columns become 0, a fixed reference uses the scale bounds).
///
/// # Errors
///
/// Empty or mis-shaped matrix, `directions.len() != cols`, a non-finite or
/// too large value (row and column named), and under [`Reference::Fixed`]:
/// bound lists of the wrong length, invalid bounds, or a value outside them.
///
/// # Examples
///
/// ```
/// use unggul::score::{normalize, Direction, MatrixView, Normalization, Reference};
/// let x = MatrixView::new(&[1.0, 3.0], 2, 1).unwrap();
/// let n = normalize(x, &[Direction::Cost], Normalization::MinMax, &Reference::Relative).unwrap();
/// assert_eq!(n.values, vec![0.0, 1.0]);
/// assert_eq!((n.best[0], n.worst[0]), (0.0, 1.0));
/// ```
pub fn normalize(
    x: MatrixView<'_>,
    directions: &[Direction],
    normalization: Normalization,
    reference: &Reference,
) -> Result<Normalized, ScoreError> {
    check_inputs(&x, None, directions)?;
    normalize_checked(x, directions, normalization, reference)
}

/// Per-column sum of squares, minimum and maximum.
pub(super) struct ColumnStats {
    pub sum_sq: Vec<f64>,
    pub min: Vec<f64>,
    pub max: Vec<f64>,
}

/// Computes [`ColumnStats`] in one streaming pass, row by row, each column
/// summed in row order. Both [`topsis`](super::topsis) and the kernel use it,
/// so their norms are bit-identical.
pub(super) fn column_stats(x: &MatrixView<'_>) -> ColumnStats {
    with_const_cols!(x.cols, column_stats_fixed(x.data), column_stats_dyn(x))
}

/// [`column_stats`] for a compile-time number of columns: the accumulators
/// live in registers and the row loop is fully unrolled (about 1.6x faster
/// than the runtime-width loop at 12 columns; memory-bound).
fn column_stats_fixed<const C: usize>(data: &[f64]) -> ColumnStats {
    let (rows, _) = data.as_chunks::<C>();
    let mut sum_sq = [0.0; C];
    let mut min = rows[0];
    let mut max = rows[0];
    for row in rows {
        for k in 0..C {
            let v = row[k];
            sum_sq[k] += v * v;
            // Selects compile to packed min/max.
            min[k] = if v < min[k] { v } else { min[k] };
            max[k] = if v > max[k] { v } else { max[k] };
        }
    }
    ColumnStats {
        sum_sq: sum_sq.to_vec(),
        min: min.to_vec(),
        max: max.to_vec(),
    }
}

/// [`column_stats`] for any number of columns (same arithmetic, same order).
fn column_stats_dyn(x: &MatrixView<'_>) -> ColumnStats {
    let cols = x.cols;
    let mut sum_sq = vec![0.0; cols];
    let mut min = x.data[..cols].to_vec();
    let mut max = min.clone();
    for row in x.data.chunks_exact(cols) {
        for (((s, lo), hi), &v) in sum_sq.iter_mut().zip(&mut min).zip(&mut max).zip(row) {
            *s += v * v;
            *lo = if v < *lo { v } else { *lo };
            *hi = if v > *hi { v } else { *hi };
        }
    }
    ColumnStats { sum_sq, min, max }
}

/// Euclidean norm of column `j` given its plain sum of squares and `max |x|`.
///
/// Values are at most 1e100 in magnitude, so the sum cannot overflow; a tiny
/// sum may have lost terms to underflow, and is then recomputed scaled.
pub(super) fn column_norm(x: &MatrixView<'_>, j: usize, sum_sq: f64, max_abs: f64) -> f64 {
    if sum_sq >= TINY_SUM_OF_SQUARES {
        return sum_sq.sqrt();
    }
    if max_abs == 0.0 {
        return 0.0;
    }
    let scaled: f64 = x
        .column(j)
        .map(|v| {
            let t = v / max_abs;
            t * t
        })
        .sum();
    max_abs * scaled.sqrt()
}

/// A zero divisor means the column equals its offset everywhere; dividing by
/// 1 then gives the documented `r = 0`.
pub(super) fn safe_divisor(d: f64) -> f64 {
    if d > 0.0 { d } else { 1.0 }
}

/// [`normalize`] after the matrix, directions and values have been checked.
pub(super) fn normalize_checked(
    x: MatrixView<'_>,
    directions: &[Direction],
    normalization: Normalization,
    reference: &Reference,
) -> Result<Normalized, ScoreError> {
    let cols = x.cols;
    let (offset, divisor, used) = match reference {
        Reference::Fixed { lower, upper } => {
            check_bounds(&x, lower, upper)?;
            let range = lower.iter().zip(upper).map(|(lo, hi)| hi - lo).collect();
            (lower.clone(), range, Normalization::MinMax)
        }
        Reference::Relative => {
            let stats = column_stats(&x);
            let max_abs: Vec<f64> = stats
                .min
                .iter()
                .zip(&stats.max)
                .map(|(lo, hi)| lo.abs().max(hi.abs()))
                .collect();
            let (offset, divisor) = match normalization {
                Normalization::Vector => (
                    vec![0.0; cols],
                    (0..cols)
                        .map(|j| column_norm(&x, j, stats.sum_sq[j], max_abs[j]))
                        .collect(),
                ),
                Normalization::MinMax => {
                    let range = stats.max.iter().zip(&stats.min).map(|(hi, lo)| hi - lo);
                    (stats.min.clone(), range.collect())
                }
                Normalization::Max => (vec![0.0; cols], max_abs),
                Normalization::Sum => (
                    vec![0.0; cols],
                    (0..cols).map(|j| x.column(j).map(f64::abs).sum()).collect(),
                ),
            };
            (offset, divisor, normalization)
        }
    };
    let divisor: Vec<f64> = divisor.into_iter().map(safe_divisor).collect();

    let mut values = Vec::with_capacity(x.data.len());
    for row in x.data.chunks_exact(cols) {
        values.extend(
            row.iter()
                .zip(&offset)
                .zip(&divisor)
                .map(|((v, o), d)| (v - o) / d),
        );
    }

    let (best, worst) = match reference {
        Reference::Fixed { .. } => directions
            .iter()
            .map(|d| match d {
                Direction::Benefit => (1.0, 0.0),
                Direction::Cost => (0.0, 1.0),
            })
            .unzip(),
        Reference::Relative => {
            let mut lo = values[..cols].to_vec();
            let mut hi = lo.clone();
            for row in values.chunks_exact(cols) {
                for ((l, h), &r) in lo.iter_mut().zip(&mut hi).zip(row) {
                    *l = l.min(r);
                    *h = h.max(r);
                }
            }
            directions
                .iter()
                .zip(lo.into_iter().zip(hi))
                .map(|(d, (l, h))| match d {
                    Direction::Benefit => (h, l),
                    Direction::Cost => (l, h),
                })
                .unzip()
        }
    };

    Ok(Normalized {
        rows: x.rows,
        cols,
        values,
        best,
        worst,
        normalization: used,
    })
}

/// Checks fixed-reference bounds and that every value lies within them.
fn check_bounds(x: &MatrixView<'_>, lower: &[f64], upper: &[f64]) -> Result<(), ScoreError> {
    check_len("lower bounds", lower.len(), x.cols)?;
    check_len("upper bounds", upper.len(), x.cols)?;
    for (col, (&lo, &hi)) in lower.iter().zip(upper).enumerate() {
        let ok = lo.abs() <= MAX_ABS_VALUE && hi.abs() <= MAX_ABS_VALUE && lo < hi;
        if !ok {
            return Err(InvalidBounds {
                col,
                lower: lo,
                upper: hi,
            });
        }
    }
    for (k, &value) in x.data.iter().enumerate() {
        let col = k % x.cols;
        let (lo, hi) = (lower[col], upper[col]);
        if value < lo || value > hi {
            return Err(OutOfBounds {
                row: k / x.cols,
                col,
                value,
                lower: lo,
                upper: hi,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_dynamic_column_stats_are_bit_identical() {
        // Irregular values so the summation order would show in the last bits.
        let data: Vec<f64> = (0..7 * 5)
            .map(|k| ((k * 37 % 11) as f64 - 4.3) / 3.1)
            .collect();
        let x = MatrixView::new(&data, 7, 5).expect("shape");
        let (a, b) = (column_stats_fixed::<5>(&data), column_stats_dyn(&x));
        for (u, v) in [(&a.sum_sq, &b.sum_sq), (&a.min, &b.min), (&a.max, &b.max)] {
            let bits = |w: &Vec<f64>| w.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(u), bits(v));
        }
    }
}
