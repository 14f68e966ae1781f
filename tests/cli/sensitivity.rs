//! Sensitivity analysis: raw `smaa` and `thresholds`, and the study-level stage.

use unggul::score::{Direction, MatrixView, Normalization, Reference, topsis};

use crate::common::Workdir;

/// Hwang & Yoon (1981) fighter aircraft.
const AIRCRAFT: &str = "id,speed,range,payload,cost,reliability,manoeuvrability
A1,2.0,1500,20000,5.5,5,9
A2,2.5,2700,18000,6.5,3,5
A3,1.8,2000,21000,4.5,7,7
A4,2.2,1800,20000,5.0,5,5
";
const CRITERIA: &str = "criterion,weight,type
speed,0.2,benefit
range,0.1,benefit
payload,0.1,benefit
cost,0.1,cost
reliability,0.2,benefit
manoeuvrability,0.3,benefit
";
const DATA: [f64; 24] = [
    2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0, 2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0, 1.8, 2000.0, 21000.0,
    4.5, 7.0, 7.0, 2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0,
];
const BASE: [f64; 6] = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];

fn dirs() -> Vec<Direction> {
    let mut d = vec![Direction::Benefit; 6];
    d[3] = Direction::Cost;
    d
}

/// Winner by an independent path: the plain TOPSIS function with the weights given.
fn winner(w: &[f64]) -> usize {
    let x = MatrixView {
        rows: 4,
        cols: 6,
        data: &DATA,
    };
    let c = topsis(x, w, &dirs(), Normalization::Vector, &Reference::Relative)
        .unwrap()
        .closeness;
    (0..4).fold(0, |b, i| if c[i] > c[b] { i } else { b })
}

fn rescaled(j: usize, t: f64) -> Vec<f64> {
    (0..6)
        .map(|k| {
            if k == j {
                t
            } else {
                BASE[k] * (1.0 - t) / (1.0 - BASE[j])
            }
        })
        .collect()
}

