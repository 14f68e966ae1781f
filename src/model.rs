//! The validated study: criteria, regions, candidates and FGD panels as plain types.
//!
//! Everything here has passed the input stage's checks; later stages can rely on it
//! (codes resolve, every value is finite, every participant's matrices are complete).

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::ahp::{Aggregation, PairwiseMatrix, PriorityMethod, RandomIndexTable};
use crate::calendar::CalendarDate;
use crate::score::{Direction, Normalization};

/// The administrative level a group of candidates, a panel or a criteria set belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Kelurahan (urban village): candidates compete here first.
    Kelurahan,
    /// Kecamatan (district): the kelurahan nominees are compared again.
    Kecamatan,
    /// Kota / kabupaten: the kecamatan nominees, optionally.
    Kota,
}

impl Level {
    /// The identifier used in study files and tables.
    pub fn id(self) -> &'static str {
        match self {
            Level::Kelurahan => "kelurahan",
            Level::Kecamatan => "kecamatan",
            Level::Kota => "kota",
        }
    }
}

/// How a criterion is measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Scale {
    /// An ordinal score within bounds (Likert 1-5, a 1-4 rubric), optionally with level names.
    Rating {
        /// Lowest score.
        min: f64,
        /// Highest score.
        max: f64,
        /// Names of the levels from `min` upwards (e.g. sangat rendah ... sangat tinggi).
        levels: Vec<String>,
    },
    /// A measured quantity in a unit; bounds are optional and used by fixed-reference scoring.
    Quantity {
        /// The unit (orang, Rp/tahun, %).
        unit: String,
        /// Lower bound, if the quantity has a natural one.
        min: Option<f64>,
        /// Upper bound, if the quantity has a natural one.
        max: Option<f64>,
    },
}

/// One criterion (or, with children, a group of sub-criteria) of a criteria set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Identifier: the candidates file's column name and the judgments' criterion name.
    pub id: String,
    /// Name in Bahasa Indonesia.
    pub name_id: String,
    /// Name in English.
    pub name_en: String,
    /// Description in Bahasa Indonesia.
    pub description_id: String,
    /// Description in English.
    pub description_en: String,
    /// The measurable indicator, in Bahasa Indonesia.
    pub indicator_id: String,
    /// The measurable indicator, in English.
    pub indicator_en: String,
    /// Benefit (more is better) or cost (less is better).
    pub direction: Direction,
    /// Index of the parent criterion in the same set, for a two-level hierarchy.
    pub parent: Option<usize>,
    /// The scale; `None` for a parent criterion (it has no data column).
    pub scale: Option<Scale>,
}

/// A node of the criteria hierarchy: the root or a parent criterion, with its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HierarchyNode {
    /// `None` for the root (the goal), else the parent criterion's index.
    pub criterion: Option<usize>,
    /// Indices of the criteria compared pairwise under this node, in file order.
    pub children: Vec<usize>,
}

/// A named set of criteria, as read from `criteria/*.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSet {
    /// Identifier of the set.
    pub id: String,
    /// Name in Bahasa Indonesia.
    pub name_id: String,
    /// Name in English.
    pub name_en: String,
    /// Where the criteria come from (regulation, method, study).
    pub source: String,
    /// The criteria in file order.
    pub criteria: Vec<Criterion>,
    /// Root first, then each parent criterion in file order.
    pub nodes: Vec<HierarchyNode>,
    /// Indices of the leaf criteria (those with data columns), in file order.
    pub leaves: Vec<usize>,
}

impl CriteriaSet {
    /// Index of a criterion by id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }

    /// The hierarchy node whose children include criterion `c`.
    pub fn node_of(&self, c: usize) -> usize {
        let parent = self.criteria[c].parent;
        self.nodes
            .iter()
            .position(|n| n.criterion == parent)
            .unwrap_or(0)
    }
}

/// A kecamatan (district) of the study's city or regency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kecamatan {
    /// Kemendagri code, e.g. `35.74.04`.
    pub code: String,
    /// Official name.
    pub name: String,
}

/// A kelurahan (or desa) and the kecamatan it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kelurahan {
    /// Kemendagri code, e.g. `35.74.04.1003`.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Index into [`Regions::kecamatan`].
    pub kecamatan: usize,
    /// Other spellings seen in the wild.
    pub aliases: Vec<String>,
}

/// The study area: its kecamatan and kelurahan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regions {
    /// Kemendagri code of the city or regency, e.g. `35.74`.
    pub code: String,
    /// Its name, e.g. Kota Probolinggo.
    pub name: String,
    /// Kecamatan in file order.
    pub kecamatan: Vec<Kecamatan>,
    /// Kelurahan in file order.
    pub kelurahan: Vec<Kelurahan>,
}

