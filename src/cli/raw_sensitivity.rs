//! `unggul smaa` and `unggul thresholds`: the sensitivity methods on plain CSV files.

use std::path::PathBuf;

use clap::Args;
use unggul::input::diagnostic::Quoted;
use unggul::input::raw::{Alternatives, CriteriaCsv, read_alternatives, read_weight_samples};
use unggul::model::DEFAULT_SEED;
use unggul::score::{MatrixView, Normalization, Reference, ScoreModel, normalize};
use unggul::sensitivity::{
    DEFAULT_CHUNK, Direction, DirichletAround, GivenSamples, SmaaOptions, UniformSimplex,
    WeightSampler, critical_thresholds, smaa,
};

use super::Failure;
use super::raw::{read_criteria, text, write_stdout};

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
        .map_err(|e| Failure::Input(format!("group {}: {e}", Quoted::double(&group.group))))?;
    Ok(ScoreModel::Topsis {
        rows: n.rows,
        cols: n.cols,
        normalized: n.values,
        best: n.best,
        worst: n.worst,
    })
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
    write_stdout(|out| {
        let mut w = csv::Writer::from_writer(out);
        let mut buf = String::new();
        w.write_field("group")?;
        w.write_field("id")?;
        for r in 1..=m {
            w.write_field(text(&mut buf, format_args!("rank_{r}")))?;
        }
        w.write_record(None::<&[u8]>)?;
        for (g, r) in groups.iter().zip(&results) {
            for (i, id) in g.ids.iter().enumerate() {
                w.write_field(&g.group)?;
                w.write_field(id)?;
                for k in 0..m {
                    if k < g.ids.len() {
                        w.write_field(text(&mut buf, r.acceptability(i, k)))?;
                    } else {
                        w.write_field("0")?;
                    }
                }
                w.write_record(None::<&[u8]>)?;
            }
        }
        w.flush()
    })
}

pub fn run_thresholds(args: ThresholdsArgs) -> Result<(), Failure> {
    let c = read_criteria(&args.criteria)?;
    let mut groups = read_alternatives(&args.matrix, &args.criteria, &c.names, false)?;
    let group = groups.remove(0);
    let model = model(&group, &c, args.normalization)?;
    let thresholds =
        critical_thresholds(&model, &c.weights).map_err(|e| Failure::Input(e.to_string()))?;
    write_stdout(|out| {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "criterion",
            "direction",
            "base_weight",
            "critical_weight",
            "new_winner",
        ])?;
        for t in thresholds {
            w.write_record([
                c.names[t.criterion].clone(),
                match t.direction {
                    Direction::Decrease => "decrease",
                    Direction::Increase => "increase",
                }
                .to_string(),
                t.base_weight.to_string(),
                t.critical_weight.map(|x| x.to_string()).unwrap_or_default(),
                t.new_winner
                    .map(|i| group.ids[i].clone())
                    .unwrap_or_default(),
            ])?;
        }
        w.flush()
    })
}
