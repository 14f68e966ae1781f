//! `explore.html`: the what-if page for the FGD room. One self-contained file (inline script and
//! style, the data as JSON, no network) in which the facilitator moves criteria weights and
//! participants' judgments and the rankings answer live.
//!
//! This module only gathers the finished run's data into [`PageData`] and assembles the page;
//! the page's script (`assets/explore.js`) computes with the study's own formulas (AHP method,
//! Random Index, aggregation, exclusion of inconsistent participants, normalisation, cost
//! criteria, reference, TOPSIS or weighted sum), so that it gives the engine's numbers, which the
//! browser test checks. Floats are written with serde_json's shortest round-trip form, so the
//! page reads exactly the values the engine used.
//!
//! A city-size study gets one page (`explore.html`). From [`PER_KECAMATAN_FROM`] kelurahan on,
//! `explore.html` holds the kecamatan and kota groups and each kecamatan gets its own page
//! (`explore/<kecamatan code>.html`) with its kelurahan groups and its kecamatan groups: a
//! kecamatan's nominees come only from its own kelurahan, so every page is complete in itself.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::Analysis;
use crate::model::{Level, RegionRef, Scoring};
use crate::report::Lang;
use crate::score::Direction;
use crate::select::{Group, fixed_bounds};
use crate::sensitivity;
use crate::weights::WeightOrigin;

/// From this many kelurahan on, the kelurahan groups go into one page per kecamatan.
pub const PER_KECAMATAN_FROM: usize = 60;

/// Name of the city-level page in the report folder.
pub const FILE_NAME: &str = "explore.html";

/// The page's script, kept as a file of its own so that it can be read and linted.
const SCRIPT: &str = include_str!("../../assets/explore.js");
/// The page's style sheet.
const STYLE: &str = include_str!("../../assets/explore.css");

/// Everything the page computes from, embedded as JSON.
#[derive(Debug, Serialize)]
pub struct PageData {
    /// Layout version of this object, for scripts that read it.
    pub format: &'static str,
    /// `id` or `en`: the page's language.
    pub lang: Lang,
    /// The study's name and notes.
    pub study: StudyInfo,
    /// The study's method choices, as their study-file ids.
    pub method: MethodInfo,
    /// Per level of the study (index = the study's level index).
    pub levels: Vec<LevelInfo>,
    /// The candidates the page's groups can hold.
    pub candidates: Vec<CandidateInfo>,
    /// The FGD panels whose weights the page's groups use.
    pub panels: Vec<PanelInfo>,
    /// The study's weighting scenarios.
    pub scenarios: Vec<ScenarioInfo>,
    /// The groups, kelurahan first, then kecamatan, then kota (the order they are computed).
    pub groups: Vec<GroupInfo>,
    /// Other explore pages of the same report, relative to this page (empty for one page).
    pub pages: Vec<PageLink>,
}

/// The study's identity.
#[derive(Debug, Serialize)]
pub struct StudyInfo {
    /// Study id.
    pub id: String,
    /// Study name.
    pub name: String,
    /// Name of the city or regency.
    pub region_name: String,
    /// Whether the data are illustrative.
    pub illustrative: bool,
    /// The study's note in the page's language.
    pub note: String,
    /// What this page covers, e.g. "Kecamatan Kademangan" (empty for the whole study).
    pub scope: String,
}

/// The method choices the page's formulas follow.
#[derive(Debug, Serialize)]
pub struct MethodInfo {
    /// `topsis` or `weighted-sum`.
    pub scoring: &'static str,
    /// `vector`, `min-max`, `max` or `sum`.
    pub normalization: &'static str,
    /// `relative` or `fixed`.
    pub reference: &'static str,
    /// `eigenvector`, `geometric` or `column-mean`.
    pub ahp_method: &'static str,
    /// The Random Index table's id.
    pub ri_table: &'static str,
    /// `aij`, `aip-geometric` or `aip-arithmetic`.
    pub aggregation: &'static str,
    /// CR above this is inconsistent.
    pub consistency_threshold: f64,
    /// `flag` or `exclude`.
    pub inconsistent_participants: &'static str,
    /// Unggulan per group.
    pub winners: usize,
    /// Scores closer than this are a tie.
    pub tie_tolerance: f64,
    /// The power iteration's stopping change (see [`crate::ahp::EIGEN_TOLERANCE`]).
    pub eigen_tolerance: f64,
}

