//! FGD pairwise judgments, in two layouts:
//!
//! * **long** (the default): `panel,participant,role,criterion_a,criterion_b,value
//!   [,participant_weight]`, one row per participant per pair; `value` says how much more
//!   important `criterion_a` is than `criterion_b` on Saaty's scale ("3", "1/5" and non-Saaty
//!   values like "0.6" are all valid);
//! * **wide** (`layout = "wide"`), as survey tools export a questionnaire:
//!   `panel,participant,role[,participant_weight],<a> vs <b>,...`, one row per participant,
//!   one column per pair (criterion ids or names; a Google Forms grid header
//!   `Question [a vs b]` works too), values on the signed questionnaire scale: `v ≥ 1` means
//!   `a` is v times as important as `b`, `v ≤ -1` means `b` is |v| times as important as
//!   `a`, 1 and -1 both mean equal; a Saaty fraction (`1/5`) is also read as `a_ab`.
//!
//! A blank value is a skipped pair: refused, naming it, or completed, as the study's
//! `[method] missing_judgments` says ([`MissingJudgments`]).

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Collector, Diagnostic, InputError, Quoted};
use super::table::Table;
use crate::ahp::{PairwiseMatrix, complete, complete_harker};
use crate::model::{
    CriteriaSet, FilledJudgment, MissingJudgments, Panel, Participant, RegionIndex, RegionRef,
    Regions, fold_name,
};
use crate::prec;

/// How a judgments table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JudgmentLayout {
    /// One row per participant per pair, `criterion_a,criterion_b,value` (Saaty's scale).
    #[default]
    Long,
    /// One row per participant, one `<a> vs <b>` column per pair (the signed scale).
    Wide,
}

/// The separators of a wide header's two criteria, tried in order (matched ignoring case).
const PAIR_SEPARATORS: [&str; 3] = [" vs. ", " vs ", " versus "];

/// Splits a wide-layout header into its two criteria: `kerja vs modal`, or the part in
/// brackets of a survey tool's grid question, `Mana lebih penting? [kerja vs modal]`.
pub fn split_pair(header: &str) -> Option<(&str, &str)> {
    let inner = match (header.rfind('['), header.strip_suffix(']')) {
        (Some(open), Some(_)) => &header[open + 1..header.len() - 1],
        _ => header,
    };
    let lower = inner.to_ascii_lowercase();
    PAIR_SEPARATORS.iter().find_map(|sep| {
        let at = lower.find(sep)?;
        let (a, b) = (inner[..at].trim(), inner[at + sep.len()..].trim());
        (!a.is_empty() && !b.is_empty()).then_some((a, b))
    })
}

/// A criterion of `set` by id (exactly, then ignoring case) or by its Indonesian or English
/// name (ignoring case, spaces and punctuation).
pub fn find_criterion(set: &CriteriaSet, text: &str) -> Option<usize> {
    if let Some(i) = set.index(text) {
        return Some(i);
    }
    let folded = fold_name(text);
    set.criteria.iter().position(|c| {
        c.id.eq_ignore_ascii_case(text)
            || (!folded.is_empty()
                && (fold_name(&c.name_id) == folded || fold_name(&c.name_en) == folded))
    })
}

struct Pending {
    /// Index of the table the participant first appears in.
    table: usize,
    id: String,
    role: String,
    weight: f64,
    line: usize,
    /// (criterion_i, criterion_j) with i < j in set order -> (a_ij, line)
    pairs: HashMap<(usize, usize), (f64, usize)>,
    /// Pairs whose row had a bad value: already reported, so not reported again as missing.
    reported: Vec<(usize, usize)>,
    /// Pairs left blank, with the blank cell (table, row, column), so a refusal points at it.
    blank: HashMap<(usize, usize), (usize, usize, usize)>,
}

/// The columns every layout has.
struct PersonColumns {
    panel: usize,
    participant: usize,
    role: usize,
    weight: Option<usize>,
}

