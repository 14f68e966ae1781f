//! `unggul report`: a finished run's report rendered again from its results.json.

use crate::common::Workdir;

/// The bundled study, run quickly into `reports/probolinggo`.
fn run_bundled() -> Workdir {
    let w = Workdir::bundled();
    w.cmd()
        .args(["run", "--no-charts", "--samples", "500", "--quiet"])
        .assert()
        .success();
    w
}

#[test]
fn report_renders_a_run_again_in_english() {
    let w = run_bundled();
    assert!(w.path().join("reports/probolinggo/results.json").exists());
    w.cmd()
        .args([
            "report",
            "reports/probolinggo",
            "--lang",
            "en",
            "--no-charts",
            "--out",
            "en",
        ])
        .assert()
        .success();
    let summary = w.read("en/summary.md");
    assert!(
        summary.contains("## Summary of findings")
            && summary.contains("## Criteria weights and consistency")
    );
    assert_ne!(summary, w.read("reports/probolinggo/summary.md"));
    for table in ["unggulan_kelurahan.csv", "unggulan_kecamatan.csv"] {
        assert_eq!(
            std::fs::read(w.path().join("en").join(table)).unwrap(),
            std::fs::read(w.path().join("reports/probolinggo").join(table)).unwrap(),
            "{table}"
        );
    }
    // The results travel with the report, unchanged.
    assert_eq!(
        w.read("en/results.json"),
        w.read("reports/probolinggo/results.json")
    );
}

#[test]
fn report_in_the_same_language_gives_the_same_manifest() {
    let w = run_bundled();
    let run_manifest = w.read("reports/probolinggo/manifest.json");
    // Default --out: the folder itself, replaced as a whole.
    w.cmd()
        .args(["report", "reports/probolinggo", "--no-charts", "--quiet"])
        .assert()
        .success();
    // Byte for byte, apart from the command line.
    let regenerated = w.read("reports/probolinggo/manifest.json");
    let strip = |m: &str| {
        let mut skipping = false;
        let kept: Vec<&str> = m
            .lines()
            .filter(|l| {
                if l.starts_with("  \"command_line\": [") {
                    skipping = true;
                }
                let keep = !skipping;
                if skipping && l.starts_with("  ]") {
                    skipping = false;
                }
                keep
            })
            .collect();
        assert!(
            kept.len() < m.lines().count(),
            "no command_line entry in {m}"
        );
        kept.join("\n")
    };
    assert_eq!(strip(&regenerated), strip(&run_manifest));
}

#[test]
fn report_without_results_is_a_usage_error() {
    let w = Workdir::empty();
    std::fs::create_dir_all(w.path().join("old")).unwrap();
    let out = w.cmd().args(["report", "old"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("results.json"), "{err}");
    assert!(err.contains("unggul run"), "{err}");
}
