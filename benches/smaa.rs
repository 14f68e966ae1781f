//! SMAA-2 benchmark: 29 groups x 10 candidates x 12 criteria, 10,000 Dirichlet weight samples,
//! full rank counts (PERF.md target: at most 10 ms on one thread). Std-only: medians of
//! repeated runs timed with `Instant`; data generation is not timed.
//!
//! Run: `cargo bench --bench smaa`. `-- --compare` prints only the machine-readable
//! `smaa_29x10x12_10k_ms threads=N median=.. min=..` lines; `-- --once` does one
//! single-threaded run (for `valgrind --tool=callgrind`); `-- --panels` only the study-level
//! case: 300 panels of 3 groups (kelurahan level), one batch at a time vs lanes filled across
//! panels ([`smaa_batches`]).

use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng, rngs::ChaCha8Rng};
use unggul::score::ScoreModel;
use unggul::sensitivity::{
    DirichletAround, SmaaBatch, SmaaOptions, UniformSimplex, WeightSampler, smaa, smaa_batches,
};

const GROUPS: usize = 29;
const ROWS: usize = 10;
const COLS: usize = 12;
const SAMPLES: usize = 10_000;
const RUNS: usize = 21;

/// Random TOPSIS groups: vector-normalised positive data, a few cost criteria.
fn models(seed: u64) -> Vec<ScoreModel> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..GROUPS)
        .map(|_| {
            let x: Vec<f64> = (0..ROWS * COLS)
                .map(|_| 1.0 + 4.0 * rng.random::<f64>())
                .collect();
            let mut normalized = vec![0.0; ROWS * COLS];
            let (mut best, mut worst) = (vec![0.0; COLS], vec![0.0; COLS]);
            for j in 0..COLS {
                let norm = (0..ROWS)
                    .map(|i| x[i * COLS + j].powi(2))
                    .sum::<f64>()
                    .sqrt();
                let col: Vec<f64> = (0..ROWS).map(|i| x[i * COLS + j] / norm).collect();
                normalized
                    .iter_mut()
                    .skip(j)
                    .step_by(COLS)
                    .zip(&col)
                    .for_each(|(n, c)| *n = *c);
                let max = col.iter().copied().fold(f64::MIN, f64::max);
                let min = col.iter().copied().fold(f64::MAX, f64::min);
                (best[j], worst[j]) = if j % 4 == 3 { (min, max) } else { (max, min) };
            }
            ScoreModel::Topsis {
                rows: ROWS,
                cols: COLS,
                normalized,
                best,
                worst,
            }
        })
        .collect()
}

/// Process CPU time (user + system, all threads) from `/proc/self/stat`, in clock ticks of
/// 10 ms (Linux `USER_HZ` = 100); `None` elsewhere. Robust to other tenants taking the CPU,
/// which inflates wall-clock medians on a shared 2-core machine.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median wall time of one run and mean CPU time per run (ms).
fn time_smaa(
    models: &[ScoreModel],
    sampler: &dyn WeightSampler,
    threads: usize,
) -> (Duration, Option<f64>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let options = SmaaOptions {
        samples: SAMPLES,
        seed: 1,
        chunk: 256,
    };
    let mut times = Vec::with_capacity(RUNS);
    let mut check = 0u64;
    let cpu_start = cpu_ticks();
    for _ in 0..RUNS {
        let start = Instant::now();
        let res = pool
            .install(|| smaa(models, sampler, &options, &|_| {}))
            .expect("valid input");
        times.push(start.elapsed());
        check = check.wrapping_add(res[0].rank_counts[0][0]);
    }
    std::hint::black_box(check);
    let cpu = cpu_start
        .zip(cpu_ticks())
        .map(|(a, b)| (b - a) as f64 * 10.0 / RUNS as f64);
    (median(times), cpu)
}

/// Minimum and median of a list of durations, in ms.
fn stats_ms(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    (v[0].as_secs_f64() * 1e3, v[v.len() / 2].as_secs_f64() * 1e3)
}

/// Wall-time runs of one SMAA configuration (ms per run, in order).
fn runs_smaa(
    models: &[ScoreModel],
    sampler: &dyn WeightSampler,
    threads: usize,
    runs: usize,
) -> Vec<Duration> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let options = SmaaOptions {
        samples: SAMPLES,
        seed: 1,
        chunk: 256,
    };
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let res = pool
                .install(|| smaa(models, sampler, &options, &|_| {}))
                .expect("valid input");
            std::hint::black_box(&res);
            start.elapsed()
        })
        .collect()
}

/// Panels of a kelurahan-level study: this many batches of [`PANEL_GROUPS`] groups, each batch
/// with its own Dirichlet sampler and seed, [`PANEL_SAMPLES`] samples.
const PANELS: usize = 300;
const PANEL_GROUPS: usize = 3;
const PANEL_SAMPLES: usize = 1000;

