//! `unggul ahp` and `unggul topsis`: the raw methods on plain CSV files, for researchers and
//! for checking results against other tools.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value, json};
use unggul::ahp::{PriorityMethod, RandomIndexTable, priorities, rank_inconsistencies};
use unggul::input::raw::{Alternatives, CriteriaCsv, Pairwise, read_alternatives};
use unggul::score::{MatrixView, Normalization, Reference, TopsisResult, topsis};

use super::{Failure, note, print};

/// Output format of the raw commands.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Aligned text for reading.
    Table,
    /// JSON for programs.
    Json,
    /// CSV for spreadsheets and programs.
    Csv,
}

#[derive(Args, Debug)]
pub struct AhpArgs {
    /// Pairwise matrix CSV: header `criterion,<name1>,...,<nameN>`, one row per criterion.
    #[arg(long)]
    pairwise: PathBuf,
    /// Priority method: eigenvector, geometric (row geometric mean) or column-mean.
    #[arg(long, default_value = "eigenvector")]
    method: PriorityMethod,
    /// Random Index table: saaty-classic, saaty-2005, alonso-lamata, tummala-ling, donegan-dodd.
    #[arg(long, default_value = "saaty-classic")]
    ri: RandomIndexTable,
    /// Largest acceptable consistency ratio.
    #[arg(long, default_value_t = 0.10)]
    threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Args, Debug)]
