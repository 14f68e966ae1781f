//! `unggul run` and `unggul validate`.

use std::path::PathBuf;

use clap::Args;
use unggul::model::Level;
use unggul::report::{Lang, ReportOptions};

use super::{Failure, command_line, note, print, resolve_study};

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
    /// Skip the charts (PNG and SVG); tables and summary only.
    #[arg(long)]
    no_charts: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Study file (study.toml) or its folder.
    study: PathBuf,
}

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let path = resolve_study(args.study)?;
    let study = unggul::input::read_study(&path)?;
    for w in &study.warnings {
        note(&format!("warning: {w}"));
    }
    let analysis = unggul::analyse(study)?;
    let target = args.out.unwrap_or_else(|| PathBuf::from("reports").join(&analysis.study.id));
    let options = ReportOptions { lang: args.lang, command_line: command_line(), charts: !args.no_charts };
    let written = unggul::report::write(&analysis, &options, &target).map_err(unggul::Error::from)?;
    if !args.quiet {
        let s = &analysis.study;
        let kel: Vec<_> = analysis.selection.level(Level::Kelurahan).collect();
        let filled = kel.iter().filter(|g| !g.entries.is_empty()).count();
        let ties = analysis.selection.groups.iter().filter(|g| g.tie_at_cut).count();
        let inconsistent: usize =
            analysis.panels.iter().map(|p| p.participants.iter().filter(|r| !r.consistent).count()).sum();
        let participants: usize = analysis.panels.iter().map(|p| p.participants.len()).sum();
        print(&format!(
            "{}: {} candidates in {} kelurahan x {} categories ({} groups with candidates, {} empty)\n\
             weights: {} panels, {} participants, {} inconsistent (CR > {})\n\
             ties needing an FGD decision: {}\n\
             report written to {}\n",
            s.name,
            s.candidates.list.len(),
            s.regions.kelurahan.len(),
            s.categories.len(),
            filled,
            kel.len() - filled,
            analysis.panels.len(),
            participants,
            inconsistent,
            s.method.consistency_threshold,
            ties,
            written.display()
        ))?;
    }
    Ok(())
}

pub fn validate(args: ValidateArgs) -> Result<(), Failure> {
    let path = resolve_study(Some(args.study))?;
    let study = unggul::input::read_study(&path)?;
    for w in &study.warnings {
        note(&format!("warning: {w}"));
    }
    let participants: usize = study.panels.iter().map(|p| p.participants.len()).sum();
    print(&format!(
        "{}: ok ({} kecamatan, {} kelurahan, {} candidates, {} panels with {} participants, {} levels)\n",
        path.display(),
        study.regions.kecamatan.len(),
        study.regions.kelurahan.len(),
        study.candidates.list.len(),
        study.panels.len(),
        participants,
        study.levels.len()
    ))
}
