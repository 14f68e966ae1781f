//! The result tables as CSV (UTF-8, comma-separated, full-precision numbers).
//! Column meanings are documented in the README ("Outputs").

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

/// A CSV table being built in memory.
pub struct Csv {
    writer: csv::Writer<Vec<u8>>,
}

impl Csv {
    /// Starts a table with a header.
    pub fn new(header: &[&str]) -> Self {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        writer
            .write_record(header)
            .expect("writing to memory cannot fail");
        Self { writer }
    }

    /// Adds a row.
    pub fn row<I: IntoIterator<Item = String>>(&mut self, fields: I) {
        let fields: Vec<String> = fields.into_iter().collect();
        self.writer
            .write_record(&fields)
            .expect("writing to memory cannot fail");
    }

    /// The CSV bytes.
    pub fn finish(self) -> Vec<u8> {
        self.writer
            .into_inner()
            .expect("writing to memory cannot fail")
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
pub fn weights_table(study: &Study, panels: &[PanelWeights], levels: &[LevelWeights]) -> Vec<u8> {
    let mut t = Csv::new(&[
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
    ]);
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
pub fn consistency_table(study: &Study, panels: &[PanelWeights]) -> Vec<u8> {
    let mut t = Csv::new(&[
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
    ]);
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
pub fn revisit_table(study: &Study, panels: &[PanelWeights]) -> Vec<u8> {
    let mut t = Csv::new(&[
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
    ]);
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
pub fn ranking_table(study: &Study, groups: &[&Group], level: Level) -> Vec<u8> {
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
    let mut t = Csv::new(&header);
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
pub fn unggulan_table(study: &Study, groups: &[&Group], level: Level) -> Vec<u8> {
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
    let mut t = Csv::new(&header);
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
