//! TOPSIS throughput on 1e6 x 12 random data, std only (no harness).
//!
//! Run: `cargo bench --bench topsis` (`-- --compare`: the kernel line only). Prints
//! `name threads=1 median=.. min=..` lines in ms. Data generation is untimed; each figure
//! is the median of several runs on one thread.

use std::hint::black_box;
use std::time::Instant;

use unggul::score::{Direction, MatrixView, Normalization, Reference, topsis, topsis_closeness};

const ROWS: usize = 1_000_000;
const COLS: usize = 12;

/// Marsaglia xorshift64: reproducible data without a dependency.
fn xorshift(state: &mut u64) -> f64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    // 53 random bits mapped to [1, 100).
    1.0 + 99.0 * ((*state >> 11) as f64 / (1u64 << 53) as f64)
}

/// Minimum and median wall time of `runs` calls, in ms.
fn min_median_ms(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[runs / 2])
}

fn main() {
    // `--compare`: only the kernel's machine-readable line (benches/compare.sh).
    let compare = std::env::args().any(|a| a == "--compare");
    let mut state = 0x9E37_79B9_7F4A_7C15;
    let data: Vec<f64> = (0..ROWS * COLS).map(|_| xorshift(&mut state)).collect();
    let weights = [1.0 / COLS as f64; COLS];
    let directions: Vec<Direction> = (0..COLS)
        .map(|j| {
            if j % 3 == 2 {
                Direction::Cost
            } else {
                Direction::Benefit
            }
        })
        .collect();
    let x = MatrixView::new(&data, ROWS, COLS).expect("shape");
    let mut out = vec![0.0; ROWS];

    let (min, med) = min_median_ms(21, || {
        topsis_closeness(black_box(x), &weights, &directions, &mut out).expect("valid");
        black_box(&out);
    });
    println!("topsis_closeness_1e6x12_ms threads=1 median={med:.3} min={min:.3}");
    if compare {
        return;
    }
    let (min, med) = min_median_ms(5, || {
        let r = topsis(
            black_box(x),
            &weights,
            &directions,
            Normalization::Vector,
            &Reference::Relative,
        )
        .expect("valid");
        black_box(&r);
    });
    println!("topsis_full_1e6x12_ms threads=1 median={med:.3} min={min:.3}");
}
