//! Checks an [`Analysis`] read back from `results.json` against the study it embeds, before
//! anything is rendered.
//!
//! The file is user data: it gets copied, edited and truncated. The JSON parser already
//! refuses wrong types, unknown enum values and missing fields; what it cannot see is an
//! index that points past the end of a list, two lists of different lengths that must
//! agree, or an order that is not a permutation. Every such invariant that the run
//! guarantees and a renderer relies on is checked here, so that no renderer ever indexes out
//! of bounds: each problem is reported with its JSON path in the file
//! (`analysis.selection.groups[12].entries[3].candidate = 999, but the study has 87
//! candidates`).
//!
//! The checks take time linear in the size of the file (the small criteria sets aside),
//! build a message only for a problem found, and never panic, whatever the input: every
//! lookup is bounds-checked, and a part whose parent is already wrong is skipped rather than
//! checked against garbage.

use std::fmt::{self, Display};

use crate::Analysis;
use crate::ahp::{JudgmentDiagnostic, PairwiseMatrix, Priorities};
use crate::model::{
    CriteriaSet, Level, LevelSpec, RegionRef, Regions, Scale, SensitivitySpec, Study, WeightSource,
};
use crate::select::{Group, Selection};
use crate::sensitivity::{Curves, SmaaResult};
use crate::study::scenarios::StudyScenarios;
use crate::study::sensitivity::{StudySensitivity, Verdict};
use crate::weights::{LevelWeights, PanelWeights, WeightOrigin};

/// At most this many problems are listed in a message (all are counted).
pub const MAX_LISTED: usize = 20;

/// What is wrong with a results file: the problems found (at most [`MAX_LISTED`]) and how
/// many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// Each problem as `<JSON path> <what is wrong>`.
    pub listed: Vec<String>,
    /// All problems found, listed or not.
    pub total: usize,
}

impl Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.listed.as_slice()
            && self.total == 1
        {
            return f.write_str(only);
        }
        write!(f, "{} problems:", self.total)?;
        for p in &self.listed {
            write!(f, "\n  {p}")?;
        }
        if self.total > self.listed.len() {
            write!(f, "\n  ... and {} more", self.total - self.listed.len())?;
        }
        Ok(())
    }
}

/// Checks every index, length, cross-reference and number of an analysis read back from
/// `results.json`. Paths in the problems start at the file's `analysis` field.
///
/// # Errors
/// The problems found, in file order.
pub fn validate(analysis: &Analysis) -> Result<(), Problems> {
    let mut c = Checker::default();
    let root = At::root("analysis");
    let shape = c.study(&root.key("study"), &analysis.study);
    c.panel_weights(&root.key("panels"), &shape, &analysis.panels);
    c.level_weights_list(&root.key("level_weights"), &shape, &analysis.level_weights);
    let base_ok = c.selection(&root.key("selection"), &shape, &analysis.selection, None);
    if let Some(s) = &analysis.sensitivity {
        c.sensitivity(
            &root.key("sensitivity"),
            &shape,
            s,
            base_ok.then_some(&analysis.selection),
        );
    }
    if let Some(sc) = &analysis.scenarios {
        c.scenarios(
            &root.key("scenarios"),
            &shape,
            sc,
            base_ok.then_some(&analysis.selection),
        );
    }
    if c.total == 0 {
        Ok(())
    } else {
        Err(Problems {
            listed: c.listed,
            total: c.total,
        })
    }
}

/// One step of a JSON path.
#[derive(Clone, Copy)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// Where a value sits in the file: a path built on the stack as the checks descend, and
/// written out only when a problem is found.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step,
}

impl<'a> At<'a> {
    fn root(key: &'static str) -> At<'static> {
        At {
            parent: None,
            step: Step::Key(key),
        }
    }

    fn key(&'a self, key: &'static str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(i),
        }
    }
}

impl Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.parent {
            p.fmt(f)?;
        }
        match (self.step, self.parent) {
            (Step::Key(k), None) => f.write_str(k),
            (Step::Key(k), Some(_)) => write!(f, ".{k}"),
            (Step::Index(i), _) => write!(f, "[{i}]"),
        }
    }
}

/// The sizes of the study that the rest of the file refers to, taken from the parts of the
/// study that passed their own checks (`None` where a part is unusable).
struct Shape<'s> {
    study: &'s Study,
    candidates: usize,
    categories: usize,
    kelurahan: usize,
    kecamatan: usize,
    /// Per level: the level and its criteria set, if the set is sound.
    levels: Vec<Option<(Level, &'s CriteriaSet)>>,
    /// Per panel: its level index, if the panel is sound.
    panels: Vec<Option<usize>>,
    scenarios: usize,
}

impl<'s> Shape<'s> {
    fn level(&self, li: usize) -> Option<(Level, &'s CriteriaSet)> {
        self.levels.get(li).copied().flatten()
    }

    fn leaves(&self, li: usize) -> Option<usize> {
        self.level(li).map(|(_, set)| set.leaves.len())
    }

    fn level_index(&self, level: Level) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.is_some_and(|(lv, _)| lv == level))
    }

    /// Regions a level's groups are formed over.
    fn regions_of(&self, level: Level) -> usize {
        match level {
            Level::Kelurahan => self.kelurahan,
            Level::Kecamatan => self.kecamatan,
            Level::Kota => 1,
        }
    }
}

#[derive(Default)]
struct Checker {
    listed: Vec<String>,
    total: usize,
    /// Scratch space for permutation checks.
    seen: Vec<bool>,
}

/// The sort key of a group in [`Selection::groups`].
fn group_key(g: &Group) -> (Level, usize, usize) {
    let region = match g.region {
        RegionRef::Kota => 0,
        RegionRef::Kecamatan(i) | RegionRef::Kelurahan(i) => i,
    };
    (g.level, region, g.category)
}