/// Folds a place name for matching: case, spaces and hyphens do not matter.
pub fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Regions {
    /// The region a panel code names: a kelurahan, a kecamatan, or the city itself.
    pub fn find_panel_region(&self, code: &str) -> Option<RegionRef> {
        let code = code.trim();
        if code == self.code {
            return Some(RegionRef::Kota);
        }
        if let Some(i) = self.kecamatan.iter().position(|k| k.code == code) {
            return Some(RegionRef::Kecamatan(i));
        }
        self.kelurahan
            .iter()
            .position(|k| k.code == code)
            .map(RegionRef::Kelurahan)
    }

    /// Kemendagri code of a region.
    pub fn code_of(&self, r: RegionRef) -> &str {
        match r {
            RegionRef::Kota => &self.code,
            RegionRef::Kecamatan(i) => &self.kecamatan[i].code,
            RegionRef::Kelurahan(i) => &self.kelurahan[i].code,
        }
    }

    /// Name of a region.
    pub fn name_of(&self, r: RegionRef) -> &str {
        match r {
            RegionRef::Kota => &self.name,
            RegionRef::Kecamatan(i) => &self.kecamatan[i].name,
            RegionRef::Kelurahan(i) => &self.kelurahan[i].name,
        }
    }
}

/// Hash lookups of region codes and kelurahan names, for reading large files
/// (a national study has tens of thousands of kelurahan).
#[derive(Debug, Clone, Default)]
pub struct RegionIndex {
    by_code: HashMap<String, RegionRef>,
    kelurahan_by_name: HashMap<String, usize>,
}

impl RegionIndex {
    /// Builds the index. A name shared by two kelurahan resolves to the first one (the
    /// regions reader rejects such files).
    pub fn new(regions: &Regions) -> Self {
        let mut by_code = HashMap::new();
        by_code.insert(regions.code.clone(), RegionRef::Kota);
        for (i, k) in regions.kecamatan.iter().enumerate() {
            by_code
                .entry(k.code.clone())
                .or_insert(RegionRef::Kecamatan(i));
        }
        let mut kelurahan_by_name = HashMap::new();
        for (i, k) in regions.kelurahan.iter().enumerate() {
            by_code
                .entry(k.code.clone())
                .or_insert(RegionRef::Kelurahan(i));
            for name in std::iter::once(&k.name).chain(&k.aliases) {
                kelurahan_by_name.entry(fold_name(name)).or_insert(i);
            }
        }
        Self {
            by_code,
            kelurahan_by_name,
        }
    }

    /// Finds a kelurahan by code, name or alias (names match ignoring case and spaces), in
    /// constant time.
    pub fn kelurahan(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        match self.by_code.get(key) {
            Some(RegionRef::Kelurahan(i)) => Some(*i),
            _ => self.kelurahan_by_name.get(&fold_name(key)).copied(),
        }
    }

    /// Same as [`Regions::find_panel_region`], in constant time.
    pub fn panel_region(&self, code: &str) -> Option<RegionRef> {
        self.by_code.get(code.trim()).copied()
    }
}

/// A region of any level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RegionRef {
    /// The whole city or regency.
    Kota,
    /// A kecamatan, by index.
    Kecamatan(usize),
    /// A kelurahan, by index.
    Kelurahan(usize),
}

impl RegionRef {
    /// The level of this region.
    pub fn level(self) -> Level {
        match self {
            RegionRef::Kota => Level::Kota,
            RegionRef::Kecamatan(_) => Level::Kecamatan,
            RegionRef::Kelurahan(_) => Level::Kelurahan,
        }
    }
}

/// One UMKM put forward as a candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Unique identifier.
    pub id: String,
    /// Business name.
    pub name: String,
    /// Product or activity.
    pub product: String,
    /// Index into [`Regions::kelurahan`].
    pub kelurahan: usize,
    /// Index into [`Study::categories`].
    pub category: usize,
    /// Indicator values, aligned with [`Candidates::columns`].
    pub values: Vec<f64>,
    /// Line in the candidates file, for messages.
    pub line: usize,
    /// Who runs it, where it is and its business number, where the candidates file says.
    #[serde(default)]
    pub details: CandidateDetails,
}

/// What identifies a candidate on paper, from the optional `owner`, `address` and `nib`
/// columns of the candidates file. Empty text where the file is silent: the documents then
/// leave a line to fill by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDetails {
    /// Owner or chair (pemilik / ketua kelompok).
    pub owner: String,
    /// Address.
    pub address: String,
    /// Nomor Induk Berusaha (business registration number).
    pub nib: String,
}

/// All candidates with the indicator columns they carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidates {
    /// Criterion ids of the indicator columns, in file order.
    pub columns: Vec<String>,
    /// Candidates in file order (the order ties are broken by).
    pub list: Vec<Candidate>,
}

/// One FGD participant's complete judgments for one criteria set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// Identifier within the panel.
    pub id: String,
    /// Role (camat, lurah, kasi_pemmas, lpm, umkm, ...).
    pub role: String,
    /// Relative weight in aggregation (1 unless the judgments file says otherwise).
    pub weight: f64,
    /// One pairwise matrix per hierarchy node of the criteria set, aligned with its `nodes`.
    pub matrices: Vec<PairwiseMatrix>,
    /// The judgments the participant left blank and the study completed
    /// (`[method] missing_judgments`); their matrices' CR is that of the completed matrix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completed: Vec<FilledJudgment>,
}

