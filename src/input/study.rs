//! The study file (TOML) that ties criteria, regions, candidates and judgments together.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::candidates::read_candidates;
use super::criteria::read_criteria;
use super::diagnostic::{Collector, Diagnostic, InputError, Quoted};
use super::documents::{read_decisions, read_logo, read_members, read_sessions};
use super::judgments::JudgmentLayout;
use super::judgments::read_judgments;
use super::regions::read_regions;
use super::settings::{SensitivityOverrides, SettingsSource};
use super::source::TableRef;
use super::toml_file::{locate_in_toml, read_toml};
use crate::calendar::CalendarDate;
use crate::model::{
    DocumentSettings, FgdRound, InconsistentPolicy, InputFile, Level, LevelSpec, Method,
    MissingJudgments, ObjectiveMethod, Paper, ReferenceKind, RegionRef, SamplerKind, Scale,
    ScenarioSpec, Scoring, SensitivitySpec, Study, StudyDates, WeightSource,
};
use crate::score::Normalization;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStudy {
    study: RawHeader,
    #[serde(default)]
    inputs: RawInputs,
    #[serde(default)]
    method: RawMethod,
    levels: Vec<RawLevel>,
    #[serde(default)]
    sensitivity: RawSensitivity,
    #[serde(default)]
    scenarios: Vec<RawScenario>,
    #[serde(default)]
    documents: RawDocuments,
}

/// What the printed documents say besides the analysis.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDocuments {
    /// The regulations the activity rests on, one line each.
    #[serde(default)]
    legal_basis: Vec<String>,
    /// Lines of the kop (letterhead), top to bottom.
    #[serde(default)]
    kop: Vec<String>,
    /// The regional emblem beside the kop, relative to the study file.
    logo: Option<String>,
    /// Pattern of a berita acara's number (`{no}` a blank, `{kode}` the region code).
    numbering: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSensitivity {
    enabled: Option<bool>,
    samples: Option<usize>,
    seed: Option<u64>,
    concentration: Option<f64>,
    sampler: Option<String>,
    sweep_points: Option<usize>,
    quantity_noise: Option<f64>,
    /// A float, so that `1.5` or `-1` get a message naming the key rather than a type error.
    rating_steps: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: String,
    name_id: Option<String>,
    name_en: Option<String>,
    /// One source for every level.
    weights: Option<RawWeights>,
    /// Per-level sources, overriding `weights`.
    #[serde(default)]
    levels: BTreeMap<String, RawWeights>,
}

/// Reads `[sensitivity]` onto the documented defaults, with the one validation that flags get
/// too ([`SensitivityOverrides::check`]).
fn read_sensitivity(raw: &RawSensitivity, path: &Path, errs: &mut Collector) -> SensitivitySpec {
    let sampler = match raw.sampler.as_deref() {
        None => None,
        Some("dirichlet") => Some(SamplerKind::Dirichlet),
        Some("uniform") => Some(SamplerKind::Uniform),
        Some("participants") => Some(SamplerKind::Participants),
        Some("judgments") => Some(SamplerKind::Judgments),
        Some(other) => {
            errs.push(Diagnostic::file(path, format!("[sensitivity] sampler = {} is not known: use dirichlet, uniform, participants or judgments", Quoted::double(other))));
            None
        }
    };
    let overrides = SensitivityOverrides {
        enabled: raw.enabled,
        samples: raw.samples,
        seed: raw.seed,
        concentration: raw.concentration,
        sampler,
        sweep_points: raw.sweep_points,
        quantity_noise: raw.quantity_noise,
        rating_steps: raw.rating_steps,
    };
    for problem in overrides.check(SettingsSource::StudyFile) {
        errs.push(Diagnostic::file(path, problem));
    }
    let mut spec = SensitivitySpec::default();
    overrides.apply(&mut spec);
    spec
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    name: String,
    region_code: String,
    region_name: String,
    #[serde(default)]
    illustrative: bool,
    #[serde(default)]
    note_id: String,
    #[serde(default)]
    note_en: String,
    #[serde(default = "default_categories")]
    categories: Vec<String>,
    /// `a4` (default) or `f4`.
    paper: Option<String>,
    /// `YYYY-MM-DD`: the day of the analysis (`SOURCE_DATE_EPOCH` overrides it).
    analysis_date: Option<String>,
    /// Per level, the FGD round's first and last day (or one day, or a month).
    #[serde(default)]
    fgd_dates: BTreeMap<String, Vec<String>>,
}

