//! The result tables as CSV (UTF-8, comma-separated, full-precision numbers).
//! Column meanings are documented in the README ("Outputs").

use std::io::Write;

use crate::ahp::Priorities;
use crate::model::{Level, RegionRef, Study};
use crate::select::Group;
use crate::weights::{LevelWeights, PanelWeights, WeightOrigin};

/// Makes a text cell inert in spreadsheets: a leading `=`, `+`, `-`, `@`, tab or carriage
/// return would start a formula, so such cells get a leading apostrophe.
pub fn inert(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Full-precision, locale-independent number text (shortest round-trip form).
pub fn number(x: f64) -> String {
    format!("{x}")
}

fn opt(x: Option<f64>) -> String {
    x.map(number).unwrap_or_default()
}

/// A CSV table written row by row into a writer (a file, a Parquet converter, memory), so
/// that no table is ever held whole.
///
/// A failed write is kept and returned by [`Csv::finish`]; rows after it are dropped, so the
/// table builders read as plain loops.
pub struct Csv<'w> {
    writer: csv::Writer<&'w mut dyn Write>,
    rows: usize,
    error: Option<std::io::Error>,
}

impl<'w> Csv<'w> {
    /// Starts a table with a header.
    pub fn new(out: &'w mut dyn Write, header: &[&str]) -> Self {
        let mut t = Self {
            writer: csv::WriterBuilder::new()
                .buffer_capacity(1 << 16)
                .from_writer(out),
            rows: 0,
            error: None,
        };
        t.record(header);
        t
    }

    fn record<I: IntoIterator<Item = T>, T: AsRef<[u8]>>(&mut self, fields: I) {
        if self.error.is_none()
            && let Err(e) = self.writer.write_record(fields)
        {
            self.error = Some(e.into());
        }
    }

    /// Adds a row.
    pub fn row<I: IntoIterator<Item = String>>(&mut self, fields: I) {
        self.record(fields);
        self.rows += 1;
    }

    /// Flushes the table and returns its number of rows (the header not counted).
    ///
    /// # Errors
    /// A write failed.
    pub fn finish(mut self) -> std::io::Result<usize> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.writer.flush()?;
        Ok(self.rows)
    }
}

/// Name of a hierarchy node: `goal` for the root, else the parent criterion's id.
pub fn node_name(study: &Study, level_index: usize, node: usize) -> String {
    let set = &study.levels[level_index].criteria;
    set.nodes[node]
        .criterion
        .map_or_else(|| "goal".to_string(), |c| set.criteria[c].id.clone())
}

/// `weights.csv`: one row per panel (or explicit/equal source) and criterion.
pub fn weights_table(
    study: &Study,
    panels: &[PanelWeights],
    levels: &[LevelWeights],
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut t = Csv::new(
        out,
        &[
            "level",
            "source",
            "panel_code",
            "panel_name",
            "criterion",
            "parent",
            "local_weight",
            "global_weight",
            "method",
            "aggregation",
        ],
    );
    let m = &study.method;
    for pw in panels {
        let panel = &study.panels[pw.panel];
        let set = &study.levels[panel.level].criteria;
        for (c, crit) in set.criteria.iter().enumerate() {
            let global = set
                .leaves
                .iter()
                .position(|&l| l == c)
                .map(|k| pw.weights[k]);
            let parent_weight = crit.parent.map(|p| pw.local[p]);
            let global = global.or(if set.leaves.contains(&c) {
                None
            } else {
                Some(pw.local[c] * parent_weight.unwrap_or(1.0))
            });
            t.row([
                study.levels[panel.level].level.id().to_string(),
                "panel".into(),
                study.regions.code_of(panel.region).to_string(),
                inert(study.regions.name_of(panel.region)),
                crit.id.clone(),
                crit.parent
                    .map(|p| set.criteria[p].id.clone())
                    .unwrap_or_default(),
                number(pw.local[c]),
                opt(global),
                m.ahp_method.to_string(),
                m.aggregation.to_string(),
            ]);
        }
    }
    // Levels whose weights do not come from panels: one block per level.
    for (spec, lw) in study.levels.iter().zip(levels) {
        let Some((weights, origin)) = &lw.fixed else {
            continue;
        };
        let source = origin_text(study, origin);
        for (k, &leaf) in spec.criteria.leaves.iter().enumerate() {
            t.row([
                spec.level.id().to_string(),
                source.clone(),
                String::new(),
                String::new(),
                spec.criteria.criteria[leaf].id.clone(),
                String::new(),
                number(weights[k]),
                number(weights[k]),
                String::new(),
                String::new(),
            ]);
        }
    }
    t.finish()
}