/// One judgment a participant skipped, filled by completing the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilledJudgment {
    /// Index into the criteria set's `nodes` of the matrix it belongs to.
    pub node: usize,
    /// The criteria compared (indices into the set's `criteria`), `a` before `b` in set order.
    pub a: usize,
    /// See `a`.
    pub b: usize,
    /// The value filled in: how many times `a` is as important as `b`.
    pub value: f64,
}

/// What happens to judgments a participant skipped (`[method] missing_judgments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingJudgments {
    /// A skipped pair is an error naming it (the default: nothing is filled silently).
    #[default]
    Refuse,
    /// Filled with the LLSM-optimal completion (Bozóki, Fülöp & Rónyai 2010).
    Complete,
    /// Filled by Harker's (1987) method.
    Harker,
}

impl MissingJudgments {
    /// The study-file value.
    pub fn id(self) -> &'static str {
        match self {
            MissingJudgments::Refuse => "refuse",
            MissingJudgments::Complete => "complete",
            MissingJudgments::Harker => "harker",
        }
    }
}

/// The participants of one FGD (a kelurahan's, a kecamatan's or the city's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    /// The region whose FGD this is.
    pub region: RegionRef,
    /// Index into [`Study::levels`] of the criteria set the judgments are about.
    pub level: usize,
    /// Participants in file order.
    pub participants: Vec<Participant>,
}

/// Where a level's criteria weights come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WeightSource {
    /// Each group uses the panel of its own region (a kelurahan's FGD for its kelurahan).
    OwnPanel,
    /// Every group uses one panel, named by region code.
    Panel(RegionRef),
    /// Weights given in the study file, one per leaf criterion (summing to 1).
    Explicit(Vec<f64>),
    /// Equal weights.
    Equal,
    /// Objective weights computed from the candidates' data (all candidates of the study).
    Objective(ObjectiveMethod),
}

/// Objective weighting methods, computed from the decision matrix rather than judgments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectiveMethod {
    /// Shannon entropy of the sum-normalised columns (Zeleny 1982).
    Entropy,
    /// CRITIC: contrast and conflict of the min-max normalised columns (Diakoulaki et al. 1995).
    Critic,
    /// Standard deviation of the min-max normalised columns.
    StandardDeviation,
}

impl ObjectiveMethod {
    /// Identifier used in study files and reports.
    pub fn id(self) -> &'static str {
        match self {
            ObjectiveMethod::Entropy => "entropy",
            ObjectiveMethod::Critic => "critic",
            ObjectiveMethod::StandardDeviation => "standard-deviation",
        }
    }
}

/// How weight vectors are sampled for Monte Carlo sensitivity analysis (SMAA-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SamplerKind {
    /// Dirichlet(c * w) around each group's elicited weights w.
    Dirichlet,
    /// Uniform on the simplex (no preference information at all).
    Uniform,
    /// The panel's included participants' own weight vectors, each in turn.
    Participants,
    /// Each participant's judgments moved by up to one step of Saaty's scale, then AHP again.
    Judgments,
}

/// Settings of the sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivitySpec {
    /// Whether to run it at all.
    pub enabled: bool,
    /// Monte Carlo samples per group.
    pub samples: usize,
    /// Seed of the random streams (recorded in the manifest).
    pub seed: u64,
    /// Dirichlet concentration c: the standard deviation of a weight w is sqrt(w(1-w)/(c+1)).
    pub concentration: f64,
    /// How weights are sampled.
    pub sampler: SamplerKind,
    /// Points of each weight sweep from 0 to 1 (the base weight is added).
    pub sweep_points: usize,
    /// Relative noise `q` on quantity criteria in SMAA: in each sample every measured value
    /// `x` becomes `x (1 + e)`, `e` uniform in `[-q, q]`, within the scale's bounds. 0 (the
    /// default) keeps the values exact; must be below 1. Not serialised when 0, so results of
    /// runs without noise read and write as before.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub quantity_noise: f64,
    /// Whole steps a rating may move in each SMAA sample (each reachable level within the
    /// scale equally likely). 0 (the default) keeps the ratings exact. Not serialised when 0.
    #[serde(default, skip_serializing_if = "is_zero_steps")]
    pub rating_steps: u32,
}