fn default_categories() -> Vec<String> {
    vec!["agro".into(), "kerajinan".into(), "budaya".into()]
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawInputs {
    // Each a path or `{ file, sheet, layout }`: read through `TableRef`, which gives messages
    // that name the key, where serde's untagged enums would say only "did not match".
    regions: Option<toml::Value>,
    candidates: Option<toml::Value>,
    judgments: Option<toml::Value>,
    /// Optional: per FGD, its date, place, facilitator and notulis.
    fgd: Option<toml::Value>,
    /// Optional: per participant of a panel, full name, position and NIP.
    participants: Option<toml::Value>,
    /// Optional: per group, the UMKM the FGD agreed on and why.
    decisions: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMethod {
    scoring: Option<String>,
    normalization: Option<String>,
    reference: Option<String>,
    ahp_method: Option<String>,
    ri_table: Option<String>,
    aggregation: Option<String>,
    consistency_threshold: Option<f64>,
    inconsistent_participants: Option<String>,
    winners: Option<usize>,
    tie_tolerance: Option<f64>,
    missing_judgments: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    level: String,
    criteria: String,
    #[serde(default)]
    weights: Option<RawWeights>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawWeights {
    Named(String),
    Table {
        #[serde(default)]
        panel: Option<String>,
        #[serde(default)]
        explicit: Option<BTreeMap<String, f64>>,
        /// A weights table (`criterion,weight`): a path or `{ file, sheet }`.
        #[serde(default)]
        table: Option<toml::Value>,
        /// The weight column of that table (default `weight`).
        #[serde(default)]
        column: Option<String>,
    },
}

/// Default location of the bundled study, relative to the repository root.
pub const BUNDLED_STUDY: &str = "datasets/probolinggo/study.toml";

/// Resolves a study argument: a `study.toml`, or a folder holding one.
pub fn study_path(arg: &Path) -> PathBuf {
    if arg.is_dir() {
        arg.join("study.toml")
    } else {
        arg.to_path_buf()
    }
}

/// SHA-256 of `bytes` as lowercase hex, as the manifest records every input and output.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn parse_choice<T: std::str::FromStr>(
    errs: &mut Collector,
    file: &Path,
    key: &str,
    value: Option<&String>,
    default: T,
    allowed: &str,
) -> T {
    match value {
        None => default,
        Some(v) => v.parse().unwrap_or_else(|_| {
            errs.push(Diagnostic::file(
                file,
                format!(
                    "[method] {key} = {} is not known: use one of {allowed}",
                    Quoted::double(v)
                ),
            ));
            default
        }),
    }
}

fn read_method(raw: &RawMethod, file: &Path, errs: &mut Collector) -> Method {
    let scoring = match raw.scoring.as_deref() {
        None | Some("topsis") => Scoring::Topsis,
        Some("weighted-sum" | "saw" | "wsm") => Scoring::WeightedSum,
        Some(other) => {
            errs.push(Diagnostic::file(
                file,
                format!(
                    "[method] scoring = {} is not known: use topsis or weighted-sum",
                    Quoted::double(other)
                ),
            ));
            Scoring::Topsis
        }
    };
    let default_norm = if scoring == Scoring::Topsis {
        Normalization::Vector
    } else {
        Normalization::MinMax
    };
    let normalization = parse_choice(
        errs,
        file,
        "normalization",
        raw.normalization.as_ref(),
        default_norm,
        "vector, min-max, max, sum",
    );
    let reference = match raw.reference.as_deref() {
        None | Some("relative") => ReferenceKind::Relative,
        Some("fixed") => ReferenceKind::Fixed,
        Some(other) => {
            errs.push(Diagnostic::file(
                file,
                format!(
                    "[method] reference = {} is not known: use relative or fixed",
                    Quoted::double(other)
                ),
            ));
            ReferenceKind::Relative
        }
    };
    let inconsistent_participants = match raw.inconsistent_participants.as_deref() {
        None | Some("flag") => InconsistentPolicy::Flag,
        Some("exclude") => InconsistentPolicy::Exclude,
        Some(other) => {
            errs.push(Diagnostic::file(
                file,
                format!(
                    "[method] inconsistent_participants = {} is not known: use flag or exclude",
                    Quoted::double(other)
                ),
            ));
            InconsistentPolicy::Flag
        }
    };
    let consistency_threshold = raw.consistency_threshold.unwrap_or(0.10);
    if !(consistency_threshold.is_finite()
        && consistency_threshold > 0.0
        && consistency_threshold <= 1.0)
    {
        errs.push(Diagnostic::file(
            file,
            "[method] consistency_threshold must be above 0 and at most 1 (usually 0.10)",
        ));
    }
    let winners = raw.winners.unwrap_or(1);
    if winners == 0 {
        errs.push(Diagnostic::file(
            file,
            "[method] winners must be at least 1",
        ));
    }
    let tie_tolerance = raw.tie_tolerance.unwrap_or(crate::prec::TIE);
    if !(tie_tolerance.is_finite() && tie_tolerance >= 0.0) {
        errs.push(Diagnostic::file(
            file,
            "[method] tie_tolerance must be a non-negative number",
        ));
    }
    Method {
        scoring,
        normalization,
        reference,
        ahp_method: parse_choice(
            errs,
            file,
            "ahp_method",
            raw.ahp_method.as_ref(),
            crate::ahp::PriorityMethod::Eigenvector,
            "eigenvector, geometric, column-mean",
        ),
        ri_table: parse_choice(
            errs,
            file,
            "ri_table",
            raw.ri_table.as_ref(),
            crate::ahp::RandomIndexTable::SaatyClassic,
            "saaty-classic, saaty-2005, alonso-lamata, tummala-ling, donegan-dodd",
        ),
        aggregation: parse_choice(
            errs,
            file,
            "aggregation",
            raw.aggregation.as_ref(),
            crate::ahp::Aggregation::Aij,
            "aij, aip-geometric, aip-arithmetic",
        ),
        consistency_threshold,
        inconsistent_participants,
        winners: winners.max(1),
        tie_tolerance,
        missing_judgments: match raw.missing_judgments.as_deref() {
            None | Some("refuse") => MissingJudgments::Refuse,
            Some("complete" | "llsm") => MissingJudgments::Complete,
            Some("harker") => MissingJudgments::Harker,
            Some(other) => {
                errs.push(Diagnostic::file(
                    file,
                    format!(
                        "[method] missing_judgments = {} is not known: use refuse, complete (LLSM-optimal completion) or harker",
                        Quoted::double(other)
                    ),
                ));
                MissingJudgments::Refuse
            }
        },
    }
}

/// Reads a study and every file it names, checking everything and reporting every problem.
///
/// # Errors
/// All problems found, each with its file and, where there is one, line and column.
/// Reading stops early only when a later file cannot be interpreted without an earlier one
/// (candidates need the regions and criteria).
pub fn read_study(path: &Path) -> Result<Study, InputError> {
    read_study_with(path, None)
}

/// As [`read_study`], with the study's `[method] missing_judgments` replaced by `missing`
/// when given (`unggul convert` completes skipped pairs only to know which they are, and
/// writes them blank again).
///
/// # Errors
/// As [`read_study`].
pub fn read_study_with(
    path: &Path,
    missing: Option<MissingJudgments>,
) -> Result<Study, InputError> {
    let (mut raw, study_bytes): (RawStudy, _) = read_toml(path)?;
    if let Some(m) = missing {
        raw.method.missing_judgments = Some(m.id().to_string());
    }
    read_parsed_study(path, raw, &study_bytes).map_err(|mut e| {
        // Problems found after parsing name their key; find its line. The bytes are UTF-8:
        // `read_toml` checked.
        let text = String::from_utf8_lossy(&study_bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        locate_in_toml(path, text, &mut e.diagnostics);
        e
    })
}

/// Everything after parsing: the checks and the files the study names.
fn read_parsed_study(path: &Path, raw: RawStudy, study_bytes: &[u8]) -> Result<Study, InputError> {
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut errs = Collector::default();
    let mut warnings = Vec::new();
    let mut inputs = vec![InputFile {
        role: "study".into(),
        path: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        sha256: sha256_hex(study_bytes),
    }];
    let header = raw.study;
    if header.id.is_empty()
        || !header
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        errs.push(Diagnostic::file(
            path,
            format!("[study] id {} must be ASCII letters, digits, '-' or '_' (it names the report folder)", Quoted::double(&header.id)),
        ));
    }
    for c in &header.categories {
        if !super::regions::is_file_safe(c) {
            errs.push(Diagnostic::file(
                path,
                format!(
                    "[study] categories: {} may hold only letters, digits, '.', '-' and '_' (it names report files), e.g. \"kerajinan\"",
                    Quoted::double(c)
                ),
            ));
        }
    }
    if header.categories.is_empty() {
        errs.push(Diagnostic::file(path, "[study] categories is empty: list the PUD categories, e.g. [\"agro\", \"kerajinan\", \"budaya\"]"));
    }
    let method = read_method(&raw.method, path, &mut errs);
    let paper = match header
        .paper
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("a4") => Paper::A4,
        Some("f4" | "folio") => Paper::F4,
        Some(other) => {
            errs.push(Diagnostic::file(
                path,
                format!("[study] paper = {} is not known: use \"a4\" (210 × 297 mm) or \"f4\" (folio, 215 × 330 mm)", Quoted::double(other)),
            ));
            Paper::A4
        }
    };
    let dates = read_dates(&header, path, &mut errs);
    let legal_basis: Vec<String> = raw
        .documents
        .legal_basis
        .iter()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    let sensitivity = read_sensitivity(&raw.sensitivity, path, &mut errs);

    // Levels and their criteria sets.
    let mut levels: Vec<LevelSpec> = Vec::new();
    let mut pending_weights = Vec::new();
    for (k, rl) in raw.levels.iter().enumerate() {
        let level = match rl.level.as_str() {
            "kelurahan" | "desa" => Level::Kelurahan,
            "kecamatan" => Level::Kecamatan,
            "kota" | "kabupaten" => Level::Kota,
            other => {
                errs.push(Diagnostic::file(
                    path,
                    format!(
                        "[[levels]] level = {} is not kelurahan, kecamatan or kota",
                        Quoted::double(other)
                    ),
                ));
                continue;
            }
        };
        if levels.iter().any(|l| l.level == level) {
            errs.push(Diagnostic::file(
                path,
                format!(
                    "[[levels]] #{}: level {} is declared twice",
                    k + 1,
                    level.id()
                ),
            ));
            continue;
        }
        let criteria_path = PathBuf::from(&rl.criteria);
        if !dir.join(&criteria_path).is_file() {
            errs.push(Diagnostic::file(
                path,
                format!(
                    "[[levels]] #{}: criteria = {} is not a file ({}): the path is relative to the study file's folder; correct it, or copy the criteria file there",
                    k + 1,
                    Quoted::double(&rl.criteria),
                    dir.join(&criteria_path).display()
                ),
            ));
            continue;
        }
        let (criteria, bytes) = match read_criteria(&dir.join(&criteria_path)) {
            Ok(x) => x,
            Err(e) => {
                errs.extend(e);
                continue;
            }
        };
        if !inputs.iter().any(|i| i.path == rl.criteria) {
            inputs.push(InputFile {
                role: "criteria".into(),
                path: rl.criteria.clone(),
                sha256: sha256_hex(&bytes),
            });
        }
        pending_weights.push((level, k, rl.weights.as_ref()));
        levels.push(LevelSpec {
            level,
            criteria,
            criteria_path,
            columns: Vec::new(),
            weights: WeightSource::Equal,
        });
    }
    if !errs.is_empty() {
        return Err(InputError {
            diagnostics: errs.diagnostics,
        });
    }
    levels.sort_by_key(|l| l.level);
    // Kept in the levels' order, whatever order the study file declares them in.
    pending_weights.sort_by_key(|&(level, _, _)| level);
    // A consistency ratio needs RI(n) for every node size; tables stop at 15 (Donegan & Dodd: 100).
    for spec in &levels {
        for node in &spec.criteria.nodes {
            let n = node.children.len();
            if method.ri_table.value(n).is_none() {
                errs.push(Diagnostic::file(
                    path,
                    format!(
                        "[method] ri_table = \"{}\" has no Random Index for n = {n}, but criteria set '{}' compares {n} criteria under one node; set ri_table = \"donegan-dodd\" (up to 100) or group the criteria under parents",
                        method.ri_table, spec.criteria.id
                    ),
                ));
            }
        }
    }
    if levels.first().map(|l| l.level) != Some(Level::Kelurahan) {
        errs.push(Diagnostic::file(
            path,
            "[[levels]] the study needs a [[levels]] entry with level = \"kelurahan\"",
        ));
    }
    if levels.iter().any(|l| l.level == Level::Kota)
        && !levels.iter().any(|l| l.level == Level::Kecamatan)
    {
        errs.push(Diagnostic::file(
            path,
            "[[levels]] a kota level needs a kecamatan level below it",
        ));
    }

    // Regions.
    let table_ref = |key: &str,
                     v: &Option<toml::Value>,
                     errs: &mut Collector|
     -> Option<TableRef> {
        let r = TableRef::from_toml(key, v.as_ref()?)
            .map_err(|m| errs.push(Diagnostic::file(path, m)))
            .ok()?;
        if key != "judgments" && r.layout.is_some() {
            errs.push(Diagnostic::file(
                path,
                format!("[inputs] {key}: layout applies to the judgments table only; remove it"),
            ));
        }
        Some(r)
    };
    let need = |key: &str, v: &Option<toml::Value>, errs: &mut Collector| -> Option<TableRef> {
        if v.is_none() {
            errs.push(Diagnostic::file(path, format!("[inputs] {key} is missing: name the {key} table, a CSV file or a workbook (relative to the study file)")));
        }
        table_ref(key, v, errs)
    };
    let regions_ref = need("regions", &raw.inputs.regions, &mut errs);
    let candidates_ref = need("candidates", &raw.inputs.candidates, &mut errs);
    let judgments_ref = table_ref("judgments", &raw.inputs.judgments, &mut errs);
    let layout = match judgments_ref.as_ref().and_then(|r| r.layout.as_deref()) {
        None | Some("long") => JudgmentLayout::Long,
        Some("wide") => JudgmentLayout::Wide,
        Some(other) => {
            errs.push(Diagnostic::file(path, format!("[inputs] judgments layout = {} is not known: use \"long\" (one row per judgment) or \"wide\" (one row per participant, one column per pair)", Quoted::double(other))));
            JudgmentLayout::Long
        }
    };
    let Some((regions_ref, candidates_ref)) = regions_ref.zip(candidates_ref) else {
        return Err(InputError {
            diagnostics: errs.diagnostics,
        });
    };
    let record = |inputs: &mut Vec<InputFile>, role: &str, r: &TableRef| {
        inputs.push(InputFile {
            role: role.into(),
            path: r.file.display().to_string(),
            sha256: String::new(),
        });
    };
    let regions_table = regions_ref.read(&dir, path, "regions");
    let regions = match regions_table {
        Ok(t) => {
            record(&mut inputs, "regions", &regions_ref);
            match read_regions(&t, &header.region_code, &header.region_name) {
                Ok(r) => Some(r),
                Err(e) => {
                    errs.extend(e);
                    None
                }
            }
        }
        Err(e) => {
            errs.extend(e);
            None
        }
    };
    let Some(regions) = regions else {
        return Err(InputError {
            diagnostics: errs.diagnostics,
        });
    };

    // Weight sources (need regions to resolve panel codes, criteria for explicit weights).
    let mut weight_reader = WeightReader {
        regions: &regions,
        path,
        dir: &dir,
        errs: &mut errs,
        warnings: &mut warnings,
        inputs: &mut inputs,
    };
    for (spec, &(_, k, raw_w)) in levels.iter_mut().zip(&pending_weights) {
        let context = format!("level {}", spec.level.id());
        spec.weights =
            weight_reader.read(raw_w, spec, &format!("[[levels]] #{}: ", k + 1), &context);
    }
    let mut scenarios = Vec::new();
    for (k, rs) in raw.scenarios.iter().enumerate() {
        if rs.id.is_empty()
            || !rs
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || raw.scenarios[..k].iter().any(|o| o.id == rs.id)
        {
            weight_reader.errs.push(Diagnostic::file(
                path,
                format!(
                    "[[scenarios]] #{}: id {} must be unique ASCII letters, digits, '-' or '_'",
                    k + 1,
                    Quoted::double(&rs.id)
                ),
            ));
        }
        for key in rs.levels.keys() {
            if !levels.iter().any(|l| l.level.id() == key) {
                weight_reader.errs.push(Diagnostic::file(
                    path,
                    format!(
                        "[[scenarios]] #{}: levels: scenario {}: level {} is not a level of the study",
                        k + 1,
                        rs.id,
                        Quoted::double(key)
                    ),
                ));
            }
        }
        let weights = levels
            .iter()
            .map(|l| {
                let chosen = rs.levels.get(l.level.id()).or(rs.weights.as_ref());
                match chosen {
                    None => l.weights.clone(),
                    Some(rw) => weight_reader.read(
                        Some(rw),
                        l,
                        &format!("[[scenarios]] #{}: ", k + 1),
                        &format!("scenario {} level {}", rs.id, l.level.id()),
                    ),
                }
            })
            .collect();
        scenarios.push(ScenarioSpec {
            id: rs.id.clone(),
            name_id: rs.name_id.clone().unwrap_or_else(|| rs.id.clone()),
            name_en: rs.name_en.clone().unwrap_or_else(|| rs.id.clone()),
            weights,
        });
    }

    // Candidates: every leaf column any level uses.
    let mut columns: Vec<(String, Scale)> = Vec::new();
    for spec in &levels {
        for &leaf in &spec.criteria.leaves {
            let c = &spec.criteria.criteria[leaf];
            if !columns.iter().any(|(id, _)| id == &c.id)
                && let Some(scale) = &c.scale
            {
                columns.push((c.id.clone(), scale.clone()));
            }
        }
    }
    for spec in &mut levels {
        spec.columns = spec
            .criteria
            .leaves
            .iter()
            .map(|&l| {
                columns
                    .iter()
                    .position(|(id, _)| id == &spec.criteria.criteria[l].id)
                    .unwrap_or(0)
            })
            .collect();
    }
    let candidates = match candidates_ref.read(&dir, path, "candidates") {
        Ok(t) => {
            record(&mut inputs, "candidates", &candidates_ref);
            match read_candidates(&t, &regions, &header.categories, &columns) {
                Ok(c) => Some(c),
                Err(e) => {
                    errs.extend(e);
                    None
                }
            }
        }
        Err(e) => {
            errs.extend(e);
            None
        }
    };

    // Judgments, if any level takes weights from panels.
    let level_of_panel = |region: RegionRef| -> Option<usize> {
        levels.iter().position(|l| match &l.weights {
            WeightSource::OwnPanel => region.level() == l.level,
            WeightSource::Panel(r) => *r == region,
            _ => false,
        })
    };
    for (i, a) in levels.iter().enumerate() {
        for b in &levels[i + 1..] {
            if let (WeightSource::Panel(r), _) | (_, WeightSource::Panel(r)) =
                (&a.weights, &b.weights)
            {
                let uses = |l: &LevelSpec| {
                    matches!(&l.weights, WeightSource::Panel(x) if x == r)
                        || (l.weights == WeightSource::OwnPanel && r.level() == l.level)
                };
                if uses(a) && uses(b) && a.criteria.id != b.criteria.id {
                    errs.push(Diagnostic::file(path, format!("[[levels]] panel {} is used by levels {} and {} with different criteria sets; use one set or another panel", regions.code_of(*r), a.level.id(), b.level.id())));
                }
            }
        }
    }
    let needs_panels = levels
        .iter()
        .any(|l| matches!(l.weights, WeightSource::OwnPanel | WeightSource::Panel(_)));
    let mut panels = Vec::new();
    if needs_panels {
        match &judgments_ref {
            None if raw.inputs.judgments.is_none() => errs.push(Diagnostic::file(path, "[inputs] judgments is missing, but a level takes its weights from FGD panels: name the judgments table (a CSV file or a workbook) or give explicit weights")),
            None => {}
            Some(jref) => match jref.read_all(&dir, path, "judgments") {
                Ok(t) => {
                    for table in &t {
                        let rel = table.path.strip_prefix(&dir).unwrap_or(&table.path);
                        if !inputs.iter().any(|i| i.role == "judgments" && Path::new(&i.path) == rel) {
                            inputs.push(InputFile { role: "judgments".into(), path: rel.display().to_string(), sha256: String::new() });
                        }
                    }
                    let sets: Vec<_> = levels.iter().map(|l| &l.criteria).collect();
                    match read_judgments(&t, layout, &regions, &sets, &level_of_panel, method.missing_judgments, &mut warnings) {
                        Ok(p) => panels = p,
                        Err(e) => errs.extend(e),
                    }
                }
                Err(e) => errs.extend(e),
            },
        }
    }
    // Every group that takes weights from a panel must have one.
    if errs.is_empty() {
        for (li, spec) in levels.iter().enumerate() {
            let missing: Vec<RegionRef> = match &spec.weights {
                WeightSource::OwnPanel => match spec.level {
                    Level::Kelurahan => (0..regions.kelurahan.len())
                        .map(RegionRef::Kelurahan)
                        .collect(),
                    Level::Kecamatan => (0..regions.kecamatan.len())
                        .map(RegionRef::Kecamatan)
                        .collect(),
                    Level::Kota => vec![RegionRef::Kota],
                },
                WeightSource::Panel(r) => vec![*r],
                _ => vec![],
            }
            .into_iter()
            .filter(|r| {
                !panels.iter().any(|p: &crate::model::Panel| {
                    p.region == *r && p.level == li && !p.participants.is_empty()
                })
            })
            .collect();
            if !missing.is_empty() {
                let names: Vec<String> = missing
                    .iter()
                    .take(8)
                    .map(|r| format!("{} {}", regions.code_of(*r), regions.name_of(*r)))
                    .collect();
                errs.push(Diagnostic::file(
                    path,
                    format!(
                        "[inputs] judgments: level {}: no FGD judgments for {} panel(s): {}{}; add their judgments to the judgments file, or give this level weights = \"equal\" or {{ explicit = {{ ... }} }}",
                        spec.level.id(),
                        missing.len(),
                        names.join(", "),
                        if missing.len() > 8 { ", ..." } else { "" },
                    ),
                ));
            }
        }
    }
    // Who met where, for the berita acara (optional tables).
    let mut documents = DocumentSettings {
        kop: raw
            .documents
            .kop
            .iter()
            .map(|line| line.trim().to_string())
            .filter(|line| !line.is_empty())
            .collect(),
        logo: raw.documents.logo.clone(),
        numbering: raw.documents.numbering.clone(),
        ..DocumentSettings::default()
    };
    if let Some(rel) = &raw.documents.logo {
        let file = dir.join(rel);
        let problem = match std::fs::read(&file) {
            Ok(bytes) => match read_logo(&bytes) {
                Ok(logo) => {
                    documents.logo_image = Some(logo);
                    inputs.push(InputFile {
                        role: "logo".into(),
                        path: rel.clone(),
                        sha256: String::new(),
                    });
                    None
                }
                Err(e) => Some(e),
            },
            Err(e) => Some(format!(
                "cannot be read ({e}); give the path of a PNG, JPEG or SVG file relative to the study file"
            )),
        };
        if let Some(problem) = problem {
            errs.push(Diagnostic::file(
                path,
                format!("[documents] logo = {} {problem}", Quoted::double(rel)),
            ));
        }
    }
    for (role, rel) in [
        ("fgd", &raw.inputs.fgd),
        ("participants", &raw.inputs.participants),
    ] {
        let Some(table_ref) = table_ref(role, rel, &mut errs) else {
            continue;
        };
        match table_ref.read(&dir, path, role) {
            Ok(t) => {
                record(&mut inputs, role, &table_ref);
                let read = if role == "fgd" {
                    read_sessions(&t, &regions).map(|s| documents.sessions = s)
                } else {
                    read_members(&t, &regions).map(|m| documents.members = m)
                };
                if let Err(e) = read {
                    errs.extend(e);
                }
            }
            Err(e) => errs.extend(e),
        }
    }
    if let (Some(decisions_ref), Some(c)) = (
        table_ref("decisions", &raw.inputs.decisions, &mut errs),
        &candidates,
    ) {
        match decisions_ref.read(&dir, path, "decisions") {
            Ok(t) => {
                record(&mut inputs, "decisions", &decisions_ref);
                let categories: Vec<String> =
                    header.categories.iter().map(|c| c.to_lowercase()).collect();
                match read_decisions(&t, &regions, &categories, &c.list) {
                    Ok(d) => documents.decisions = d,
                    Err(e) => errs.extend(e),
                }
            }
            Err(e) => errs.extend(e),
        }
    }
    // Hash the data files now that we know they were readable.
    for f in &mut inputs {
        if f.sha256.is_empty()
            && let Ok(bytes) = std::fs::read(dir.join(&f.path))
        {
            f.sha256 = sha256_hex(&bytes);
        }
    }
    let candidates = match candidates {
        Some(c) if errs.is_empty() => c,
        _ => {
            return Err(InputError {
                diagnostics: errs.diagnostics,
            });
        }
    };
    Ok(Study {
        id: header.id,
        name: header.name,
        illustrative: header.illustrative,
        paper,
        dates,
        legal_basis,
        documents,
        note_id: header.note_id,
        note_en: header.note_en,
        categories: header.categories.iter().map(|c| c.to_lowercase()).collect(),
        method,
        levels,
        regions,
        candidates,
        panels,
        inputs,
        warnings,
        sensitivity,
        scenarios,
        panel_index: Default::default(),
    })
}

/// The study file's dates: `analysis_date`, and `fgd_dates = { kelurahan = [first, last] }`.
fn read_dates(header: &RawHeader, path: &Path, errs: &mut Collector) -> StudyDates {
    let parse = |errs: &mut Collector, key: &str, text: &str| match CalendarDate::parse(text) {
        Ok(date) => Some(date),
        Err(problem) => {
            errs.push(Diagnostic::file(path, format!("[study] {key}: {problem}")));
            None
        }
    };
    let analysis = header
        .analysis_date
        .as_deref()
        .and_then(|text| parse(errs, "analysis_date", text));
    let mut fgd = Vec::new();
    for (level_id, days) in &header.fgd_dates {
        let key = format!("fgd_dates.{level_id}");
        let level = match level_id.as_str() {
            "kelurahan" | "desa" => Level::Kelurahan,
            "kecamatan" => Level::Kecamatan,
            "kota" | "kabupaten" => Level::Kota,
            _ => {
                errs.push(Diagnostic::file(
                    path,
                    format!(
                        "[study] {}: unknown level; use kelurahan, kecamatan or kota",
                        Quoted::double(&key)
                    ),
                ));
                continue;
            }
        };
        let parsed: Vec<Option<CalendarDate>> =
            days.iter().map(|day| parse(errs, &key, day)).collect();
        match parsed.as_slice() {
            [Some(one)] => fgd.push(FgdRound {
                level,
                first: *one,
                last: *one,
            }),
            [Some(first), Some(last)] if first <= last => fgd.push(FgdRound {
                level,
                first: *first,
                last: *last,
            }),
            [Some(_), Some(_)] => errs.push(Diagnostic::file(
                path,
                format!("[study] {key}: the first day comes after the last; write [first, last]"),
            )),
            _ if parsed.iter().any(Option::is_none) => {}
            _ => errs.push(Diagnostic::file(
                path,
                format!(
                    "[study] {key} has {} dates: give one day, or the first and the last, e.g. [\"2021-10-04\", \"2021-10-15\"]",
                    days.len()
                ),
            )),
        }
    }
    fgd.sort_by_key(|round| round.level);
    StudyDates { analysis, fgd }
}

/// What reading a `weights = ...` value needs besides the value: the study's regions (for panel
/// codes), its file and folder (for a weights table), and where problems, notes and the files
/// read go.
struct WeightReader<'a> {
    regions: &'a crate::model::Regions,
    path: &'a Path,
    dir: &'a Path,
    errs: &'a mut Collector,
    warnings: &'a mut Vec<String>,
    inputs: &'a mut Vec<InputFile>,
}

