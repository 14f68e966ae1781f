//! Command-line definitions and dispatch. Exit codes: 0 success, 2 bad input or usage
//! (the message says what to fix), 1 any other failure.

mod convert;
mod generate;
mod raw;
mod raw_sensitivity;
mod report;
mod study;
mod template;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Choose superior local products (PUD) per kelurahan and kecamatan with AHP and TOPSIS.
#[derive(Parser, Debug)]
#[command(name = "unggul", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a study: weights, rankings, selection, reports (default: the bundled study).
    Run(study::RunArgs),
    /// Render a finished run's report again from its results.json (another language, with or
    /// without charts), without recomputing.
    Report(report::ReportArgs),
    /// Sensitivity analysis and weighting scenarios of a study, alone.
    Sensitivity(study::SensitivityCommandArgs),
    /// Check every input of a study and report every problem found.
    Validate(study::ValidateArgs),
    /// AHP priorities and consistency of one pairwise matrix (CSV).
    Ahp(raw::AhpArgs),
    /// TOPSIS closeness of a decision matrix (CSV) with criteria weights and types (CSV).
    Topsis(raw::TopsisArgs),
    /// SMAA-2 rank acceptability of several groups of alternatives (CSV).
    Smaa(raw_sensitivity::SmaaArgs),
    /// Exact critical weight thresholds of a decision matrix (CSV).
    Thresholds(raw_sensitivity::ThresholdsArgs),
    /// Write a study's judgments in the other layout: long (one row per judgment) or wide
    /// (one row per participant, one column per pair, as survey tools export).
    Convert(convert::ConvertArgs),
    /// Write the forms a study is filled in with: a candidates workbook and a questionnaire
    /// workbook per FGD panel (live consistency ratio), both read back as they are.
    Template(template::TemplateArgs),
    /// Generate an illustrative study (the bundled Probolinggo one, or a synthetic one of any size).
    Generate(generate::GenerateArgs),
}

/// Why a command failed, and so which exit code it gets.
#[derive(Debug)]
pub enum Failure {
    /// The user's input or arguments are wrong; the message says what to fix. Exit code 2.
    Input(String),
    /// Anything else. Exit code 1.
    Other(String),
}

impl Failure {
    /// Prints the message to stderr and returns the exit code.
    pub fn report(self) -> ExitCode {
        let (code, msg) = match self {
            Failure::Input(m) => (2, m),
            Failure::Other(m) => (1, m),
        };
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "error: {}", msg.trim_end());
        ExitCode::from(code)
    }
}

impl From<unggul::Error> for Failure {
    fn from(e: unggul::Error) -> Self {
        match e {
            unggul::Error::Input(e) => Failure::Input(e.to_string()),
            unggul::Error::Output(
                e @ (unggul::report::OutputError::NotOurs(_)
                | unggul::report::OutputError::UserFiles { .. }),
            ) => Failure::Input(e.to_string()),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<unggul::input::InputError> for Failure {
    fn from(e: unggul::input::InputError) -> Self {
        Failure::Input(e.to_string())
    }
}

/// Writes to stdout; a closed pipe (`unggul ... | head`) is not an error.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Prints a note to stderr (never fails).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// The command line as given, for manifests (program name normalised to `unggul`).
pub fn command_line() -> Vec<String> {
    std::iter::once("unggul".to_string())
        .chain(std::env::args().skip(1))
        .collect()
}

/// Resolves a study argument, defaulting to the bundled study.
pub fn resolve_study(arg: Option<PathBuf>) -> Result<PathBuf, Failure> {
    let path = match arg {
        Some(p) => unggul::input::study_path(&p),
        None => {
            let here = PathBuf::from(unggul::input::BUNDLED_STUDY);
            if here.exists() {
                here
            } else {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(unggul::input::BUNDLED_STUDY)
            }
        }
    };
    if !path.exists() {
        return Err(Failure::Input(format!(
            "{}: no such study file; give the path of a study.toml or of a folder holding one",
            path.display()
        )));
    }
    Ok(path)
}

/// Runs the chosen command.
pub fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(a) => study::run(a),
        Command::Report(a) => report::report(a),
        Command::Validate(a) => study::validate(a),
        Command::Sensitivity(a) => study::sensitivity(a),
        Command::Ahp(a) => raw::run_ahp(a),
        Command::Topsis(a) => raw::run_topsis(a),
        Command::Generate(a) => generate::generate(a),
        Command::Convert(a) => convert::convert(a),
        Command::Template(a) => template::template(a),
        Command::Smaa(a) => raw_sensitivity::run_smaa(a),
        Command::Thresholds(a) => raw_sensitivity::run_thresholds(a),
    }
}
