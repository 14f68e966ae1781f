//! `unggul run`, `unggul sensitivity` and `unggul validate`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Mutex;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use unggul::input::settings::{SensitivityOverrides, SettingsSource};
use unggul::model::{Level, SamplerKind, Study};
use unggul::report::facts::Facts;
use unggul::report::summary::participants_sentence;
use unggul::report::{Lang, ReportOptions, Scope};
use unggul::{Analysis, RunOptions};

use super::{Failure, command_line, note, print, resolve_study};

/// Weight sampler for the Monte Carlo analysis.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Sampler {
    /// Dirichlet around each group's weights (concentration from --concentration).
    Dirichlet,
    /// Uniform on the simplex: no preference information.
    Uniform,
    /// The panel's participants' own weight vectors.
    Participants,
    /// Each participant's judgments moved by up to one step of Saaty's scale.
    Judgments,
}

/// Settings shared by `run` and `sensitivity`.
#[derive(Args, Debug)]
pub struct SensitivityArgs {
    /// Monte Carlo weight samples per group (study default: 10000).
    #[arg(long, allow_negative_numbers = true)]
    samples: Option<usize>,
    /// Seed of the random streams (study default, else 2021); recorded in the manifest.
    #[arg(long, allow_negative_numbers = true)]
    seed: Option<u64>,
    /// Dirichlet concentration c around the elicited weights (study default, else 100).
    #[arg(long, allow_negative_numbers = true)]
    concentration: Option<f64>,
    /// How weights are sampled.
    #[arg(long, value_enum)]
    sampler: Option<Sampler>,
    /// Relative noise on quantity criteria in SMAA, below 1: 0.1 lets every measured value
    /// be off by up to 10 % in each sample (study default, else 0: exact values). Alone it
    /// also moves ratings by one step, unless --rating-steps is given or the study already
    /// sets noise (quantity_noise or rating_steps above 0).
    #[arg(long, value_name = "Q", allow_negative_numbers = true)]
    quantity_noise: Option<f64>,
    /// Whole steps a rating may move in each SMAA sample (study default, else 0: exact).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    rating_steps: Option<u32>,
    /// Skip the Monte Carlo part (sweeps and exact thresholds still run).
    #[arg(long)]
    no_smaa: bool,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Study file (study.toml) or its folder; default: the bundled Kota Probolinggo study.
    study: Option<PathBuf>,
    /// Report folder; default: reports/<study id>.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the summary: id (Bahasa Indonesia) or en.
    #[arg(long, default_value = "id")]
    lang: Lang,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    quiet: bool,
    /// Skip the sensitivity analysis.
    #[arg(long)]
    no_sensitivity: bool,
    /// Skip the weighting scenarios.
    #[arg(long)]
    no_scenarios: bool,
    /// Skip the charts (PNG and SVG); tables and reports only.
    #[arg(long)]
    no_charts: bool,
    /// Also draw the charts that add nothing to the tables (gradients of stable groups,
    /// tornado and acceptability charts of regions where every group is stable).
    #[arg(long)]
    all_charts: bool,
    /// Write PNG charts beside the SVGs for a study of more than 160 kelurahan too (a
    /// city's report always has them).
    #[arg(long)]
    png: bool,
    /// Tables as CSV or Parquet: auto writes Parquet above 1000 kelurahan (readable by
    /// pandas, polars, DuckDB), CSV below.
    #[arg(long, default_value = "auto")]
    tables: unggul::report::columnar::TableFormat,
    #[command(flatten)]
    sensitivity: SensitivityArgs,
}

#[derive(Args, Debug)]
pub struct SensitivityCommandArgs {
    /// Study file (study.toml) or its folder; default: the bundled study.
    study: Option<PathBuf>,
    /// Report folder; default: reports/<study id>-sensitivity.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the summary: id or en.
    #[arg(long, default_value = "id")]
    lang: Lang,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    sensitivity: SensitivityArgs,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Study file (study.toml) or its folder.
    study: PathBuf,
}

fn read(path: PathBuf, args: &SensitivityArgs) -> Result<Study, Failure> {
    let mut study = unggul::input::read_study(&path)?;
    for w in &study.warnings {
        note(&format!("warning: {w}"));
    }
    let overrides = SensitivityOverrides {
        enabled: args.no_smaa.then_some(false),
        samples: args.samples,
        seed: args.seed,
        concentration: args.concentration,
        sampler: args.sampler.map(|k| match k {
            Sampler::Dirichlet => SamplerKind::Dirichlet,
            Sampler::Uniform => SamplerKind::Uniform,
            Sampler::Participants => SamplerKind::Participants,
            Sampler::Judgments => SamplerKind::Judgments,
        }),
        sweep_points: None,
        quantity_noise: args.quantity_noise,
        rating_steps: args.rating_steps.map(f64::from),
    };
    let problems = overrides.check(SettingsSource::Flags);
    if !problems.is_empty() {
        return Err(Failure::Input(problems.join("\n")));
    }
    overrides.apply(&mut study.sensitivity);
    // The one clock that may reach a report; the wall clock never does.
    if let Some(day) =
        unggul::calendar::CalendarDate::from_source_date_epoch().map_err(Failure::Input)?
    {
        study.dates.analysis = Some(day);
    }
    unggul::memory::release_freed();
    Ok(study)
}