/// One criterion of a level's set.
#[derive(Debug, Serialize)]
pub struct CriterionInfo {
    /// Identifier.
    pub id: String,
    /// Name in the page's language.
    pub name: String,
    /// Index of the parent criterion, for a two-level hierarchy.
    pub parent: Option<usize>,
    /// Whether less is better.
    pub cost: bool,
}

/// A node of the criteria hierarchy.
#[derive(Debug, Serialize)]
pub struct NodeInfo {
    /// The parent criterion, `None` for the goal.
    pub criterion: Option<usize>,
    /// Criteria compared under this node.
    pub children: Vec<usize>,
}

/// A level's criteria and the constants its formulas need.
#[derive(Debug, Serialize)]
pub struct LevelInfo {
    /// `kelurahan`, `kecamatan` or `kota`.
    pub level: Level,
    /// Name of the criteria set.
    pub criteria_set: String,
    /// Every criterion of the set, in file order.
    pub criteria: Vec<CriterionInfo>,
    /// Root first, then each parent criterion.
    pub nodes: Vec<NodeInfo>,
    /// Indices of the leaf criteria: the weights' and the data's order.
    pub leaves: Vec<usize>,
    /// For each leaf, its column in a candidate's `values`.
    pub columns: Vec<usize>,
    /// Fixed-reference bounds (lower, upper) per leaf; `None` under a relative reference.
    pub bounds: Option<(Vec<f64>, Vec<f64>)>,
    /// `RI(n)` of the study's table for `n = 0 ..= largest node`; `None` where it stops.
    pub random_index: Vec<Option<f64>>,
}

/// A candidate.
#[derive(Debug, Serialize)]
pub struct CandidateInfo {
    /// Identifier.
    pub id: String,
    /// Business name.
    pub name: String,
    /// Product.
    pub product: String,
    /// Its kelurahan's name.
    pub kelurahan: String,
    /// Indicator values, aligned with the candidates file's columns.
    pub values: Vec<f64>,
}

/// An FGD panel and its participants' judgments.
#[derive(Debug, Serialize)]
pub struct PanelInfo {
    /// Region code.
    pub code: String,
    /// Region name.
    pub name: String,
    /// Index of the level whose criteria the judgments are about.
    pub level: usize,
    /// Participants in file order.
    pub participants: Vec<ParticipantInfo>,
}

/// One participant's judgments.
#[derive(Debug, Serialize)]
pub struct ParticipantInfo {
    /// Identifier.
    pub id: String,
    /// Role.
    pub role: String,
    /// Weight in the aggregation.
    pub weight: f64,
    /// One full matrix (rows) per hierarchy node.
    pub matrices: Vec<Vec<Vec<f64>>>,
}

/// A weighting scenario.
#[derive(Debug, Serialize)]
pub struct ScenarioInfo {
    /// Identifier.
    pub id: String,
    /// Name in the page's language.
    pub name: String,
}

/// Where a group's weights come from: a panel of the page (live) or a fixed vector.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightsFrom {
    /// Index into [`PageData::panels`].
    Panel(usize),
    /// A vector that judgments do not change (explicit, equal, objective).
    Fixed(Vec<f64>),
}

/// One threshold as the report prints it.
#[derive(Debug, Serialize)]
pub struct ThresholdInfo {
    /// Leaf criterion index.
    pub criterion: usize,
    /// `decrease` or `increase`.
    pub direction: sensitivity::Direction,
    /// The weight at which the unggulan changes.
    pub critical_weight: f64,
    /// The candidate (index into [`PageData::candidates`]) that takes over.
    pub new_winner: usize,
}

/// A group of candidates: level × region × category.
#[derive(Debug, Serialize)]
pub struct GroupInfo {
    /// Index into [`PageData::levels`].
    pub level: usize,
    /// Region code.
    pub code: String,
    /// Region name.
    pub name: String,
    /// Name of the kecamatan a kelurahan belongs to (empty otherwise).
    pub kecamatan: String,
    /// Category id.
    pub category: String,
    /// The engine's members (indices into [`PageData::candidates`]), in its order.
    pub members: Vec<usize>,
    /// Groups of the page whose unggulan become this group's members, in the engine's order;
    /// `None` when the members are fixed (kelurahan groups, or groups whose lower level is on
    /// other pages).
    pub nominees_of: Option<Vec<usize>>,
    /// The base weights' source.
    pub weights: WeightsFrom,
    /// Per scenario: its weights for this group.
    pub scenarios: Vec<WeightsFrom>,
    /// The engine's unggulan at the base weights (index into [`PageData::candidates`]).
    pub report_winner: Option<usize>,
    /// Exact critical weights from the report (none when sensitivity did not run).
    pub thresholds: Vec<ThresholdInfo>,
}