fn priorities_fields(p: &Priorities, threshold: f64) -> [String; 7] {
    let consistent = p.cr.is_none_or(|cr| cr <= threshold);
    [
        p.weights.len().to_string(),
        number(p.lambda_max),
        number(p.ci),
        opt(p.ri),
        opt(p.cr),
        p.ri_table.to_string(),
        consistent.to_string(),
    ]
}

/// `consistency.csv`: every participant's and every panel's consistency per hierarchy node.
pub fn consistency_table(
    study: &Study,
    panels: &[PanelWeights],
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut t = Csv::new(
        out,
        &[
            "level",
            "panel_code",
            "panel_name",
            "participant",
            "role",
            "node",
            "n",
            "lambda_max",
            "ci",
            "ri",
            "cr",
            "ri_table",
            "consistent",
            "included",
            "method",
        ],
    );
    let m = &study.method;
    for pw in panels {
        let panel = &study.panels[pw.panel];
        let level = study.levels[panel.level].level.id();
        let code = study.regions.code_of(panel.region);
        let name = inert(study.regions.name_of(panel.region));
        for (p, r) in panel.participants.iter().zip(&pw.participants) {
            for (k, node) in r.nodes.iter().enumerate() {
                let mut row = vec![
                    level.to_string(),
                    code.to_string(),
                    name.clone(),
                    inert(&p.id),
                    inert(&p.role),
                    node_name(study, panel.level, k),
                ];
                row.extend(priorities_fields(node, m.consistency_threshold));
                row.push(r.included.to_string());
                row.push(m.ahp_method.to_string());
                t.row(row);
            }
        }
        for (k, node) in pw.group_nodes.iter().enumerate() {
            let mut row = vec![
                level.to_string(),
                code.to_string(),
                name.clone(),
                "(group)".into(),
                String::new(),
                node_name(study, panel.level, k),
            ];
            row.extend(priorities_fields(node, m.consistency_threshold));
            row.push(String::new());
            row.push(m.ahp_method.to_string());
            t.row(row);
        }
    }
    t.finish()
}

/// `revisit.csv`: for every inconsistent matrix, its judgments ranked by inconsistency, with
/// the value that would be consistent and the nearest Saaty value.
pub fn revisit_table(
    study: &Study,
    panels: &[PanelWeights],
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut t = Csv::new(
        out,
        &[
            "level",
            "panel_code",
            "panel_name",
            "participant",
            "role",
            "node",
            "rank",
            "criterion_a",
            "criterion_b",
            "given",
            "consistent_value",
            "suggested_saaty",
            "error_ratio",
        ],
    );
    for pw in panels {
        let panel = &study.panels[pw.panel];
        let set = &study.levels[panel.level].criteria;
        let level = study.levels[panel.level].level.id();
        let code = study.regions.code_of(panel.region);
        let name = inert(study.regions.name_of(panel.region));
        let who = panel
            .participants
            .iter()
            .zip(&pw.participants)
            .map(|(p, r)| (inert(&p.id), inert(&p.role), &r.revisit))
            .chain(std::iter::once((
                "(group)".to_string(),
                String::new(),
                &pw.revisit,
            )));
        for (id, role, revisit) in who {
            for (node, diags) in revisit {
                let children = &set.nodes[*node].children;
                for (rank, d) in diags.iter().enumerate() {
                    t.row([
                        level.to_string(),
                        code.to_string(),
                        name.clone(),
                        id.clone(),
                        role.clone(),
                        node_name(study, panel.level, *node),
                        (rank + 1).to_string(),
                        set.criteria[children[d.row]].id.clone(),
                        set.criteria[children[d.col]].id.clone(),
                        number(d.given),
                        number(d.consistent),
                        number(d.suggested_saaty),
                        number(d.error),
                    ]);
                }
            }
        }
    }
    t.finish()
}

