//! Seeded generator of illustrative and synthetic PUD studies.
//!
//! The real 2021 Kota Probolinggo FGD data are not public (DOMAIN.md section 1), so the bundled
//! study is made by this generator and says so in its `study.toml` and `README.md`. The same
//! code makes synthetic studies of any size, up to national scale (about 84,000 kelurahan x 3
//! categories x 10 candidates), for benchmarks and load tests.
//!
//! What it writes into the output directory (plain CSV: comma-separated, UTF-8 without BOM,
//! `.` as decimal point, English headers, no comment lines):
//!
//! - `wilayah.csv`: `kecamatan_code,kecamatan,kelurahan_code,kelurahan,aliases`, one row per
//!   kelurahan, aliases separated by `|`.
//! - `umkm.csv`: `id,name,product,kelurahan,category,<one column per leaf criterion>`. The
//!   kelurahan is given by its Kemendagri code, except for a handful of rows in the Probolinggo
//!   preset that use the name or a spelling variant (alias), which the loader must resolve.
//! - `penilaian_ahp.csv`: `panel,participant,role,criterion_a,criterion_b,value`, one row per
//!   participant and criterion pair (i < j in criteria order); `value` is how much more
//!   important `criterion_a` is than `criterion_b`, written `3`, `1/5`, `1`, or (a few
//!   aggregated answers in the preset) a decimal such as `2.5` or `0.6`.
//! - `study.toml` (study definition, marked `illustrative = true`) and `README.md`.
//! - `kriteria.toml`, a copy of the criteria file, when [`GeneratorSpec::criteria_ref`] is
//!   `None`.
//!
//! # How the numbers are made
//!
//! All randomness comes from [`ChaCha8Rng`] seeded with [`GeneratorSpec::seed`], one stream
//! per output file (and one for choosing the planted inconsistent participants), so the same
//! spec gives byte-identical files. ChaCha8's integer stream is portable; the float transforms
//! (normal draws, `ln`, `exp`) use the platform math library, whose last bit may differ between
//! platforms and so could, rarely, change a rounded value. Output order never depends on
//! hash-map iteration.
//!
//! - Indicator values: each candidate gets a latent size and quality (standard normal); the
//!   indicators are monotone transforms of them plus noise, in ranges that fit micro and small
//!   businesses under PP 7/2021 (workers mostly 1-40, turnover Rp 24 million to 3 billion a
//!   year, log-normal). Every value is clamped to its criterion's scale bounds.
//! - Pairwise judgments: each panel has a "true" weight profile, a base profile in which labour
//!   and local raw materials weigh most (as in the published studies, DOMAIN.md section 2)
//!   perturbed in log space; each participant perturbs the panel profile again, and each
//!   judgment w_i/w_j (with a little judgment noise) is rounded in log space to the nearest
//!   value of Saaty's 1-9 scale (Saaty 1980, *The Analytic Hierarchy Process*). Judgments
//!   derived from one weight vector are consistent except for rounding, so most participants
//!   have CR < 0.10.
//! - In the Probolinggo preset, [`PLANTED_INCONSISTENT`] participants in distinct panels
//!   reverse their three strongest judgments (and state them with at least intensity 5), which
//!   gives CR well above 0.10, so that the consistency filter has something to catch.
//!
//! # Degenerate inputs
//!
//! Zero kecamatan, zero kelurahan per kecamatan, an empty or inverted candidate range, or
//! layouts whose codes would not fit the Kemendagri pattern are refused with
//! [`GenerateError::InvalidSpec`]. The generator never overwrites: if any target file exists
//! it fails with [`GenerateError::Exists`] before writing anything.

use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;
use serde::Deserialize;

/// Number of clearly inconsistent participants planted in the Probolinggo preset.
pub const PLANTED_INCONSISTENT: usize = 6;

/// Largest number of kecamatan a synthetic layout may have: codes `99.RR.KK` with 99 regencies
/// of 99 kecamatan each.
pub const MAX_SYNTHETIC_KECAMATAN: usize = 99 * 99;

/// Largest number of kelurahan per kecamatan in a synthetic layout: suffixes `1001`..`1999`.
pub const MAX_SYNTHETIC_KELURAHAN_PER_KECAMATAN: usize = 999;

