//! explore.html, the what-if page, in a real browser: Debian's chromium, headless, network
//! off, loads the bundled study's page from disk; a script (tests/cli/data/explore_harness.js)
//! sets weights, crosses every printed critical weight and edits judgments through the page's
//! `window.unggul` object, and writes what the page computed into the DOM. Every number is then
//! compared here with the engine (the library on the same study).
//!
//! Without chromium the test prints a loud "skipped" and passes, unless
//! `UNGGUL_REQUIRE_BROWSER=1` (as `.ci/run` sets), which makes it fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use unggul::Analysis;
use unggul::ahp::PairwiseMatrix;
use unggul::model::Scoring;
use unggul::score::{MatrixView, topsis, weighted_sum};
use unggul::select::{group_matrix, reference};

use crate::common::Workdir;

/// The page must reproduce the engine's closeness and CR to this (the issue's bound).
const SAME_NUMBER: f64 = 1e-12;
/// The city page's size limit.
const CITY_PAGE_LIMIT: usize = 1 << 20;
/// How far beyond (or before) a printed critical weight the page is set.
const NUDGE: f64 = 1e-9;
/// Before-the-crossing checks are made only where the crossing is this far from the panel's
/// weight (a zero-distance threshold has no "before").
const BEFORE_GAP: f64 = 1e-6;

const HARNESS: &str = include_str!("data/explore_harness.js");

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// The browser, or `None` after saying loudly that the test is skipped.
fn browser_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var("UNGGUL_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "chromium not found, and UNGGUL_REQUIRE_BROWSER=1 requires it: apt-get install -y chromium chromium-driver"
        );
        eprintln!(
            "\n********************************************************************\n\
             skipped: chromium not found; explore.html was NOT tested in a browser\n\
             (apt-get install -y chromium; UNGGUL_REQUIRE_BROWSER=1 makes this fail)\n\
             ********************************************************************\n"
        );
    }
    found
}

/// Loads `page` in headless chromium with the network off and returns the harness's output.
fn run_in_browser(browser: &Path, page: &Path, profile: &Path) -> serde_json::Value {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            // Network off: every host resolves nowhere and every request goes to a dead proxy.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
            "--virtual-time-budget=60000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .rfind("<pre id=\"unggul-test-output\">")
        .unwrap_or_else(|| {
            panic!(
                "the harness wrote no output; chromium said:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let text = &dom[start + "<pre id=\"unggul-test-output\">".len()..];
    let text = &text[..text.find("</pre>").expect("closed pre")];
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text).expect("the harness writes JSON")
}

/// The engine's scores of a group's members at weights `w` (the selection stage's scoring).
fn engine_scores(
    analysis: &Analysis,
    level_index: usize,
    members: &[usize],
    w: &[f64],
) -> Vec<f64> {
    let study = &analysis.study;
    let (data, directions) = group_matrix(study, level_index, members);
    let view = MatrixView {
        rows: members.len(),
        cols: directions.len(),
        data: &data,
    };
    let m = &study.method;
    let r = reference(study, level_index);
    match m.scoring {
        Scoring::Topsis => {
            topsis(view, w, &directions, m.normalization, &r)
                .expect("scores")
                .closeness
        }
        Scoring::WeightedSum => {
            weighted_sum(view, w, &directions, m.normalization, &r)
                .expect("scores")
                .scores
        }
    }
}

fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect()
}

/// Largest difference so far, and where.
#[derive(Default)]
struct Worst {
    diff: f64,
    at: String,
}

impl Worst {
    fn check(&mut self, got: f64, want: f64, at: impl Fn() -> String) {
        let d = (got - want).abs();
        assert!(
            d <= SAME_NUMBER,
            "{}: page {got}, engine {want} (difference {d:e})",
            at()
        );
        if d > self.diff || self.at.is_empty() {
            self.diff = d.max(self.diff);
            self.at = at();
        }
    }
}