/// A link to another explore page.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// Path relative to the page.
    pub href: String,
    /// What it holds.
    pub label: String,
}

/// One explore page to draw: its file, its groups (indices into
/// [`crate::select::Selection::groups`]), its scope line and its links to other pages.
#[derive(Debug)]
pub struct PagePlan {
    /// File name in the report folder.
    pub name: String,
    subset: Vec<usize>,
    scope: String,
    links: Vec<PageLink>,
    nominees: std::sync::Arc<Nominees>,
}

impl PagePlan {
    /// The page's bytes.
    pub fn render(&self, analysis: &Analysis, lang: Lang) -> Vec<u8> {
        page(
            analysis,
            lang,
            &self.subset,
            &self.scope,
            &self.links,
            &self.nominees,
        )
    }
}

/// The groups whose unggulan are nominated to each kecamatan and city group (the level
/// below, same region and category), in selection order: found in one pass, since a
/// national study's pages would each scan every group for each of theirs.
#[derive(Debug, Default)]
pub struct Nominees(HashMap<(RegionRef, usize, Level), Vec<usize>>);

impl Nominees {
    /// Indexes the selection's groups by the group they are nominated to.
    pub fn of(analysis: &Analysis) -> Self {
        let study = &analysis.study;
        let mut index: HashMap<(RegionRef, usize, Level), Vec<usize>> = HashMap::new();
        for (i, l) in analysis.selection.groups.iter().enumerate() {
            let upper = match (l.level, l.region) {
                (Level::Kelurahan, RegionRef::Kelurahan(k)) => (
                    RegionRef::Kecamatan(study.regions.kelurahan[k].kecamatan),
                    Level::Kecamatan,
                ),
                (Level::Kecamatan, RegionRef::Kecamatan(_)) => (RegionRef::Kota, Level::Kota),
                _ => continue,
            };
            index
                .entry((upper.0, l.category, upper.1))
                .or_default()
                .push(i);
        }
        Nominees(index)
    }

    /// The nominee groups of `g` (none below the kelurahan level).
    fn of_group(&self, g: &Group) -> Option<&[usize]> {
        match g.level {
            Level::Kelurahan => None,
            level => Some(
                self.0
                    .get(&(g.region, g.category, level))
                    .map_or(&[], Vec::as_slice),
            ),
        }
    }
}

/// Every explore page of a report as (file name, bytes): `explore.html`, and for a large
/// study one `explore/<kecamatan code>.html` per kecamatan.
pub fn pages(analysis: &Analysis, lang: Lang) -> Vec<(String, Vec<u8>)> {
    plan(analysis, lang)
        .iter()
        .map(|p| (p.name.clone(), p.render(analysis, lang)))
        .collect()
}

/// The explore pages of a report, in order, not yet drawn (see [`pages`]).
pub fn plan(analysis: &Analysis, lang: Lang) -> Vec<PagePlan> {
    let study = &analysis.study;
    let nominees = std::sync::Arc::new(Nominees::of(analysis));
    let groups = &analysis.selection.groups;
    let all: Vec<usize> = (0..groups.len()).collect();
    if study.regions.kelurahan.len() < PER_KECAMATAN_FROM {
        return vec![PagePlan {
            name: FILE_NAME.into(),
            subset: all,
            scope: String::new(),
            links: Vec::new(),
            nominees,
        }];
    }
    let kecamatan_of = |g: &Group| match g.region {
        RegionRef::Kelurahan(k) => Some(study.regions.kelurahan[k].kecamatan),
        RegionRef::Kecamatan(k) => Some(k),
        RegionRef::Kota => None,
    };
    let path = |k: usize| format!("explore/{}.html", study.regions.kecamatan[k].code);
    let upper: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&g| groups[g].level != Level::Kelurahan)
        .collect();
    let links: Vec<PageLink> = study
        .regions
        .kecamatan
        .iter()
        .enumerate()
        .map(|(k, kec)| PageLink {
            href: path(k),
            label: format!("{} {}", lang.pick("Kecamatan", "Kecamatan"), kec.name),
        })
        .collect();
    // Each kecamatan's groups, in the selection's order, found in one pass.
    let mut by_kecamatan: Vec<Vec<usize>> = vec![Vec::new(); study.regions.kecamatan.len()];
    for &g in &all {
        if groups[g].level != Level::Kota
            && let Some(k) = kecamatan_of(&groups[g])
        {
            by_kecamatan[k].push(g);
        }
    }
    let mut out = vec![PagePlan {
        name: FILE_NAME.into(),
        subset: upper,
        scope: String::new(),
        links,
        nominees: nominees.clone(),
    }];
    for ((k, kec), subset) in study.regions.kecamatan.iter().enumerate().zip(by_kecamatan) {
        let back = vec![PageLink {
            href: format!("../{FILE_NAME}"),
            label: lang
                .pick("Tingkat kecamatan dan kota", "Kecamatan and city level")
                .into(),
        }];
        out.push(PagePlan {
            name: path(k),
            subset,
            scope: format!("Kecamatan {}", kec.name),
            links: back,
            nominees: nominees.clone(),
        });
    }
    out
}

