//! `unggul report`: renders a finished run's report again from its `results.json`.

use std::path::PathBuf;

use clap::Args;
use unggul::report::results::{self, ResultsError};
use unggul::report::{Lang, ReportOptions, Scope};

use super::{Failure, command_line, print};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Report folder of a finished `unggul run` (holding results.json).
    dir: PathBuf,
    /// Where to write the new report; default: DIR itself (replaced as a whole).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the summary: id (Bahasa Indonesia) or en.
    #[arg(long, default_value = "id")]
    lang: Lang,
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
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

impl From<ResultsError> for Failure {
    fn from(e: ResultsError) -> Self {
        match e {
            ResultsError::Io { .. } => Failure::Other(e.to_string()),
            _ => Failure::Input(e.to_string()),
        }
    }
}

/// Reads the results and renders them; no score is recomputed.
pub fn report(args: ReportArgs) -> Result<(), Failure> {
    let analysis = results::read(&args.dir)?;
    unggul::memory::release_freed();
    let target = args.out.unwrap_or_else(|| args.dir.clone());
    let options = ReportOptions {
        lang: args.lang,
        command_line: command_line(),
        scope: Scope::Full,
        charts: !args.no_charts,
        all_charts: args.all_charts,
        png: args.png,
        tables: args.tables,
    };
    let written =
        unggul::report::write(&analysis, &options, &target).map_err(unggul::Error::from)?;
    if !args.quiet {
        print(&format!(
            "{}: report written to {} from the results in {}\n",
            analysis.study.name,
            written.display(),
            args.dir.display()
        ))?;
    }
    Ok(())
}