/// Largest number of candidates per kelurahan and category.
pub const MAX_CANDIDATES_PER_GROUP: usize = 99;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorSpec {
    /// Seed of every random stream; the same spec gives byte-identical files.
    pub seed: u64,
    /// Which regions to generate.
    pub layout: Layout,
    /// Candidates per kelurahan and category, `(min, max)` inclusive, drawn uniformly.
    pub candidates_per_group: (usize, usize),
    /// Path written into `study.toml` for the criteria file of both levels; `None` writes a copy
    /// of the criteria as `kriteria.toml` beside the study and references that.
    pub criteria_ref: Option<String>,
}

/// The regions of a generated study.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// Kota Probolinggo (35.74): the 5 kecamatan and 29 kelurahan of DOMAIN.md section 3, with
    /// local products placed where they are known to be made.
    Probolinggo,
    /// A synthetic region `99` with generated codes (`99.01.01.1001`) and names
    /// (`Kecamatan 001`, `Kelurahan 001-01`).
    Synthetic {
        /// Number of kecamatan, 1 to [`MAX_SYNTHETIC_KECAMATAN`].
        kecamatan: usize,
        /// Kelurahan in each kecamatan, 1 to [`MAX_SYNTHETIC_KELURAHAN_PER_KECAMATAN`].
        kelurahan_per_kecamatan: usize,
    },
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSummary {
    /// The files written, in the order they were written.
    pub files: Vec<PathBuf>,
    /// Number of kelurahan (rows of `wilayah.csv`).
    pub kelurahan: usize,
    /// Number of candidates (rows of `umkm.csv`).
    pub candidates: usize,
    /// Number of pairwise judgments (rows of `penilaian_ahp.csv`).
    pub judgments: usize,
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A file the generator would write already exists; nothing was written.
    #[error(
        "{}: file already exists; the generator never overwrites, so remove it or choose an empty output directory",
        path.display()
    )]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// The output directory or a file in it could not be created or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The directory or file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The spec asks for something the generator cannot make.
    #[error("invalid generator spec: {0}")]
    InvalidSpec(String),
    /// The embedded criteria file does not parse or has no leaf criteria (a bug in unggul).
    #[error("embedded criteria file is invalid (a bug in unggul, please report it): {0}")]
    Criteria(String),
}

/// Generate a study into `out_dir` (created if missing) and return what was written.
///
/// Files are written one at a time, streaming through buffered writers, so memory stays small
/// at any size.
///
/// # Errors
///
/// [`GenerateError::InvalidSpec`] for an unusable spec, [`GenerateError::Exists`] if any target
/// file already exists (checked before anything is written), [`GenerateError::Io`] when the
/// directory or a file cannot be written.
///
/// # Examples
///
/// ```no_run
/// use std::path::Path;
/// use unggul::generate::{GeneratorSpec, Layout, generate};
///
/// let spec = GeneratorSpec {
///     seed: 2021,
///     layout: Layout::Probolinggo,
///     candidates_per_group: (3, 5),
///     criteria_ref: None,
/// };
/// let summary = generate(&spec, Path::new("/tmp/probolinggo"))?;
/// assert_eq!(summary.kelurahan, 29);
/// # Ok::<(), unggul::generate::GenerateError>(())
/// ```
pub fn generate(spec: &GeneratorSpec, out_dir: &Path) -> Result<GeneratedSummary, GenerateError> {
    generate_impl(spec, out_dir).map(|(summary, _)| summary)
}

mod candidates;
mod judgments;
mod regions;

use candidates::write_candidates;
use judgments::write_judgments;
use regions::Shape;

// ---------------------------------------------------------------------------------------------
// Criteria (a minimal private reader: the real loader lives in the input module)

#[derive(Debug, Deserialize)]
struct CriteriaFile {
    criteria: Vec<CriterionDef>,
}