impl WeightReader<'_> {
    /// Interprets a `weights = ...` value for a level. `place` is the study-file prefix that
    /// lets [`locate_in_toml`] put a problem on its line (`[[levels]] #2: `); `context` names
    /// the level (and scenario) in messages and notes.
    fn read(
        &mut self,
        raw_w: Option<&RawWeights>,
        spec: &LevelSpec,
        place: &str,
        context: &str,
    ) -> WeightSource {
        let path = self.path;
        let error = |errs: &mut Collector, m: String| {
            errs.push(Diagnostic::file(path, format!("{place}{context}: {m}")));
        };
        match raw_w {
            None => WeightSource::OwnPanel,
            Some(RawWeights::Named(s)) => match s.as_str() {
                "own-panel" | "panel" => WeightSource::OwnPanel,
                "equal" => WeightSource::Equal,
                "entropy" => WeightSource::Objective(ObjectiveMethod::Entropy),
                "critic" => WeightSource::Objective(ObjectiveMethod::Critic),
                "standard-deviation" => WeightSource::Objective(ObjectiveMethod::StandardDeviation),
                other => match other
                    .strip_prefix("panel:")
                    .and_then(|c| self.regions.find_panel_region(c))
                {
                    Some(r) => WeightSource::Panel(r),
                    None => {
                        error(
                            self.errs,
                            format!(
                                "weights = {} is not known: use \"own-panel\", \"equal\", \"entropy\", \"critic\", \"standard-deviation\", {{ panel = \"<region code>\" }}, {{ explicit = {{ <criterion> = <weight>, ... }} }} or {{ table = \"bobot.csv\" }}",
                                Quoted::double(other)
                            ),
                        );
                        WeightSource::Equal
                    }
                },
            },
            Some(RawWeights::Table {
                panel,
                explicit,
                table,
                column,
            }) => {
                let given = [panel.is_some(), explicit.is_some(), table.is_some()];
                if given.iter().filter(|&&g| g).count() != 1 {
                    error(
                        self.errs,
                        "weights needs exactly one of panel, explicit or table".into(),
                    );
                    return WeightSource::Equal;
                }
                if column.is_some() && table.is_none() {
                    error(
                        self.errs,
                        "weights: column applies to a weights table only; remove it".into(),
                    );
                }
                if let Some(code) = panel {
                    return match self.regions.find_panel_region(code) {
                        Some(r) => WeightSource::Panel(r),
                        None => {
                            error(
                                self.errs,
                                format!(
                                    "panel {} is not a region code of the study",
                                    Quoted::double(code)
                                ),
                            );
                            WeightSource::Equal
                        }
                    };
                }
                let set = &spec.criteria;
                let w = if let Some(map) = explicit {
                    let mut w = Vec::with_capacity(set.leaves.len());
                    for &leaf in &set.leaves {
                        match map.get(&set.criteria[leaf].id) {
                            Some(&v) if v.is_finite() && v >= 0.0 => w.push(v),
                            Some(&v) => {
                                error(
                                    self.errs,
                                    format!(
                                        "explicit weight {v} of {} must be a non-negative number",
                                        set.criteria[leaf].id
                                    ),
                                );
                                w.push(0.0);
                            }
                            None => {
                                error(
                                    self.errs,
                                    format!(
                                        "explicit weights lack criterion {}",
                                        set.criteria[leaf].id
                                    ),
                                );
                                w.push(0.0);
                            }
                        }
                    }
                    for k in map.keys() {
                        if !set.leaves.iter().any(|&l| &set.criteria[l].id == k) {
                            error(
                                self.errs,
                                format!(
                                    "explicit weight for {}, which is not a leaf criterion of set '{}'",
                                    Quoted::double(k),
                                    set.id
                                ),
                            );
                        }
                    }
                    w
                } else {
                    match self.read_table(table.as_ref(), column.as_deref(), set, place, context) {
                        Some(w) => w,
                        None => return WeightSource::Equal,
                    }
                };
                let sum: f64 = w.iter().sum();
                if sum > 0.0 {
                    if (sum - 1.0).abs() > crate::prec::WEIGHT_SUM {
                        self.warnings.push(format!(
                            "{context}: explicit weights sum to {sum}; scaled to sum 1"
                        ));
                    }
                    WeightSource::Explicit(w.iter().map(|x| x / sum).collect())
                } else {
                    error(self.errs, "explicit weights sum to zero".into());
                    WeightSource::Explicit(w)
                }
            }
        }
    }

    /// Reads `weights = { table = ..., column = ... }`: the weights as written (see
    /// [`super::weights::read_weight_table`]), or None with the problems recorded.
    fn read_table(
        &mut self,
        value: Option<&toml::Value>,
        column: Option<&str>,
        set: &crate::model::CriteriaSet,
        place: &str,
        context: &str,
    ) -> Option<Vec<f64>> {
        let value = value?;
        let shape = "write table = \"bobot.csv\", table = \"data.xlsx\" (its first sheet) or table = { file = \"data.xlsx\", sheet = \"Bobot\" }";
        let table_ref = match value {
            toml::Value::String(_) | toml::Value::Table(_) => TableRef::from_toml("table", value)
                .map_err(|m| {
                    let m = m.strip_prefix("[inputs] ").unwrap_or(&m);
                    format!("{place}{context}: weights {m}")
                }),
            _ => Err(format!(
                "{place}{context}: weights table is not a file name: {shape}"
            )),
        };
        let table_ref = match table_ref {
            Ok(r) if r.layout.is_some() => Err(format!(
                "{place}{context}: weights table: layout applies to the judgments table only; remove it"
            )),
            other => other,
        };
        let table_ref = match table_ref {
            Ok(r) => r,
            Err(m) => {
                self.errs.push(Diagnostic::file(self.path, m));
                return None;
            }
        };
        let file = self.dir.join(&table_ref.file);
        if !file.is_file() {
            self.errs.push(Diagnostic::file(
                self.path,
                format!(
                    "{place}{context}: weights table = {}: {} does not exist; the path is relative to the study file's folder: correct it, or put the file there",
                    Quoted::double(&table_ref.file.to_string_lossy()),
                    file.display()
                ),
            ));
            return None;
        }
        let read = table_ref
            .read(self.dir, self.path, "weights")
            .and_then(|t| {
                super::weights::read_weight_table(
                    &t,
                    set,
                    column.unwrap_or(super::weights::DEFAULT_WEIGHT_COLUMN),
                )
            });
        match read {
            Ok(w) => {
                let rel = table_ref.file.display().to_string();
                if !self.inputs.iter().any(|i| i.path == rel) {
                    self.inputs.push(InputFile {
                        role: "weights".into(),
                        path: rel,
                        sha256: String::new(),
                    });
                }
                Some(w)
            }
            Err(e) => {
                self.errs.extend(e);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant};

    use proptest::prelude::*;
    use proptest::sample::select;

    use super::read_study;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// A copy of the bundled study and the criteria, laid out as in the repository; each
    /// case overwrites its study file.
    fn fixture() -> (tempfile::TempDir, PathBuf) {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo.join("criteria"), &dir.path().join("criteria"));
        copy_dir(
            &repo.join("datasets/probolinggo"),
            &dir.path().join("datasets/probolinggo"),
        );
        let study = dir.path().join("datasets/probolinggo/study.toml");
        (dir, study)
    }

    /// Reads `text` as the study file: no panic, no hang, and every problem names a file of
    /// the study's folders; a problem of the study file itself names its line, except a
    /// missing top-level field (the whole file lacks it).
    fn check_study(study: &Path, root: &Path, text: &[u8]) -> Result<(), TestCaseError> {
        std::fs::write(study, text).unwrap();
        let started = Instant::now();
        let result = read_study(study);
        prop_assert!(started.elapsed() < Duration::from_secs(10));
        if let Err(e) = result {
            prop_assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                prop_assert!(
                    d.file.starts_with(root),
                    "{}: {}",
                    d.file.display(),
                    d.message
                );
                let whole_file = d.message.contains("missing field")
                    || d.message.starts_with("the file is not UTF-8");
                prop_assert!(
                    d.file != study || d.line.is_some() || whole_file,
                    "no line: {}",
                    d.message
                );
            }
        }
        Ok(())
    }

    const WEIGHTS: &[&str] = &[
        "",
        "weights = \"own-panel\"",
        "weights = \"equal\"",
        "weights = \"entropy\"",
        "weights = \"panel:35.74\"",
        "weights = \"panel:zz\"",
        "weights = \"bogus\"",
        "weights = { panel = \"35.74.01\" }",
        "weights = { panel = \"0\" }",
        "weights = { explicit = { lapangan_kerja = 1.0 } }",
        "weights = { explicit = { x = -1.0, lapangan_kerja = nan } }",
        "weights = { table = \"umkm.csv\" }",
        "weights = { table = \"none.csv\" }",
        "weights = { table = 3 }",
        "weights = { table = { sheet = \"A\" } }",
        "weights = { table = { file = \"wilayah.csv\", layout = \"wide\" } }",
        "weights = { panel = \"35.74\", explicit = {} }",
        "weights = { column = \"w\" }",
        "weights = 5",
        "weights = []",
    ];

    fn study_text() -> impl Strategy<Value = String> {
        let header = (
            select(vec!["\"probolinggo\"", "\"\"", "\"a b\"", "3", "\"x/y\""]),
            select(vec!["\"35.74\"", "\"\"", "\"99\"", "true"]),
            select(vec![
                "",
                "analysis_date = \"2026-12-03\"",
                "analysis_date = \"2026-13-40\"",
                "fgd_dates = { kelurahan = [\"2021-10-04\", \"2021-10-15\"] }",
                "fgd_dates = { desa = [] }",
                "fgd_dates = { rt = [\"2021\"] }",
                "fgd_dates = { kota = [\"2021-10-15\", \"2021-10-04\"] }",
                "paper = \"f4\"",
                "paper = \"a5\"",
                "categories = []",
                "categories = [\"a/b\"]",
                "illustrative = \"ya\"",
            ]),
        );
        let table = || {
            select(vec![
                "\"wilayah.csv\"",
                "\"umkm.csv\"",
                "\"penilaian_ahp.csv\"",
                "\"missing.csv\"",
                "{ file = \"umkm.csv\", sheet = \"S\" }",
                "{ sheet = \"S\" }",
                "{ file = \"wilayah.csv\", layout = \"wide\" }",
                "{ file = \"penilaian_ahp.csv\", layout = \"tall\" }",
                "3",
                "[]",
                "\"../..\"",
                "\"study.toml\"",
            ])
        };
        let inputs = (
            prop::option::of(table()),
            prop::option::of(table()),
            prop::option::of(table()),
            prop::option::of(table()),
        );
        let method = prop::collection::vec(
            select(vec![
                "scoring = \"saw\"",
                "scoring = \"x\"",
                "normalization = \"sum\"",
                "normalization = 1",
                "ahp_method = \"geometric\"",
                "ri_table = \"alonso-lamata\"",
                "ri_table = \"zz\"",
                "consistency_threshold = 2.0",
                "consistency_threshold = nan",
                "winners = 0",
                "winners = -1",
                "tie_tolerance = -1.0",
                "missing_judgments = \"harker\"",
                "missing_judgments = \"x\"",
                "aggregation = \"aip-geometric\"",
                "inconsistent_participants = \"exclude\"",
                "reference = \"fixed\"",
                "unknown_key = 1",
            ]),
            0..4,
        );
        let levels = prop::collection::vec(
            (
                select(vec![
                    "\"kelurahan\"",
                    "\"kecamatan\"",
                    "\"kota\"",
                    "\"desa\"",
                    "\"rt\"",
                    "1",
                ]),
                select(vec![
                    "\"../../criteria/probolinggo-fgd-2021.toml\"",
                    "\"nope.toml\"",
                    "\"wilayah.csv\"",
                    "\"../../criteria\"",
                ]),
                select(WEIGHTS.to_vec()),
            ),
            0..4,
        );
        let sensitivity = prop::collection::vec(
            select(vec![
                "samples = 0",
                "samples = 100",
                "seed = 1",
                "concentration = -1.0",
                "sampler = \"x\"",
                "sweep_points = 1",
                "quantity_noise = 2.0",
                "rating_steps = 1.5",
                "enabled = \"yes\"",
            ]),
            0..3,
        );
        let scenarios = prop::collection::vec(
            (
                select(vec!["\"a\"", "\"b\"", "\"\"", "\"b c\""]),
                select(WEIGHTS.to_vec()),
                select(vec![
                    "",
                    "levels = { kota = \"equal\" }",
                    "levels = { kelurahan = { table = \"none.csv\" } }",
                ]),
            ),
            0..3,
        );
        (header, inputs, method, levels, sensitivity, scenarios).prop_map(
            |((id, code, extra), (regions, candidates, judgments, fgd), method, levels, sens, scen)| {
                let mut s = format!(
                    "[study]\nid = {id}\nname = \"N\"\nregion_code = {code}\nregion_name = \"Kota\"\n{extra}\n\n[inputs]\n"
                );
                for (key, v) in [
                    ("regions", regions),
                    ("candidates", candidates),
                    ("judgments", judgments),
                    ("fgd", fgd),
                ] {
                    if let Some(v) = v {
                        s += &format!("{key} = {v}\n");
                    }
                }
                s += "\n[method]\n";
                for m in method {
                    s += &format!("{m}\n");
                }
                // An empty array of levels still has a key, so the required field is there.
                if levels.is_empty() {
                    s += "\nlevels = []\n";
                }
                for (level, criteria, weights) in levels {
                    s += &format!("\n[[levels]]\nlevel = {level}\ncriteria = {criteria}\n{weights}\n");
                }
                s += "\n[sensitivity]\n";
                for x in sens {
                    s += &format!("{x}\n");
                }
                for (id, weights, levels) in scen {
                    s += &format!("\n[[scenarios]]\nid = {id}\n{weights}\n{levels}\n");
                }
                s
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Structured study files, right and wrong in every key: a study, or problems each
        /// placed on its line of the study file (or in the table file it names).
        #[test]
        fn any_structured_study_file_is_a_study_or_located_problems(text in study_text()) {
            let (dir, study) = fixture();
            check_study(&study, dir.path(), text.as_bytes())?;
        }

        /// Arbitrary bytes, and the bundled study file with a run of arbitrary bytes spliced
        /// in, never panic or hang, and every failure names its file.
        #[test]
        fn any_bytes_are_a_study_or_located_problems(
            splice in any::<bool>(),
            at in any::<prop::sample::Index>(),
            bytes in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            let (dir, study) = fixture();
            let text = if splice {
                let mut original = std::fs::read(&study).unwrap();
                let i = at.index(original.len());
                original.splice(i..i, bytes);
                original
            } else {
                bytes
            };
            check_study(&study, dir.path(), &text)?;
        }
    }
}