impl SensitivitySpec {
    /// Whether SMAA perturbs the decision matrix as well as the weights.
    pub fn matrix_noise(&self) -> bool {
        self.quantity_noise > 0.0 || self.rating_steps > 0
    }
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

fn is_zero_steps(n: &u32) -> bool {
    *n == 0
}

/// Largest accepted [`SensitivitySpec::rating_steps`] (far beyond any rating scale in use).
pub const MAX_RATING_STEPS: u32 = 100;

/// The default seed, so that rerunning a study reproduces its report exactly.
pub const DEFAULT_SEED: u64 = 2021;

impl Default for SensitivitySpec {
    fn default() -> Self {
        Self {
            enabled: true,
            samples: 10_000,
            seed: DEFAULT_SEED,
            concentration: 100.0,
            sampler: SamplerKind::Dirichlet,
            sweep_points: 21,
            quantity_noise: 0.0,
            rating_steps: 0,
        }
    }
}

/// A named weighting scenario compared with the study's base weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSpec {
    /// Identifier (file names, tables).
    pub id: String,
    /// Name in Bahasa Indonesia.
    pub name_id: String,
    /// Name in English.
    pub name_en: String,
    /// Weight source per level, aligned with [`Study::levels`].
    pub weights: Vec<WeightSource>,
}

/// One level of the selection: its criteria, where the weights come from, its data columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelSpec {
    /// Which level.
    pub level: Level,
    /// The criteria set used here.
    pub criteria: CriteriaSet,
    /// Path of the criteria file as written in the study file.
    pub criteria_path: PathBuf,
    /// For each leaf criterion, its column in [`Candidates::columns`].
    pub columns: Vec<usize>,
    /// Where the weights come from.
    pub weights: WeightSource,
}

/// How candidates are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scoring {
    /// TOPSIS (Hwang & Yoon 1981).
    Topsis,
    /// Weighted sum (SAW).
    WeightedSum,
}

impl Scoring {
    /// The identifier used in study files.
    pub fn id(self) -> &'static str {
        match self {
            Scoring::Topsis => "topsis",
            Scoring::WeightedSum => "weighted-sum",
        }
    }
}

/// Whether the ideal and anti-ideal come from each group's data or from the scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceKind {
    /// From the candidates of the group (classic TOPSIS).
    Relative,
    /// From each criterion's scale bounds: comparable across groups, no rank reversal.
    Fixed,
}

impl ReferenceKind {
    /// The identifier used in study files.
    pub fn id(self) -> &'static str {
        match self {
            ReferenceKind::Relative => "relative",
            ReferenceKind::Fixed => "fixed",
        }
    }
}

/// What happens to a participant whose judgments are inconsistent (CR above the threshold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InconsistentPolicy {
    /// Kept in the aggregation, flagged in the report.
    Flag,
    /// Left out of the aggregation (unless nobody in the panel is consistent), and reported.
    Exclude,
}

impl InconsistentPolicy {
    /// The identifier used in study files.
    pub fn id(self) -> &'static str {
        match self {
            InconsistentPolicy::Flag => "flag",
            InconsistentPolicy::Exclude => "exclude",
        }
    }
}

/// Every method choice of a study, with the defaults documented in the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// TOPSIS or weighted sum.
    pub scoring: Scoring,
    /// Normalisation of the decision matrix.
    pub normalization: Normalization,
    /// Relative or fixed reference points.
    pub reference: ReferenceKind,
    /// How AHP priorities are derived from a matrix.
    pub ahp_method: PriorityMethod,
    /// The Random Index table for consistency ratios.
    pub ri_table: RandomIndexTable,
    /// How participants' judgments are combined.
    pub aggregation: Aggregation,
    /// Largest acceptable consistency ratio.
    pub consistency_threshold: f64,
    /// What happens to participants above the threshold.
    pub inconsistent_participants: InconsistentPolicy,
    /// Winners per group (unggulan); the rest are kept for consideration.
    pub winners: usize,
    /// Scores closer than this are a tie, broken by input order and flagged.
    pub tie_tolerance: f64,
    /// What happens to judgments a participant skipped.
    #[serde(default)]
    pub missing_judgments: MissingJudgments,
}

/// An input file of the study and its SHA-256, for the run manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    /// What the file is (study, criteria, regions, candidates, judgments).
    pub role: String,
    /// Path as the user gave it or relative to the study file.
    pub path: String,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
}

/// A fully read and validated study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Study {
    /// Identifier, used for the report folder.
    pub id: String,
    /// Title.
    pub name: String,
    /// Whether the data are illustrative (said in every report).
    pub illustrative: bool,
    /// The paper the printable documents are laid out on.
    #[serde(default)]
    pub paper: Paper,
    /// When the FGDs and the analysis took place, as far as the study file says.
    #[serde(default)]
    pub dates: StudyDates,
    /// The regulations the activity rests on, one line each (Permendagri 9/2014, the region's
    /// own regulation on PUD), printed under "Dasar" in the documents.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// The kop, the numbering and who met where, for the berita acara.
    #[serde(default)]
    pub documents: DocumentSettings,
    /// Note in Bahasa Indonesia (e.g. where the data come from).
    pub note_id: String,
    /// Note in English.
    pub note_en: String,
    /// PUD categories (agro, kerajinan, budaya).
    pub categories: Vec<String>,
    /// Method choices.
    pub method: Method,
    /// Levels in order: kelurahan, kecamatan, then optionally kota.
    pub levels: Vec<LevelSpec>,
    /// The study area.
    pub regions: Regions,
    /// The candidates.
    pub candidates: Candidates,
    /// FGD panels in order of first appearance in the judgments file.
    pub panels: Vec<Panel>,
    /// Every input file with its hash.
    pub inputs: Vec<InputFile>,
    /// Things worth telling the user that are not errors.
    pub warnings: Vec<String>,
    /// Sensitivity analysis settings.
    pub sensitivity: SensitivitySpec,
    /// Weighting scenarios to compare with the base.
    pub scenarios: Vec<ScenarioSpec>,
    /// `panels` by region and level, built on the first [`Study::panel`] call.
    #[serde(skip)]
    pub panel_index: PanelIndex,
}