#[derive(Debug, Deserialize)]
struct CriterionDef {
    id: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    scale: Option<ScaleDef>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum ScaleDef {
    Quantity {
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
    },
    Rating {
        min: i64,
        max: i64,
    },
}

/// A leaf criterion: it has a data column and takes part in the pairwise judgments.
#[derive(Debug)]
struct Leaf {
    id: String,
    scale: ScaleDef,
}

/// The leaf criteria of a criteria file, in file order (parents have no column).
fn leaf_criteria(text: &str) -> Result<Vec<Leaf>, GenerateError> {
    let file: CriteriaFile =
        toml::from_str(text).map_err(|e| GenerateError::Criteria(e.to_string()))?;
    let is_parent = |id: &str| {
        file.criteria
            .iter()
            .any(|c| c.parent.as_deref() == Some(id))
    };
    let mut leaves = Vec::new();
    for c in &file.criteria {
        if is_parent(&c.id) {
            continue;
        }
        let scale = c.scale.ok_or_else(|| {
            GenerateError::Criteria(format!("leaf criterion '{}' has no scale", c.id))
        })?;
        leaves.push(Leaf {
            id: c.id.clone(),
            scale,
        });
    }
    if leaves.is_empty() {
        return Err(GenerateError::Criteria("no leaf criteria".into()));
    }
    Ok(leaves)
}

// ---------------------------------------------------------------------------------------------
// Output plumbing

/// RNG streams, one per output, so changing one file's generation leaves the others unchanged.
const STREAM_CANDIDATES: u64 = 1;
const STREAM_JUDGMENTS: u64 = 2;
const STREAM_PLANTING: u64 = 3;

fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    rng.sample(StandardNormal)
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> GenerateError + '_ {
    move |source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn csv_err(path: &Path) -> impl FnOnce(csv::Error) -> GenerateError + '_ {
    move |e| GenerateError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::from(e),
    }
}

/// Open a new file, refusing to replace an existing one (`create_new` is atomic, so a file
/// appearing between the up-front check and this call is still not overwritten).
fn create_new(path: &Path) -> Result<BufWriter<File>, GenerateError> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                GenerateError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                GenerateError::Io {
                    path: path.to_path_buf(),
                    source: e,
                }
            }
        })?;
    Ok(BufWriter::with_capacity(1 << 16, file))
}

type CsvOut = csv::Writer<BufWriter<File>>;

fn csv_writer(path: &Path) -> Result<CsvOut, GenerateError> {
    Ok(csv::WriterBuilder::new()
        .buffer_capacity(1 << 16)
        .from_writer(create_new(path)?))
}

fn finish_csv(mut w: CsvOut, path: &Path) -> Result<(), GenerateError> {
    w.flush().map_err(io_err(path))
}

fn write_text(path: &Path, text: &str) -> Result<(), GenerateError> {
    let mut w = create_new(path)?;
    w.write_all(text.as_bytes()).map_err(io_err(path))?;
    w.flush().map_err(io_err(path))
}

const WILAYAH: &str = "wilayah.csv";
const UMKM: &str = "umkm.csv";
const JUDGMENTS: &str = "penilaian_ahp.csv";
const STUDY: &str = "study.toml";
const README: &str = "README.md";
const KRITERIA: &str = "kriteria.toml";

/// A participant planted as clearly inconsistent: `(panel code, participant id)`.
type Planted = (String, String);

fn generate_impl(
    spec: &GeneratorSpec,
    out_dir: &Path,
) -> Result<(GeneratedSummary, Vec<Planted>), GenerateError> {
    let shape = Shape::from_spec(spec)?;
    let leaves = leaf_criteria(PROBOLINGGO_FGD_CRITERIA)?;

    let mut names = vec![WILAYAH, UMKM, JUDGMENTS, STUDY, README];
    if spec.criteria_ref.is_none() {
        names.push(KRITERIA);
    }
    let paths: Vec<PathBuf> = names.iter().map(|n| out_dir.join(n)).collect();
    // Refuse before writing anything, so a refused run leaves the directory as it was.
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(GenerateError::Exists {
            path: existing.clone(),
        });
    }
    std::fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;

    let kelurahan = write_wilayah(shape, &paths[0])?;
    let candidates = write_candidates(spec, shape, &leaves, &paths[1])?;
    let (judgments, planted) = write_judgments(spec, shape, &leaves, &paths[2])?;
    let criteria_path = spec
        .criteria_ref
        .clone()
        .unwrap_or_else(|| KRITERIA.to_string());
    write_text(&paths[3], &study_toml(spec, shape, &criteria_path))?;
    write_text(&paths[4], &readme(spec, shape))?;
    if spec.criteria_ref.is_none() {
        write_text(&paths[5], PROBOLINGGO_FGD_CRITERIA)?;
    }
    Ok((
        GeneratedSummary {
            files: paths,
            kelurahan,
            candidates,
            judgments,
        },
        planted,
    ))
}

