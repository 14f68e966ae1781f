//! Facts that several outputs show (counts of groups, people, inconsistent judgments, ties,
//! verdicts), computed once from the results and handed to every renderer, so that the
//! summary, `index.html`, the berita acara and the terminal can never disagree on them.

use std::collections::{HashMap, HashSet};

use crate::Analysis;
use crate::model::{Level, RegionRef, Study};
use crate::select::Group;
use crate::study::checks::{Finding, data_checks};
use crate::study::sensitivity::Verdict;

/// One participant's judgments in one panel (a "seat"): `(panel, participant)` indices into
/// [`Study::panels`] and its participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seat {
    /// Index into [`Study::panels`].
    pub panel: usize,
    /// Index into that panel's participants.
    pub participant: usize,
}

/// Groups of one level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelCounts {
    /// The level.
    pub level: Level,
    /// Region × category groups.
    pub groups: usize,
    /// Groups with at least one candidate.
    pub filled: usize,
}

/// A group whose last unggulan place is shared by candidates the ranking cannot separate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    /// Index into the selection's groups.
    pub group: usize,
    /// Every candidate in the tie (indices into the study's candidates), in rank order.
    pub candidates: Vec<usize>,
}

/// How many different people took part in the FGDs.
///
/// The judgments file names participants per panel, so one camat who sat on seven panels
/// appears seven times. Without a person identifier, offices held once per region are counted
/// once: the camat and sekcam once per kecamatan; the lurah, LPM and kasi Pemmas once per
/// kelurahan (the ones at a kecamatan FGD are among its kelurahan's). Other roles (UMKM,
/// Bappeda staff) count once per seat, so the figure is an upper bound for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct People {
    /// Different people (by the rule above).
    pub count: usize,
    /// Judgment sets: one per participant per panel.
    pub seats: usize,
}

/// The counts of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// Groups per level, for the levels the study has, in level order.
    pub levels: Vec<LevelCounts>,
    /// FGD panels.
    pub panels: usize,
    /// People and judgment sets.
    pub people: People,
    /// Judgment sets with a CR above the threshold, in panel order.
    pub inconsistent: Vec<Seat>,
    /// Judgment sets left out of the aggregation (the study's policy), in panel order.
    pub excluded: Vec<Seat>,
    /// Judgment sets with skipped pairs that the study completed (`missing_judgments`), in
    /// panel order; `panel` indexes [`Study::panels`].
    pub completed: Vec<Seat>,
    /// Panels where nobody was consistent (all judgments kept so that weights exist).
    pub nobody_consistent: Vec<usize>,
    /// Ties at the cut, at every level, in selection order.
    pub ties: Vec<Tie>,
    /// Groups per verdict id, in order of first appearance, when the sensitivity stage ran.
    pub verdicts: Option<Vec<(&'static str, usize)>>,
    /// What to verify in the data and the judgments ([`crate::study::checks`]).
    pub checks: Vec<Finding>,
    /// Groups whose unggulan is too close to call or changes with a shift of one weight
    /// below [`NEAR_TIE_CHANGE`]: with the exact ties, what the FGD must agree on.
    pub close_calls: usize,
}

/// A shift of one weight that changes the unggulan and is smaller than this is below the
/// rounding of the weight tables (whole percent): a tie in practice, put to the forum.
pub const NEAR_TIE_CHANGE: f64 = 0.01;

/// Whether a verdict is a near-tie (see [`NEAR_TIE_CHANGE`]).
pub fn is_near_tie(verdict: &Verdict) -> bool {
    matches!(verdict, Verdict::Sensitive { change, .. } if change.abs() < NEAR_TIE_CHANGE)
}