/// The panels of a study by (region, level index): a national study has about 91,000 panels
/// and looks one up for every group and scenario, so a scan per look-up would be quadratic.
#[derive(Default, Clone)]
pub struct PanelIndex(std::sync::OnceLock<(usize, PanelsByRegion)>);

/// Panel position by (region, level index).
type PanelsByRegion = HashMap<(RegionRef, usize), usize>;

impl PartialEq for PanelIndex {
    /// A cache: every study is equal in it.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for PanelIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PanelIndex")
    }
}

impl Study {
    /// The spec of a level, if the study has it.
    pub fn level(&self, level: Level) -> Option<(usize, &LevelSpec)> {
        self.levels
            .iter()
            .enumerate()
            .find(|(_, l)| l.level == level)
    }

    /// The panel of a region for a level's criteria, if there is one.
    pub fn panel(&self, region: RegionRef, level_index: usize) -> Option<usize> {
        let (count, index) = self.panel_index.0.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.panels.len());
            for (i, p) in self.panels.iter().enumerate() {
                // The first panel of a region and level, as a scan would find.
                index.entry((p.region, p.level)).or_insert(i);
            }
            (self.panels.len(), index)
        });
        if *count == self.panels.len() {
            index.get(&(region, level_index)).copied()
        } else {
            // Panels were added after the index was built (tests building a study by hand).
            self.panels
                .iter()
                .position(|p| p.region == region && p.level == level_index)
        }
    }
}

/// When things happened: the only dates that reach a report (never the wall clock, so reruns
/// stay byte-identical).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StudyDates {
    /// The day of the analysis: `SOURCE_DATE_EPOCH` if set, else the study file's.
    pub analysis: Option<CalendarDate>,
    /// The FGD round of each level: its first and last day (equal for one day), or months.
    pub fgd: Vec<FgdRound>,
}

/// The dates of one level's FGD round.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FgdRound {
    /// The level whose FGDs these were.
    pub level: Level,
    /// First day (or month).
    pub first: CalendarDate,
    /// Last day (or month); equal to `first` for a single day.
    pub last: CalendarDate,
}

/// Formats of a kop's emblem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG (printed in HTML; the .docx needs a PNG or JPEG).
    Svg,
}

impl ImageFormat {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Svg => "image/svg+xml",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Svg => "svg",
        }
    }
}

/// The regional emblem (lambang daerah) printed in the kop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logo {
    /// The image's format.
    pub format: ImageFormat,
    /// Width in pixels (SVG: user units), for the aspect ratio.
    pub width: u32,
    /// Height in pixels (SVG: user units).
    pub height: u32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What the signed documents say besides the analysis, from `[documents]` in the study file
/// and the optional FGD and participant tables. Anything missing is left as a ruled blank in
/// the documents, never invented.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentSettings {
    /// Lines of the kop (letterhead): "PEMERINTAH KOTA ...", the agency, its address.
    pub kop: Vec<String>,
    /// The regional emblem printed left of the kop, as a path relative to the study file.
    pub logo: Option<String>,
    /// The emblem's image, read and checked when the study is read.
    #[serde(default)]
    pub logo_image: Option<Logo>,
    /// Pattern of a berita acara's number, e.g. "050/{no}/425.103/2021": `{no}` is left as a
    /// dotted blank for the secretariat's register number, `{kode}` becomes the region code.
    pub numbering: Option<String>,
    /// Per FGD panel: when and where it met and who led and minuted it.
    pub sessions: Vec<FgdSession>,
    /// Per participant of a panel: name, position and NIP.
    pub members: Vec<PanelMember>,
    /// What each FGD agreed, where the decisions table records it.
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// What an FGD agreed for one group (a kelurahan or kecamatan and a category), from the
/// optional decisions table: the product the forum proposes and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The group's region (a kelurahan or a kecamatan).
    pub region: RegionRef,
    /// Index into [`Study::categories`].
    pub category: usize,
    /// Index into [`Candidates::list`]: the UMKM the forum agreed on.
    pub candidate: usize,
    /// The forum's reason (empty when none was written).
    pub reason: String,
}

impl DocumentSettings {
    /// The session details of the FGD of a region, if given.
    pub fn session(&self, region: RegionRef) -> Option<&FgdSession> {
        self.sessions.iter().find(|s| s.region == region)
    }