fn region_text(r: RegionRef) -> String {
    match r {
        RegionRef::Kota => "Kota".into(),
        RegionRef::Kecamatan(i) => format!("Kecamatan {i}"),
        RegionRef::Kelurahan(i) => format!("Kelurahan {i}"),
    }
}

impl Checker {
    fn fail(&mut self, at: &At<'_>, what: fmt::Arguments<'_>) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED {
            self.listed.push(format!("{at} {what}"));
        }
    }

    /// `value < len`; else "`at` = value, but `owner` has `len` `noun`".
    fn index(&mut self, at: &At<'_>, value: usize, len: usize, owner: fmt::Arguments<'_>) -> bool {
        let ok = value < len;
        if !ok {
            self.fail(at, format_args!("= {value}, but {owner}"));
        }
        ok
    }

    /// `found == expected`; else "`at` has `found` `noun`, but `why`".
    fn len(
        &mut self,
        at: &At<'_>,
        found: usize,
        expected: usize,
        noun: &str,
        why: fmt::Arguments<'_>,
    ) -> bool {
        let ok = found == expected;
        if !ok {
            self.fail(at, format_args!("has {found} {noun}, but {why}"));
        }
        ok
    }

    fn finite(&mut self, at: &At<'_>, x: f64) -> bool {
        let ok = x.is_finite();
        if !ok {
            self.fail(at, format_args!("= {x}, but it must be a finite number"));
        }
        ok
    }

    fn finite_opt(&mut self, at: &At<'_>, x: Option<f64>) {
        if let Some(x) = x {
            self.finite(at, x);
        }
    }

    fn finite_all(&mut self, at: &At<'_>, xs: &[f64]) -> bool {
        let mut ok = true;
        for (i, &x) in xs.iter().enumerate() {
            ok &= self.finite(&at.index(i), x);
        }
        ok
    }

    /// A vector of one value per leaf criterion of level `li`, each finite.
    fn leaf_vector(&mut self, at: &At<'_>, shape: &Shape<'_>, li: usize, xs: &[f64]) -> bool {
        let Some(n) = shape.leaves(li) else {
            return false;
        };
        self.len(
            at,
            xs.len(),
            n,
            "values",
            format_args!("level {li} has {n} leaf criteria"),
        ) && self.finite_all(at, xs)
    }

    /// `order` holds each of `0..n` exactly once.
    fn permutation(&mut self, at: &At<'_>, order: &[usize], n: usize) -> bool {
        if !self.len(
            at,
            order.len(),
            n,
            "positions",
            format_args!("the group has {n} entries"),
        ) {
            return false;
        }
        self.seen.clear();
        self.seen.resize(n, false);
        let mut ok = true;
        for (pos, &i) in order.iter().enumerate() {
            let at = at.index(pos);
            if !self.index(&at, i, n, format_args!("the group has {n} entries")) {
                ok = false;
            } else if std::mem::replace(&mut self.seen[i], true) {
                self.fail(
                    &at,
                    format_args!("= {i}, which appears twice: the order must list each entry once"),
                );
                ok = false;
            }
        }
        ok
    }

    fn region(&mut self, at: &At<'_>, r: RegionRef, shape: &Shape<'_>) -> bool {
        match r {
            RegionRef::Kota => true,
            RegionRef::Kecamatan(i) => self.index(
                &at.key("Kecamatan"),
                i,
                shape.kecamatan,
                format_args!("the study has {} kecamatan", shape.kecamatan),
            ),
            RegionRef::Kelurahan(i) => self.index(
                &at.key("Kelurahan"),
                i,
                shape.kelurahan,
                format_args!("the study has {} kelurahan", shape.kelurahan),
            ),
        }
    }

    /// A region code becomes part of file names (charts): it must not lead out of the report
    /// folder.
    fn code(&mut self, at: &At<'_>, code: &str) {
        self.name_in_paths(at, code, "a region code");
    }

    /// A name that becomes part of file names is not empty and holds no path separator.
    fn name_in_paths(&mut self, at: &At<'_>, name: &str, what: &str) {
        if name.is_empty()
            || name
                .chars()
                .any(|ch| matches!(ch, '/' | '\\') || ch.is_control())
        {
            self.fail(
                at,
                format_args!(
                    "= {name:?}, but {what} is not empty and holds no '/', '\\' or control characters"
                ),
            );
        }
    }

    // ---------------------------------------------------------------- study

    fn study<'s>(&mut self, at: &At<'_>, study: &'s Study) -> Shape<'s> {
        if study.id.is_empty()
            || !study
                .id
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        {
            self.fail(
                &at.key("id"),
                format_args!(
                    "= {:?}, but a study id is ASCII letters, digits, '-' or '_'",
                    study.id
                ),
            );
        }
        let cat = at.key("categories");
        for (i, c) in study.categories.iter().enumerate() {
            // Category names are part of chart file names, as region codes are.
            self.name_in_paths(&cat.index(i), c, "a category");
        }
        if study.categories.is_empty() {
            self.fail(
                &at.key("categories"),
                format_args!("is empty, but a study has at least one category"),
            );
        }
        let m = &study.method;
        let mat = at.key("method");
        if m.winners == 0 {
            self.fail(
                &mat.key("winners"),
                format_args!("= 0, but at least one unggulan is chosen per group"),
            );
        }
        for (key, x) in [
            ("consistency_threshold", m.consistency_threshold),
            ("tie_tolerance", m.tie_tolerance),
        ] {
            if self.finite(&mat.key(key), x) && x < 0.0 {
                self.fail(
                    &mat.key(key),
                    format_args!("= {x}, but it cannot be negative"),
                );
            }
        }
        self.regions(&at.key("regions"), &study.regions);
        let kelurahan = study.regions.kelurahan.len();
        let mut shape = Shape {
            study,
            candidates: study.candidates.list.len(),
            categories: study.categories.len(),
            kelurahan,
            kecamatan: study.regions.kecamatan.len(),
            levels: Vec::with_capacity(study.levels.len()),
            panels: Vec::with_capacity(study.panels.len()),
            scenarios: study.scenarios.len(),
        };
        self.candidates(&at.key("candidates"), &shape);
        let lat = at.key("levels");
        if study.levels.is_empty() {
            self.fail(
                &lat,
                format_args!("is empty, but a study has a kelurahan level"),
            );
        }
        for (li, spec) in study.levels.iter().enumerate() {
            let at = lat.index(li);
            let ok = self.level_spec(&at, li, spec, &shape);
            shape
                .levels
                .push(ok.then_some((spec.level, &spec.criteria)));
        }
        // Levels run kelurahan, kecamatan, kota: each once, in that order, kelurahan first.
        if study
            .levels
            .first()
            .is_some_and(|l| l.level != Level::Kelurahan)
        {
            self.fail(
                &lat.index(0).key("level"),
                format_args!("is not \"kelurahan\", but the first level is always kelurahan"),
            );
        }
        for (li, pair) in study.levels.windows(2).enumerate() {
            if pair[0].level >= pair[1].level {
                self.fail(
                    &lat.index(li + 1).key("level"),
                    format_args!(
                        "= \"{}\" after \"{}\", but levels come once each, in the order kelurahan, kecamatan, kota",
                        pair[1].level.id(),
                        pair[0].level.id()
                    ),
                );
            }
        }
        // Weight sources need the levels and panels, so they are checked after both.
        let pat = at.key("panels");
        for (pi, panel) in study.panels.iter().enumerate() {
            let at = pat.index(pi);
            let ok = self.panel(&at, panel, &shape);
            shape.panels.push(ok.then_some(panel.level));
        }
        for (li, spec) in study.levels.iter().enumerate() {
            self.weight_source(&lat.index(li).key("weights"), li, &spec.weights, &shape);
        }
        self.sensitivity_spec(&at.key("sensitivity"), &study.sensitivity);
        let sat = at.key("scenarios");
        for (k, sc) in study.scenarios.iter().enumerate() {
            let sk = sat.index(k);
            let at = sk.key("weights");
            if self.len(
                &at,
                sc.weights.len(),
                study.levels.len(),
                "weight sources",
                format_args!("the study has {} levels", study.levels.len()),
            ) {
                for (li, source) in sc.weights.iter().enumerate() {
                    self.weight_source(&at.index(li), li, source, &shape);
                }
            }
        }
        shape
    }

    fn regions(&mut self, at: &At<'_>, regions: &Regions) {
        self.code(&at.key("code"), &regions.code);
        let kat = at.key("kecamatan");
        for (i, k) in regions.kecamatan.iter().enumerate() {
            self.code(&kat.index(i).key("code"), &k.code);
        }
        let lat = at.key("kelurahan");
        if regions.kelurahan.is_empty() {
            self.fail(
                &lat,
                format_args!("is empty, but a study has at least one kelurahan"),
            );
        }
        let n = regions.kecamatan.len();
        for (i, k) in regions.kelurahan.iter().enumerate() {
            let at = lat.index(i);
            self.code(&at.key("code"), &k.code);
            self.index(
                &at.key("kecamatan"),
                k.kecamatan,
                n,
                format_args!("the study has {n} kecamatan"),
            );
        }
    }

    fn candidates(&mut self, at: &At<'_>, shape: &Shape<'_>) {
        let cands = &shape.study.candidates;
        let cols = cands.columns.len();
        let lat = at.key("list");
        for (i, c) in cands.list.iter().enumerate() {
            let at = lat.index(i);
            self.index(
                &at.key("kelurahan"),
                c.kelurahan,
                shape.kelurahan,
                format_args!("the study has {} kelurahan", shape.kelurahan),
            );
            self.index(
                &at.key("category"),
                c.category,
                shape.categories,
                format_args!("the study has {} categories", shape.categories),
            );
            let vat = at.key("values");
            if self.len(
                &vat,
                c.values.len(),
                cols,
                "values",
                format_args!("the candidates have {cols} columns"),
            ) {
                self.finite_all(&vat, &c.values);
            }
        }
    }

    /// A criteria set whose every index resolves; the level's data columns.
    fn level_spec(&mut self, at: &At<'_>, li: usize, spec: &LevelSpec, shape: &Shape<'_>) -> bool {
        let ok = self.criteria_set(&at.key("criteria"), &spec.criteria);
        let cols = shape.study.candidates.columns.len();
        let cat = at.key("columns");
        let mut columns_ok = self.len(
            &cat,
            spec.columns.len(),
            spec.criteria.leaves.len(),
            "columns",
            format_args!(
                "level {li} has {} leaf criteria",
                spec.criteria.leaves.len()
            ),
        );
        for (k, &col) in spec.columns.iter().enumerate() {
            columns_ok &= self.index(
                &cat.index(k),
                col,
                cols,
                format_args!("the candidates have {cols} columns"),
            );
        }
        ok && columns_ok
    }

    fn criteria_set(&mut self, at: &At<'_>, set: &CriteriaSet) -> bool {
        let n = set.criteria.len();
        let total = self.total;
        if n == 0 {
            self.fail(
                &at.key("criteria"),
                format_args!("is empty, but a criteria set has at least one criterion"),
            );
        }
        let cat = at.key("criteria");
        for (i, c) in set.criteria.iter().enumerate() {
            let at = cat.index(i);
            if let Some(p) = c.parent
                && self.index(
                    &at.key("parent"),
                    p,
                    n,
                    format_args!("the set has {n} criteria"),
                )
                && (p == i || set.criteria[p].parent.is_some())
            {
                self.fail(
                    &at.key("parent"),
                    format_args!("= {p}, but a parent is another criterion of the top level"),
                );
            }
            let sat = at.key("scale");
            match &c.scale {
                Some(Scale::Rating { min, max, .. }) => {
                    let finite =
                        self.finite(&sat.key("min"), *min) & self.finite(&sat.key("max"), *max);
                    if finite && min >= max {
                        self.fail(
                            &sat.key("max"),
                            format_args!("= {max}, but it must be above min = {min}"),
                        );
                    }
                }
                Some(Scale::Quantity { min, max, .. }) => {
                    self.finite_opt(&sat.key("min"), *min);
                    self.finite_opt(&sat.key("max"), *max);
                }
                None => {}
            }
        }
        let nat = at.key("nodes");
        if set
            .nodes
            .first()
            .is_none_or(|root| root.criterion.is_some())
        {
            self.fail(
                &nat,
                format_args!(
                    "does not start with the root (criterion null), but every set has one"
                ),
            );
        }
        for (k, node) in set.nodes.iter().enumerate() {
            let at = nat.index(k);
            if let Some(c) = node.criterion {
                self.index(
                    &at.key("criterion"),
                    c,
                    n,
                    format_args!("the set has {n} criteria"),
                );
            }
            let cat = at.key("children");
            if node.children.is_empty() {
                self.fail(
                    &cat,
                    format_args!("is empty, but every node compares criteria"),
                );
            }
            for (j, &c) in node.children.iter().enumerate() {
                self.index(
                    &cat.index(j),
                    c,
                    n,
                    format_args!("the set has {n} criteria"),
                );
            }
        }
        let lat = at.key("leaves");
        if set.leaves.is_empty() {
            self.fail(
                &lat,
                format_args!("is empty, but a set has at least one leaf criterion"),
            );
        }
        for (j, &c) in set.leaves.iter().enumerate() {
            self.index(
                &lat.index(j),
                c,
                n,
                format_args!("the set has {n} criteria"),
            );
        }
        if self.total == total {
            self.hierarchy(at, set);
        }
        self.total == total
    }

    /// The nodes and leaves are those the criteria's parents make: the root with the
    /// top-level criteria, then each parent criterion with its children, in file order; the
    /// leaves are the criteria without children.
    fn hierarchy(&mut self, at: &At<'_>, set: &CriteriaSet) {
        let n = set.criteria.len();
        let children_of = |p: Option<usize>| -> Vec<usize> {
            (0..n).filter(|&i| set.criteria[i].parent == p).collect()
        };
        let parents: Vec<usize> = (0..n)
            .filter(|&i| set.criteria.iter().any(|c| c.parent == Some(i)))
            .collect();
        let nat = at.key("nodes");
        if self.len(
            &nat,
            set.nodes.len(),
            parents.len() + 1,
            "nodes",
            format_args!(
                "the criteria's parents make {} (the root and one per parent criterion)",
                parents.len() + 1
            ),
        ) {
            let expected = std::iter::once(None).chain(parents.iter().map(|&p| Some(p)));
            for (k, (node, want)) in set.nodes.iter().zip(expected).enumerate() {
                let children = children_of(want);
                if node.criterion != want || node.children != children {
                    self.fail(
                        &nat.index(k),
                        format_args!(
                            "is criterion {:?} with children {:?}, but the criteria's parents make criterion {want:?} with children {children:?}",
                            node.criterion, node.children
                        ),
                    );
                }
            }
        }
        let leaves: Vec<usize> = (0..n).filter(|i| !parents.contains(i)).collect();
        if set.leaves != leaves {
            self.fail(
                &at.key("leaves"),
                format_args!(
                    "= {:?}, but the criteria without sub-criteria are {leaves:?}",
                    set.leaves
                ),
            );
        }
    }

    fn panel(&mut self, at: &At<'_>, panel: &crate::model::Panel, shape: &Shape<'_>) -> bool {
        let total = self.total;
        self.region(&at.key("region"), panel.region, shape);
        let nl = shape.levels.len();
        if !self.index(
            &at.key("level"),
            panel.level,
            nl,
            format_args!("the study has {nl} levels"),
        ) {
            return false;
        }
        let Some((_, set)) = shape.level(panel.level) else {
            return false;
        };
        let pat = at.key("participants");
        for (i, p) in panel.participants.iter().enumerate() {
            let at = pat.index(i);
            if self.finite(&at.key("weight"), p.weight) && p.weight <= 0.0 {
                self.fail(
                    &at.key("weight"),
                    format_args!("= {}, but a participant's weight is positive", p.weight),
                );
            }
            self.node_matrices(&at.key("matrices"), &p.matrices, set);
        }
        self.total == total
    }

    /// One matrix per hierarchy node, each comparing that node's children.
    fn node_matrices(&mut self, at: &At<'_>, matrices: &[PairwiseMatrix], set: &CriteriaSet) {
        if !self.len(
            at,
            matrices.len(),
            set.nodes.len(),
            "matrices",
            format_args!("the criteria set has {} nodes", set.nodes.len()),
        ) {
            return;
        }
        for (k, (m, node)) in matrices.iter().zip(&set.nodes).enumerate() {
            self.len(
                &at.index(k),
                m.n(),
                node.children.len(),
                "rows",
                format_args!("node {k} compares {} criteria", node.children.len()),
            );
        }
    }

    fn weight_source(&mut self, at: &At<'_>, li: usize, source: &WeightSource, shape: &Shape<'_>) {
        match source {
            WeightSource::Panel(r) => {
                let at = at.key("panel");
                if self.region(&at, *r, shape)
                    && !shape
                        .study
                        .panels
                        .iter()
                        .any(|p| p.region == *r && p.level == li)
                {
                    self.fail(
                        &at,
                        format_args!(
                            "= {}, but the study has no panel of that region for level {li}",
                            region_text(*r)
                        ),
                    );
                }
            }
            WeightSource::Explicit(w) => {
                self.leaf_vector(&at.key("explicit"), shape, li, w);
            }
            WeightSource::OwnPanel | WeightSource::Equal | WeightSource::Objective(_) => {}
        }
    }

    fn sensitivity_spec(&mut self, at: &At<'_>, spec: &SensitivitySpec) {
        if self.finite(&at.key("concentration"), spec.concentration) && spec.concentration <= 0.0 {
            self.fail(
                &at.key("concentration"),
                format_args!("= {}, but it must be positive", spec.concentration),
            );
        }
        if self.finite(&at.key("quantity_noise"), spec.quantity_noise)
            && !(0.0..1.0).contains(&spec.quantity_noise)
        {
            self.fail(
                &at.key("quantity_noise"),
                format_args!(
                    "= {}, but it must be from 0 up to but not including 1",
                    spec.quantity_noise
                ),
            );
        }
    }

    // ---------------------------------------------------------------- weights

    fn panel_weights(&mut self, at: &At<'_>, shape: &Shape<'_>, panels: &[PanelWeights]) {
        let np = shape.study.panels.len();
        if !self.len(
            at,
            panels.len(),
            np,
            "panels",
            format_args!("the study has {np} panels"),
        ) {
            return;
        }
        for (i, pw) in panels.iter().enumerate() {
            let at = at.index(i);
            if pw.panel != i {
                self.fail(
                    &at.key("panel"),
                    format_args!(
                        "= {}, but the panels are listed in study order: expected {i}",
                        pw.panel
                    ),
                );
                continue;
            }
            let Some(li) = shape.panels[i] else { continue };
            let Some((_, set)) = shape.level(li) else {
                continue;
            };
            let people = shape.study.panels[i].participants.len();
            let pat = at.key("participants");
            if self.len(
                &pat,
                pw.participants.len(),
                people,
                "participants",
                format_args!("panel {i} of the study has {people}"),
            ) {
                for (k, r) in pw.participants.iter().enumerate() {
                    let at = pat.index(k);
                    self.node_priorities(&at.key("nodes"), &r.nodes, set);
                    self.leaf_vector(&at.key("weights"), shape, li, &r.weights);
                    self.revisit(&at.key("revisit"), &r.revisit, set);
                }
            }
            self.node_matrices(&at.key("group_matrices"), &pw.group_matrices, set);
            self.node_priorities(&at.key("group_nodes"), &pw.group_nodes, set);
            let lat = at.key("local");
            let n = set.criteria.len();
            if self.len(
                &lat,
                pw.local.len(),
                n,
                "values",
                format_args!("the criteria set has {n} criteria"),
            ) {
                self.finite_all(&lat, &pw.local);
            }
            self.leaf_vector(&at.key("weights"), shape, li, &pw.weights);
            self.revisit(&at.key("revisit"), &pw.revisit, set);
        }
    }

    /// Priorities per hierarchy node, each with one weight per child.
    fn node_priorities(&mut self, at: &At<'_>, nodes: &[Priorities], set: &CriteriaSet) {
        if !self.len(
            at,
            nodes.len(),
            set.nodes.len(),
            "nodes",
            format_args!("the criteria set has {}", set.nodes.len()),
        ) {
            return;
        }
        for (k, (p, node)) in nodes.iter().zip(&set.nodes).enumerate() {
            let at = at.index(k);
            let wat = at.key("weights");
            let n = node.children.len();
            if self.len(
                &wat,
                p.weights.len(),
                n,
                "weights",
                format_args!("node {k} compares {n} criteria"),
            ) {
                self.finite_all(&wat, &p.weights);
            }
            self.finite(&at.key("lambda_max"), p.lambda_max);
            self.finite(&at.key("ci"), p.ci);
            self.finite_opt(&at.key("ri"), p.ri);
            self.finite_opt(&at.key("cr"), p.cr);
        }
    }

    fn revisit(
        &mut self,
        at: &At<'_>,
        revisit: &[(usize, Vec<JudgmentDiagnostic>)],
        set: &CriteriaSet,
    ) {
        let nodes = set.nodes.len();
        for (i, (node, diags)) in revisit.iter().enumerate() {
            let at = at.index(i);
            if !self.index(
                &at.index(0),
                *node,
                nodes,
                format_args!("the criteria set has {nodes} nodes"),
            ) {
                continue;
            }
            let n = set.nodes[*node].children.len();
            let dat = at.index(1);
            for (j, d) in diags.iter().enumerate() {
                let at = dat.index(j);
                let row_ok = self.index(
                    &at.key("row"),
                    d.row,
                    n,
                    format_args!("node {node} compares {n} criteria"),
                );
                let col_ok = self.index(
                    &at.key("col"),
                    d.col,
                    n,
                    format_args!("node {node} compares {n} criteria"),
                );
                if row_ok && col_ok && d.row >= d.col {
                    self.fail(
                        &at.key("col"),
                        format_args!("= {}, but it must be above row = {}", d.col, d.row),
                    );
                }
                for (key, x) in [
                    ("given", d.given),
                    ("consistent", d.consistent),
                    ("suggested_saaty", d.suggested_saaty),
                    ("error", d.error),
                    ("log_error", d.log_error),
                ] {
                    self.finite(&at.key(key), x);
                }
            }
        }
    }

    fn level_weights_list(&mut self, at: &At<'_>, shape: &Shape<'_>, levels: &[LevelWeights]) {
        let nl = shape.levels.len();
        if self.len(
            at,
            levels.len(),
            nl,
            "levels",
            format_args!("the study has {nl}"),
        ) {
            for (li, lw) in levels.iter().enumerate() {
                self.level_weights(&at.index(li), shape, li, lw);
            }
        }
    }

    fn level_weights(&mut self, at: &At<'_>, shape: &Shape<'_>, li: usize, lw: &LevelWeights) {
        self.weight_source(&at.key("source"), li, &lw.source, shape);
        if let Some((w, origin)) = &lw.fixed {
            let at = at.key("fixed");
            self.leaf_vector(&at.index(0), shape, li, w);
            self.origin(&at.index(1), shape, li, origin);
        }
    }

    /// A panel origin names a sound panel of the same level.
    fn origin(&mut self, at: &At<'_>, shape: &Shape<'_>, li: usize, origin: &WeightOrigin) -> bool {
        let WeightOrigin::Panel(p) = origin else {
            return true;
        };
        let at = at.key("Panel");
        let np = shape.panels.len();
        if !self.index(&at, *p, np, format_args!("the study has {np} panels")) {
            return false;
        }
        match shape.panels[*p] {
            Some(pl) if pl == li => true,
            Some(pl) => {
                self.fail(
                    &at,
                    format_args!(
                        "= {p}, a panel of level {pl}, but these weights are for level {li}"
                    ),
                );
                false
            }
            None => false,
        }
    }

    // ---------------------------------------------------------------- selection

    /// A whole selection; with `base`, one under a scenario, aligned group by group with the
    /// base. Returns whether its groups can be indexed and their entries resolved.
    fn selection(
        &mut self,
        at: &At<'_>,
        shape: &Shape<'_>,
        sel: &Selection,
        base: Option<&Selection>,
    ) -> bool {
        let total = self.total;
        let gat = at.key("groups");
        let expected: usize = shape
            .levels
            .iter()
            .flatten()
            .map(|(level, _)| shape.regions_of(*level) * shape.categories)
            .sum();
        let len_ok = match base {
            Some(b) => self.len(
                &gat,
                sel.groups.len(),
                b.groups.len(),
                "groups",
                format_args!("the base selection has {}", b.groups.len()),
            ),
            None => self.len(
                &gat,
                sel.groups.len(),
                expected,
                "groups",
                format_args!("the study's levels, regions and categories make {expected}"),
            ),
        };
        let mut previous: Option<(Level, usize, usize)> = None;
        for (gi, g) in sel.groups.iter().enumerate() {
            let at = gat.index(gi);
            let key_ok = self.group(&at, shape, g);
            if key_ok {
                let key = group_key(g);
                if previous.is_some_and(|p| p >= key) {
                    self.fail(
                        &at,
                        format_args!(
                            "({} {}, category {}) is out of order: groups are sorted by level, region and category, each once",
                            g.level.id(),
                            region_text(g.region),
                            g.category
                        ),
                    );
                }
                previous = Some(key);
            }
            if let Some(b) = base.and_then(|b| b.groups.get(gi))
                && key_ok
                && group_key(b) != group_key(g)
            {
                self.fail(
                    &at,
                    format_args!(
                        "is {} {}, category {}, but the base selection's group {gi} is {} {}, category {}",
                        g.level.id(),
                        region_text(g.region),
                        g.category,
                        b.level.id(),
                        region_text(b.region),
                        b.category
                    ),
                );
            }
        }
        len_ok && self.total == total
    }

    /// One group; returns whether its key (level, region, category) is sound.
    fn group(&mut self, at: &At<'_>, shape: &Shape<'_>, g: &Group) -> bool {
        let nl = shape.levels.len();
        let li = g.level_index;
        let mut key_ok = self.index(
            &at.key("level_index"),
            li,
            nl,
            format_args!("the study has {nl} levels"),
        );
        let level = shape.level(li);
        if let Some((lv, _)) = level
            && lv != g.level
        {
            self.fail(
                &at.key("level"),
                format_args!(
                    "= \"{}\", but level {li} of the study is {}",
                    g.level.id(),
                    lv.id()
                ),
            );
            key_ok = false;
        }
        if shape.level_index(g.level).is_none() {
            key_ok = false;
        }
        let rat = at.key("region");
        if self.region(&rat, g.region, shape) {
            if g.region.level() != g.level {
                self.fail(
                    &rat,
                    format_args!(
                        "= {}, but the group is at {} level",
                        region_text(g.region),
                        g.level.id()
                    ),
                );
                key_ok = false;
            }
        } else {
            key_ok = false;
        }
        key_ok &= self.index(
            &at.key("category"),
            g.category,
            shape.categories,
            format_args!("the study has {} categories", shape.categories),
        );
        if level.is_none() {
            return false;
        }
        self.leaf_vector(&at.key("weights"), shape, li, &g.weights);
        self.origin(&at.key("origin"), shape, li, &g.origin);
        let n = g.entries.len();
        let eat = at.key("entries");
        for (i, e) in g.entries.iter().enumerate() {
            let at = eat.index(i);
            if self.index(
                &at.key("candidate"),
                e.candidate,
                shape.candidates,
                format_args!("the study has {} candidates", shape.candidates),
            ) && key_ok
            {
                self.member(&at.key("candidate"), shape, g, e.candidate);
            }
            self.finite(&at.key("score"), e.score);
            self.finite_opt(&at.key("d_plus"), e.d_plus);
            self.finite_opt(&at.key("d_minus"), e.d_minus);
            self.leaf_vector(&at.key("contributions"), shape, li, &e.contributions);
            if e.rank == 0 || e.rank > n {
                self.fail(
                    &at.key("rank"),
                    format_args!("= {}, but ranks run from 1 to {n} in this group", e.rank),
                );
            }
        }
        let oat = at.key("order");
        if self.permutation(&oat, &g.order, n) {
            for (pos, &i) in g.order.iter().enumerate() {
                if g.entries[i].rank != pos + 1 {
                    self.fail(
                        &eat.index(i).key("rank"),
                        format_args!(
                            "= {}, but the order puts this entry at rank {}",
                            g.entries[i].rank,
                            pos + 1
                        ),
                    );
                }
            }
        }
        key_ok
    }

    /// A candidate belongs to the group's region and category.
    fn member(&mut self, at: &At<'_>, shape: &Shape<'_>, g: &Group, candidate: usize) {
        let c = &shape.study.candidates.list[candidate];
        let kecamatan = shape
            .study
            .regions
            .kelurahan
            .get(c.kelurahan)
            .map(|k| k.kecamatan);
        let inside = match g.region {
            RegionRef::Kelurahan(k) => c.kelurahan == k,
            RegionRef::Kecamatan(k) => kecamatan == Some(k),
            RegionRef::Kota => true,
        };
        if !inside || c.category != g.category {
            self.fail(
                at,
                format_args!(
                    "= {candidate} ({}), but that candidate is not in {} category {}",
                    c.id,
                    region_text(g.region),
                    g.category
                ),
            );
        }
    }

    // ---------------------------------------------------------------- sensitivity

    fn sensitivity(
        &mut self,
        at: &At<'_>,
        shape: &Shape<'_>,
        s: &StudySensitivity,
        selection: Option<&Selection>,
    ) {
        self.sensitivity_spec(&at.key("spec"), &s.spec);
        // A note's panel is worded by name in the report.
        for (k, note) in s.notes.iter().enumerate() {
            let crate::study::sensitivity::SensitivityNote::DirichletInstead { origin, .. } = note;
            if let WeightOrigin::Panel(p) = origin {
                let np = shape.panels.len();
                let notes = at.key("notes");
                let note = notes.index(k);
                let origin = note.key("origin");
                self.index(
                    &origin.key("Panel"),
                    *p,
                    np,
                    format_args!("the study has {np} panels"),
                );
            }
        }
        let Some(sel) = selection else { return };
        // One entry per group with candidates, in selection order.
        let scored = sel.groups.iter().filter(|g| !g.entries.is_empty()).count();
        let gat = at.key("groups");
        if !self.len(
            &gat,
            s.groups.len(),
            scored,
            "groups",
            format_args!("the selection has {scored} groups with candidates"),
        ) {
            return;
        }
        let expected = sel
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.entries.is_empty())
            .map(|(i, _)| i);
        for ((k, gs), want) in s.groups.iter().enumerate().zip(expected) {
            let at = gat.index(k);
            if gs.group != want {
                self.fail(
                    &at.key("group"),
                    format_args!(
                        "= {}, but the results follow the selection's groups with candidates: expected {want}",
                        gs.group
                    ),
                );
                continue;
            }
            let g = &sel.groups[want];
            let n = g.entries.len();
            let Some(leaves) = shape.leaves(g.level_index) else {
                continue;
            };
            // Two thresholds per leaf criterion (decrease, increase) and one sweep each, in
            // criterion order.
            let tat = at.key("thresholds");
            self.len(
                &tat,
                gs.thresholds.len(),
                2 * leaves,
                "thresholds",
                format_args!(
                    "level {} has {leaves} leaf criteria, two each",
                    g.level_index
                ),
            );
            for (j, th) in gs.thresholds.iter().enumerate() {
                let at = tat.index(j);
                if th.criterion != j / 2 {
                    self.fail(
                        &at.key("criterion"),
                        format_args!(
                            "= {}, but thresholds come two per criterion in order: expected {}",
                            th.criterion,
                            j / 2
                        ),
                    );
                }
                if let Some(w) = th.new_winner {
                    self.index(
                        &at.key("new_winner"),
                        w,
                        n,
                        format_args!("group {want} has {n} entries"),
                    );
                }
                self.finite(&at.key("base_weight"), th.base_weight);
                self.finite_opt(&at.key("critical_weight"), th.critical_weight);
            }
            let wat = at.key("sweeps");
            self.len(
                &wat,
                gs.sweeps.len(),
                leaves,
                "sweeps",
                format_args!("level {} has {leaves} leaf criteria", g.level_index),
            );
            for (j, sw) in gs.sweeps.iter().enumerate() {
                let at = wat.index(j);
                if sw.criterion != j {
                    self.fail(
                        &at.key("criterion"),
                        format_args!(
                            "= {}, but sweeps come one per criterion in order: expected {j}",
                            sw.criterion
                        ),
                    );
                }
                self.finite(&at.key("base_weight"), sw.base_weight);
                let cat = at.key("curves");
                let (kind, lists) = match &sw.curves {
                    Curves::Topsis { plus, minus } => {
                        ("topsis", vec![("plus", plus), ("minus", minus)])
                    }
                    Curves::WeightedSum { score } => ("weighted_sum", vec![("score", score)]),
                };
                let kat = cat.key(kind);
                for (name, ends) in lists {
                    let eat = kat.key(name);
                    if self.len(
                        &eat,
                        ends.len(),
                        n,
                        "curves",
                        format_args!("group {want} has {n} entries"),
                    ) {
                        for (i, e) in ends.iter().enumerate() {
                            let at = eat.index(i);
                            self.finite_all(&at, e);
                            // A squared distance below 0 would make a score NaN.
                            for (k, &x) in e.iter().enumerate() {
                                if kind == "topsis" && x < 0.0 {
                                    self.fail(
                                        &at.index(k),
                                        format_args!(
                                            "= {x}, but a squared distance is not negative"
                                        ),
                                    );
                                }
                            }
                        }
                    }
                }
            }
            if let Some(r) = &gs.smaa {
                self.smaa(&at.key("smaa"), r, n, leaves);
            }
            self.verdict(&at.key("verdict"), &gs.verdict, n, leaves);
        }
    }

    fn smaa(&mut self, at: &At<'_>, r: &SmaaResult, n: usize, leaves: usize) {
        let square = |c: &mut Self, at: &At<'_>, rows: &[Vec<u64>]| {
            if c.len(
                at,
                rows.len(),
                n,
                "rows",
                format_args!("the group has {n} entries"),
            ) {
                for (i, row) in rows.iter().enumerate() {
                    c.len(
                        &at.index(i),
                        row.len(),
                        n,
                        "counts",
                        format_args!("the group has {n} entries"),
                    );
                }
            }
        };
        square(self, &at.key("rank_counts"), &r.rank_counts);
        square(self, &at.key("pairwise_winning"), &r.pairwise_winning);
        let cat = at.key("central_weights");
        if self.len(
            &cat,
            r.central_weights.len(),
            n,
            "vectors",
            format_args!("the group has {n} entries"),
        ) {
            for (i, w) in r.central_weights.iter().enumerate() {
                if let Some(w) = w {
                    let at = cat.index(i);
                    if self.len(
                        &at,
                        w.len(),
                        leaves,
                        "weights",
                        format_args!("the level has {leaves} leaf criteria"),
                    ) {
                        self.finite_all(&at, w);
                    }
                }
            }
        }
        let fat = at.key("confidence");
        if self.len(
            &fat,
            r.confidence.len(),
            n,
            "values",
            format_args!("the group has {n} entries"),
        ) {
            for (i, x) in r.confidence.iter().enumerate() {
                self.finite_opt(&fat.index(i), *x);
            }
        }
    }

    fn verdict(&mut self, at: &At<'_>, v: &Verdict, n: usize, leaves: usize) {
        let expected = match n {
            0 => Some("Empty"),
            1 => Some("Unopposed"),
            _ => None,
        };
        let found = match v {
            Verdict::Empty => "Empty",
            Verdict::Unopposed => "Unopposed",
            Verdict::TooClose { .. } => "TooClose",
            Verdict::Sensitive { .. } => "Sensitive",
            Verdict::Stable { .. } => "Stable",
            Verdict::FairlyStable { .. } => "FairlyStable",
        };
        let consistent = match expected {
            Some(e) => e == found,
            None => !matches!(v, Verdict::Empty | Verdict::Unopposed),
        };
        if !consistent {
            self.fail(
                at,
                format_args!("is {found}, but the group has {n} entries"),
            );
        }
        match v {
            Verdict::TooClose { acceptability } | Verdict::FairlyStable { acceptability } => {
                self.finite(&at.key(found).key("acceptability"), *acceptability);
            }
            Verdict::Sensitive {
                criterion,
                change,
                acceptability,
            } => {
                let at = at.key("Sensitive");
                self.index(
                    &at.key("criterion"),
                    *criterion,
                    leaves,
                    format_args!("the level has {leaves} leaf criteria"),
                );
                self.finite(&at.key("change"), *change);
                self.finite_opt(&at.key("acceptability"), *acceptability);
            }
            Verdict::Stable { acceptability } => {
                self.finite_opt(&at.key("Stable").key("acceptability"), *acceptability);
            }
            Verdict::Empty | Verdict::Unopposed => {}
        }
    }

    // ---------------------------------------------------------------- scenarios

    fn scenarios(
        &mut self,
        at: &At<'_>,
        shape: &Shape<'_>,
        sc: &StudyScenarios,
        base: Option<&Selection>,
    ) {
        let sat = at.key("scenarios");
        if !self.len(
            &sat,
            sc.scenarios.len(),
            shape.scenarios,
            "scenarios",
            format_args!("the study has {}", shape.scenarios),
        ) {
            return;
        }
        let Some(base) = base else { return };
        let scored = base.groups.iter().filter(|g| !g.entries.is_empty()).count();
        if sc.same_everywhere > sc.groups {
            self.fail(
                &at.key("same_everywhere"),
                format_args!(
                    "= {}, but there are only {} groups with candidates",
                    sc.same_everywhere, sc.groups
                ),
            );
        }
        if sc.groups != scored {
            self.fail(
                &at.key("groups"),
                format_args!(
                    "= {}, but the selection has {scored} groups with candidates",
                    sc.groups
                ),
            );
        }
        for (k, r) in sc.scenarios.iter().enumerate() {
            let at = sat.index(k);
            if r.scenario != k {
                self.fail(
                    &at.key("scenario"),
                    format_args!(
                        "= {}, but scenarios are listed in study order: expected {k}",
                        r.scenario
                    ),
                );
            }
            self.level_weights_list(&at.key("level_weights"), shape, &r.level_weights);
            let sel_ok = self.selection(&at.key("selection"), shape, &r.selection, Some(base));
            let cat = at.key("comparisons");
            if !self.len(
                &cat,
                r.comparisons.len(),
                scored,
                "comparisons",
                format_args!("the selection has {scored} groups with candidates"),
            ) || !sel_ok
            {
                continue;
            }
            let expected = base
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| !g.entries.is_empty())
                .map(|(i, _)| i);
            for ((j, cmp), want) in r.comparisons.iter().enumerate().zip(expected) {
                let at = cat.index(j);
                if cmp.group != want {
                    self.fail(
                        &at.key("group"),
                        format_args!(
                            "= {}, but the comparisons follow the selection's groups with candidates: expected {want}",
                            cmp.group
                        ),
                    );
                }
                self.finite_opt(&at.key("spearman"), cmp.spearman);
                self.finite_opt(&at.key("kendall_tau_b"), cmp.kendall_tau_b);
                self.finite_opt(&at.key("ws"), cmp.ws);
            }
        }
    }
}
