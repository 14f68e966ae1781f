//! `unggul report` on a damaged `results.json`: every index, length, type and truncation is
//! refused with exit 2 and a message that names the file and the JSON path, never a panic.
//!
//! Most cases run in process (read back with [`results::from_json`], then [`render`] if it
//! was accepted) under `catch_unwind`, so that hundreds of damaged files cost seconds; a few
//! go through the real binary to pin the exit code and the message.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;
use unggul::report::results::{self, ResultsError};
use unggul::report::{Lang, ReportOptions, Scope, render};
use unggul::{Analysis, RunOptions};

use crate::common::{Workdir, repo};

/// The tie study of `tests/cli/data/ties` (every stage, small).
pub const TIE_STUDY: &str = "tests/cli/data/ties";

/// Runs a study in process with every stage (SMAA with few samples) and returns its
/// `results.json` bytes.
fn run_to_json(study: &Path, samples: usize) -> Vec<u8> {
    let mut study = unggul::input::read_study(study).expect("the study reads");
    study.sensitivity.samples = samples;
    let analysis =
        unggul::run_study(study, RunOptions::default(), &|_, _, _| {}).expect("the study runs");
    assert!(analysis.sensitivity.is_some() && analysis.scenarios.is_some());
    results::to_json(&analysis)
}

/// The bundled Probolinggo study's results (87 kelurahan x 3 categories, 34 panels).
fn bundled() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| run_to_json(&repo().join(unggul::input::BUNDLED_STUDY), 200))
}

/// The tie study's results.
fn ties() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| run_to_json(&repo().join(TIE_STUDY).join("study.toml"), 100))
}

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("results.json is JSON")
}

fn to_bytes(v: &Value) -> Vec<u8> {
    let mut b = serde_json::to_vec(v).expect("a JSON value serialises");
    b.push(b'\n');
    b
}

const PATH: &str = "reports/x/results.json";

/// Reads damaged bytes back; the error's message must name the file.
fn read_back(bytes: &[u8]) -> Result<Analysis, String> {
    results::from_json(bytes, Path::new(PATH)).map_err(|e| {
        let msg = e.to_string();
        assert!(
            msg.starts_with(PATH),
            "the message does not name the file: {msg}"
        );
        assert!(
            msg.contains("unggul run"),
            "the message does not say what to do: {msg}"
        );
        msg
    })
}

/// One node of the JSON tree: its pointer (`/analysis/selection/groups/3`), its path as the
/// messages write it (`analysis.selection.groups[3]`) and its pattern, indices elided
/// (`analysis.selection.groups[]`).
#[derive(Debug, Clone)]
struct Node {
    pointer: String,
    path: String,
    pattern: String,
    /// Elements of an array (0 for anything else).
    len: usize,
}

fn walk(v: &Value, mut node: Node, out: &mut Vec<(Node, Value)>) {
    node.len = v.as_array().map_or(0, Vec::len);
    out.push((node.clone(), v.clone_shallow()));
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let sep = if node.path.is_empty() { "" } else { "." };
                walk(
                    child,
                    Node {
                        pointer: format!("{}/{k}", node.pointer),
                        path: format!("{}{sep}{k}", node.path),
                        pattern: format!("{}{sep}{k}", node.pattern),
                        len: 0,
                    },
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(
                    child,
                    Node {
                        pointer: format!("{}/{i}", node.pointer),
                        path: format!("{}[{i}]", node.path),
                        pattern: format!("{}[]", node.pattern),
                        len: 0,
                    },
                    out,
                );
            }
        }
        _ => {}
    }
}

/// A copy of a value without its children (arrays and objects come out empty).
trait Shallow {
    fn clone_shallow(&self) -> Value;
}

impl Shallow for Value {
    fn clone_shallow(&self) -> Value {
        match self {
            Value::Array(_) => Value::Array(Vec::new()),
            Value::Object(_) => Value::Object(serde_json::Map::new()),
            other => other.clone(),
        }
    }
}