    /// What the FGD of a group agreed, if the decisions table records it.
    pub fn decision(&self, region: RegionRef, category: usize) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|d| d.region == region && d.category == category)
    }

    /// The details of a participant (by the judgments file's id) of a region's FGD, if given.
    pub fn member(&self, region: RegionRef, participant: &str) -> Option<&PanelMember> {
        self.members
            .iter()
            .find(|m| m.region == region && m.participant == participant)
    }
}

/// One FGD meeting, from the FGD table (`fgd.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FgdSession {
    /// The region whose FGD it was (the judgments file's panel).
    pub region: RegionRef,
    /// The day it met.
    pub date: Option<CalendarDate>,
    /// Where it met ("Aula Kantor Kelurahan Ketapang").
    pub place: String,
    /// Who led the discussion.
    pub facilitator: String,
    /// Who took the minutes.
    pub notulis: String,
}

/// One participant's identity, from the participants table (`peserta.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelMember {
    /// The panel the participant sat on.
    pub region: RegionRef,
    /// The participant's id in the judgments file (P01).
    pub participant: String,
    /// Full name with titles, as it is signed.
    pub full_name: String,
    /// Position (jabatan), e.g. "Lurah Ketapang".
    pub position: String,
    /// Nomor Induk Pegawai (18 digits) of a civil servant; empty for others.
    pub nip: String,
}

/// Paper of the printable documents: both are in daily use in Indonesian government offices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// Folio (F4), 215 × 330 mm.
    F4,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::F4 => (215.0, 330.0),
        }
    }
}

