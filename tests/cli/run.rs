//! `unggul run` and `unggul validate` on the bundled study.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::Workdir;

fn read_dir_bytes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn bundled_study_runs_and_writes_every_table() {
    let w = Workdir::bundled();
    let out = w.ok(&["run", "datasets/probolinggo"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("29 kelurahan")
            && stdout.contains(
                "156 people filled in 198 sets of judgments in 34 panels; 6 sets inconsistent"
            ),
        "{stdout}"
    );
    let report = w.path().join("reports/probolinggo");
    for f in [
        "weights.csv",
        "consistency.csv",
        "revisit.csv",
        "ranking_kelurahan.csv",
        "unggulan_kelurahan.csv",
        "ranking_kecamatan.csv",
        "unggulan_kecamatan.csv",
        "summary.md",
        "manifest.json",
    ] {
        assert!(report.join(f).exists(), "{f} missing");
    }
    // One unggulan per kelurahan x category: 29 x 3 rows, and 5 x 3 at kecamatan level.
    let kel = w.read("reports/probolinggo/unggulan_kelurahan.csv");
    assert_eq!(kel.lines().count(), 1 + 87);
    let kec = w.read("reports/probolinggo/unggulan_kecamatan.csv");
    assert_eq!(kec.lines().count(), 1 + 15);
    let summary = w.read("reports/probolinggo/summary.md");
    assert!(summary.contains("## Unggulan kelurahan") && summary.contains("Data ilustratif"));
    let manifest: serde_json::Value =
        serde_json::from_str(&w.read("reports/probolinggo/manifest.json")).unwrap();
    assert_eq!(manifest["method"]["ri_table"], "saaty-classic");
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 5);
    assert!(manifest["inputs"][0]["sha256"].as_str().unwrap().len() == 64);
}