/// Every node of a results file, under `analysis` (the header is not part of the walk).
fn nodes(v: &Value) -> Vec<(Node, Value)> {
    let mut out = Vec::new();
    walk(
        &v["analysis"],
        Node {
            pointer: "/analysis".into(),
            path: "analysis".into(),
            pattern: "analysis".into(),
            len: 0,
        },
        &mut out,
    );
    out
}

/// Up to `per` nodes of each pattern: the first, the last and evenly spaced ones between.
fn sample(
    all: &[(Node, Value)],
    keep: impl Fn(&Node, &Value) -> bool,
    per: usize,
) -> Vec<&(Node, Value)> {
    let mut by_pattern: BTreeMap<&str, Vec<&(Node, Value)>> = BTreeMap::new();
    for n in all.iter().filter(|(n, v)| keep(n, v)) {
        by_pattern.entry(&n.0.pattern).or_default().push(n);
    }
    let mut out = Vec::new();
    for list in by_pattern.values() {
        let k = per.min(list.len());
        for j in 0..k {
            let i = if k == 1 {
                0
            } else {
                j * (list.len() - 1) / (k - 1)
            };
            out.push(list[i]);
        }
    }
    out
}

/// Fields holding an index into another list (or a count checked against one).
const INDEX_KEYS: &[&str] = &[
    "candidate",
    "kelurahan",
    "kecamatan",
    "category",
    "panel",
    "level",
    "level_index",
    "group",
    "scenario",
    "criterion",
    "new_winner",
    "parent",
    "row",
    "col",
    "rank",
    "Kelurahan",
    "Kecamatan",
    "Panel",
    "same_everywhere",
    "groups",
];

/// Lists whose elements are indices.
const INDEX_LISTS: &[&str] = &["order", "leaves", "children", "columns"];

fn is_index(n: &Node, v: &Value) -> bool {
    if !v.is_u64() {
        return false;
    }
    let last = n.pattern.rsplit('.').next().unwrap_or("");
    let key = last.trim_end_matches("[]");
    if last.ends_with("[]") {
        INDEX_LISTS.contains(&key) || n.pattern.ends_with("revisit[][]") && n.path.ends_with("[0]")
    } else {
        INDEX_KEYS.contains(&key)
    }
}

/// Sets `node` to `value` in a copy of the tree and reads it back.
fn mutated(tree: &Value, pointer: &str, value: Value) -> Vec<u8> {
    let mut t = tree.clone();
    *t.pointer_mut(pointer).expect("the node exists") = value;
    to_bytes(&t)
}