pub struct TopsisArgs {
    /// Decision matrix CSV: header `id,<criterion...>`, one row per alternative.
    #[arg(long)]
    matrix: PathBuf,
    /// Criteria CSV: header `criterion,weight,type`; type benefit/cost (or max/min, keuntungan/biaya).
    #[arg(long)]
    criteria: PathBuf,
    /// Normalisation: vector (Hwang & Yoon), min-max, max or sum.
    #[arg(long, default_value = "vector")]
    normalization: Normalization,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run_ahp(args: AhpArgs) -> Result<(), Failure> {
    let Pairwise { names, matrix: m } = unggul::input::raw::read_pairwise(&args.pairwise)?;
    let p = priorities(&m, args.method, args.ri).map_err(|e| Failure::Other(e.to_string()))?;
    let consistent = p.cr.is_none_or(|cr| cr <= args.threshold);
    let not_judged =
        p.cr.is_none()
            .then(|| consistency_not_judged(m.n(), args.ri));
    // CSV has no place for a sentence: say it on stderr.
    if let Some(why) = not_judged
        .as_ref()
        .filter(|_| matches!(args.format, Format::Csv))
    {
        note(&format!("note: {why}"));
    }
    let revisit = if consistent {
        Vec::new()
    } else {
        rank_inconsistencies(&m, &p.weights)
    };
    let out = match args.format {
        Format::Json => {
            let mut weights = Map::new();
            for (n, w) in names.iter().zip(&p.weights) {
                weights.insert(n.clone(), json!(w));
            }
            let value = json!({
                "method": args.method.to_string(),
                "ri_table": args.ri.to_string(),
                "ri_table_source": args.ri.citation(),
                "n": m.n(),
                "weights": Value::Object(weights),
                "lambda_max": p.lambda_max,
                "ci": p.ci,
                "ri": p.ri,
                "cr": p.cr,
                "threshold": args.threshold,
                "consistent": p.cr.map(|cr| cr <= args.threshold),
                "consistency_note": not_judged,
                "revisit": revisit.iter().map(|d| json!({
                    "criterion_a": names[d.row], "criterion_b": names[d.col], "given": d.given,
                    "consistent_value": d.consistent, "suggested_saaty": d.suggested_saaty, "error_ratio": d.error,
                })).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&value).expect("JSON values serialise") + "\n"
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
            let _ = w.write_record([
                "criterion",
                "weight",
                "lambda_max",
                "ci",
                "ri",
                "cr",
                "ri_table",
                "method",
            ]);
            for (n, x) in names.iter().zip(&p.weights) {
                let _ = w.write_record([
                    n.clone(),
                    x.to_string(),
                    p.lambda_max.to_string(),
                    p.ci.to_string(),
                    opt(p.ri),
                    opt(p.cr),
                    args.ri.to_string(),
                    args.method.to_string(),
                ]);
            }
            String::from_utf8(w.into_inner().expect("memory")).expect("CSV of UTF-8 is UTF-8")
        }
        Format::Table => {
            let mut s = String::new();
            let width = names
                .iter()
                .map(|n| n.chars().count())
                .max()
                .unwrap_or(9)
                .max(9);
            let _ = writeln!(s, "{:width$}  weight", "criterion");
            for (n, x) in names.iter().zip(&p.weights) {
                let _ = writeln!(s, "{n:width$}  {x:.6}");
            }
            let _ = writeln!(s, "\nmethod      {}", args.method);
            let _ = writeln!(s, "lambda_max  {:.6}", p.lambda_max);
            let _ = writeln!(s, "CI          {:.6}", p.ci);
            match (p.ri, p.cr) {
                (Some(ri), Some(cr)) => {
                    let _ = writeln!(s, "RI          {ri} ({}: {})", args.ri, args.ri.citation());
                    let _ = writeln!(
                        s,
                        "CR          {cr:.6} ({})",
                        if consistent {
                            "consistent"
                        } else {
                            "INCONSISTENT"
                        }
                    );
                }
                _ => {
                    let _ = writeln!(s, "RI          none");
                    let _ = writeln!(s, "CR          none");
                    if let Some(why) = &not_judged {
                        let _ = writeln!(s, "\n{why}");
                    }
                }
            }
            if !revisit.is_empty() {
                let _ = writeln!(s, "\njudgments to revisit (most inconsistent first):");
                for d in revisit.iter().take(5) {
                    let _ = writeln!(
                        s,
                        "  {} vs {}: given {:.4}, consistent {:.4}, nearest Saaty value {:.4}",
                        names[d.row], names[d.col], d.given, d.consistent, d.suggested_saaty
                    );
                }
            }
            s
        }
    };
    print(&out)
}

/// Why a matrix of `n` criteria gets no consistency verdict: the Random Index table has no
/// value for `n` (tables stop at 15; Donegan & Dodd at 100), so CR = CI / RI is undefined.
fn consistency_not_judged(n: usize, table: RandomIndexTable) -> String {
    let remedy = if table == RandomIndexTable::DoneganDodd {
        "no published table goes further; group the criteria under parents"
    } else {
        "use --ri donegan-dodd (up to n = 100) or group the criteria under parents"
    };
    format!(
        "the Random Index table {table} has no value for n = {n}, so the consistency ratio \
         cannot be computed and consistency cannot be judged; {remedy}"
    )
}

/// Reads a raw command's criteria file, with a note on stderr when its weights were rescaled.
pub fn read_criteria(path: &Path) -> Result<CriteriaCsv, Failure> {
    let c = unggul::input::raw::read_criteria(path)?;
    if (c.given_sum - 1.0).abs() > unggul::prec::WEIGHT_SUM {
        note(&format!(
            "note: the weights in {} sum to {}; scaled to sum 1",
            path.display(),
            c.given_sum
        ));
    }
    Ok(c)
}

/// Writes a command's result to stdout through one buffer, as it is produced (a million rows
/// are never held as text); a closed pipe (`unggul ... | head`) is not an error.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if broken_pipe(&e) => Ok(()),
        Err(e) => Err(Failure::Other(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Whether writing failed because the reader went away; the csv crate wraps that error in
/// one of its own, of kind `Other`.
fn broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<csv::Error>())
            .is_some_and(|c| {
                matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
            })
}

/// A value's text, written into a reused buffer (no allocation per cell); floats print as
/// Rust prints them, the shortest text that reads back the same.
pub fn text(buf: &mut String, x: impl std::fmt::Display) -> &str {
    buf.clear();
    let _ = write!(buf, "{x}");
    buf
}

pub fn run_topsis(args: TopsisArgs) -> Result<(), Failure> {
    let CriteriaCsv {
        names,
        weights,
        directions: dirs,
        ..
    } = read_criteria(&args.criteria)?;
    let mut groups = read_alternatives(&args.matrix, &args.criteria, &names, false)?;
    let Alternatives { ids, data, .. } = groups.remove(0);
    let view = MatrixView {
        rows: ids.len(),
        cols: names.len(),
        data: &data,
    };
    // The normalised and weighted matrices are dropped at once: only the results are written.
    let TopsisResult {
        ideal,
        anti_ideal,
        d_plus,
        d_minus,
        closeness,
        ..
    } = topsis(
        view,
        &weights,
        &dirs,
        args.normalization,
        &Reference::Relative,
    )
    .map_err(|e| Failure::Input(format!("{}: {e}", args.matrix.display())))?;
    drop(data);
    let order = unggul::score::ranking(&closeness);
    let mut rank = vec![0; ids.len()];
    for (pos, &i) in order.iter().enumerate() {
        rank[i] = pos + 1;
    }
    match args.format {
        Format::Csv => write_stdout(|out| {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["id", "closeness", "rank", "d_plus", "d_minus"])?;
            let mut buf = String::new();
            for (i, id) in ids.iter().enumerate() {
                w.write_field(id)?;
                w.write_field(text(&mut buf, closeness[i]))?;
                w.write_field(text(&mut buf, rank[i]))?;
                w.write_field(text(&mut buf, d_plus[i]))?;
                w.write_field(text(&mut buf, d_minus[i]))?;
                w.write_record(None::<&[u8]>)?;
            }
            w.flush()
        }),
        Format::Json => {
            let value = TopsisJson {
                method: "topsis",
                normalization: args.normalization.to_string(),
                weights: Named(&names, &weights),
                types: Named(
                    &names,
                    &dirs.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                ),
                ideal: Named(&names, &ideal),
                anti_ideal: Named(&names, &anti_ideal),
                alternatives: AlternativesJson {
                    ids: &ids,
                    closeness: &closeness,
                    rank: &rank,
                    d_plus: &d_plus,
                    d_minus: &d_minus,
                },
            };
            write_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &value)?;
                out.write_all(b"\n")
            })
        }
        Format::Table => write_stdout(|out| {
            let width = ids
                .iter()
                .map(|n| n.chars().count())
                .max()
                .unwrap_or(2)
                .max(2);
            writeln!(
                out,
                "{:>4}  {:width$}  {:>10}  {:>10}  {:>10}",
                "rank", "id", "closeness", "d_plus", "d_minus"
            )?;
            for &i in &order {
                writeln!(
                    out,
                    "{:>4}  {:width$}  {:>10.6}  {:>10.6}  {:>10.6}",
                    rank[i], ids[i], closeness[i], d_plus[i], d_minus[i]
                )?;
            }
            writeln!(
                out,
                "\nnormalisation: {}; ideal per criterion: max for benefit, min for cost",
                args.normalization
            )
        }),
    }
}

/// `unggul topsis --format json`, serialised as it is written (no tree of a million values).
#[derive(Serialize)]
struct TopsisJson<'a> {
    method: &'static str,
    normalization: String,
    weights: Named<'a, f64>,
    types: Named<'a, String>,
    ideal: Named<'a, f64>,
    anti_ideal: Named<'a, f64>,
    alternatives: AlternativesJson<'a>,
}

/// A JSON object of one value per criterion, in criteria order.
struct Named<'a, T>(&'a [String], &'a [T]);

impl<T: Serialize> Serialize for Named<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter().zip(self.1) {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

struct AlternativesJson<'a> {
    ids: &'a [String],
    closeness: &'a [f64],
    rank: &'a [usize],
    d_plus: &'a [f64],
    d_minus: &'a [f64],
}

impl Serialize for AlternativesJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct One<'a> {
            id: &'a str,
            closeness: f64,
            rank: usize,
            d_plus: f64,
            d_minus: f64,
        }
        s.collect_seq((0..self.ids.len()).map(|i| One {
            id: &self.ids[i],
            closeness: self.closeness[i],
            rank: self.rank[i],
            d_plus: self.d_plus[i],
            d_minus: self.d_minus[i],
        }))
    }
}
