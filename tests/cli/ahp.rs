//! `unggul ahp`: priorities and consistency of one pairwise matrix.

use serde_json::Value;

use crate::common::Workdir;

/// Saaty (2008), "Decision making with the analytic hierarchy process", drinks example.
const DRINKS: &str = "criterion,coffee,wine,tea,beer,soda,milk,water
coffee,1,9,5,2,1,1,1/2
wine,1/9,1,1/3,1/9,1/9,1/9,1/9
tea,1/5,3,1,1/3,1/4,1/3,1/9
beer,1/2,9,3,1,1/2,1,1/3
soda,1,9,4,2,1,2,1/2
milk,1,9,3,1,1/2,1,1/3
water,2,9,9,3,2,3,1
";

fn json(w: &Workdir, args: &[&str]) -> Value {
    let out = w.cmd().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn saaty_drinks_eigenvector_matches_published_values() {
    let w = Workdir::empty();
    w.write("drinks.csv", DRINKS);
    let v = json(&w, &["ahp", "--pairwise", "drinks.csv", "--format", "json"]);
    // Published eigenvector weights, lambda_max 7.17662904, CI 0.0294382, CR 0.0223 (RI 1.32).
    let expected = [
        ("coffee", 0.17745675),
        ("wine", 0.01914948),
        ("tea", 0.04183118),
        ("beer", 0.11641703),
        ("soda", 0.18957238),
        ("milk", 0.12878055),
        ("water", 0.32679264),
    ];
    for (name, weight) in expected {
        let got = v["weights"][name].as_f64().unwrap();
        assert!((got - weight).abs() < 1e-7, "{name}: {got}");
    }
    assert!((v["lambda_max"].as_f64().unwrap() - 7.17662904).abs() < 1e-7);
    assert!((v["ci"].as_f64().unwrap() - 0.0294382).abs() < 1e-7);
    assert!((v["cr"].as_f64().unwrap() - 0.0223).abs() < 5e-5);
    assert_eq!(v["ri"].as_f64().unwrap(), 1.32);
    assert_eq!(v["ri_table"], "saaty-classic");
    assert_eq!(v["method"], "eigenvector");
}

#[test]
fn random_index_table_is_selectable_and_named() {
    let w = Workdir::empty();
    w.write("drinks.csv", DRINKS);
    let v = json(
        &w,
        &[
            "ahp",
            "--pairwise",
            "drinks.csv",
            "--format",
            "json",
            "--ri",
            "saaty-2005",
        ],
    );
    // Same source: CR 0.0218 with RI 1.35.
    assert!((v["cr"].as_f64().unwrap() - 0.0218).abs() < 5e-5);
    assert_eq!(v["ri_table"], "saaty-2005");
}

#[test]
fn geometric_mean_method_matches_published_rgmm_weights() {
    let w = Workdir::empty();
    w.write("drinks.csv", DRINKS);
    let v = json(
        &w,
        &[
            "ahp",
            "--pairwise",
            "drinks.csv",
            "--format",
            "json",
            "--method",
            "geometric",
        ],
    );
    // DOMAIN.md section 6: RGMM weights of the drinks matrix.
    let expected = [
        0.178723, 0.018461, 0.042234, 0.116498, 0.191136, 0.128625, 0.324323,
    ];
    let got: Vec<f64> = v["weights"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_f64().unwrap())
        .collect();
    for (g, e) in got.iter().zip(expected) {
        assert!((g - e).abs() < 1e-6, "{g} vs {e}");
    }
}

#[test]
fn csv_and_table_formats() {
    let w = Workdir::empty();
    w.write("drinks.csv", DRINKS);
    let out = w
        .cmd()
        .args(["ahp", "--pairwise", "drinks.csv", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("criterion,weight,lambda_max,ci,ri,cr,ri_table,method\ncoffee,0.1774567"),
        "{text}"
    );
    let out = w
        .cmd()
        .args(["ahp", "--pairwise", "drinks.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("CR          0.0223") && text.contains("consistent"),
        "{text}"
    );
}

#[test]
fn inconsistent_matrix_lists_judgments_to_revisit() {
    let w = Workdir::empty();
    // a > b > c but c > a strongly: clearly inconsistent.
    w.write(
        "bad.csv",
        "criterion,a,b,c\na,1,3,1/5\nb,1/3,1,3\nc,5,1/3,1\n",
    );
    let v = json(&w, &["ahp", "--pairwise", "bad.csv", "--format", "json"]);
    assert_eq!(v["consistent"], false);
    let first = &v["revisit"][0];
    assert!(first["criterion_a"].is_string() && first["consistent_value"].as_f64().unwrap() > 0.0);
}

/// A consistent matrix of `n` criteria (every judgment 1).
fn all_ones(n: usize) -> String {
    let names: Vec<String> = (1..=n).map(|i| format!("c{i}")).collect();
    let mut csv = format!("criterion,{}\n", names.join(","));
    for name in &names {
        csv.push_str(&format!("{name},{}\n", vec!["1"; n].join(",")));
    }
    csv
}

#[test]
fn matrix_beyond_the_random_index_table_says_why_it_is_not_judged() {
    let w = Workdir::empty();
    w.write("sixteen.csv", &all_ones(16));
    let v = json(
        &w,
        &["ahp", "--pairwise", "sixteen.csv", "--format", "json"],
    );
    assert_eq!(v["n"], 16);
    assert!(v["ri"].is_null() && v["cr"].is_null() && v["consistent"].is_null());
    let note = v["consistency_note"].as_str().unwrap();
    for needle in [
        "the Random Index table saaty-classic has no value for n = 16",
        "consistency cannot be judged",
        "--ri donegan-dodd",
    ] {
        assert!(note.contains(needle), "{needle:?} in {note}");
    }
    let out = w
        .cmd()
        .args(["ahp", "--pairwise", "sixteen.csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("CR          none") && text.contains("consistency cannot be judged"),
        "{text}"
    );
    let out = w
        .cmd()
        .args(["ahp", "--pairwise", "sixteen.csv", "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("consistency cannot be judged"));
    // Donegan & Dodd goes to 100: judged, and the note is null.
    let v = json(
        &w,
        &[
            "ahp",
            "--pairwise",
            "sixteen.csv",
            "--format",
            "json",
            "--ri",
            "donegan-dodd",
        ],
    );
    assert_eq!(v["consistent"], true);
    assert!(v["consistency_note"].is_null());
}

#[test]
fn bad_cells_are_located() {
    let w = Workdir::empty();
    for (name, text, needle) in [
        (
            "zero.csv",
            "criterion,a,b\na,1,0\nb,1,1\n",
            "zero.csv:2:3: column 'b'",
        ),
        (
            "negative.csv",
            "criterion,a,b\na,1,-3\nb,1/3,1\n",
            "negative.csv:2:3",
        ),
        (
            "text.csv",
            "criterion,a,b\na,1,tiga\nb,1/3,1\n",
            "\"tiga\" is not a number",
        ),
        (
            "nonrecip.csv",
            "criterion,a,b\na,1,3\nb,3,1\n",
            "not reciprocal",
        ),
        (
            "diag.csv",
            "criterion,a,b\na,2,3\nb,1/3,1\n",
            "diag.csv:2:2",
        ),
        (
            "order.csv",
            "criterion,a,b\nb,1,3\na,1/3,1\n",
            "same order as the columns",
        ),
        ("empty.csv", "", "empty"),
    ] {
        w.write(name, text);
        let out = w.cmd().args(["ahp", "--pairwise", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{name}: {err}");
    }
}