/// Every index field of both studies set far out of range is refused, and the message
/// locates it by its JSON path.
#[test]
fn every_index_out_of_range_is_refused_with_its_path() {
    let mut patterns = std::collections::BTreeSet::new();
    let mut tried = 0;
    for bytes in [bundled(), ties()] {
        let tree = parse(bytes);
        let all = nodes(&tree);
        for (node, _) in sample(&all, is_index, 3) {
            let msg = read_back(&mutated(&tree, &node.pointer, Value::from(1_000_000u64)))
                .err()
                .unwrap_or_else(|| panic!("{} = 1000000 was accepted", node.path));
            assert!(
                msg.contains(&format!("{} = 1000000", node.path))
                    || msg.contains(&format!("{} has", node.path)),
                "{}: the message does not point at it:\n{msg}",
                node.path
            );
            patterns.insert(node.pattern.clone());
            tried += 1;
        }
    }
    // The walk must reach every kind of reference the results hold.
    for expected in [
        "analysis.selection.groups[].entries[].candidate",
        "analysis.selection.groups[].region.Kelurahan",
        "analysis.selection.groups[].region.Kecamatan",
        "analysis.selection.groups[].category",
        "analysis.selection.groups[].level_index",
        "analysis.selection.groups[].origin.Panel",
        "analysis.selection.groups[].order[]",
        "analysis.selection.groups[].entries[].rank",
        "analysis.study.candidates.list[].kelurahan",
        "analysis.study.candidates.list[].category",
        "analysis.study.regions.kelurahan[].kecamatan",
        "analysis.study.panels[].level",
        "analysis.study.panels[].region.Kelurahan",
        "analysis.study.levels[].columns[]",
        "analysis.study.levels[].criteria.leaves[]",
        "analysis.study.levels[].criteria.nodes[].children[]",
        "analysis.study.levels[].criteria.nodes[].criterion",
        "analysis.study.levels[].criteria.criteria[].parent",
        "analysis.panels[].panel",
        "analysis.panels[].participants[].revisit[][]",
        "analysis.panels[].participants[].revisit[][][].row",
        "analysis.panels[].participants[].revisit[][][].col",
        "analysis.sensitivity.groups[].group",
        "analysis.sensitivity.groups[].thresholds[].criterion",
        "analysis.sensitivity.groups[].thresholds[].new_winner",
        "analysis.sensitivity.groups[].sweeps[].criterion",
        "analysis.scenarios.scenarios[].scenario",
        "analysis.scenarios.scenarios[].comparisons[].group",
        "analysis.scenarios.scenarios[].selection.groups[].entries[].candidate",
        "analysis.scenarios.same_everywhere",
        "analysis.scenarios.groups",
    ] {
        assert!(
            patterns.contains(expected),
            "no index field {expected} was tried; tried: {patterns:#?}"
        );
    }
    assert!(tried > 100, "only {tried} index fields tried");
}