fn write_wilayah(shape: Shape, path: &Path) -> Result<usize, GenerateError> {
    let mut w = csv_writer(path)?;
    w.write_record([
        "kecamatan_code",
        "kecamatan",
        "kelurahan_code",
        "kelurahan",
        "aliases",
    ])
    .map_err(csv_err(path))?;
    let mut rows = 0;
    let mut aliases = String::new();
    shape.for_each_kelurahan(|k| {
        aliases.clear();
        for (i, a) in k.aliases.iter().enumerate() {
            if i > 0 {
                aliases.push('|');
            }
            aliases.push_str(a);
        }
        w.write_record([k.kec_code, k.kec_name, k.code, k.name, aliases.as_str()])
            .map_err(csv_err(path))?;
        rows += 1;
        Ok(())
    })?;
    finish_csv(w, path)?;
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// study.toml and README.md

/// A TOML basic string with the characters TOML requires escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn study_toml(spec: &GeneratorSpec, shape: Shape, criteria: &str) -> String {
    let seed = spec.seed;
    let (id, name, code, region, note_id, note_en) = match shape {
        Shape::Probolinggo => (
            "probolinggo".to_string(),
            "Produk Unggulan Daerah Kota Probolinggo".to_string(),
            "35.74",
            "Kota Probolinggo",
            format!(
                "Seluruh data UMKM dan penilaian dalam laporan ini adalah data contoh buatan generator unggul (seed {seed}), bukan data resmi FGD 2021. Jangan dikutip sebagai hasil resmi."
            ),
            format!(
                "Every UMKM record and judgment in this report is example data made by the unggul generator (seed {seed}), not the official 2021 FGD data. Do not quote it as an official result."
            ),
        ),
        Shape::Synthetic { kecamatan, per } => (
            format!("sintetis-{kecamatan}x{per}-{seed}"),
            format!("Studi sintetis {kecamatan} kecamatan x {per} kelurahan"),
            "99",
            "Wilayah Sintetis",
            format!("Data sintetis buatan generator unggul (seed {seed}); bukan data resmi."),
            format!(
                "Synthetic data made by the unggul generator (seed {seed}); not official data."
            ),
        ),
    };
    // Only the bundled city's setting is known (DOMAIN.md section 1): the FGD month from the
    // regional press and the two regulations. A synthetic study invents none.
    let (dates, documents) = match shape {
        Shape::Probolinggo => (
            r#"# When things happened. Only these dates reach the report (SOURCE_DATE_EPOCH, if set, replaces
# analysis_date), so reruns stay byte-identical. The 2021 FGDs were held in October 2021
# (regional press); the day-by-day schedule is not public, so only the month is given.
analysis_date = "2026-12-03"
fgd_dates = { kelurahan = ["2021-10"], kecamatan = ["2021-10"] }
"#,
            r#"
# Printed under "Dasar" in the report and the berita acara.
[documents]
legal_basis = [
  "Peraturan Menteri Dalam Negeri Nomor 9 Tahun 2014 tentang Pedoman Pengembangan Produk Unggulan Daerah",
  "Peraturan Wali Kota Probolinggo Nomor 39 Tahun 2019 (kategori PUD: agro, kerajinan, budaya)",
]
"#,
        ),
        Shape::Synthetic { .. } => ("", ""),
    };
    let c = toml_string(criteria);
    format!(
        r#"[study]
id = {id}
name = {name}
region_code = "{code}"
region_name = "{region}"
illustrative = true
note_id = {note_id}
note_en = {note_en}
categories = ["agro", "kerajinan", "budaya"]
{dates}{documents}
[inputs]
regions = "{WILAYAH}"
candidates = "{UMKM}"
judgments = "{JUDGMENTS}"

[method]
scoring = "topsis"
normalization = "vector"
reference = "relative"
ahp_method = "eigenvector"
ri_table = "saaty-classic"
aggregation = "aij"
consistency_threshold = 0.10
inconsistent_participants = "exclude"
winners = 1

[[levels]]
level = "kelurahan"
criteria = {c}
weights = "own-panel"

[[levels]]
level = "kecamatan"
criteria = {c}
weights = "own-panel"

# Sensitivity analysis: SMAA-2 weight samples around each panel's weights (Dirichlet with
# concentration c: a weight w varies with standard deviation sqrt(w(1-w)/(c+1))).
[sensitivity]
samples = 10000
seed = {seed}
concentration = 100
sampler = "dirichlet"
sweep_points = 21
# Uncertain criteria values too (off here): each sample moves every measured quantity by up
# to 10 % of its value and every FGD rating by up to one step of its scale.
# quantity_noise = 0.10
# rating_steps = 1

# Weighting scenarios compared with the panels' AHP weights.
[[scenarios]]
id = "bobot-sama"
name_id = "Bobot sama"
name_en = "Equal weights"
weights = "equal"

[[scenarios]]
id = "entropi"
name_id = "Bobot objektif entropi"
name_en = "Objective weights: entropy"
weights = "entropy"

[[scenarios]]
id = "critic"
name_id = "Bobot objektif CRITIC"
name_en = "Objective weights: CRITIC"
weights = "critic"

[[scenarios]]
id = "utamakan-lapangan-kerja"
name_id = "Lapangan kerja diutamakan"
name_en = "Jobs weigh most"
weights = {{ explicit = {{ sumber_daya_lokal = 0.15, kekhasan_daerah = 0.10, lapangan_kerja = 0.35, wirausaha_baru = 0.10, nilai_tambah = 0.10, daya_saing = 0.10, pertumbuhan_ekonomi = 0.10 }} }}
"#,
        id = toml_string(&id),
        name = toml_string(&name),
        note_id = toml_string(&note_id),
        note_en = toml_string(&note_en),
    )
}

