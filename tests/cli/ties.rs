//! Ties at every level, on the tie study of `tests/cli/data/ties` (see its README): a
//! kelurahan tie at the cut, a tie below the cut, and a kecamatan tie between two kelurahan
//! nominees with identical values.

use std::collections::BTreeMap;

use crate::common::{Workdir, repo};
use crate::damaged_results::TIE_STUDY;

/// Copies the tie study into `ties/` of the work folder.
pub fn copy_tie_study(w: &Workdir) {
    let from = repo().join(TIE_STUDY);
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        w.write(
            &format!("ties/{name}"),
            &std::fs::read_to_string(entry.path()).unwrap(),
        );
    }
}

/// Runs the tie study and returns its report folder's files (as text) by name.
fn run_ties() -> (Workdir, BTreeMap<String, String>) {
    let w = Workdir::empty();
    copy_tie_study(&w);
    w.ok(&["run", "ties/study.toml", "--no-charts", "--quiet"]);
    let mut files = BTreeMap::new();
    for name in [
        "unggulan_kelurahan.csv",
        "unggulan_kecamatan.csv",
        "unggulan_kota.csv",
        "ranking_kelurahan.csv",
        "ranking_kecamatan.csv",
        "summary.md",
        "index.html",
    ] {
        files.insert(name.to_string(), w.read(&format!("reports/seri/{name}")));
    }
    (w, files)
}

/// CSV rows as maps from column name to cell.
fn rows(csv: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The `tie_needs_decision` cell of each group, keyed "region/category".
fn decisions(csv: &str, region_column: &str) -> BTreeMap<String, String> {
    rows(csv)
        .into_iter()
        .map(|r| {
            (
                format!("{}/{}", r[region_column], r["category"]),
                r["tie_needs_decision"].clone(),
            )
        })
        .collect()
}

#[test]
fn each_tie_is_flagged_where_it_is_and_nowhere_else() {
    let (_w, f) = run_ties();
    let kel = decisions(&f["unggulan_kelurahan.csv"], "kelurahan");
    let expected: BTreeMap<String, String> = [
        ("Alpha/agro", "true"),
        ("Alpha/kerajinan", "false"),
        // Beta/agro has a tie at ranks 2 and 3, below the cut: nothing to decide.
        ("Beta/agro", "false"),
        ("Beta/kerajinan", "false"),
        ("Gamma/agro", "false"),
        ("Gamma/kerajinan", "false"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(kel, expected);
    let kec = decisions(&f["unggulan_kecamatan.csv"], "kecamatan");
    let expected: BTreeMap<String, String> = [
        ("Utara/agro", "false"),
        // The two kelurahan nominees A-KRJ-01 and B-KRJ-01 have identical values.
        ("Utara/kerajinan", "true"),
        ("Selatan/agro", "false"),
        ("Selatan/kerajinan", "false"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(kec, expected);
    assert!(
        rows(&f["unggulan_kota.csv"])
            .iter()
            .all(|r| r["tie_needs_decision"] == "false")
    );

    // The candidate listed first wins a tie; both tied candidates are marked tied, and the
    // tie below the cut too; nobody else is.
    let tied: Vec<(String, String, String)> = rows(&f["ranking_kelurahan.csv"])
        .into_iter()
        .chain(rows(&f["ranking_kecamatan.csv"]))
        .filter(|r| r["tied"] == "true")
        .map(|r| (r["id"].clone(), r["rank"].clone(), r["status"].clone()))
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        tied,
        vec![
            s("A-AGR-01", "1", "unggulan"),
            s("A-AGR-02", "2", "dipertimbangkan"),
            s("B-AGR-02", "2", "dipertimbangkan"),
            s("B-AGR-03", "3", "dipertimbangkan"),
            s("A-KRJ-01", "1", "unggulan"),
            s("B-KRJ-01", "2", "dipertimbangkan"),
        ]
    );
    // Tied candidates have the same score to the last digit.
    let score = |id: &str| {
        rows(&f["ranking_kelurahan.csv"])
            .into_iter()
            .find(|r| r["id"] == id)
            .unwrap()["score"]
            .clone()
    };
    assert_eq!(score("A-AGR-01"), score("A-AGR-02"));
    assert_eq!(score("B-AGR-02"), score("B-AGR-03"));
    assert_ne!(score("A-AGR-01"), score("A-AGR-03"));
}

/// The number of exact ties in the facts line "Perlu disepakati dalam FGD: N kelompok, M di
/// antaranya seri persis".
fn tie_count_after(text: &str, key: &str) -> usize {
    let at = text.find(key).expect("the facts count the ties") + key.len();
    let line = text[at..].lines().next().unwrap();
    let before = line
        .split(" di antaranya seri persis")
        .next()
        .expect("the ties are counted");
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

fn summary_tie_count(summary: &str) -> usize {
    tie_count_after(summary, "- Perlu disepakati dalam FGD:")
}

/// The same count in the page's facts list.
fn page_tie_count(html: &str) -> usize {
    tie_count_after(html, "Perlu disepakati dalam FGD</dt><dd>")
}

#[test]
fn summary_and_page_agree_with_the_tables_on_ties() {
    let (_w, f) = run_ties();
    let in_tables = [
        "unggulan_kelurahan.csv",
        "unggulan_kecamatan.csv",
        "unggulan_kota.csv",
    ]
    .iter()
    .flat_map(|t| rows(&f[*t]))
    .filter(|r| r["tie_needs_decision"] == "true")
    .count();
    assert_eq!(in_tables, 2);
    assert_eq!(page_tie_count(&f["index.html"]), in_tables, "index.html");
    assert_eq!(summary_tie_count(&f["summary.md"]), in_tables, "summary.md");
    // Each tie lists every tied candidate where the Ringkasan says what the FGD must decide.
    let section = |text: &str, start: &str, end: &str| -> String {
        let rest = text.split(start).nth(1).expect("a tie section");
        rest.split(end).next().unwrap().to_string()
    };
    let summary_ties = section(
        &f["summary.md"],
        "### Yang perlu disepakati dalam FGD",
        "\n### ",
    );
    let page_ties = section(&f["index.html"], "id=\"putuskan\"", "<h3");
    for name in [
        "Tani Kembar Satu",
        "Tani Kembar Dua",
        "Batik Serupa Alpha",
        "Batik Serupa Beta",
    ] {
        assert!(summary_ties.contains(name), "summary.md: {name}");
        assert!(page_ties.contains(name), "index.html: {name}");
    }
}