/// One judgment as read, before it is checked: the criteria (and where they were named, for
/// messages about them), and the value's cell.
struct Judgment<'r> {
    a: usize,
    b: usize,
    /// The cell naming the pair: the row's criterion_b cell (long) or the header cell (wide).
    pair_at: (usize, usize),
    line: usize,
    col: usize,
    text: &'r str,
    signed: bool,
}

struct JudgmentReader<'a> {
    tables: &'a [Table],
    /// The table being read.
    t: usize,
    regions: &'a Regions,
    sets: &'a [&'a CriteriaSet],
    level_of_panel: &'a dyn Fn(RegionRef) -> Option<usize>,
    index: RegionIndex,
    errs: Collector,
    /// Panels in order of first appearance; participants likewise.
    panels: Vec<(RegionRef, usize, Vec<Pending>)>,
    panel_of: HashMap<RegionRef, usize>,
    unused: Vec<String>,
    unused_seen: HashSet<String>,
}

/// Reads the judgments and builds each participant's matrices. `level_of_panel` says which
/// level's criteria a panel judges (None: the panel is not used, its rows are skipped with a
/// warning); `sets` are the levels' criteria sets; `missing` says what happens to skipped
/// pairs.
///
/// # Errors
/// Every problem: unknown panels or criteria, a pair across hierarchy nodes, zero, negative
/// or non-numeric values, duplicate or contradictory pairs, and missing pairs (named, and
/// located at the blank cell when there is one) or, when completing, answers that do not link
/// every criterion (naming the pairs that would).
pub fn read_judgments(
    tables: &[Table],
    layout: JudgmentLayout,
    regions: &Regions,
    sets: &[&CriteriaSet],
    level_of_panel: &dyn Fn(RegionRef) -> Option<usize>,
    missing: MissingJudgments,
    warnings: &mut Vec<String>,
) -> Result<Vec<Panel>, InputError> {
    let mut reader = JudgmentReader {
        tables,
        t: 0,
        regions,
        sets,
        level_of_panel,
        index: RegionIndex::new(regions),
        errs: Collector::default(),
        panels: Vec::new(),
        panel_of: HashMap::new(),
        unused: Vec::new(),
        unused_seen: HashSet::new(),
    };
    let mut skipped = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        reader.t = t;
        // Among several sheets (a questionnaire workbook), one without a panel column is
        // instructions or workings, not answers.
        if tables.len() > 1 && table.column("panel").is_none() {
            skipped.push(table.place());
            continue;
        }
        let read = match layout {
            JudgmentLayout::Long => reader.read_long(),
            JudgmentLayout::Wide => reader.read_wide(warnings),
        };
        if let Err(e) = read {
            reader.errs.extend(e);
        }
    }
    if !skipped.is_empty() {
        warnings.push(format!(
            "sheets without a panel column, read as notes rather than judgments: {}",
            skipped.join(", ")
        ));
    }
    for code in &reader.unused {
        warnings.push(format!(
            "panel {} is not used by any level of the study; its judgments were skipped",
            Quoted::bare(code)
        ));
    }
    reader.finish(missing)
}