/// Median wall time of the panels run one batch after another (each batch's tiles hold 3 of
/// 32 lanes) and all together (lanes filled across panels), on `threads` threads.
fn time_panels(threads: usize) -> (f64, f64) {
    let groups: Vec<Vec<ScoreModel>> = (0..PANELS)
        .map(|p| {
            models(100 + p as u64)
                .into_iter()
                .take(PANEL_GROUPS)
                .collect()
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let samplers: Vec<DirichletAround> = (0..PANELS)
        .map(|_| {
            let raw: Vec<f64> = (0..COLS).map(|_| 0.2 + rng.random::<f64>()).collect();
            let sum: f64 = raw.iter().sum();
            DirichletAround::new(raw.iter().map(|x| x / sum).collect(), 100.0)
                .expect("valid weights")
        })
        .collect();
    let refs: Vec<Vec<&ScoreModel>> = groups.iter().map(|g| g.iter().collect()).collect();
    let batches: Vec<SmaaBatch<'_>> = refs
        .iter()
        .zip(&samplers)
        .enumerate()
        .map(|(b, (models, sampler))| SmaaBatch {
            models,
            sampler,
            seed: b as u64,
        })
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let (mut serial, mut together) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let start = Instant::now();
        let res: Vec<_> = pool.install(|| {
            groups
                .iter()
                .zip(&batches)
                .map(|(models, b)| {
                    let options = SmaaOptions {
                        samples: PANEL_SAMPLES,
                        seed: b.seed,
                        chunk: 256,
                    };
                    smaa(models, b.sampler, &options, &|_| {}).expect("valid input")
                })
                .collect()
        });
        serial.push(start.elapsed());
        let start = Instant::now();
        let all = pool
            .install(|| smaa_batches(&batches, PANEL_SAMPLES, 256, &|_, _| {}))
            .expect("valid input");
        together.push(start.elapsed());
        assert_eq!(res, all, "batches together must equal lone runs");
    }
    (stats_ms(serial).1, stats_ms(together).1)
}

fn main() {
    let models = models(7);
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let raw: Vec<f64> = (0..COLS).map(|_| 0.2 + rng.random::<f64>()).collect();
    let sum: f64 = raw.iter().sum();
    let base: Vec<f64> = raw.iter().map(|x| x / sum).collect();
    let dirichlet = DirichletAround::new(base, 50.0).expect("valid weights");
    let uniform = UniformSimplex { cols: COLS };

    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // `--once`: one single-threaded Dirichlet run and nothing else (for callgrind).
    if has("--once") {
        let r = runs_smaa(&models, &dirichlet, 1, 1);
        println!("smaa_once_ms {:.3}", r[0].as_secs_f64() * 1e3);
        return;
    }
    // `--digest`: a hash of every result (counts, central weights bit for bit), to check
    // that a kernel change leaves the results identical.
    if has("--digest") {
        let options = SmaaOptions {
            samples: SAMPLES,
            seed: 1,
            chunk: 256,
        };
        for (name, sampler) in [
            ("dirichlet", &dirichlet as &dyn WeightSampler),
            ("uniform", &uniform),
        ] {
            let res = smaa(&models, sampler, &options, &|_| {}).expect("valid input");
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            let mut eat = |x: u64| {
                h ^= x;
                h = h.wrapping_mul(0x0100_0000_01b3);
            };
            for r in &res {
                r.rank_counts.iter().flatten().for_each(|&c| eat(c));
                r.pairwise_winning.iter().flatten().for_each(|&c| eat(c));
                for c in r.central_weights.iter().flatten() {
                    c.iter().for_each(|x| eat(x.to_bits()));
                }
                r.confidence.iter().flatten().for_each(|x| eat(x.to_bits()));
            }
            println!("smaa_digest {name} {h:016x}");
        }
        return;
    }
    // `--panels`: the study-level case only.
    if has("--panels") {
        for threads in [1, 2] {
            let (serial, together) = time_panels(threads);
            println!(
                "smaa_panels_{PANELS}x{PANEL_GROUPS}x{ROWS}x{COLS}_{PANEL_SAMPLES}_ms threads={threads} one_batch_at_a_time={serial:.1} lanes_across_panels={together:.1}"
            );
        }
        return;
    }
    // `--compare`: only the machine-readable lines used by benches/compare.sh.
    if has("--compare") {
        for threads in [1, 2] {
            let (min, med) = stats_ms(runs_smaa(&models, &dirichlet, threads, RUNS));
            println!("smaa_29x10x12_10k_ms threads={threads} median={med:.3} min={min:.3}");
        }
        return;
    }

    // Sampling alone, to separate it from scoring and ranking.
    let mut w = vec![0.0; COLS];
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let start = Instant::now();
        for i in 0..SAMPLES {
            dirichlet.sample(i as u64, &mut rng, &mut w);
        }
        times.push(start.elapsed());
        std::hint::black_box(&w);
    }
    let (min, med) = stats_ms(times);
    println!("smaa_dirichlet_sampling_{SAMPLES}x{COLS}_ms median={med:.3} min={min:.3}");

    println!("SMAA {GROUPS} groups x {ROWS} x {COLS}, {SAMPLES} samples, median of {RUNS}:");
    // Alternate thread counts so drift on a shared machine hits both alike.
    for round in 0..2 {
        for threads in [1, 2] {
            let d = time_smaa(&models, &dirichlet, threads);
            let u = time_smaa(&models, &uniform, threads);
            let cpu = |c: Option<f64>| c.map_or("n/a".to_string(), |c| format!("{c:.1} ms"));
            println!(
                "  round {round}, {threads} thread(s): Dirichlet(c=50) {:.3} ms (CPU {}), uniform simplex {:.3} ms (CPU {})",
                d.0.as_secs_f64() * 1e3,
                cpu(d.1),
                u.0.as_secs_f64() * 1e3,
                cpu(u.1)
            );
        }
    }
    for threads in [1, 2] {
        let (min, med) = stats_ms(runs_smaa(&models, &dirichlet, threads, RUNS));
        println!("smaa_29x10x12_10k_ms threads={threads} median={med:.3} min={min:.3}");
    }
    for threads in [1, 2] {
        let (serial, together) = time_panels(threads);
        println!(
            "smaa_panels_{PANELS}x{PANEL_GROUPS}x{ROWS}x{COLS}_{PANEL_SAMPLES}_ms threads={threads} one_batch_at_a_time={serial:.1} lanes_across_panels={together:.1}"
        );
    }
}