/// The first index past the end, for references whose list length is known.
#[test]
fn the_first_index_past_the_end_is_refused() {
    let tree = parse(bundled());
    let a = &tree["analysis"];
    let len = |p: &str| a.pointer(p).and_then(Value::as_array).map_or(0, Vec::len);
    let candidates = len("/study/candidates/list");
    let kelurahan = len("/study/regions/kelurahan");
    let kecamatan = len("/study/regions/kecamatan");
    let categories = len("/study/categories");
    let panels = len("/panels");
    let groups = len("/selection/groups");
    let first_kecamatan_group = a["selection"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .position(|g| g["level"] == "kecamatan")
        .unwrap();
    // A kelurahan group with at least two candidates.
    let g = a["selection"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .position(|g| g["entries"].as_array().unwrap().len() >= 2)
        .unwrap();
    let entries = len(&format!("/selection/groups/{g}/entries"));
    let cases: Vec<(String, usize, &str)> = vec![
        (
            format!("/selection/groups/{g}/entries/0/candidate"),
            candidates,
            "candidates",
        ),
        (
            format!("/selection/groups/{g}/region/Kelurahan"),
            kelurahan,
            "kelurahan",
        ),
        (
            format!("/selection/groups/{first_kecamatan_group}/region/Kecamatan"),
            kecamatan,
            "kecamatan",
        ),
        (
            format!("/selection/groups/{g}/category"),
            categories,
            "categories",
        ),
        (
            format!("/selection/groups/{g}/origin/Panel"),
            panels,
            "panels",
        ),
        (format!("/selection/groups/{g}/order/0"), entries, "entries"),
        (
            "/study/candidates/list/0/kelurahan".into(),
            kelurahan,
            "kelurahan",
        ),
        (
            "/study/regions/kelurahan/0/kecamatan".into(),
            kecamatan,
            "kecamatan",
        ),
        ("/sensitivity/groups/0/group".into(), groups, "group"),
    ];
    for (pointer, past_end, noun) in cases {
        let msg = read_back(&mutated(
            &tree,
            &format!("/analysis{pointer}"),
            Value::from(past_end),
        ))
        .err()
        .unwrap_or_else(|| panic!("{pointer} = {past_end} was accepted"));
        let path = format!("analysis{}", pointer_to_path(&pointer));
        assert!(
            msg.contains(&format!("{path} = {past_end}")) && msg.contains(noun),
            "{pointer}: {msg}"
        );
    }
}

/// `/selection/groups/12/entries/0` as `.selection.groups[12].entries[0]`.
fn pointer_to_path(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(|s| {
            if s.parse::<usize>().is_ok() {
                format!("[{s}]")
            } else {
                format!(".{s}")
            }
        })
        .collect()
}

/// Lists whose length the study fixes: one element fewer is refused.
#[test]
fn every_list_of_fixed_length_one_short_is_refused() {
    const FIXED: &[&str] = &[
        "analysis.study.candidates.list",
        "analysis.study.candidates.list[].values",
        "analysis.study.candidates.columns",
        "analysis.study.categories",
        "analysis.study.regions.kelurahan",
        "analysis.study.levels[].columns",
        "analysis.study.levels[].criteria.leaves",
        "analysis.study.levels[].criteria.nodes",
        "analysis.study.panels[].participants",
        "analysis.study.panels[].participants[].matrices",
        "analysis.study.scenarios[].weights",
        "analysis.panels",
        "analysis.panels[].participants",
        "analysis.panels[].participants[].nodes",
        "analysis.panels[].participants[].nodes[].weights",
        "analysis.panels[].participants[].weights",
        "analysis.panels[].group_matrices",
        "analysis.panels[].group_nodes",
        "analysis.panels[].local",
        "analysis.panels[].weights",
        "analysis.level_weights",
        "analysis.level_weights[].fixed[]",
        "analysis.selection.groups",
        "analysis.selection.groups[].weights",
        "analysis.selection.groups[].entries",
        "analysis.selection.groups[].entries[].contributions",
        "analysis.selection.groups[].order",
        "analysis.sensitivity.groups",
        "analysis.sensitivity.groups[].thresholds",
        "analysis.sensitivity.groups[].sweeps",
        "analysis.sensitivity.groups[].sweeps[].curves.topsis.plus",
        "analysis.sensitivity.groups[].sweeps[].curves.topsis.minus",
        "analysis.sensitivity.groups[].sweeps[].curves.topsis.plus[]",
        "analysis.sensitivity.groups[].smaa.rank_counts",
        "analysis.sensitivity.groups[].smaa.rank_counts[]",
        "analysis.sensitivity.groups[].smaa.central_weights",
        "analysis.sensitivity.groups[].smaa.confidence",
        "analysis.sensitivity.groups[].smaa.pairwise_winning",
        "analysis.sensitivity.groups[].smaa.pairwise_winning[]",
        "analysis.scenarios.scenarios",
        "analysis.scenarios.scenarios[].level_weights",
        "analysis.scenarios.scenarios[].selection.groups",
        "analysis.scenarios.scenarios[].selection.groups[].entries[].contributions",
        "analysis.scenarios.scenarios[].comparisons",
    ];
    let mut seen = std::collections::BTreeSet::new();
    let mut tried = 0;
    for bytes in [bundled(), ties()] {
        let tree = parse(bytes);
        let all = nodes(&tree);
        let lists =
            |n: &Node, v: &Value| FIXED.contains(&n.pattern.as_str()) && v.is_array() && n.len > 0;
        for (node, _) in sample(&all, lists, 2) {
            let mut t = tree.clone();
            t.pointer_mut(&node.pointer)
                .and_then(Value::as_array_mut)
                .expect("an array")
                .pop();
            let msg = read_back(&to_bytes(&t))
                .err()
                .unwrap_or_else(|| panic!("{} one short was accepted", node.path));
            assert!(!msg.contains("panicked"), "{msg}");
            seen.insert(node.pattern.clone());
            tried += 1;
        }
    }
    let missing: Vec<&&str> = FIXED.iter().filter(|p| !seen.contains(**p)).collect();
    assert!(missing.is_empty(), "never tried: {missing:?}");
    assert!(tried >= FIXED.len(), "{tried}");
}

/// A file cut anywhere is refused as truncated, naming the place where it ends.
#[test]
fn truncated_files_are_refused() {
    for bytes in [bundled(), ties()] {
        let n = bytes.len();
        let mut cuts = vec![0, 1, 2, 10, 25, 40, n - 2, n - 3];
        cuts.extend((1..24).map(|k| k * n / 24));
        for cut in cuts {
            let msg = read_back(&bytes[..cut])
                .err()
                .unwrap_or_else(|| panic!("a file cut at byte {cut} of {n} was accepted"));
            assert!(
                msg.contains("ends early") || msg.contains("EOF"),
                "cut at {cut}: {msg}"
            );
            if cut > 100 {
                assert!(msg.contains("inside analysis"), "cut at {cut}: {msg}");
            }
        }
        // The final newline alone may go.
        assert!(read_back(&bytes[..n - 1]).is_ok());
    }
}

/// Wrong types and values the parser refuses are located too.
#[test]
fn wrong_types_are_refused_with_their_path() {
    let tree = parse(ties());
    let cases = [
        (
            "/analysis/selection/groups/0/entries/0/rank",
            Value::from(1.5),
        ),
        ("/analysis/selection/groups/0/entries/0/score", Value::Null),
        ("/analysis/selection/groups/0/level", Value::from("desa")),
        ("/analysis/study/method/winners", Value::from(-1)),
        ("/analysis/study/categories", Value::from("agro")),
        (
            "/analysis/panels/0/group_matrices/0",
            serde_json::json!([[1.0, 3.0], [3.0, 1.0]]),
        ),
    ];
    for (pointer, value) in cases {
        let msg = read_back(&mutated(&tree, pointer, value.clone()))
            .err()
            .unwrap_or_else(|| panic!("{pointer} = {value} was accepted"));
        let path = format!("analysis{}", pointer_to_path(&pointer["/analysis".len()..]));
        assert!(msg.contains(&format!("at {path}")), "{pointer}: {msg}");
    }
    for garbage in [
        &b""[..],
        b"{}",
        b"[]",
        b"null",
        b"{\"format\":\"unggul-results\"}",
    ] {
        assert!(read_back(garbage).is_err());
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator, so the mutations are the
/// same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One random damage to a node of the tree; returns what was done, for the failure message.
fn damage(t: &mut Value, node: &Node, rng: &mut SplitMix) -> String {
    let v = t.pointer_mut(&node.pointer).expect("the node exists");
    let before = match &*v {
        Value::Array(a) => format!("a list of {}", a.len()),
        other => other.clone_shallow().to_string(),
    };
    let after = match &*v {
        Value::Number(n) if n.is_u64() => {
            let x = n.as_u64().unwrap();
            match rng.below(7) {
                0 => Value::from(x + 1),
                1 => Value::from(x.saturating_sub(1)),
                2 => Value::from(0),
                3 => Value::from(x.saturating_mul(2) + 1),
                4 => Value::from(u64::MAX),
                5 => Value::from(-1),
                _ => Value::from(x as f64 + 0.5),
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            match rng.below(7) {
                0 => Value::from(-x),
                1 => Value::from(0.0),
                2 => Value::from(x * 1e6),
                3 => Value::from(1e300),
                4 => Value::from(-1e300),
                5 => Value::from(x + 1.0),
                _ => Value::from(f64::MIN_POSITIVE),
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let mut a = a.clone();
            match rng.below(4) {
                0 => {
                    a.pop();
                }
                1 => a.push(a[a.len() - 1].clone()),
                2 => {
                    let last = a.len() - 1;
                    a.swap(0, last);
                }
                _ => a.clear(),
            }
            Value::Array(a)
        }
        Value::String(_) => match rng.below(3) {
            0 => Value::from(""),
            1 => Value::from("../../x"),
            _ => Value::from("x".repeat(300)),
        },
        Value::Bool(b) => Value::from(!b),
        _ => match rng.below(3) {
            0 => Value::Null,
            1 => Value::from("x"),
            _ => Value::from(7),
        },
    };
    let after_text = match &after {
        Value::Array(a) => format!("a list of {}", a.len()),
        other => other.to_string(),
    };
    let what = format!("{} = {after_text} (was {before})", node.path);
    *v = after;
    what
}

fn options(charts: bool) -> ReportOptions {
    ReportOptions {
        lang: Lang::Id,
        command_line: vec!["unggul".into(), "report".into()],
        scope: Scope::Full,
        charts,
        all_charts: false,
        png: false,
        tables: unggul::report::columnar::TableFormat::Csv,
    }
}

/// Several hundred seeded random damages anywhere in the tie study's results (numbers,
/// lists, strings, types): each is refused or rendered, never a panic.
#[test]
fn random_damage_never_panics() {
    const MUTATIONS: usize = 600;
    let tree = parse(ties());
    let all = nodes(&tree);
    let mut rng = SplitMix(2021);
    let (mut refused, mut rendered) = (0, 0);
    let mut panics = Vec::new();
    for k in 0..MUTATIONS {
        let mut t = tree.clone();
        // One damage in two hits a number, the commonest thing in the file.
        let node = loop {
            let (n, v) = &all[rng.below(all.len())];
            if v.is_number() || rng.below(2) == 0 {
                break n;
            }
        };
        let what = damage(&mut t, node, &mut rng);
        let bytes = to_bytes(&t);
        // Charts on one damage in fifty: drawing them (a second each) is the slow part.
        let charts = k % 50 == 0;
        let outcome = catch_unwind(AssertUnwindSafe(|| match read_back(&bytes) {
            Err(_) => false,
            Ok(a) => {
                // A chart may refuse to draw what it is given; it must not panic.
                let _ = render(&a, &options(charts));
                true
            }
        }));
        match outcome {
            Ok(false) => refused += 1,
            Ok(true) => rendered += 1,
            Err(_) => panics.push(what),
        }
    }
    assert!(
        panics.is_empty(),
        "{} of {MUTATIONS} damages panicked:\n{}",
        panics.len(),
        panics.join("\n")
    );
    // Both outcomes happen: the damages are neither all harmless nor all fatal.
    assert!(
        refused > MUTATIONS / 10 && rendered > MUTATIONS / 10,
        "{refused} refused, {rendered} rendered"
    );
}

/// The real binary: a damaged results.json ends with exit 2 and a message naming it.
#[test]
fn report_on_a_damaged_results_file_exits_2() {
    let w = Workdir::empty();
    crate::ties::copy_tie_study(&w);
    w.ok(&["run", "ties/study.toml", "--no-charts", "--quiet"]);
    let good = w.path().join("reports/seri/results.json");
    let tree = parse(&std::fs::read(&good).unwrap());
    let kelurahan = tree["analysis"]["study"]["regions"]["kelurahan"]
        .as_array()
        .unwrap()
        .len();
    let damaged: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "index",
            mutated(
                &tree,
                "/analysis/selection/groups/1/entries/0/candidate",
                Value::from(999),
            ),
            "analysis.selection.groups[1].entries[0].candidate = 999, but the study has 13 candidates".into(),
        ),
        (
            "region",
            mutated(
                &tree,
                "/analysis/selection/groups/2/region/Kelurahan",
                Value::from(kelurahan),
            ),
            format!("analysis.selection.groups[2].region.Kelurahan = {kelurahan}"),
        ),
        (
            "truncated",
            std::fs::read(&good).unwrap()[..5000].to_vec(),
            "ends early".into(),
        ),
        ("empty", Vec::new(), "ends early".into()),
        (
            "type",
            mutated(
                &tree,
                "/analysis/selection/groups/0/entries/0/rank",
                Value::from("first"),
            ),
            "at analysis.selection.groups[0].entries[0].rank".into(),
        ),
    ];
    for (name, bytes, expected) in damaged {
        let dir = w.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("results.json"), bytes).unwrap();
        let out = w
            .cmd()
            .args(["report", name, "--no-charts", "--out", "out"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("{name}/results.json")),
            "{name}: {err}"
        );
        assert!(
            err.contains(&expected),
            "{name}: expected {expected:?} in {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(
            !w.path().join("out").exists(),
            "{name}: a report was written"
        );
    }
}

/// A results file edited into other valid numbers: its manifest's hash tells.
#[test]
fn an_edited_results_file_is_refused_while_its_manifest_records_another_hash() {
    let w = Workdir::empty();
    crate::ties::copy_tie_study(&w);
    w.ok(&["run", "ties/study.toml", "--no-charts", "--quiet"]);
    let report = w.path().join("reports/seri");
    let text = std::fs::read_to_string(report.join("results.json")).unwrap();
    let mut tree = parse(text.as_bytes());
    let score = &mut tree["analysis"]["selection"]["groups"][0]["entries"][0]["score"];
    *score = Value::from(score.as_f64().unwrap() / 2.0);
    std::fs::write(report.join("results.json"), to_bytes(&tree)).unwrap();
    let out = w
        .cmd()
        .args(["report", "reports/seri", "--no-charts"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("results.json: changed after the run") && err.contains("manifest.json"),
        "{err}"
    );
    // Without the manifest there is nothing to compare with: the numbers are rendered.
    std::fs::remove_file(report.join("manifest.json")).unwrap();
    w.ok(&["report", "reports/seri", "--no-charts", "--out", "again"]);
}

/// Kinds of damage and how each is refused, in one place for the README's words.
#[test]
fn results_errors_name_the_file_and_the_remedy() {
    let bytes = mutated(&parse(ties()), "/analysis/panels/0/panel", Value::from(5));
    let err = results::from_json(&bytes, Path::new(PATH)).unwrap_err();
    assert!(matches!(err, ResultsError::Invalid { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "{PATH}: analysis.panels[0].panel = 5, but the panels are listed in study order: expected 0; rerun `unggul run` to rebuild it"
        )
    );
    // Several problems are listed one per line.
    let mut tree = parse(ties());
    tree["analysis"]["panels"][0]["panel"] = Value::from(5);
    tree["analysis"]["study"]["method"]["winners"] = Value::from(0);
    let err = read_back(&to_bytes(&tree)).unwrap_err();
    assert!(
        err.starts_with(&format!(
            "{PATH}: 2 problems:\n  analysis.study.method.winners = 0"
        )),
        "{err}"
    );
    assert!(err.ends_with("\nrerun `unggul run` to rebuild it"), "{err}");
}

/// Region codes and categories name chart files: one that would lead out of the report
/// folder is refused before anything is written.
#[test]
fn names_that_would_leave_the_report_folder_are_refused() {
    let tree = parse(ties());
    for (pointer, value) in [
        (
            "/analysis/study/regions/kelurahan/2/code",
            "99.02.02./../../x",
        ),
        ("/analysis/study/regions/kecamatan/0/code", "..\\x"),
        ("/analysis/study/regions/code", ""),
        ("/analysis/study/categories/1", "kerajinan/../../x"),
    ] {
        let msg = read_back(&mutated(&tree, pointer, Value::from(value)))
            .err()
            .unwrap_or_else(|| panic!("{pointer} = {value:?} was accepted"));
        let path = format!("analysis{}", pointer_to_path(&pointer["/analysis".len()..]));
        assert!(msg.contains(&format!("{path} = {value:?}")), "{msg}");
    }
}
