//! `unggul smaa` and `unggul thresholds`: the sensitivity methods on plain CSV files.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use unggul::input::table::{parse_number, read_table};
use unggul::input::{Diagnostic, InputError};
use unggul::model::DEFAULT_SEED;
use unggul::score::{MatrixView, Normalization, Reference, ScoreModel, normalize};
use unggul::sensitivity::{
    DEFAULT_CHUNK, Direction, DirichletAround, GivenSamples, SmaaOptions, UniformSimplex,
    WeightSampler, critical_thresholds, smaa,
};

use super::raw::{
    Alternatives, CriteriaCsv, duplicate_headers, read_alternatives, read_criteria_csv,
    unknown_columns,
};
use super::{Failure, note, print};

#[derive(Args, Debug)]
pub struct SmaaArgs {
    /// Decision matrices CSV: header `group,id,<criterion...>`; each group ranked on its own.
    #[arg(long)]
    matrices: PathBuf,
    /// Criteria CSV: header `criterion,weight,type`.
    #[arg(long)]
    criteria: PathBuf,
    /// Weight samples CSV: the criterion names as header, one weight vector per row (each
    /// row scaled to sum 1 and used once).
    #[arg(long, conflicts_with_all = ["samples", "seed", "concentration"])]
    weight_samples: Option<PathBuf>,
    /// Number of weight vectors to sample.
    #[arg(long, allow_negative_numbers = true)]
    samples: Option<usize>,
    /// Seed of the random streams.
    #[arg(long)]
    seed: Option<u64>,
    /// Sample Dirichlet(c * w) around the criteria file's weights; without it, weights are
    /// uniform on the simplex (no preference information).
    #[arg(long, allow_negative_numbers = true)]
    concentration: Option<f64>,
    /// Normalisation for TOPSIS: vector, min-max, max or sum.
    #[arg(long, default_value = "vector")]
    normalization: Normalization,
}

#[derive(Args, Debug)]
pub struct ThresholdsArgs {
    /// Decision matrix CSV: header `id,<criterion...>`.
    #[arg(long)]
    matrix: PathBuf,
    /// Criteria CSV: header `criterion,weight,type`.
    #[arg(long)]
    criteria: PathBuf,
    /// Normalisation for TOPSIS: vector, min-max, max or sum.
    #[arg(long, default_value = "vector")]
    normalization: Normalization,
}

fn model(
    group: &Alternatives,
    c: &CriteriaCsv,
    normalization: Normalization,
) -> Result<ScoreModel, Failure> {
    let view = MatrixView {
        rows: group.ids.len(),
        cols: c.names.len(),
        data: &group.data,
    };
    let n = normalize(view, &c.directions, normalization, &Reference::Relative)
        .map_err(|e| Failure::Input(format!("group \"{}\": {e}", group.group)))?;
    Ok(ScoreModel::Topsis {
        rows: n.rows,
        cols: n.cols,
        normalized: n.values,
        best: n.best,
        worst: n.worst,
    })
}

fn read_criteria(path: &std::path::Path) -> Result<CriteriaCsv, Failure> {
    let c = read_criteria_csv(path)?;
    if (c.given_sum - 1.0).abs() > 1e-9 {
        note(&format!(
            "note: the weights in {} sum to {}; scaled to sum 1",
            path.display(),
            c.given_sum
        ));
    }
    Ok(c)
}