impl<'a> JudgmentReader<'a> {
    /// The table being read.
    fn table(&self) -> &'a Table {
        let tables = self.tables;
        &tables[self.t]
    }

    fn read_long(&mut self) -> Result<(), InputError> {
        let table = self.table();
        let cols = table.require(&[
            "panel",
            "participant",
            "role",
            "criterion_a",
            "criterion_b",
            "value",
        ])?;
        let person = PersonColumns {
            panel: cols[0],
            participant: cols[1],
            role: cols[2],
            weight: table.column("participant_weight"),
        };
        for (line, row) in &table.rows {
            let line = *line;
            let Some((pi, part, level)) = self.participant(line, row, &person) else {
                continue;
            };
            let set = self.sets[level];
            let find = |c: usize| {
                let id = &row[cols[c]];
                find_criterion(set, id)
                    .ok_or_else(|| table.cell_error(line, cols[c], unknown_criterion(set, id)))
            };
            let (a, b) = match (find(3), find(4)) {
                (Ok(a), Ok(b)) => (a, b),
                (ea, eb) => {
                    for e in [ea.err(), eb.err()].into_iter().flatten() {
                        self.errs.push(e);
                    }
                    continue;
                }
            };
            self.judge(
                pi,
                part,
                level,
                Judgment {
                    a,
                    b,
                    pair_at: (line, cols[4]),
                    line,
                    col: cols[5],
                    text: &row[cols[5]],
                    signed: false,
                },
            );
        }
        Ok(())
    }

    fn read_wide(&mut self, warnings: &mut Vec<String>) -> Result<(), InputError> {
        let table = self.table();
        let cols = table.require(&["panel", "participant", "role"])?;
        let person = PersonColumns {
            panel: cols[0],
            participant: cols[1],
            role: cols[2],
            weight: table.column("participant_weight"),
        };
        let mut pair_cols = Vec::new();
        let mut ignored = Vec::new();
        for (j, h) in table.headers.iter().enumerate() {
            if cols.contains(&j) || Some(j) == person.weight {
                continue;
            }
            match split_pair(h) {
                Some(names) => pair_cols.push((j, names)),
                None if h.is_empty() => {}
                None => ignored.push(Quoted::single(h).to_string()),
            }
        }
        if pair_cols.is_empty() {
            return Err(InputError::one(table.line_error(
                table.header_line,
                "no pair columns in the header: the wide layout needs one column per pair, headed '<criterion a> vs <criterion b>' (ids or names), e.g. 'sumber_daya_lokal vs kekhasan_daerah'",
            )));
        }
        if !ignored.is_empty() {
            warnings.push(format!(
                "{}: columns ignored (not panel, participant, role, participant_weight or '<a> vs <b>'): {}",
                table.place(),
                ignored.join(", ")
            ));
        }
        // Each pair column resolved once per criteria set; an unknown name is reported once
        // per column and set, at the first answer that needs it.
        let mut resolved: HashMap<(usize, usize), Result<(usize, usize), String>> = HashMap::new();
        let mut reported: HashSet<(usize, usize)> = HashSet::new();
        for (line, row) in &table.rows {
            let line = *line;
            let Some((pi, part, level)) = self.participant(line, row, &person) else {
                continue;
            };
            let set = self.sets[level];
            for &(j, (a_name, b_name)) in &pair_cols {
                let pair = resolved.entry((j, level)).or_insert_with(|| {
                    match (find_criterion(set, a_name), find_criterion(set, b_name)) {
                        (Some(a), Some(b)) => Ok((a, b)),
                        (None, _) => Err(unknown_criterion(set, a_name)),
                        (_, None) => Err(unknown_criterion(set, b_name)),
                    }
                });
                match pair {
                    Ok((a, b)) => {
                        let (a, b) = (*a, *b);
                        self.judge(
                            pi,
                            part,
                            level,
                            Judgment {
                                a,
                                b,
                                pair_at: (table.header_line, j),
                                line,
                                col: j,
                                text: &row[j],
                                signed: true,
                            },
                        );
                    }
                    Err(m) => {
                        if !row[j].is_empty() && reported.insert((j, level)) {
                            let m = format!("{m} (in the header of this column)");
                            self.errs.push(table.cell_error(line, j, m));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The panel and participant of a row (created on first sight), with the level whose
    /// criteria the panel judges; None when the row cannot be used (reported, or a panel no
    /// level uses).
    fn participant(
        &mut self,
        line: usize,
        row: &csv::StringRecord,
        person: &PersonColumns,
    ) -> Option<(usize, usize, usize)> {
        let table = self.table();
        let regions = self.regions;
        let code = &row[person.panel];
        let Some(region) = self.index.panel_region(code) else {
            self.errs.push(table.cell_error(
                line,
                person.panel,
                format!(
                    "unknown panel {}: use the Kemendagri code of a kelurahan ({}), a kecamatan ({}) or the city ({})",
                    Quoted::double(code), regions.kelurahan[0].code, regions.kecamatan[0].code, regions.code
                ),
            ));
            return None;
        };
        let Some(level) = (self.level_of_panel)(region) else {
            if self.unused_seen.insert(code.to_string()) {
                self.unused.push(code.to_string());
            }
            return None;
        };
        let panels = &mut self.panels;
        let pi = *self.panel_of.entry(region).or_insert_with(|| {
            panels.push((region, level, Vec::new()));
            panels.len() - 1
        });
        let participant_id = &row[person.participant];
        if participant_id.is_empty() {
            self.errs.push(table.cell_error(
                line,
                person.participant,
                "empty participant: name or number each participant",
            ));
            return None;
        }
        let weight = match person.weight {
            None => 1.0,
            Some(c) if row[c].is_empty() => 1.0,
            Some(c) => match table.number(line, c, &row[c]) {
                Ok(w) if w > 0.0 => w,
                Ok(w) => {
                    self.errs.push(table.cell_error(
                        line,
                        c,
                        format!("participant weight {w} must be positive"),
                    ));
                    return None;
                }
                Err(d) => {
                    self.errs.push(d);
                    return None;
                }
            },
        };
        let role = &row[person.role];
        let participants = &mut self.panels[pi].2;
        let part = match participants.iter().position(|p| p.id == participant_id) {
            Some(i) => {
                let p = &participants[i];
                if p.role != role {
                    self.errs.push(table.cell_error(
                        line,
                        person.role,
                        format!(
                            "participant {} has role {} on line {}; one participant, one role",
                            Quoted::bare(participant_id),
                            Quoted::double(&p.role),
                            p.line
                        ),
                    ));
                }
                if (p.weight - weight).abs() > 1e-12 {
                    self.errs.push(table.line_error(
                        line,
                        format!(
                            "participant {} has another weight on line {}",
                            Quoted::bare(participant_id),
                            p.line
                        ),
                    ));
                }
                i
            }
            None => {
                participants.push(Pending {
                    table: self.t,
                    id: participant_id.to_string(),
                    role: role.to_string(),
                    weight,
                    line,
                    pairs: HashMap::new(),
                    reported: Vec::new(),
                    blank: HashMap::new(),
                });
                participants.len() - 1
            }
        };
        Some((pi, part, level))
    }

    /// Checks one judgment and records it for its participant.
    fn judge(&mut self, pi: usize, part: usize, level: usize, j: Judgment<'_>) {
        let table = self.table();
        let set = self.sets[level];
        let (a, b) = (j.a, j.b);
        if a == b {
            self.errs.push(table.cell_error(
                j.pair_at.0,
                j.pair_at.1,
                "a criterion compared with itself: remove it (the diagonal is always 1)",
            ));
            return;
        }
        if set.node_of(a) != set.node_of(b) {
            self.errs.push(table.cell_error(
                j.pair_at.0,
                j.pair_at.1,
                format!(
                    "\"{}\" and \"{}\" have different parents, so they are not compared with each other; compare criteria under the same parent",
                    set.criteria[a].id, set.criteria[b].id
                ),
            ));
            return;
        }
        let ordered = (a.min(b), a.max(b));
        let p = &mut self.panels[pi].2[part];
        let value = match judgment_value(table, j.line, j.col, j.text, j.signed) {
            Ok(Some(v)) => v,
            Ok(None) => {
                p.blank.entry(ordered).or_insert((self.t, j.line, j.col));
                return;
            }
            Err(d) => {
                p.reported.push(ordered);
                self.errs.push(d);
                return;
            }
        };
        let (key, a_ij) = if a < b {
            ((a, b), value)
        } else {
            ((b, a), 1.0 / value)
        };
        match p.pairs.get(&key) {
            Some(&(prev, prev_line)) => {
                if (prev * (1.0 / a_ij) - 1.0).abs() > prec::RECIPROCAL {
                    self.errs.push(table.cell_error(
                        j.line,
                        j.col,
                        format!(
                            "participant {} already judged {} vs {} on line {prev_line}, and this value contradicts it (not reciprocal); keep one answer per pair",
                            Quoted::bare(&p.id),
                            set.criteria[key.0].id, set.criteria[key.1].id
                        ),
                    ));
                } else if a < b || j.signed {
                    self.errs.push(table.cell_error(
                        j.pair_at.0,
                        j.pair_at.1,
                        format!("duplicate judgment of {} vs {} (first on line {prev_line}); keep one answer per pair", set.criteria[a].id, set.criteria[b].id),
                    ));
                }
            }
            None => {
                p.pairs.insert(key, (a_ij, j.line));
            }
        }
    }

    /// Every participant's matrices, complete or completed as `missing` says.
    fn finish(mut self, missing: MissingJudgments) -> Result<Vec<Panel>, InputError> {
        let mut out = Vec::with_capacity(self.panels.len());
        for (region, level, pending) in std::mem::take(&mut self.panels) {
            let set = self.sets[level];
            let who = |p: &Pending| {
                format!(
                    "panel {} participant {}",
                    self.regions.code_of(region),
                    Quoted::bare(&p.id)
                )
            };
            let mut participants = Vec::with_capacity(pending.len());
            for p in pending {
                let mut matrices = Vec::with_capacity(set.nodes.len());
                let mut completed = Vec::new();
                let mut ok = true;
                for (node_index, node) in set.nodes.iter().enumerate() {
                    let ch = &node.children;
                    let mut known = Vec::new();
                    let mut gaps = Vec::new();
                    let mut bad = false;
                    for x in 0..ch.len() {
                        for y in x + 1..ch.len() {
                            let key = (ch[x], ch[y]);
                            match p.pairs.get(&key) {
                                Some(&(v, _)) => known.push((x, y, v)),
                                None if p.reported.contains(&key) => bad = true,
                                None => gaps.push((x, y)),
                            }
                        }
                    }
                    if bad {
                        ok = false;
                        continue;
                    }
                    let built = if gaps.is_empty() {
                        PairwiseMatrix::from_upper(ch.len(), |x, y| p.pairs[&(ch[x], ch[y])].0)
                    } else if missing == MissingJudgments::Refuse {
                        ok = false;
                        for &(x, y) in &gaps {
                            let (a, b) = (&set.criteria[ch[x]].id, &set.criteria[ch[y]].id);
                            let advice = "; or set missing_judgments = \"complete\" under [method] in the study file to fill skipped pairs from the participant's other answers";
                            self.errs.push(match p.blank.get(&(ch[x], ch[y])) {
                                Some(&(t, line, col)) => self.tables[t].cell_error(
                                    line,
                                    col,
                                    format!("{}: no judgment of {a} vs {b} (the cell is empty); fill it in{advice}", who(&p)),
                                ),
                                None => self.tables[p.table].table_error(format!(
                                    "{}: no judgment of {a} vs {b}; add a row for this pair{advice}",
                                    who(&p)
                                )),
                            });
                        }
                        continue;
                    } else if let Some(link) = missing_link(ch.len(), &known) {
                        ok = false;
                        let names = |side: &[usize]| {
                            side.iter()
                                .map(|&x| set.criteria[ch[x]].id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        let across: Vec<String> = link
                            .0
                            .iter()
                            .flat_map(|&x| link.1.iter().map(move |&y| (x, y)))
                            .take(3)
                            .map(|(x, y)| {
                                format!("{} vs {}", set.criteria[ch[x]].id, set.criteria[ch[y]].id)
                            })
                            .collect();
                        self.errs.push(self.tables[p.table].line_error(
                            p.line,
                            format!(
                                "{}: the answers do not link {{{}}} with {{{}}}, so the skipped pairs cannot be completed; answer at least one pair across, e.g. {}",
                                who(&p),
                                names(&link.0),
                                names(&link.1),
                                across.join(" or ")
                            ),
                        ));
                        continue;
                    } else {
                        let result = match missing {
                            MissingJudgments::Harker => complete_harker(ch.len(), &known),
                            _ => complete(ch.len(), &known),
                        };
                        if let Ok(m) = &result {
                            for &(x, y) in &gaps {
                                completed.push(FilledJudgment {
                                    node: node_index,
                                    a: ch[x],
                                    b: ch[y],
                                    value: m.get(x, y),
                                });
                            }
                        }
                        result
                    };
                    match built {
                        Ok(m) => matrices.push(m),
                        Err(e) => {
                            ok = false;
                            self.errs.push(
                                self.tables[p.table]
                                    .line_error(p.line, format!("{}: {e}", who(&p))),
                            );
                        }
                    }
                }
                if ok {
                    participants.push(Participant {
                        id: p.id,
                        role: p.role,
                        weight: p.weight,
                        matrices,
                        completed,
                    });
                }
            }
            out.push(Panel {
                region,
                level,
                participants,
            });
        }
        self.errs.finish(out)
    }
}

/// When the known pairs `(x, y, _)` of an `n`-criteria matrix do not link every criterion:
/// the criteria linked with the first one, and the others.
fn missing_link(n: usize, known: &[(usize, usize, f64)]) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut linked = vec![false; n];
    linked[0] = true;
    let mut stack = vec![0];
    while let Some(i) = stack.pop() {
        for &(x, y, _) in known {
            for (from, to) in [(x, y), (y, x)] {
                if from == i && !linked[to] {
                    linked[to] = true;
                    stack.push(to);
                }
            }
        }
    }
    let (inside, outside): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| linked[i]);
    (!outside.is_empty()).then_some((inside, outside))
}

/// "unknown criterion ..." with the ids a set has.
fn unknown_criterion(set: &CriteriaSet, text: &str) -> String {
    format!(
        "unknown criterion {} for criteria set '{}': expected one of {} (an id, or the criterion's name)",
        Quoted::double(text),
        set.id,
        set.criteria
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A judgment's value as `a_ab` (None for a blank cell): Saaty's scale, or in the wide layout
/// the signed questionnaire scale. Either way it must lie within 1/9 to 9.
///
/// # Errors
/// A located problem saying what was found and what the scale is.
fn judgment_value(
    table: &Table,
    line: usize,
    col: usize,
    text: &str,
    signed: bool,
) -> Result<Option<f64>, Diagnostic> {
    let typed = table
        .sheet
        .as_ref()
        .is_some_and(|s| s.typed.contains_key(&(line, col)));
    if text.is_empty() && !typed {
        return Ok(None);
    }
    let v = table.number(line, col, text)?;
    // On the signed scale a positive value is a_ab as on Saaty's (v ≥ 1, or a fraction such
    // as 1/5 typed by someone who knows the matrix form); v ≤ -1 is b's side.
    let value = if !signed || v > 0.0 {
        v
    } else if v <= -1.0 {
        1.0 / -v
    } else {
        return Err(table.cell_error(
            line,
            col,
            format!(
                "{v} is not on the questionnaire scale: write 1 to 9 when the criterion on the left of 'vs' is more important, -1 to -9 when the one on the right is (1 or -1: equally important)"
            ),
        ));
    };
    // Saaty's scale, with room for rounding of typed reciprocals (0.111 for 1/9).
    if (1.0 / 9.0 - 1e-3..=9.0 + 1e-9).contains(&value) {
        Ok(Some(value))
    } else if value > 0.0 {
        let shown = if signed { v } else { value };
        Err(table.cell_error(
            line,
            col,
            format!("judgment {shown} is outside Saaty's scale 1/9 to 9: check for a typo (e.g. 33 for 3)"),
        ))
    } else {
        Err(table.cell_error(
            line,
            col,
            format!("judgment {value} must be positive: Saaty's scale runs from 1/9 to 9 (1 = equally important)"),
        ))
    }
}

/// Writes judgments in the other layout (`unggul convert`): `to` is the layout written. Rows
/// are read with [`read_judgments`]'s checks relaxed to what a conversion needs: criteria are
/// written by id, values as given (a long value `a_ab` ≥ 1 stays `a_ab`, one below 1 becomes
/// `-1/a_ab` in the wide layout, rounded to 12 significant digits only to drop float noise
/// such as 4.999999999999999 from 1/0.2).
pub fn convert_layout(
    panels: &[Panel],
    sets: &[&CriteriaSet],
    regions: &Regions,
    to: JudgmentLayout,
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    // Every pair any set compares, in set order, for the wide header.
    let pairs_of = |set: &CriteriaSet| -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        for (k, node) in set.nodes.iter().enumerate() {
            let ch = &node.children;
            for x in 0..ch.len() {
                for y in x + 1..ch.len() {
                    v.push((k, x, y));
                }
            }
        }
        v
    };
    let weighted = panels
        .iter()
        .flat_map(|p| &p.participants)
        .any(|p| (p.weight - 1.0).abs() > 1e-12);
    match to {
        JudgmentLayout::Long => {
            let mut header: Vec<String> = [
                "panel",
                "participant",
                "role",
                "criterion_a",
                "criterion_b",
                "value",
            ]
            .map(String::from)
            .to_vec();
            if weighted {
                header.push("participant_weight".into());
            }
            rows.push(header);
            for panel in panels {
                let set = sets[panel.level];
                for p in &panel.participants {
                    for (k, x, y) in pairs_of(set) {
                        let ch = &set.nodes[k].children;
                        if p.completed
                            .iter()
                            .any(|f| f.node == k && f.a == ch[x] && f.b == ch[y])
                        {
                            continue; // skipped by the participant: stays skipped
                        }
                        let mut row = vec![
                            regions.code_of(panel.region).to_string(),
                            p.id.clone(),
                            p.role.clone(),
                            set.criteria[ch[x]].id.clone(),
                            set.criteria[ch[y]].id.clone(),
                            saaty_text(p.matrices[k].get(x, y)),
                        ];
                        if weighted {
                            row.push(number_text(p.weight));
                        }
                        rows.push(row);
                    }
                }
            }
        }
        JudgmentLayout::Wide => {
            let mut header: Vec<String> =
                ["panel", "participant", "role"].map(String::from).to_vec();
            if weighted {
                header.push("participant_weight".into());
            }
            // One column per pair of every set used, by id; a pair two sets share is one column.
            let mut columns: Vec<(String, String)> = Vec::new();
            let mut used_levels: Vec<usize> = panels.iter().map(|p| p.level).collect();
            used_levels.sort_unstable();
            used_levels.dedup();
            for &l in &used_levels {
                let set = sets[l];
                for (k, x, y) in pairs_of(set) {
                    let ch = &set.nodes[k].children;
                    let pair = (
                        set.criteria[ch[x]].id.clone(),
                        set.criteria[ch[y]].id.clone(),
                    );
                    if !columns.contains(&pair) {
                        columns.push(pair);
                    }
                }
            }
            header.extend(columns.iter().map(|(a, b)| format!("{a} vs {b}")));
            rows.push(header);
            for panel in panels {
                let set = sets[panel.level];
                for p in &panel.participants {
                    let mut row = vec![
                        regions.code_of(panel.region).to_string(),
                        p.id.clone(),
                        p.role.clone(),
                    ];
                    if weighted {
                        row.push(number_text(p.weight));
                    }
                    for (a, b) in &columns {
                        let cell = (|| {
                            let (ia, ib) = (set.index(a)?, set.index(b)?);
                            let k = set.node_of(ia);
                            let ch = &set.nodes[k].children;
                            let x = ch.iter().position(|&c| c == ia)?;
                            let y = ch.iter().position(|&c| c == ib)?;
                            if p.completed
                                .iter()
                                .any(|f| f.node == k && f.a == ia && f.b == ib)
                            {
                                return None;
                            }
                            Some(signed_text(p.matrices[k].get(x, y)))
                        })();
                        row.push(cell.unwrap_or_default());
                    }
                    rows.push(row);
                }
            }
        }
    }
    rows
}

/// A judgment `a_ab` as Saaty's scale writes it: `3`, `1/5`, or a decimal for other values.
fn saaty_text(v: f64) -> String {
    if v >= 1.0 {
        number_text(v)
    } else {
        let inv = round12(1.0 / v);
        if (inv - inv.round()).abs() < f64::EPSILON * inv {
            format!("1/{inv}")
        } else {
            number_text(v)
        }
    }
}

/// A judgment `a_ab` on the signed questionnaire scale: `3`, or `-5` for 1/5.
fn signed_text(v: f64) -> String {
    if v >= 1.0 {
        number_text(v)
    } else {
        number_text(-round12(1.0 / v))
    }
}

fn round12(v: f64) -> f64 {
    format!("{v:.12e}").parse().unwrap_or(v)
}

fn number_text(v: f64) -> String {
    format!("{}", round12(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_headers() {
        assert_eq!(split_pair("kerja vs modal"), Some(("kerja", "modal")));
        assert_eq!(
            split_pair("Tenaga Kerja VS Modal Usaha"),
            Some(("Tenaga Kerja", "Modal Usaha"))
        );
        assert_eq!(
            split_pair("Mana yang lebih penting? [kerja vs. modal]"),
            Some(("kerja", "modal"))
        );
        assert_eq!(split_pair("Timestamp"), None);
        assert_eq!(split_pair(" vs modal"), None);
    }

    #[test]
    fn judgment_texts() {
        assert_eq!(saaty_text(3.0), "3");
        assert_eq!(saaty_text(0.2), "1/5");
        assert_eq!(saaty_text(0.6), "0.6");
        assert_eq!(signed_text(0.2), "-5");
        assert_eq!(signed_text(1.0), "1");
        assert_eq!(signed_text(1.0 / 3.0), "-3");
    }
}

#[cfg(test)]
mod properties {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::input::criteria::read_criteria;
    use crate::input::regions::read_regions;
    use crate::input::table::{parse_table, read_table};

    /// Cells a hostile or careless export could hold: valid codes, ids and names, answers on
    /// both scales, fractions, blanks, and junk.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("35.74.01.1001".to_string()),
            Just("35.74.01".to_string()),
            Just("P01".to_string()),
            Just("sumber_daya_lokal".to_string()),
            Just("Kekhasan daerah".to_string()),
            Just("lapangan_kerja".to_string()),
            Just(String::new()),
            (-12i32..12).prop_map(|v| v.to_string()),
            (1u32..12).prop_map(|v| format!("1/{v}")),
            "[a-z0-9./ -]{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// No panic, whatever the table, in either layout; every problem names the file.
        #[test]
        fn any_table_gives_panels_or_located_problems(
            header in prop::collection::vec(prop_oneof![
                Just("panel".to_string()), Just("participant".to_string()),
                Just("role".to_string()), Just("criterion_a".to_string()),
                Just("criterion_b".to_string()), Just("value".to_string()),
                Just("participant_weight".to_string()),
                Just("sumber_daya_lokal vs lapangan_kerja".to_string()),
                Just("Kekhasan daerah vs Sumber daya lokal".to_string()),
                Just("daya_saing vs daya_saing".to_string()),
                "[a-z ]{0,6}",
            ], 1..9),
            rows in prop::collection::vec(prop::collection::vec(cell(), 9), 0..12),
            wide in any::<bool>(),
            missing in prop_oneof![
                Just(MissingJudgments::Refuse), Just(MissingJudgments::Complete),
                Just(MissingJudgments::Harker)
            ],
        ) {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let regions = read_regions(
                &read_table(&root.join("datasets/probolinggo/wilayah.csv")).unwrap(),
                "35.74",
                "Kota Probolinggo",
            )
            .unwrap();
            let (set, _) = read_criteria(&root.join("criteria/probolinggo-fgd-2021.toml")).unwrap();
            let mut text = header.join(",");
            for r in &rows {
                text.push('\n');
                text.push_str(&r[..header.len()].join(","));
            }
            let path = Path::new("j.csv");
            let Ok(table) = parse_table(path, text.as_bytes()) else { return Ok(()); };
            let layout = if wide { JudgmentLayout::Wide } else { JudgmentLayout::Long };
            let level = |_: RegionRef| Some(0);
            let mut warnings = Vec::new();
            if let Err(e) = read_judgments(
                &[table], layout, &regions, &[&set], &level, missing, &mut warnings,
            ) {
                prop_assert!(!e.diagnostics.is_empty());
                for d in &e.diagnostics {
                    prop_assert_eq!(&d.file, path);
                }
            }
        }
    }
}
