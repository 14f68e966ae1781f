//! `unggul generate`: illustrative studies from the seeded generator.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use unggul::generate::{GeneratorSpec, Layout, generate as run_generator};

use super::{Failure, print};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Preset {
    /// Kota Probolinggo: its 5 kecamatan and 29 kelurahan (the bundled study).
    Probolinggo,
    /// Made-up regions of any size, for scale tests and benchmarks.
    Synthetic,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Folder to write the study into (must not already hold study files).
    #[arg(long)]
    out: PathBuf,
    /// Which layout of regions.
    #[arg(long, value_enum, default_value = "probolinggo")]
    preset: Preset,
    /// Seed of the random generator: same seed, same files.
    #[arg(long, default_value_t = 2021)]
    seed: u64,
    /// Synthetic preset: number of kecamatan.
    #[arg(long, default_value_t = 10)]
    kecamatan: usize,
    /// Synthetic preset: kelurahan per kecamatan.
    #[arg(long, default_value_t = 10)]
    kelurahan_per_kecamatan: usize,
    /// Fewest candidates per kelurahan and category.
    #[arg(long, default_value_t = 3)]
    min_candidates: usize,
    /// Most candidates per kelurahan and category.
    #[arg(long, default_value_t = 5)]
    max_candidates: usize,
    /// Path of the criteria file to write into study.toml (relative to the study folder);
    /// default: a copy written beside the study as kriteria.toml.
    #[arg(long)]
    criteria_ref: Option<String>,
}

pub fn generate(a: GenerateArgs) -> Result<(), Failure> {
    if a.min_candidates == 0 || a.min_candidates > a.max_candidates {
        return Err(Failure::Input(
            "--min-candidates must be at least 1 and at most --max-candidates".into(),
        ));
    }
    let layout = match a.preset {
        Preset::Probolinggo => Layout::Probolinggo,
        Preset::Synthetic => {
            if a.kecamatan == 0 || a.kelurahan_per_kecamatan == 0 {
                return Err(Failure::Input(
                    "--kecamatan and --kelurahan-per-kecamatan must be at least 1".into(),
                ));
            }
            Layout::Synthetic {
                kecamatan: a.kecamatan,
                kelurahan_per_kecamatan: a.kelurahan_per_kecamatan,
            }
        }
    };
    let spec = GeneratorSpec {
        seed: a.seed,
        layout,
        candidates_per_group: (a.min_candidates, a.max_candidates),
        criteria_ref: a.criteria_ref,
    };
    let summary = run_generator(&spec, &a.out).map_err(|e| Failure::Input(e.to_string()))?;
    print(&format!(
        "wrote {} files to {}: {} kelurahan, {} candidates, {} judgments\n",
        summary.files.len(),
        a.out.display(),
        summary.kelurahan,
        summary.candidates,
        summary.judgments
    ))
}