/// Reads weight samples: header = criterion names (any order), rows scaled to sum 1.
fn read_weight_samples(
    path: &std::path::Path,
    criteria_path: &std::path::Path,
    names: &[String],
) -> Result<Vec<Vec<f64>>, InputError> {
    let table = read_table(path)?;
    duplicate_headers(&table)?;
    let wanted: Vec<&str> = names.iter().map(String::as_str).collect();
    let cols = table.require(&wanted)?;
    let mut problems = unknown_columns(&table, &cols, criteria_path);
    let mut rows = Vec::with_capacity(table.rows.len());
    for (line, fields) in &table.rows {
        let mut w = Vec::with_capacity(cols.len());
        for &c in &cols {
            match parse_number(&fields[c], table.number_style) {
                Ok(v) if v >= 0.0 => w.push(v),
                Ok(v) => problems.push(table.cell_error(
                    *line,
                    c,
                    format!("weight {v} must not be negative"),
                )),
                Err(m) => problems.push(table.cell_error(*line, c, m)),
            }
        }
        let sum: f64 = w.iter().sum();
        if w.len() == cols.len() {
            if !sum.is_finite() {
                problems.push(Diagnostic::line(
                    path,
                    *line,
                    format!(
                        "the weights of this row are too large to add up (their sum is \
                         {sum}); rescale the row"
                    ),
                ));
            } else if sum > 0.0 {
                rows.push(w.iter().map(|x| x / sum).collect());
            } else {
                problems.push(Diagnostic::line(
                    path,
                    *line,
                    "the weights of this row sum to zero: give at least one criterion a positive weight, or delete the row",
                ));
            }
        }
    }
    if table.rows.is_empty() {
        problems.push(Diagnostic::file(path, "no weight vectors below the header"));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(InputError {
            diagnostics: problems,
        })
    }
}

pub fn run_smaa(args: SmaaArgs) -> Result<(), Failure> {
    let c = read_criteria(&args.criteria)?;
    let groups = read_alternatives(&args.matrices, &args.criteria, &c.names, true)?;
    let models: Vec<ScoreModel> = groups
        .iter()
        .map(|g| model(g, &c, args.normalization))
        .collect::<Result<_, _>>()?;
    let sampler: Box<dyn WeightSampler> = match (&args.weight_samples, args.concentration) {
        (Some(path), _) => Box::new(
            GivenSamples::new(read_weight_samples(path, &args.criteria, &c.names)?)
                .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?,
        ),
        (None, Some(conc)) => Box::new(
            DirichletAround::new(c.weights.clone(), conc)
                .map_err(|e| Failure::Input(format!("--concentration: {e}")))?,
        ),
        (None, None) => Box::new(UniformSimplex {
            cols: c.names.len(),
        }),
    };
    let samples = args.samples.unwrap_or(10_000);
    if samples == 0 {
        return Err(Failure::Input("--samples must be at least 1".into()));
    }
    let options = SmaaOptions {
        samples,
        seed: args.seed.unwrap_or(DEFAULT_SEED),
        chunk: DEFAULT_CHUNK,
    };
    let results = smaa(&models, sampler.as_ref(), &options, &|_| {})
        .map_err(|e| Failure::Other(e.to_string()))?;
    let m = groups.iter().map(|g| g.ids.len()).max().unwrap_or(0);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["group".to_string(), "id".to_string()];
    header.extend((1..=m).map(|r| format!("rank_{r}")));
    let _ = w.write_record(&header);
    for (g, r) in groups.iter().zip(&results) {
        for (i, id) in g.ids.iter().enumerate() {
            let mut row = vec![g.group.clone(), id.clone()];
            row.extend((0..m).map(|k| {
                if k < g.ids.len() {
                    r.acceptability(i, k).to_string()
                } else {
                    "0".into()
                }
            }));
            let _ = w.write_record(&row);
        }
    }
    print(&String::from_utf8(w.into_inner().expect("memory")).expect("UTF-8"))
}

pub fn run_thresholds(args: ThresholdsArgs) -> Result<(), Failure> {
    let c = read_criteria(&args.criteria)?;
    let mut groups = read_alternatives(&args.matrix, &args.criteria, &c.names, false)?;
    let group = groups.remove(0);
    let model = model(&group, &c, args.normalization)?;
    let thresholds =
        critical_thresholds(&model, &c.weights).map_err(|e| Failure::Input(e.to_string()))?;
    let mut out = String::from("criterion,direction,base_weight,critical_weight,new_winner\n");
    for t in thresholds {
        let _ = writeln!(
            out,
            "{},{},{},{},{}",
            csv_field(&c.names[t.criterion]),
            match t.direction {
                Direction::Decrease => "decrease",
                Direction::Increase => "increase",
            },
            t.base_weight,
            t.critical_weight.map(|x| x.to_string()).unwrap_or_default(),
            t.new_winner
                .map(|i| csv_field(&group.ids[i]))
                .unwrap_or_default()
        );
    }
    print(&out)
}

/// Quotes a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