/// The explore page of a subset of the selection's groups (indices into
/// [`crate::select::Selection::groups`], in that order).
pub fn page(
    analysis: &Analysis,
    lang: Lang,
    subset: &[usize],
    scope: &str,
    links: &[PageLink],
    nominees: &Nominees,
) -> Vec<u8> {
    let data = page_data(analysis, lang, subset, scope, links, nominees);
    let json = serde_json::to_string(&data).expect("page data serialise to JSON");
    // `<` only occurs inside JSON strings, where `\u003c` means the same; the script element
    // then cannot be closed early by a name holding `</script>`.
    let json = json.replace('<', "\\u003c");
    let title = format!(
        "{} · {}",
        lang.pick("Jelajah bobot", "Weight explorer"),
        data.study.name
    );
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <noscript>{noscript}</noscript>\n<main id=\"app\"></main>\n\
         <script type=\"application/json\" id=\"unggul-data\">{json}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        lang = lang.pick("id", "en"),
        title = escape(&title),
        noscript = lang.pick(
            "Halaman ini memerlukan JavaScript (berjalan tanpa internet).",
            "This page needs JavaScript (it runs without internet)."
        ),
    );
    html.into_bytes()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Gathers the data of `subset` (see [`page`]).
pub fn page_data(
    analysis: &Analysis,
    lang: Lang,
    subset: &[usize],
    scope: &str,
    links: &[PageLink],
    nominees: &Nominees,
) -> PageData {
    let study = &analysis.study;
    let groups = &analysis.selection.groups;
    // Candidates and panels get page-local indices in first-use order.
    let mut candidates: BTreeMap<usize, usize> = BTreeMap::new();
    let mut candidate_order: Vec<usize> = Vec::new();
    let mut candidate = |c: usize| {
        *candidates.entry(c).or_insert_with(|| {
            candidate_order.push(c);
            candidate_order.len() - 1
        })
    };
    let mut panels: BTreeMap<usize, usize> = BTreeMap::new();
    let mut panel_order: Vec<usize> = Vec::new();
    let mut panel = |p: usize| {
        *panels.entry(p).or_insert_with(|| {
            panel_order.push(p);
            panel_order.len() - 1
        })
    };
    let position: BTreeMap<usize, usize> =
        subset.iter().enumerate().map(|(k, &g)| (g, k)).collect();
    // The sensitivity stage's groups are in selection order: found by bisection, since a
    // national study's thousands of pages would each index all of them.
    let thresholds_of = |gi: usize| {
        let s = analysis.sensitivity.as_ref()?;
        let k = s.groups.binary_search_by_key(&gi, |g| g.group).ok()?;
        Some(&s.groups[k].thresholds)
    };
    let mut group_infos = Vec::with_capacity(subset.len());
    for &gi in subset {
        let g = &groups[gi];
        let members: Vec<usize> = g.entries.iter().map(|e| candidate(e.candidate)).collect();
        let nominees_of = nominees.of_group(g).and_then(|lower| {
            lower
                .iter()
                .map(|l| position.get(l).copied())
                .collect::<Option<Vec<usize>>>()
        });
        let mut weights_from = |origin: &WeightOrigin, w: &[f64]| match origin {
            WeightOrigin::Panel(p) => WeightsFrom::Panel(panel(*p)),
            _ => WeightsFrom::Fixed(w.to_vec()),
        };
        let weights = weights_from(&g.origin, &g.weights);
        let scenarios = analysis
            .scenarios
            .iter()
            .flat_map(|s| &s.scenarios)
            .map(|s| {
                let (w, origin) = s.level_weights[g.level_index].weights_for(
                    study,
                    &analysis.panels,
                    g.level_index,
                    g.region,
                );
                weights_from(&origin, &w)
            })
            .collect();
        let thresholds = thresholds_of(gi)
            .map(|ts| {
                ts.iter()
                    .filter_map(|t| {
                        Some(ThresholdInfo {
                            criterion: t.criterion,
                            direction: t.direction,
                            critical_weight: t.critical_weight?,
                            new_winner: members[t.new_winner?],
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let kecamatan = match g.region {
            RegionRef::Kelurahan(k) => {
                let kec = study.regions.kelurahan[k].kecamatan;
                study.regions.kecamatan[kec].name.clone()
            }
            _ => String::new(),
        };
        group_infos.push(GroupInfo {
            level: g.level_index,
            code: study.regions.code_of(g.region).to_string(),
            name: study.regions.name_of(g.region).to_string(),
            kecamatan,
            category: study.categories[g.category].clone(),
            report_winner: g.order.first().map(|&i| members[i]),
            members,
            nominees_of,
            weights,
            scenarios,
            thresholds,
        });
    }
    // A kecamatan group may receive, under what-if weights, any candidate of its kelurahan
    // groups on the page: they are all among the candidates already (members of those groups).
    let levels = study
        .levels
        .iter()
        .enumerate()
        .map(|(li, spec)| {
            let set = &spec.criteria;
            let largest = set
                .nodes
                .iter()
                .map(|n| n.children.len())
                .max()
                .unwrap_or(0);
            LevelInfo {
                level: spec.level,
                criteria_set: lang.pick(&set.name_id, &set.name_en).to_string(),
                criteria: set
                    .criteria
                    .iter()
                    .map(|c| CriterionInfo {
                        id: c.id.clone(),
                        name: lang.pick(&c.name_id, &c.name_en).to_string(),
                        parent: c.parent,
                        cost: c.direction == Direction::Cost,
                    })
                    .collect(),
                nodes: set
                    .nodes
                    .iter()
                    .map(|n| NodeInfo {
                        criterion: n.criterion,
                        children: n.children.clone(),
                    })
                    .collect(),
                leaves: set.leaves.clone(),
                columns: spec.columns.clone(),
                bounds: (study.method.reference == crate::model::ReferenceKind::Fixed)
                    .then(|| fixed_bounds(study, li)),
                random_index: (0..=largest)
                    .map(|n| study.method.ri_table.value(n))
                    .collect(),
            }
        })
        .collect();
    let m = &study.method;
    PageData {
        format: "unggul-explore-1",
        lang,
        study: StudyInfo {
            id: study.id.clone(),
            name: study.name.clone(),
            region_name: study.regions.name.clone(),
            illustrative: study.illustrative,
            note: lang.pick(&study.note_id, &study.note_en).to_string(),
            scope: scope.to_string(),
        },
        method: MethodInfo {
            scoring: match m.scoring {
                Scoring::Topsis => "topsis",
                Scoring::WeightedSum => "weighted-sum",
            },
            normalization: m.normalization.id(),
            reference: m.reference.id(),
            ahp_method: m.ahp_method.id(),
            ri_table: m.ri_table.id(),
            aggregation: m.aggregation.id(),
            consistency_threshold: m.consistency_threshold,
            inconsistent_participants: m.inconsistent_participants.id(),
            winners: m.winners,
            tie_tolerance: m.tie_tolerance,
            eigen_tolerance: crate::ahp::EIGEN_TOLERANCE,
        },
        levels,
        candidates: candidate_order
            .iter()
            .map(|&c| {
                let c = &study.candidates.list[c];
                CandidateInfo {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    product: c.product.clone(),
                    kelurahan: study.regions.kelurahan[c.kelurahan].name.clone(),
                    values: c.values.clone(),
                }
            })
            .collect(),
        panels: panel_order
            .iter()
            .map(|&p| {
                let panel = &study.panels[p];
                PanelInfo {
                    code: study.regions.code_of(panel.region).to_string(),
                    name: study.regions.name_of(panel.region).to_string(),
                    level: panel.level,
                    participants: panel
                        .participants
                        .iter()
                        .map(|q| ParticipantInfo {
                            id: q.id.clone(),
                            role: q.role.clone(),
                            weight: q.weight,
                            matrices: q.matrices.iter().map(|a| a.to_rows()).collect(),
                        })
                        .collect(),
                }
            })
            .collect(),
        scenarios: study
            .scenarios
            .iter()
            .map(|s| ScenarioInfo {
                id: s.id.clone(),
                name: lang.pick(&s.name_id, &s.name_en).to_string(),
            })
            .collect(),
        groups: group_infos,
        pages: links
            .iter()
            .map(|l| PageLink {
                href: l.href.clone(),
                label: l.label.clone(),
            })
            .collect(),
    }
}