/// Runs the stages with a progress bar on a terminal (the library only reports counts).
fn analyse(study: Study, options: RunOptions, quiet: bool) -> Result<Analysis, Failure> {
    let show = !quiet && std::io::stderr().is_terminal();
    let bar: Mutex<Option<ProgressBar>> = Mutex::new(None);
    let progress = |stage: &str, done: usize, total: usize| {
        if !show {
            return;
        }
        let mut guard = bar.lock().unwrap_or_else(|e| e.into_inner());
        let pb = guard.get_or_insert_with(|| {
            let pb = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} {elapsed}")
            {
                pb.set_style(style.progress_chars("=> "));
            }
            pb.set_message(stage.to_string());
            pb
        });
        pb.set_position(done as u64);
    };
    let result = unggul::run_study(study, options, &progress);
    if let Some(pb) = bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
        pb.finish_and_clear();
    }
    unggul::memory::release_freed();
    Ok(result?)
}

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let path = resolve_study(args.study)?;
    let study = read(path, &args.sensitivity)?;
    let options = RunOptions {
        sensitivity: !args.no_sensitivity,
        scenarios: !args.no_scenarios,
    };
    let analysis = analyse(study, options, args.quiet)?;
    let target = args
        .out
        .unwrap_or_else(|| PathBuf::from("reports").join(&analysis.study.id));
    let report = ReportOptions {
        lang: args.lang,
        command_line: command_line(),
        scope: Scope::Full,
        charts: !args.no_charts,
        all_charts: args.all_charts,
        png: args.png,
        tables: args.tables,
    };
    let written =
        unggul::report::write(&analysis, &report, &target).map_err(unggul::Error::from)?;
    if !args.quiet {
        print(&overview(&analysis, &written))?;
    }
    Ok(())
}

pub fn sensitivity(args: SensitivityCommandArgs) -> Result<(), Failure> {
    let path = resolve_study(args.study)?;
    let study = read(path, &args.sensitivity)?;
    let analysis = analyse(study, RunOptions::default(), args.quiet)?;
    let target = args.out.unwrap_or_else(|| {
        PathBuf::from("reports").join(format!("{}-sensitivity", analysis.study.id))
    });
    let report = ReportOptions {
        lang: args.lang,
        command_line: command_line(),
        scope: Scope::Robustness,
        charts: false,
        all_charts: false,
        png: false,
        tables: unggul::report::columnar::TableFormat::Csv,
    };
    let written =
        unggul::report::write(&analysis, &report, &target).map_err(unggul::Error::from)?;
    if !args.quiet {
        print(&overview(&analysis, &written))?;
    }
    Ok(())
}

/// The few lines printed after a run.
fn overview(analysis: &Analysis, written: &std::path::Path) -> String {
    let s = &analysis.study;
    let facts = Facts::of(analysis);
    let (kel_groups, filled) = facts
        .level(Level::Kelurahan)
        .map_or((0, 0), |c| (c.groups, c.filled));
    let mut out = format!(
        "{}: {} candidates in {} kelurahan x {} categories ({} groups with candidates, {} empty)\n\
         weights: {}\n\
         for the FGD to agree on: {} groups ({} exact ties, {} too close to call or near-ties)\n",
        s.name,
        s.candidates.list.len(),
        s.regions.kelurahan.len(),
        s.categories.len(),
        filled,
        kel_groups - filled,
        participants_sentence(&facts, s.method.consistency_threshold, Lang::En),
        facts.ties.len() + facts.close_calls,
        facts.ties.len(),
        facts.close_calls,
    );
    if let Some(sens) = &analysis.sensitivity {
        let counts = facts.verdicts.clone().unwrap_or_default();
        let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let smaa = if sens.spec.enabled {
            format!(
                "SMAA {} samples per group, seed {}",
                sens.spec.samples, sens.spec.seed
            )
        } else {
            "SMAA skipped: verdicts from the critical thresholds alone".into()
        };
        out.push_str(&format!(
            "sensitivity: {} groups ({}); {smaa}\n",
            sens.groups.len(),
            list.join(", "),
        ));
        if sens.spec.enabled && sens.spec.matrix_noise() {
            out.push_str(&format!(
                "decision-matrix noise: quantities up to ±{} %, ratings up to {} {}\n",
                (sens.spec.quantity_noise * 1e4).round() / 100.0,
                sens.spec.rating_steps,
                if sens.spec.rating_steps == 1 {
                    "step"
                } else {
                    "steps"
                }
            ));
        }
    }
    if let Some(sc) = &analysis.scenarios {
        out.push_str(&format!(
            "scenarios: {}; the unggulan is the same under every scenario in {} of {} groups\n",
            sc.scenarios.len(),
            sc.same_everywhere,
            sc.groups
        ));
    }
    out.push_str(&format!("report written to {}\n", written.display()));
    out
}

pub fn validate(args: ValidateArgs) -> Result<(), Failure> {
    let path = resolve_study(Some(args.study))?;
    let study = unggul::input::read_study(&path)?;
    for w in &study.warnings {
        note(&format!("warning: {w}"));
    }
    let participants: usize = study.panels.iter().map(|p| p.participants.len()).sum();
    print(&format!(
        "{}: ok ({} kecamatan, {} kelurahan, {} candidates, {} panels with {} participants, {} levels, {} scenarios)\n",
        path.display(),
        study.regions.kecamatan.len(),
        study.regions.kelurahan.len(),
        study.candidates.list.len(),
        study.panels.len(),
        participants,
        study.levels.len(),
        study.scenarios.len()
    ))
}