/// Deterministic weight vectors that move every weight: w_k (1 + 0.6 sin(...)), rescaled.
fn moved_weights(base: &[f64], seed: usize) -> Vec<f64> {
    let raw: Vec<f64> = base
        .iter()
        .enumerate()
        .map(|(k, w)| (w + 0.02) * (1.0 + 0.6 * ((k * 7 + seed * 13) as f64).sin()))
        .collect();
    let s: f64 = raw.iter().sum();
    raw.iter().map(|x| x / s).collect()
}

fn page_group_title(analysis: &Analysis, g: usize) -> String {
    let group = &analysis.selection.groups[g];
    format!(
        "{} {} {}",
        group.level.id(),
        analysis.study.regions.code_of(group.region),
        analysis.study.categories[group.category]
    )
}

#[test]
fn explore_page_gives_the_engines_numbers_in_chromium() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let started = std::time::Instant::now();
    let w = Workdir::bundled();
    w.cmd()
        .args(["run", "--no-charts", "--no-smaa", "--quiet", "--out", "out"])
        .assert()
        .success();
    let report = w.path().join("out");
    let analysis = unggul::report::results::read(&report).expect("results.json reads");
    let page = std::fs::read_to_string(report.join("explore.html")).expect("explore.html written");
    assert!(
        page.len() < CITY_PAGE_LIMIT,
        "explore.html is {} bytes, over 1 MB",
        page.len()
    );
    for remote in ["http://", "https://", "//cdn", "fetch(", "XMLHttpRequest"] {
        assert!(!page.contains(remote), "explore.html mentions {remote}");
    }
    assert!(page.contains("<html lang=\"id\">") && page.contains("Jelajah bobot"));

    // Every group of the page is a group of the selection, in the same order (one page).
    let groups = &analysis.selection.groups;
    let study = &analysis.study;

    // 1. Weights: the panel's, and three vectors that move every weight, for every group.
    let mut weight_cases = Vec::new();
    let mut weight_expect = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if group.entries.is_empty() {
            continue;
        }
        let members: Vec<usize> = group.entries.iter().map(|e| e.candidate).collect();
        for k in 0..4 {
            let wv = if k == 0 {
                group.weights.clone()
            } else {
                moved_weights(&group.weights, g * 4 + k)
            };
            let expected = engine_scores(&analysis, group.level_index, &members, &wv);
            weight_cases.push(serde_json::json!({"group": g, "weights": wv}));
            weight_expect.push((g, members.clone(), expected));
        }
    }

    // 2. Every printed critical weight.
    let sensitivity = analysis.sensitivity.as_ref().expect("thresholds ran");
    let mut crossing_cases = Vec::new();
    let mut crossing_expect = Vec::new();
    for gs in &sensitivity.groups {
        let group = &groups[gs.group];
        for t in &gs.thresholds {
            let (Some(c), Some(new)) = (t.critical_weight, t.new_winner) else {
                continue;
            };
            let up = t.direction == unggul::sensitivity::Direction::Increase;
            let beyond = if up { c + NUDGE } else { c - NUDGE }.clamp(0.0, 1.0);
            let before = ((c - t.base_weight).abs() > BEFORE_GAP).then_some(if up {
                c - NUDGE
            } else {
                c + NUDGE
            });
            crossing_cases.push(serde_json::json!({
                "group": gs.group, "criterion": t.criterion, "beyond": beyond, "before": before,
            }));
            let id = |e: usize| study.candidates.list[group.entries[e].candidate].id.clone();
            crossing_expect.push((gs.group, t.criterion, c, id(new), id(group.order[0])));
        }
    }
    assert!(
        crossing_expect.len() >= 10,
        "the bundled study prints critical weights"
    );

    // 3. Judgment edits: in several panels, one participant's first judgment goes to the other
    // end of Saaty's scale (so consistency, exclusion and the unggulan can all move).
    let mut edit_cases = Vec::new();
    let mut edit_expect = Vec::new();
    let mut ahp_files = Vec::new();
    for p in [0, 1, 7, 13, study.panels.len() - 1] {
        let panel = &study.panels[p];
        let q = p % panel.participants.len();
        let a01 = panel.participants[q].matrices[0].get(0, 1);
        let value = if a01 >= 1.0 { 1.0 / 9.0 } else { 9.0 };
        let mut edited = study.clone();
        let mut rows = edited.panels[p].participants[q].matrices[0].to_rows();
        rows[0][1] = value;
        rows[1][0] = 1.0 / value;
        edited.panels[p].participants[q].matrices[0] =
            PairwiseMatrix::from_rows(&rows).expect("a reciprocal matrix");
        let weights = unggul::weights::panel_weights(&edited, p).expect("AHP");
        let names: Vec<String> = study.levels[panel.level].criteria.nodes[0]
            .children
            .iter()
            .map(|&c| study.levels[panel.level].criteria.criteria[c].id.clone())
            .collect();
        ahp_files.push((q, names, rows));
        let selection = unggul::analyse(edited).expect("analyse").selection;
        edit_cases.push(serde_json::json!({
            "panel": study.regions.code_of(panel.region), "participant": q, "node": 0,
            "i": 0, "j": 1, "value": value,
        }));
        edit_expect.push((p, weights, selection));
    }

    let cases = serde_json::json!({
        "weights": weight_cases, "crossings": crossing_cases, "edits": edit_cases,
    });
    let test_page = page.replace(
        "</body>",
        &format!("<script>\nconst CASES = {cases};\n{HARNESS}</script>\n</body>"),
    );
    let test_path = report.join("explore-test.html");
    std::fs::write(&test_path, test_page).unwrap();
    let browser_started = std::time::Instant::now();
    let out = run_in_browser(&browser, &test_path, &w.path().join("chromium-profile"));
    let browser_time = browser_started.elapsed();
    assert_eq!(out["errors"], serde_json::json!([]), "the page threw");

    let mut worst = Worst::default();
    let got = out["weights"].as_array().expect("weights");
    assert_eq!(got.len(), weight_expect.len());
    for (k, ((g, members, want), page)) in weight_expect.iter().zip(got).enumerate() {
        let ids: Vec<String> = members
            .iter()
            .map(|&c| study.candidates.list[c].id.clone())
            .collect();
        assert_eq!(
            strings(&page["ids"]),
            ids,
            "members of {}",
            page_group_title(&analysis, *g)
        );
        for (i, (a, b)) in floats(&page["scores"]).iter().zip(want).enumerate() {
            worst.check(*a, *b, || {
                format!(
                    "{} weights #{} candidate {}",
                    page_group_title(&analysis, *g),
                    k % 4,
                    ids[i]
                )
            });
        }
    }

    let got = out["crossings"].as_array().expect("crossings");
    assert_eq!(got.len(), crossing_expect.len());
    for ((g, j, c, new, old), page) in crossing_expect.iter().zip(got) {
        let at = format!(
            "{} criterion {j} critical weight {c}",
            page_group_title(&analysis, *g)
        );
        assert_eq!(
            page["beyond"].as_str(),
            Some(new.as_str()),
            "{at}: the printed new winner"
        );
        if !page["before"].is_null() {
            assert_eq!(
                page["before"].as_str(),
                Some(old.as_str()),
                "{at}: before the crossing"
            );
        }
    }

    let got = out["edits"].as_array().expect("edits");
    assert_eq!(got.len(), edit_expect.len());
    for ((p, weights, selection), page) in edit_expect.iter().zip(got) {
        let at = |what: &str| format!("panel {p} edited: {what}");
        // The edit matters: the engine's panel weights move (so the page has to follow).
        let moved = weights
            .weights
            .iter()
            .zip(&analysis.panels[*p].weights)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(moved > 1e-3, "{}", at("the edit moves the weights"));
        for (a, b) in floats(&page["panel"]["weights"])
            .iter()
            .zip(&weights.weights)
        {
            worst.check(*a, *b, || at("panel weight"));
        }
        let parts = page["panel"]["participants"]
            .as_array()
            .expect("participants");
        assert_eq!(parts.len(), weights.participants.len());
        for (k, (pp, ep)) in parts.iter().zip(&weights.participants).enumerate() {
            assert_eq!(
                pp["included"].as_bool(),
                Some(ep.included),
                "{}",
                at("included")
            );
            assert_eq!(
                pp["consistent"].as_bool(),
                Some(ep.consistent),
                "{}",
                at("consistent")
            );
            for (pn, en) in pp["nodes"].as_array().expect("nodes").iter().zip(&ep.nodes) {
                worst.check(pn["cr"].as_f64().expect("cr"), en.cr.expect("cr"), || {
                    at(&format!("participant {k} CR"))
                });
                for (a, b) in floats(&pn["weights"]).iter().zip(&en.weights) {
                    worst.check(*a, *b, || at(&format!("participant {k} weights")));
                }
            }
        }
        let page_groups = page["groups"].as_array().expect("groups");
        assert_eq!(page_groups.len(), selection.groups.len());
        for (g, (pg, eg)) in page_groups.iter().zip(&selection.groups).enumerate() {
            let ids: Vec<String> = eg
                .entries
                .iter()
                .map(|e| study.candidates.list[e.candidate].id.clone())
                .collect();
            assert_eq!(
                strings(&pg["ids"]),
                ids,
                "{}",
                at(&format!("members of group {g}"))
            );
            for (a, e) in floats(&pg["scores"]).iter().zip(&eg.entries) {
                worst.check(*a, e.score, || at(&format!("scores of group {g}")));
            }
        }
    }

    // The edited participant's matrix through `unggul ahp` too: the same CR and weights.
    let m = &study.method;
    for (k, ((q, names, rows), page)) in ahp_files.iter().zip(got).enumerate() {
        let mut csv = format!("criterion,{}\n", names.join(","));
        for (name, row) in names.iter().zip(rows) {
            let cells: Vec<String> = row.iter().map(f64::to_string).collect();
            csv.push_str(&format!("{name},{}\n", cells.join(",")));
        }
        let file = format!("edited-{k}.csv");
        w.write(&file, &csv);
        let output = w
            .cmd()
            .args(["ahp", "--pairwise", &file, "--format", "json"])
            .args(["--method", m.ahp_method.id(), "--ri", m.ri_table.id()])
            .output()
            .unwrap();
        assert!(output.status.success(), "unggul ahp runs on {file}");
        let cli: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let node = &page["panel"]["participants"][*q]["nodes"][0];
        worst.check(
            node["cr"].as_f64().expect("cr"),
            cli["cr"].as_f64().expect("cr"),
            || format!("unggul ahp on {file}: CR"),
        );
        for (name, x) in names.iter().zip(floats(&node["weights"])) {
            worst.check(x, cli["weights"][name].as_f64().expect("weight"), || {
                format!("unggul ahp on {file}: weight of {name}")
            });
        }
    }

    // At rest after every reset: the report's groups and unggulan.
    let rest = out["rest"].as_array().expect("rest");
    assert_eq!(rest.len(), groups.len());
    for (g, (pg, eg)) in rest.iter().zip(groups).enumerate() {
        for (a, e) in floats(&pg["scores"]).iter().zip(&eg.entries) {
            worst.check(*a, e.score, || format!("group {g} at rest"));
        }
        assert_eq!(pg["winner"], pg["report_winner"], "group {g} at rest");
    }

    eprintln!(
        "explore.html: {} bytes; {} weight cases, {} crossings, {} judgment edits; largest \
         difference from the engine {:e} ({}); chromium {:.1} s, whole test {:.1} s",
        page.len(),
        weight_expect.len(),
        crossing_expect.len(),
        edit_expect.len(),
        worst.diff,
        worst.at,
        browser_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn report_writes_explore_html_in_the_chosen_language() {
    let w = Workdir::bundled();
    w.cmd()
        .args([
            "run",
            "--no-charts",
            "--no-sensitivity",
            "--quiet",
            "--out",
            "out",
        ])
        .assert()
        .success();
    let id = w.read("out/explore.html");
    assert!(id.contains("<html lang=\"id\">"));
    w.cmd()
        .args([
            "report",
            "out",
            "--out",
            "out-en",
            "--lang",
            "en",
            "--no-charts",
        ])
        .assert()
        .success();
    let en = w.read("out-en/explore.html");
    assert!(en.contains("<html lang=\"en\">") && en.contains("Weight explorer"));
    // Same data, other words: the embedded numbers are the same.
    let data = |page: &str| {
        let start = page.find("id=\"unggul-data\">").expect("data") + "id=\"unggul-data\">".len();
        let json: serde_json::Value = serde_json::from_str(
            &page[start..start + page[start..].find("</script>").expect("end")],
        )
        .expect("JSON");
        (
            json["groups"].clone(),
            json["panels"].clone(),
            json["candidates"].clone(),
        )
    };
    let (a, b) = (data(&id), data(&en));
    assert_eq!(a.0.as_array().map(Vec::len), b.0.as_array().map(Vec::len));
    assert_eq!(a.1, b.1);
    assert_eq!(a.2, b.2);
    // Rendered again in the same language: byte-identical.
    w.cmd()
        .args(["report", "out", "--out", "out-id", "--no-charts"])
        .assert()
        .success();
    assert_eq!(w.read("out-id/explore.html"), id);
}

#[test]
fn a_large_study_gets_one_explore_page_per_kecamatan() {
    let w = Workdir::empty();
    w.cmd()
        .args([
            "generate",
            "--preset",
            "synthetic",
            "--kecamatan",
            "3",
            "--kelurahan-per-kecamatan",
            "21",
            "--out",
            "study",
        ])
        .assert()
        .success();
    w.cmd()
        .args([
            "run",
            "study",
            "--no-charts",
            "--no-smaa",
            "--quiet",
            "--out",
            "out",
        ])
        .assert()
        .success();
    let report = w.path().join("out");
    let analysis = unggul::report::results::read(&report).expect("results.json reads");
    let study = &analysis.study;
    assert!(study.regions.kelurahan.len() >= unggul::report::explore::PER_KECAMATAN_FROM);
    let city = w.read("out/explore.html");
    for kec in &study.regions.kecamatan {
        let href = format!("explore/{}.html", kec.code);
        assert!(city.contains(&href), "explore.html links {href}");
        assert!(report.join(&href).is_file(), "{href} written");
    }
    let manifest = w.read("out/manifest.json");
    assert!(manifest.contains("\"explore/") && manifest.contains("\"explore.html\""));

    // The first kecamatan's page, in the browser: its kelurahan groups, then its kecamatan
    // groups (nominees from those kelurahan), each with the report's members and scores.
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let kec = 0;
    let expected: Vec<&unggul::select::Group> = analysis
        .selection
        .groups
        .iter()
        .filter(|g| match g.region {
            unggul::model::RegionRef::Kelurahan(k) => study.regions.kelurahan[k].kecamatan == kec,
            unggul::model::RegionRef::Kecamatan(k) => k == kec,
            unggul::model::RegionRef::Kota => false,
        })
        .collect();
    let page = w.read(&format!(
        "out/explore/{}.html",
        study.regions.kecamatan[kec].code
    ));
    let test_page = page.replace(
        "</body>",
        &format!(
            "<script>\nconst CASES = {{\"weights\": [], \"crossings\": [], \"edits\": []}};\n{HARNESS}</script>\n</body>"
        ),
    );
    let test_path = report.join("explore-test.html");
    std::fs::write(&test_path, test_page).unwrap();
    let out = run_in_browser(&browser, &test_path, &w.path().join("chromium-profile"));
    assert_eq!(out["errors"], serde_json::json!([]), "the page threw");
    let rest = out["rest"].as_array().expect("rest");
    assert_eq!(rest.len(), expected.len());
    let mut worst = Worst::default();
    for (g, (pg, eg)) in rest.iter().zip(&expected).enumerate() {
        let ids: Vec<String> = eg
            .entries
            .iter()
            .map(|e| study.candidates.list[e.candidate].id.clone())
            .collect();
        assert_eq!(strings(&pg["ids"]), ids, "members of page group {g}");
        for (a, e) in floats(&pg["scores"]).iter().zip(&eg.entries) {
            worst.check(*a, e.score, || format!("page group {g}"));
        }
    }
}