impl Facts {
    /// Counts everything once.
    pub fn of(analysis: &Analysis) -> Self {
        let study = &analysis.study;
        let selection = &analysis.selection;
        let levels = [Level::Kelurahan, Level::Kecamatan, Level::Kota]
            .into_iter()
            .filter(|&l| study.level(l).is_some())
            .map(|level| {
                let groups: Vec<&Group> = selection.level(level).collect();
                LevelCounts {
                    level,
                    groups: groups.len(),
                    filled: groups.iter().filter(|g| !g.entries.is_empty()).count(),
                }
            })
            .collect();
        let mut inconsistent = Vec::new();
        let mut excluded = Vec::new();
        for pw in &analysis.panels {
            for (k, r) in pw.participants.iter().enumerate() {
                let seat = Seat {
                    panel: pw.panel,
                    participant: k,
                };
                if !r.consistent {
                    inconsistent.push(seat);
                }
                if !r.included {
                    excluded.push(seat);
                }
            }
        }
        let nobody_consistent = analysis
            .panels
            .iter()
            .filter(|p| p.nobody_consistent)
            .map(|p| p.panel)
            .collect();
        let ties = selection
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.tie_at_cut)
            .map(|(i, g)| Tie {
                group: i,
                candidates: g
                    .order
                    .iter()
                    .map(|&k| &g.entries[k])
                    .filter(|e| e.tied)
                    .map(|e| e.candidate)
                    .collect(),
            })
            .collect();
        let verdicts = analysis.sensitivity.as_ref().map(|s| {
            let mut counts: Vec<(&'static str, usize)> = Vec::new();
            let mut slot: HashMap<&'static str, usize> = HashMap::new();
            for g in &s.groups {
                let id = g.verdict.id();
                let k = *slot.entry(id).or_insert_with(|| {
                    counts.push((id, 0));
                    counts.len() - 1
                });
                counts[k].1 += 1;
            }
            counts
        });
        let close_calls = analysis.sensitivity.as_ref().map_or(0, |s| {
            s.groups
                .iter()
                .filter(|gs| {
                    matches!(gs.verdict, Verdict::TooClose { .. }) || is_near_tie(&gs.verdict)
                })
                .count()
        });
        Facts {
            close_calls,
            levels,
            panels: analysis.panels.len(),
            people: people(study),
            inconsistent,
            excluded,
            completed: study
                .panels
                .iter()
                .enumerate()
                .flat_map(|(panel, p)| {
                    p.participants
                        .iter()
                        .enumerate()
                        .filter(|(_, person)| !person.completed.is_empty())
                        .map(move |(participant, _)| Seat { panel, participant })
                })
                .collect(),
            nobody_consistent,
            ties,
            verdicts,
            checks: data_checks(analysis),
        }
    }

    /// The counts of one level, if the study has it.
    pub fn level(&self, level: Level) -> Option<&LevelCounts> {
        self.levels.iter().find(|l| l.level == level)
    }
}

/// Who a seat is, for counting people (see [`People`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Person {
    /// An office held once per region, with the region.
    Office(String, RegionRef),
    /// Anyone else: one person per seat.
    Seat(usize, usize),
}

fn people(study: &Study) -> People {
    let kecamatan_of = |r: RegionRef| match r {
        RegionRef::Kelurahan(i) => Some(study.regions.kelurahan[i].kecamatan),
        RegionRef::Kecamatan(i) => Some(i),
        RegionRef::Kota => None,
    };
    let mut seen: HashSet<Person> = HashSet::new();
    // Kelurahan offices seen at kecamatan FGDs, per (role, kecamatan): matched against the
    // kelurahan of that kecamatan where the same office sat.
    let mut at_kecamatan: HashMap<(String, usize), usize> = HashMap::new();
    // Kelurahan office holders per (role, kecamatan).
    let mut held: HashMap<(String, usize), usize> = HashMap::new();
    let mut seats = 0;
    for (p, panel) in study.panels.iter().enumerate() {
        for (k, participant) in panel.participants.iter().enumerate() {
            seats += 1;
            let role = participant.role.trim().to_lowercase();
            let person = match (role.as_str(), panel.region) {
                ("camat" | "sekcam", r) => match kecamatan_of(r) {
                    Some(kc) => Person::Office(role, RegionRef::Kecamatan(kc)),
                    None => Person::Seat(p, k),
                },
                ("lurah" | "lpm" | "kasi_pemmas", RegionRef::Kelurahan(i)) => {
                    let kc = study.regions.kelurahan[i].kecamatan;
                    let person = Person::Office(role.clone(), RegionRef::Kelurahan(i));
                    if !seen.contains(&person) {
                        *held.entry((role, kc)).or_default() += 1;
                    }
                    person
                }
                ("lurah" | "lpm" | "kasi_pemmas", RegionRef::Kecamatan(kc)) => {
                    *at_kecamatan.entry((role, kc)).or_default() += 1;
                    continue;
                }
                _ => Person::Seat(p, k),
            };
            seen.insert(person);
        }
    }
    // A kelurahan office at a kecamatan FGD is one of that kecamatan's office holders already
    // counted; only seats beyond their number are new people.
    let mut count = seen.len();
    for (key, n) in at_kecamatan {
        count += n.saturating_sub(held.get(&key).copied().unwrap_or(0));
    }
    People { count, seats }
}