#[test]
fn thresholds_are_where_the_winner_changes() {
    let w = Workdir::empty();
    w.write("m.csv", AIRCRAFT);
    w.write("c.csv", CRITERIA);
    let out = w.ok(&["thresholds", "--matrix", "m.csv", "--criteria", "c.csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("criterion,direction,base_weight,critical_weight,new_winner\n"));
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 12);
    let mut found = 0;
    for (k, row) in rows.iter().enumerate() {
        let j = k / 2;
        let base = BASE[j];
        assert_eq!(row[2].parse::<f64>().unwrap(), base);
        let ids = ["A1", "A2", "A3", "A4"];
        match row[3] {
            "" => {
                // No change anywhere on that side: check a grid of 200 points.
                let (lo, hi) = if row[1] == "decrease" {
                    (0.0, base)
                } else {
                    (base, 1.0)
                };
                for s in 0..=200 {
                    assert_eq!(
                        winner(&rescaled(j, lo + (hi - lo) * f64::from(s) / 200.0)),
                        0,
                        "{row:?}"
                    );
                }
            }
            c => {
                found += 1;
                let t: f64 = c.parse().unwrap();
                let step = if row[1] == "decrease" { -1e-7 } else { 1e-7 };
                // Base winner A1 up to the threshold, the named candidate just beyond it.
                assert_eq!(winner(&rescaled(j, t - step)), 0, "{row:?}");
                assert_eq!(ids[winner(&rescaled(j, t + step))], row[4], "{row:?}");
            }
        }
    }
    assert!(found >= 5, "{text}");
}

/// A brief overtake narrower than one grid step (found by an independent dense scan): u1
/// beats u0 only for k0 in about [0.629781, 0.62987].
#[test]
fn thresholds_find_an_overtake_between_grid_points() {
    let w = Workdir::empty();
    w.write(
        "m.csv",
        "id,k0,k1,k2
u0,6.047869718843744,2.210941788778241,2.414823211277752
u1,5.844949467908228,4.5727640722289,6.780378065822112
u2,1.6445186838190846,7.948399689685198,7.240844732673993
",
    );
    w.write(
        "c.csv",
        "criterion,weight,type
k0,0.15208550602176246,benefit
k1,0.5309177718433115,cost
k2,0.3169967221349262,benefit
",
    );
    let out = w
        .cmd()
        .args(["thresholds", "--matrix", "m.csv", "--criteria", "c.csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("k0,increase,"))
        .unwrap()
        .split(',')
        .collect();
    let t: f64 = row[3].parse().unwrap();
    assert!((t - 0.629_781_3).abs() < 1e-6, "{text}");
    assert_eq!(row[4], "u1", "{text}");
}

#[test]
fn smaa_on_stored_weight_samples_gives_exact_counts() {
    let w = Workdir::empty();
    let grouped: String = std::iter::once(
        "group,id,speed,range,payload,cost,reliability,manoeuvrability".to_string(),
    )
    .chain(AIRCRAFT.lines().skip(1).map(|l| format!("g1,{l}")))
    .collect::<Vec<_>>()
    .join("\n");
    w.write("mm.csv", &grouped);
    w.write("c.csv", CRITERIA);
    // Weight rows in another column order than the criteria file, not summing to 1.
    let samples = [
        [0.3, 0.2, 0.1, 0.1, 0.1, 0.2],
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        [0.0, 0.0, 5.0, 0.0, 1.0, 0.0],
        [2.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        [0.1, 0.1, 0.1, 0.1, 0.5, 0.1],
    ];
    let mut text = String::from("manoeuvrability,speed,range,payload,cost,reliability\n");
    for s in &samples {
        text.push_str(&format!(
            "{},{},{},{},{},{}\n",
            s[5], s[0], s[1], s[2], s[3], s[4]
        ));
    }
    w.write("w.csv", &text);
    let out = w.ok(&[
        "smaa",
        "--matrices",
        "mm.csv",
        "--criteria",
        "c.csv",
        "--weight-samples",
        "w.csv",
    ]);
    let got = String::from_utf8(out.stdout).unwrap();
    // Brute force: rank the four aircraft under each stored weight vector.
    let mut counts = [[0u32; 4]; 4];
    for s in &samples {
        let sum: f64 = s.iter().sum();
        let wv: Vec<f64> = s.iter().map(|x| x / sum).collect();
        let x = MatrixView {
            rows: 4,
            cols: 6,
            data: &DATA,
        };
        let c = topsis(x, &wv, &dirs(), Normalization::Vector, &Reference::Relative)
            .unwrap()
            .closeness;
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by(|&a, &b| c[b].total_cmp(&c[a]).then(a.cmp(&b)));
        for (r, &i) in order.iter().enumerate() {
            counts[i][r] += 1;
        }
    }
    let mut expected = String::from("group,id,rank_1,rank_2,rank_3,rank_4\n");
    for (i, id) in ["A1", "A2", "A3", "A4"].iter().enumerate() {
        let shares: Vec<String> = counts[i]
            .iter()
            .map(|&n| (f64::from(n) / 5.0).to_string())
            .collect();
        expected.push_str(&format!("g1,{id},{}\n", shares.join(",")));
    }
    assert_eq!(got, expected);
}

#[test]
fn smaa_is_reproducible_by_seed() {
    let w = Workdir::empty();
    let grouped: String = std::iter::once(
        "group,id,speed,range,payload,cost,reliability,manoeuvrability".to_string(),
    )
    .chain(AIRCRAFT.lines().skip(1).map(|l| format!("g1,{l}")))
    .chain(AIRCRAFT.lines().skip(1).take(3).map(|l| format!("g2,{l}")))
    .collect::<Vec<_>>()
    .join("\n");
    w.write("mm.csv", &grouped);
    w.write("c.csv", CRITERIA);
    let run = |threads: &str, seed: &str| {
        let out = w
            .cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "smaa",
                "--matrices",
                "mm.csv",
                "--criteria",
                "c.csv",
                "--samples",
                "3000",
                "--seed",
                seed,
                "--concentration",
                "30",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1", "7");
    assert_eq!(one, run("2", "7"));
    assert_eq!(one, run("8", "7"));
    assert_ne!(one, run("1", "8"));
    // The smaller group's missing rank column is 0.
    assert!(
        String::from_utf8(one)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .ends_with(",0")
    );
}

#[test]
fn study_report_is_identical_for_any_thread_count() {
    let w = Workdir::bundled();
    let mut outputs = Vec::new();
    for threads in ["1", "2", "8"] {
        let out_dir = format!("out-{threads}");
        let out = w
            .cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "run",
                "datasets/probolinggo",
                "-q",
                "--no-charts",
                "--samples",
                "2000",
                "--out",
                &out_dir,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut files = Vec::new();
        for name in [
            "stability.csv",
            "smaa_acceptability.csv",
            "smaa_central_weights.csv",
            "sensitivity_thresholds.csv",
            "scenarios.csv",
            "summary.md",
        ] {
            files.push(std::fs::read(w.path().join(&out_dir).join(name)).unwrap());
        }
        outputs.push(files);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn sensitivity_command_writes_its_own_report() {
    let w = Workdir::bundled();
    w.ok(&[
        "sensitivity",
        "datasets/probolinggo",
        "--samples",
        "500",
        "--seed",
        "3",
    ]);
    let dir = w.path().join("reports/probolinggo-sensitivity");
    for f in [
        "stability.csv",
        "sensitivity_thresholds.csv",
        "sensitivity_sweeps.csv",
        "smaa_acceptability.csv",
        "scenarios.csv",
        "summary.md",
        "manifest.json",
    ] {
        assert!(dir.join(f).exists(), "{f}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["extra"]["sensitivity"]["settings"]["seed"], 3);
    assert_eq!(manifest["extra"]["sensitivity"]["settings"]["samples"], 500);
    let summary = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(
        summary.contains("## Analisis sensitivitas") && summary.contains("## Skenario pembobotan")
    );
    assert!(summary.contains("kelompok, unggulannya sama pada semua skenario"));
    // Every group with candidates gets a verdict: 87 kelurahan groups + 15 kecamatan groups.
    let stability = std::fs::read_to_string(dir.join("stability.csv")).unwrap();
    assert_eq!(stability.lines().count(), 1 + 87 + 15);
}

#[test]
fn without_smaa_the_verdicts_rest_on_thresholds_and_say_so() {
    let w = Workdir::bundled();
    let out = w.ok(&["sensitivity", "datasets/probolinggo", "--no-smaa"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("SMAA skipped"), "{stdout}");
    let dir = w.path().join("reports/probolinggo-sensitivity");
    assert!(!dir.join("smaa_acceptability.csv").exists());
    let summary = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    let section = &summary[summary.find("## Analisis sensitivitas").unwrap()..];
    let section = &section[..section.find("\n| ").unwrap()];
    assert!(
        section.contains("Monte Carlo SMAA-2 tidak dijalankan"),
        "{section}"
    );
    // No rule or verdict may speak of samples nobody drew.
    assert!(!section.contains("sampel"), "{section}");
    assert!(
        !summary.contains("unggul pada"),
        "a share of samples is printed"
    );
    // Only thresholds decide: every group is stable or sensitive.
    let stability = std::fs::read_to_string(dir.join("stability.csv")).unwrap();
    let header: Vec<&str> = stability.lines().next().unwrap().split(',').collect();
    let verdict = header.iter().position(|h| *h == "verdict").unwrap();
    for line in stability.lines().skip(1) {
        let v = line.split(',').nth(verdict).unwrap();
        assert!(v == "stable" || v == "sensitive", "{line}");
    }
}

#[test]
fn other_samplers_run() {
    let w = Workdir::bundled();
    for sampler in ["uniform", "participants", "judgments"] {
        let out = w
            .cmd()
            .args([
                "sensitivity",
                "datasets/probolinggo",
                "-q",
                "--samples",
                "300",
                "--sampler",
                sampler,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{sampler}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn participants_sampler_takes_each_participant_in_turn() {
    // Panels have 5 to 8 participants; 840 and 1680 draws are multiples of every count, so
    // each participant's vector is used equally often and the shares are the same (with a
    // random choice among participants they would differ by Monte Carlo error).
    let w = Workdir::bundled();
    let mut tables = Vec::new();
    for samples in ["840", "1680"] {
        w.ok(&[
            "sensitivity",
            "datasets/probolinggo",
            "-q",
            "--sampler",
            "participants",
            "--samples",
            samples,
            "--out",
            &format!("out-{samples}"),
        ]);
        // Every column but `samples`.
        let csv = w.read(&format!("out-{samples}/smaa_acceptability.csv"));
        let at = csv
            .lines()
            .next()
            .unwrap()
            .split(',')
            .position(|h| h == "samples")
            .unwrap();
        let rows: Vec<Vec<String>> = csv
            .lines()
            .map(|l| {
                l.split(',')
                    .enumerate()
                    .filter(|(k, _)| *k != at)
                    .map(|(_, c)| c.to_string())
                    .collect()
            })
            .collect();
        tables.push(rows);
    }
    assert_eq!(tables[0].len(), tables[1].len());
    for (a, b) in tables[0].iter().zip(&tables[1]) {
        assert_eq!(a, b);
    }
    // Shares are whole multiples of 1/p: a Ketapang (5 participants) budaya row is 0.6/0.4.
    assert!(
        tables[0]
            .iter()
            .any(|r| r.iter().any(|c| c == "0.6") && r.iter().any(|c| c == "0.4"))
    );
}

/// First-rank acceptability of each group's base winner, keyed by level, region and category,
/// and every confidence factor, from `smaa_acceptability.csv`.
fn winner_acceptability(csv: &str) -> (Vec<(String, f64)>, Vec<f64>) {
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (base, confidence, first) = (col("base_rank"), col("confidence"), col("rank_1"));
    let mut winners = Vec::new();
    let mut factors = Vec::new();
    for line in lines {
        // Names hold no commas in the bundled study.
        let f: Vec<&str> = line.split(',').collect();
        if f[base] == "1" {
            winners.push((f[..4].join(","), f[first].parse().unwrap()));
        }
        if !f[confidence].is_empty() {
            factors.push(f[confidence].parse().unwrap());
        }
    }
    (winners, factors)
}

#[test]
fn matrix_noise_is_recorded_and_lowers_acceptability() {
    let w = Workdir::bundled();
    let run = |out_dir: &str, threads: &str, noise: &[&str]| {
        let out = w
            .cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "sensitivity",
                "datasets/probolinggo",
                "-q",
                "--samples",
                "500",
            ])
            .args(["--out", out_dir])
            .args(noise)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        w.read(&format!("{out_dir}/smaa_acceptability.csv"))
    };
    let exact = run("exact", "2", &[]);
    let noise = ["--quantity-noise", "0.1", "--rating-steps", "1"];
    let noisy = run("noisy", "2", &noise);
    assert_eq!(noisy, run("noisy-1", "1", &noise));
    assert_eq!(noisy, run("noisy-8", "8", &noise));

    let manifest: serde_json::Value = serde_json::from_str(&w.read("noisy/manifest.json")).unwrap();
    let sens = &manifest["extra"]["sensitivity"];
    assert_eq!(sens["settings"]["quantity_noise"], 0.1);
    assert_eq!(sens["settings"]["rating_steps"], 1);
    assert!(sens["matrix_noise"]["confidence_factor"].is_string());
    // Without noise the manifest is as before: no noise keys at all.
    let plain: serde_json::Value = serde_json::from_str(&w.read("exact/manifest.json")).unwrap();
    assert!(
        plain["extra"]["sensitivity"]["settings"]
            .get("quantity_noise")
            .is_none()
    );
    assert!(plain["extra"]["sensitivity"].get("matrix_noise").is_none());
    let summary = w.read("noisy/summary.md");
    assert!(
        summary.contains("kuantitas ±10 %, penilaian (rating) ±1 langkah"),
        "{summary}"
    );
    assert!(
        !w.read("exact/summary.md")
            .contains("mengacak nilai kriteria")
    );

    let (exact_winners, exact_conf) = winner_acceptability(&exact);
    let (noisy_winners, noisy_conf) = winner_acceptability(&noisy);
    assert_eq!(exact_winners.len(), 87 + 15);
    let keys = |v: &[(String, f64)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&exact_winners), keys(&noisy_winners));
    // Uncertain values make the chosen unggulan less certain on the whole (0.897 -> 0.881
    // on average here, many standard errors apart), and several sure winners (11 here) are no longer sure.
    let mean = |v: &[(String, f64)]| v.iter().map(|(_, a)| a).sum::<f64>() / v.len() as f64;
    assert!(mean(&noisy_winners) < mean(&exact_winners) - 0.005);
    let no_longer_sure = exact_winners
        .iter()
        .zip(&noisy_winners)
        .filter(|((_, e), (_, n))| *e == 1.0 && *n < 1.0)
        .count();
    assert!(no_longer_sure >= 3, "{no_longer_sure}");
    // Exact values give confidence factors of 0 or 1 only; noisy ones are shares of draws.
    assert!(exact_conf.iter().all(|&c| c == 0.0 || c == 1.0));
    assert!(noisy_conf.iter().any(|&c| c > 0.0 && c < 1.0));
}

#[test]
fn bad_sensitivity_flags_are_usage_errors() {
    let w = Workdir::bundled();
    for (flags, needle) in [
        (
            ["--quantity-noise", "1.5"],
            "--quantity-noise 1.5 is invalid",
        ),
        (
            ["--quantity-noise", "-0.1"],
            "--quantity-noise -0.1 is invalid",
        ),
        (["--rating-steps", "1.5"], "--rating-steps"),
        (["--rating-steps", "-1"], "--rating-steps"),
        (["--rating-steps", "101"], "--rating-steps 101 is invalid"),
        (["--concentration", "-1"], "--concentration -1 is invalid"),
        (["--samples", "-3"], "invalid value '-3' for '--samples"),
    ] {
        let out = w
            .cmd()
            .args(["sensitivity", "datasets/probolinggo", "-q"])
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{flags:?}: {err}");
    }
}