/// Region columns of a group: kecamatan code and name, then (kelurahan level) kelurahan.
fn region_fields(study: &Study, region: RegionRef) -> Vec<String> {
    let r = &study.regions;
    match region {
        RegionRef::Kelurahan(k) => {
            let kec = &r.kecamatan[r.kelurahan[k].kecamatan];
            vec![
                kec.code.clone(),
                inert(&kec.name),
                r.kelurahan[k].code.clone(),
                inert(&r.kelurahan[k].name),
            ]
        }
        RegionRef::Kecamatan(c) => vec![r.kecamatan[c].code.clone(), inert(&r.kecamatan[c].name)],
        RegionRef::Kota => vec![r.code.clone(), inert(&r.name)],
    }
}

fn region_header(level: Level) -> Vec<&'static str> {
    match level {
        Level::Kelurahan => vec!["kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan"],
        Level::Kecamatan => vec!["kecamatan_code", "kecamatan"],
        Level::Kota => vec!["kota_code", "kota"],
    }
}

/// Status word of an entry.
pub fn status(selected: bool) -> &'static str {
    if selected {
        "unggulan"
    } else {
        "dipertimbangkan"
    }
}

/// `ranking_<level>.csv`: every candidate of every group with score, distances and status.
pub fn ranking_table(
    study: &Study,
    groups: &[&Group],
    level: Level,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut header = region_header(level);
    header.extend([
        "category",
        "rank",
        "id",
        "name",
        "product",
        "kelurahan_code",
        "score",
        "d_plus",
        "d_minus",
        "status",
        "tied",
        "weights_from",
    ]);
    // At kelurahan level the candidate's kelurahan is the group's: no second code column.
    let drop = if level == Level::Kelurahan {
        header.iter().rposition(|h| *h == "kelurahan_code")
    } else {
        None
    };
    if let Some(i) = drop {
        header.remove(i);
    }
    let mut t = Csv::new(out, &header);
    for g in groups {
        for &i in &g.order {
            let e = &g.entries[i];
            let c = &study.candidates.list[e.candidate];
            let mut row = region_fields(study, g.region);
            row.extend([
                study.categories[g.category].clone(),
                e.rank.to_string(),
                inert(&c.id),
                inert(&c.name),
                inert(&c.product),
                study.regions.kelurahan[c.kelurahan].code.clone(),
                number(e.score),
                opt(e.d_plus),
                opt(e.d_minus),
                status(e.selected).into(),
                e.tied.to_string(),
                origin_text(study, &g.origin),
            ]);
            if let Some(i) = drop {
                row.remove(i);
            }
            t.row(row);
        }
    }
    t.finish()
}

/// Where weights came from, as a short text.
pub fn origin_text(study: &Study, origin: &WeightOrigin) -> String {
    match origin {
        WeightOrigin::Panel(p) => {
            format!("panel {}", study.regions.code_of(study.panels[*p].region))
        }
        WeightOrigin::Explicit => "explicit".into(),
        WeightOrigin::Equal => "equal".into(),
        WeightOrigin::Objective(m) => m.id().into(),
    }
}

/// `unggulan_<level>.csv`: one row per group and winner; empty groups get one row saying so.
pub fn unggulan_table(
    study: &Study,
    groups: &[&Group],
    level: Level,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut header = region_header(level);
    header.extend([
        "category",
        "status",
        "id",
        "name",
        "product",
        "kelurahan_code",
        "score",
        "candidates",
        "tie_needs_decision",
    ]);
    // At kelurahan level the candidate's kelurahan is the group's: no second code column.
    let drop = if level == Level::Kelurahan {
        header.iter().rposition(|h| *h == "kelurahan_code")
    } else {
        None
    };
    if let Some(i) = drop {
        header.remove(i);
    }
    let mut t = Csv::new(out, &header);
    for g in groups {
        let mut any = false;
        for e in g.winners() {
            any = true;
            let c = &study.candidates.list[e.candidate];
            let mut row = region_fields(study, g.region);
            row.extend([
                study.categories[g.category].clone(),
                "unggulan".into(),
                inert(&c.id),
                inert(&c.name),
                inert(&c.product),
                study.regions.kelurahan[c.kelurahan].code.clone(),
                number(e.score),
                g.entries.len().to_string(),
                g.tie_at_cut.to_string(),
            ]);
            if let Some(i) = drop {
                row.remove(i);
            }
            t.row(row);
        }
        if !any {
            let mut row = region_fields(study, g.region);
            row.extend([
                study.categories[g.category].clone(),
                "kosong".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "0".into(),
                "false".into(),
            ]);
            if let Some(i) = drop {
                row.remove(i);
            }
            t.row(row);
        }
    }
    t.finish()
}