#[test]
fn every_kecamatan_winner_is_a_kelurahan_winner() {
    let w = Workdir::bundled();
    assert!(
        w.cmd()
            .args(["run", "datasets/probolinggo", "--quiet"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let kel = w.read("reports/probolinggo/unggulan_kelurahan.csv");
    let kec = w.read("reports/probolinggo/unggulan_kecamatan.csv");
    let kel_ids: Vec<&str> = kel
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(6).unwrap())
        .collect();
    for line in kec.lines().skip(1) {
        let id = line.split(',').nth(4).unwrap();
        assert!(kel_ids.contains(&id), "{id} is not a kelurahan unggulan");
    }
}

#[test]
fn two_runs_are_byte_identical_and_replace_the_old_report() {
    let w = Workdir::bundled();
    let run = || {
        assert!(
            w.cmd()
                .args(["run", "datasets/probolinggo", "-q"])
                .output()
                .unwrap()
                .status
                .success()
        )
    };
    run();
    let first = read_dir_bytes(&w.path().join("reports/probolinggo"));
    run();
    let second = read_dir_bytes(&w.path().join("reports/probolinggo"));
    assert_eq!(first, second);
    // No staging folders left behind.
    let names: Vec<_> = std::fs::read_dir(w.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn english_summary() {
    let w = Workdir::bundled();
    assert!(
        w.cmd()
            .args(["run", "datasets/probolinggo", "-q", "--lang", "en"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let summary = w.read("reports/probolinggo/summary.md");
    assert!(summary.contains("## Kelurahan unggulan") && summary.contains("Illustrative data"));
}

#[test]
fn a_folder_not_written_by_unggul_is_never_replaced() {
    let w = Workdir::bundled();
    w.write("mine/notes.txt", "my own notes");
    let out = w
        .cmd()
        .args(["run", "datasets/probolinggo", "--out", "mine"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("was not written by unggul"));
    assert_eq!(w.read("mine/notes.txt"), "my own notes");
}

#[test]
fn validate_accepts_the_bundled_study() {
    let w = Workdir::bundled();
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo/study.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("ok (5 kecamatan, 29 kelurahan, 356 candidates")
    );
}

#[test]
fn fixed_reference_and_weighted_sum_are_selectable() {
    let w = Workdir::bundled();
    w.edit(
        "datasets/probolinggo/study.toml",
        "reference = \"relative\"",
        "reference = \"fixed\"",
    );
    assert!(
        w.cmd()
            .args(["run", "datasets/probolinggo", "-q"])
            .output()
            .unwrap()
            .status
            .success()
    );
    w.edit(
        "datasets/probolinggo/study.toml",
        "scoring = \"topsis\"",
        "scoring = \"weighted-sum\"",
    );
    w.edit(
        "datasets/probolinggo/study.toml",
        "normalization = \"vector\"",
        "normalization = \"min-max\"",
    );
    assert!(
        w.cmd()
            .args(["run", "datasets/probolinggo", "-q"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let ranking = w.read("reports/probolinggo/ranking_kelurahan.csv");
    // Weighted sum has no distances: d_plus and d_minus are empty.
    assert!(
        ranking.lines().nth(1).unwrap().contains(",,,unggulan,"),
        "{}",
        ranking.lines().nth(1).unwrap()
    );
}

#[test]
fn files_added_or_edited_in_a_report_folder_are_never_lost() {
    let w = Workdir::bundled();
    let args = [
        "run",
        "datasets/probolinggo",
        "-q",
        "--no-charts",
        "--no-sensitivity",
        "--out",
        "out",
    ];
    assert!(w.cmd().args(args).output().unwrap().status.success());
    w.write("out/catatan_rapat.txt", "notulen");
    let out = w.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("catatan_rapat.txt"));
    assert_eq!(w.read("out/catatan_rapat.txt"), "notulen");
    std::fs::remove_file(w.path().join("out/catatan_rapat.txt")).unwrap();
    // An edited berita acara is kept too.
    let ba = "out/berita_acara/35.74.01.1001.html";
    w.write(ba, "edited by the lurah");
    let out = w.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("berita_acara/35.74.01.1001.html"));
    assert_eq!(w.read(ba), "edited by the lurah");
}

/// The analysis date comes from the study file, or from `SOURCE_DATE_EPOCH` when it is set;
/// never from the clock. 1633305600 is 2021-10-04 00:00 UTC (`date -u -d @1633305600`).
#[test]
fn the_report_is_dated_by_the_study_or_source_date_epoch_only() {
    let w = Workdir::bundled();
    let fast = ["run", "datasets/probolinggo", "--no-charts", "--no-smaa"];
    w.ok(&fast);
    let summary = w.read("reports/probolinggo/summary.md");
    assert!(
        summary.contains(
            "FGD kelurahan Oktober 2021; FGD kecamatan Oktober 2021; analisis 3 Desember 2026"
        ),
        "{summary}"
    );
    assert!(summary.contains("Peraturan Menteri Dalam Negeri Nomor 9 Tahun 2014"));
    let out = w
        .cmd()
        .args(fast)
        .env("SOURCE_DATE_EPOCH", "1633305600")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        w.read("reports/probolinggo/summary.md")
            .contains("analisis 4 Oktober 2021")
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&w.read("reports/probolinggo/manifest.json")).unwrap();
    assert_eq!(manifest["study"]["dates"]["analysis"], "2021-10-04");
    let out = w
        .cmd()
        .args(fast)
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
}

/// A study of more than 160 kelurahan (here 17 × 10 = 170) gets a main page that stays small
/// and one page per kecamatan holding that kecamatan's kelurahan, and no others.
#[test]
fn a_large_study_gets_one_page_per_kecamatan() {
    let w = Workdir::empty();
    w.ok(&[
        "generate",
        "--preset",
        "synthetic",
        "--kecamatan",
        "17",
        "--kelurahan-per-kecamatan",
        "10",
        "--min-candidates",
        "2",
        "--max-candidates",
        "3",
        "--seed",
        "3",
        "--out",
        "kab",
    ]);
    w.ok(&[
        "run",
        "kab",
        "--no-charts",
        "--samples",
        "200",
        "--out",
        "out",
    ]);
    let index = w.read("out/index.html");
    let pages: Vec<String> = std::fs::read_dir(w.path().join("out/kecamatan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages.len(), 17, "{pages:?}");
    let regions = w.read("kab/wilayah.csv");
    // Kelurahan rows: code, name, kecamatan code (the generator's layout).
    let header: Vec<&str> = regions.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (kel_name, kec_code) = (col("kelurahan"), col("kecamatan_code"));
    let first_kecamatan = regions
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(kec_code)
        .unwrap()
        .to_string();
    let page = w.read(&format!("out/kecamatan/{first_kecamatan}.html"));
    assert!(index.contains(&format!("kecamatan/{first_kecamatan}.html")));
    for line in regions.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let name = format!(">{}<", fields[kel_name]);
        // Every kelurahan is on its kecamatan's page only, never in the main page's tables.
        assert_eq!(
            page.contains(&name),
            fields[kec_code] == first_kecamatan,
            "{name}"
        );
        assert!(
            !index.contains(&format!(">{}</a></td>", fields[kel_name])),
            "{name}"
        );
    }
    assert!(page.contains("../index.html"));
    assert!(index.len() < 5_000_000);
}