/// Unit tests of the lookups, and small hand-made studies the other stages' tests build on.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Part of Kota Probolinggo (DOMAIN.md section 3), with the aliases seen in the wild:
    /// Wonoasih (35.74.02) with Kedungasem (1005, "Kedung Asem") and Sumbertaman (1006,
    /// "Sumber Taman"), and Kedopok (35.74.05) with Kedopok (1005, "Kedupok"). Kelurahan 0 and
    /// 1 lie in kecamatan 0, kelurahan 2 in kecamatan 1.
    pub(crate) fn regions() -> Regions {
        let kel = |code: &str, name: &str, kecamatan: usize, alias: &str| Kelurahan {
            code: code.into(),
            name: name.into(),
            kecamatan,
            aliases: vec![alias.into()],
        };
        Regions {
            code: "35.74".into(),
            name: "Kota Probolinggo".into(),
            kecamatan: vec![
                Kecamatan {
                    code: "35.74.02".into(),
                    name: "Wonoasih".into(),
                },
                Kecamatan {
                    code: "35.74.05".into(),
                    name: "Kedopok".into(),
                },
            ],
            kelurahan: vec![
                kel("35.74.02.1005", "Kedungasem", 0, "Kedung Asem"),
                kel("35.74.02.1006", "Sumbertaman", 0, "Sumber Taman"),
                kel("35.74.05.1005", "Kedopok", 1, "Kedupok"),
            ],
        }
    }

    fn criterion(id: &str, direction: Direction, parent: Option<usize>, leaf: bool) -> Criterion {
        Criterion {
            id: id.into(),
            name_id: id.into(),
            name_en: id.into(),
            description_id: String::new(),
            description_en: String::new(),
            indicator_id: String::new(),
            indicator_en: String::new(),
            direction,
            parent,
            scale: leaf.then(|| Scale::Quantity {
                unit: "unit".into(),
                min: None,
                max: None,
            }),
        }
    }

    /// A flat criteria set of quantities: one node (the root) over every criterion.
    pub(crate) fn flat_set(criteria: &[(&str, Direction)]) -> CriteriaSet {
        let n = criteria.len();
        CriteriaSet {
            id: "flat".into(),
            name_id: "Datar".into(),
            name_en: "Flat".into(),
            source: "test".into(),
            criteria: criteria
                .iter()
                .map(|&(id, d)| criterion(id, d, None, true))
                .collect(),
            nodes: vec![HierarchyNode {
                criterion: None,
                children: (0..n).collect(),
            }],
            leaves: (0..n).collect(),
        }
    }

    /// Two levels: `usaha` (0) over `tenaga_kerja` (1) and `omzet` (2), and `harga` (3, cost)
    /// at the top, as the criteria reader builds it.
    pub(crate) fn hierarchy_set() -> CriteriaSet {
        CriteriaSet {
            id: "hierarki".into(),
            name_id: "Hierarki".into(),
            name_en: "Hierarchy".into(),
            source: "test".into(),
            criteria: vec![
                criterion("usaha", Direction::Benefit, None, false),
                criterion("tenaga_kerja", Direction::Benefit, Some(0), true),
                criterion("omzet", Direction::Benefit, Some(0), true),
                criterion("harga", Direction::Cost, None, true),
            ],
            nodes: vec![
                HierarchyNode {
                    criterion: None,
                    children: vec![0, 3],
                },
                HierarchyNode {
                    criterion: Some(0),
                    children: vec![1, 2],
                },
            ],
            leaves: vec![1, 2, 3],
        }
    }

    /// A study on [`regions`] with categories agro and kerajinan, a kelurahan and a kecamatan
    /// level judged on `set` (every leaf a candidates column, in order) with the given weight
    /// sources, and candidates as (kelurahan, category, values). TOPSIS with vector
    /// normalisation, one winner, no panels.
    pub(crate) fn study(
        set: CriteriaSet,
        sources: [WeightSource; 2],
        candidates: &[(usize, usize, &[f64])],
    ) -> Study {
        let columns: Vec<String> = set
            .leaves
            .iter()
            .map(|&l| set.criteria[l].id.clone())
            .collect();
        let [kelurahan_weights, kecamatan_weights] = sources;
        let level = |level, weights| LevelSpec {
            level,
            criteria: set.clone(),
            criteria_path: PathBuf::from("kriteria.toml"),
            columns: (0..set.leaves.len()).collect(),
            weights,
        };
        Study {
            id: "uji".into(),
            name: "Studi uji".into(),
            illustrative: true,
            paper: Paper::A4,
            dates: StudyDates::default(),
            legal_basis: Vec::new(),
            documents: DocumentSettings::default(),
            note_id: String::new(),
            note_en: String::new(),
            categories: vec!["agro".into(), "kerajinan".into()],
            method: Method {
                scoring: Scoring::Topsis,
                normalization: Normalization::Vector,
                reference: ReferenceKind::Relative,
                ahp_method: PriorityMethod::Eigenvector,
                ri_table: RandomIndexTable::SaatyClassic,
                aggregation: Aggregation::Aij,
                consistency_threshold: 0.10,
                inconsistent_participants: InconsistentPolicy::Flag,
                winners: 1,
                tie_tolerance: 1e-9,
                missing_judgments: MissingJudgments::Refuse,
            },
            levels: vec![
                level(Level::Kelurahan, kelurahan_weights),
                level(Level::Kecamatan, kecamatan_weights),
            ],
            regions: regions(),
            candidates: Candidates {
                columns,
                list: candidates
                    .iter()
                    .enumerate()
                    .map(|(i, &(kelurahan, category, values))| Candidate {
                        id: format!("C{i:02}"),
                        name: format!("UMKM {i}"),
                        product: "produk".into(),
                        kelurahan,
                        category,
                        values: values.to_vec(),
                        line: i + 2,
                        details: CandidateDetails::default(),
                    })
                    .collect(),
            },
            panels: Vec::new(),
            inputs: Vec::new(),
            warnings: Vec::new(),
            sensitivity: SensitivitySpec::default(),
            scenarios: Vec::new(),
            panel_index: Default::default(),
        }
    }

    #[test]
    fn levels_run_kelurahan_kecamatan_kota_and_name_themselves_as_in_study_files() {
        assert!(Level::Kelurahan < Level::Kecamatan && Level::Kecamatan < Level::Kota);
        for level in [Level::Kelurahan, Level::Kecamatan, Level::Kota] {
            assert_eq!(serde_json::to_value(level).unwrap(), level.id());
        }
        for s in [Scoring::Topsis, Scoring::WeightedSum] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.id());
        }
        for r in [ReferenceKind::Relative, ReferenceKind::Fixed] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.id());
        }
        for p in [InconsistentPolicy::Flag, InconsistentPolicy::Exclude] {
            assert_eq!(serde_json::to_value(p).unwrap(), p.id());
        }
        for m in [
            ObjectiveMethod::Entropy,
            ObjectiveMethod::Critic,
            ObjectiveMethod::StandardDeviation,
        ] {
            assert_eq!(serde_json::to_value(m).unwrap(), m.id());
        }
    }

    #[test]
    fn fold_name_ignores_case_spaces_and_hyphens() {
        assert_eq!(fold_name("Kedung Asem"), "kedungasem");
        assert_eq!(fold_name("CURAH-GRINTING"), "curahgrinting");
        assert_eq!(fold_name(" Triwung  Lor "), "triwunglor");
        assert_ne!(fold_name("Triwung Lor"), fold_name("Triwung Kidul"));
    }

    #[test]
    fn a_kelurahan_is_found_by_code_name_or_alias() {
        let r = RegionIndex::new(&regions());
        assert_eq!(r.kelurahan("35.74.02.1005"), Some(0));
        assert_eq!(r.kelurahan(" 35.74.05.1005 "), Some(2));
        assert_eq!(r.kelurahan("kedung asem"), Some(0));
        assert_eq!(r.kelurahan("SUMBER-TAMAN"), Some(1));
        assert_eq!(r.kelurahan("Sumbertaman"), Some(1));
        assert_eq!(r.kelurahan("Kedupok"), Some(2));
        // A kecamatan is not a kelurahan, and Jati is in Mayangan, not in this study.
        assert_eq!(r.kelurahan("35.74.02"), None);
        assert_eq!(r.kelurahan("Jati"), None);
        assert_eq!(r.kelurahan(""), None);
    }

    #[test]
    fn a_panel_code_names_a_region_of_any_level() {
        let r = regions();
        assert_eq!(r.find_panel_region("35.74"), Some(RegionRef::Kota));
        assert_eq!(
            r.find_panel_region("35.74.05"),
            Some(RegionRef::Kecamatan(1))
        );
        assert_eq!(
            r.find_panel_region("35.74.02.1006"),
            Some(RegionRef::Kelurahan(1))
        );
        // Panels are named by code only.
        assert_eq!(r.find_panel_region("Wonoasih"), None);
        assert_eq!(r.find_panel_region("35.74.09"), None);
        for (region, code, name) in [
            (RegionRef::Kota, "35.74", "Kota Probolinggo"),
            (RegionRef::Kecamatan(0), "35.74.02", "Wonoasih"),
            (RegionRef::Kelurahan(2), "35.74.05.1005", "Kedopok"),
        ] {
            assert_eq!(r.code_of(region), code);
            assert_eq!(r.name_of(region), name);
            assert_eq!(r.find_panel_region(code), Some(region));
        }
        assert_eq!(RegionRef::Kota.level(), Level::Kota);
        assert_eq!(RegionRef::Kecamatan(1).level(), Level::Kecamatan);
        assert_eq!(RegionRef::Kelurahan(0).level(), Level::Kelurahan);
    }

    #[test]
    fn the_region_index_answers_as_the_linear_lookups_do() {
        let mut r = regions();
        // One kelurahan more, without aliases.
        r.kelurahan.push(Kelurahan {
            code: "35.74.05.1006".into(),
            name: "Jrebeng Wetan".into(),
            kecamatan: 1,
            aliases: vec![],
        });
        let index = RegionIndex::new(&r);
        let mut keys: Vec<String> = vec![
            r.code.clone(),
            "nowhere".into(),
            String::new(),
            " 35.74.02.1005 ".into(),
            "KEDUNG-ASEM".into(),
        ];
        keys.extend(
            r.kecamatan
                .iter()
                .flat_map(|k| [k.code.clone(), k.name.clone()]),
        );
        for k in &r.kelurahan {
            keys.push(k.code.clone());
            keys.push(k.name.clone());
            keys.extend(k.aliases.iter().cloned());
        }
        for key in &keys {
            assert_eq!(index.panel_region(key), r.find_panel_region(key), "{key:?}");
        }
    }

    #[test]
    fn criteria_are_found_by_id_and_sit_under_their_parent_node() {
        let set = hierarchy_set();
        assert_eq!(set.index("omzet"), Some(2));
        assert_eq!(set.index("Omzet"), None);
        // tenaga_kerja and omzet are compared under usaha's node; usaha and harga at the root.
        assert_eq!(set.node_of(1), 1);
        assert_eq!(set.node_of(2), 1);
        assert_eq!(set.node_of(0), 0);
        assert_eq!(set.node_of(3), 0);
        let flat = flat_set(&[("a", Direction::Benefit), ("b", Direction::Cost)]);
        assert_eq!(flat.node_of(1), 0);
    }

    #[test]
    fn a_study_finds_its_levels_and_the_panel_of_a_region_and_level() {
        let set = flat_set(&[("a", Direction::Benefit), ("b", Direction::Benefit)]);
        let mut s = study(set, [WeightSource::OwnPanel, WeightSource::Equal], &[]);
        assert_eq!(s.level(Level::Kelurahan).map(|(i, _)| i), Some(0));
        assert_eq!(s.level(Level::Kecamatan).map(|(i, _)| i), Some(1));
        assert!(s.level(Level::Kota).is_none());
        let panel = |region, level| Panel {
            region,
            level,
            participants: vec![],
        };
        // The same kecamatan judges both levels' criteria in two panels.
        s.panels = vec![
            panel(RegionRef::Kelurahan(1), 0),
            panel(RegionRef::Kecamatan(0), 1),
            panel(RegionRef::Kecamatan(0), 0),
        ];
        assert_eq!(s.panel(RegionRef::Kelurahan(1), 0), Some(0));
        assert_eq!(s.panel(RegionRef::Kecamatan(0), 1), Some(1));
        assert_eq!(s.panel(RegionRef::Kecamatan(0), 0), Some(2));
        assert_eq!(s.panel(RegionRef::Kelurahan(1), 1), None);
        assert_eq!(s.panel(RegionRef::Kelurahan(0), 0), None);
    }

    #[test]
    fn smaa_perturbs_the_matrix_only_when_asked() {
        let mut spec = SensitivitySpec::default();
        assert!(!spec.matrix_noise());
        spec.quantity_noise = 0.10;
        assert!(spec.matrix_noise());
        spec.quantity_noise = 0.0;
        spec.rating_steps = 1;
        assert!(spec.matrix_noise());
        // Exact values leave the settings' JSON as it was before noise existed.
        let json = serde_json::to_value(SensitivitySpec::default()).unwrap();
        assert!(json.get("quantity_noise").is_none() && json.get("rating_steps").is_none());
    }
}