fn readme(spec: &GeneratorSpec, shape: Shape) -> String {
    let seed = spec.seed;
    let (lo, hi) = spec.candidates_per_group;
    let (title, what_id, what_en, command) = match shape {
        Shape::Probolinggo => (
            "Kota Probolinggo: studi PUD ilustratif / illustrative PUD study".to_string(),
            "5 kecamatan dan 29 kelurahan Kota Probolinggo (kode Kemendagri 35.74)".to_string(),
            "the 5 kecamatan and 29 kelurahan of Kota Probolinggo (Kemendagri code 35.74)"
                .to_string(),
            Some(format!(
                "cargo run --release -- generate --preset probolinggo --seed {seed} --out datasets/probolinggo --criteria-ref ../../criteria/probolinggo-fgd-2021.toml"
            )),
        ),
        Shape::Synthetic { kecamatan, per } => (
            format!("Studi sintetis / synthetic study: {kecamatan} x {per}"),
            format!("wilayah sintetis: {kecamatan} kecamatan x {per} kelurahan"),
            format!("a synthetic region: {kecamatan} kecamatan x {per} kelurahan"),
            None,
        ),
    };
    let mut s = format!(
        "# {title}\n\n\
         **Data ilustratif, bukan data resmi.** Semua UMKM, nilai indikator dan penilaian AHP di \
         folder ini dibuat oleh generator unggul (seed {seed}, {lo}-{hi} kandidat per kelurahan \
         dan kategori) untuk {what_id}. Data FGD 2021 yang sebenarnya tidak dipublikasikan.\n\n\
         **Illustrative data, not official data.** Every UMKM, indicator value and AHP judgment \
         in this folder was made by the unggul generator (seed {seed}, {lo}-{hi} candidates per \
         kelurahan and category) for {what_en}. The real 2021 FGD data are not public.\n\n\
         | berkas / file | isi / contents |\n|---|---|\n\
         | `study.toml` | definisi studi dan metode / study definition and method |\n\
         | `{WILAYAH}` | kecamatan dan kelurahan, dengan ejaan lain / kecamatan and kelurahan, with alternative spellings |\n\
         | `{UMKM}` | kandidat UMKM per kelurahan dan kategori, satu kolom per kriteria / UMKM candidates per kelurahan and category, one column per criterion |\n\
         | `{JUDGMENTS}` | perbandingan berpasangan kriteria per peserta FGD (skala Saaty) / pairwise comparisons of criteria per FGD participant (Saaty scale) |\n"
    );
    if spec.criteria_ref.is_none() {
        s.push_str(&format!(
            "| `{KRITERIA}` | kriteria dan indikator / criteria and indicators |\n"
        ));
    }
    match command {
        Some(cmd) => s.push_str(&format!(
            "\nMembuat ulang / regenerate (hasilnya identik byte demi byte / byte-identical output):\n\n```\n{cmd}\n```\n"
        )),
        None => s.push_str(&format!(
            "\nMembuat ulang dengan generator unggul, seed {seed}, tata letak sintetis di atas / \
             regenerate with the unggul generator, seed {seed}, the synthetic layout above.\n"
        )),
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Embedded criteria

/// The Kota Probolinggo 2021 FGD criteria (7 considerations with the project's indicators), the
/// criteria of every generated study.
pub const PROBOLINGGO_FGD_CRITERIA: &str = include_str!("../../criteria/probolinggo-fgd-2021.toml");

#[cfg(test)]
mod tests;
