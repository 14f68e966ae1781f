//! Tests of the generator: determinism, layout, scales, judgments and consistency.

use super::candidates::*;
use super::judgments::*;
use super::*;
use approx::assert_relative_eq;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Where the lead's repository keeps these files: `files/` here becomes the repository root
/// (`criteria/`, `datasets/probolinggo/`) in the real crate.
const CRITERIA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/criteria");
const BUNDLED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/probolinggo");

/// CR threshold of Saaty (1980); RI(7) = 1.32 from the classic table (DOMAIN.md section 5).
const CR_THRESHOLD: f64 = 0.10;
const RI_7: f64 = 1.32;
/// Planted participants must be clearly, not marginally, inconsistent (bundled seed).
const PLANTED_MIN_CR: f64 = 0.15;
/// Share of ordinary participants that must be consistent.
const MIN_CONSISTENT_SHARE: f64 = 0.9;
const POWER_TOL: f64 = 1e-13;

fn preset_spec() -> GeneratorSpec {
    GeneratorSpec {
        seed: 2021,
        layout: Layout::Probolinggo,
        candidates_per_group: (3, 5),
        criteria_ref: Some("../../criteria/probolinggo-fgd-2021.toml".into()),
    }
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("readable csv");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn parse_value(s: &str) -> f64 {
    match s.split_once('/') {
        Some((a, b)) => {
            a.parse::<f64>().expect("numerator") / b.parse::<f64>().expect("denominator")
        }
        None => s.parse().expect("number"),
    }
}

/// Independent oracle: principal eigenvalue of a positive reciprocal matrix by power
/// iteration (Perron-Frobenius guarantees convergence), then Saaty's CR with RI(7) = 1.32.
fn consistency_ratio(a: &[Vec<f64>]) -> f64 {
    let n = a.len();
    let mut w = vec![1.0 / n as f64; n];
    let mut lambda = 0.0;
    for _ in 0..10_000 {
        let aw: Vec<f64> = (0..n)
            .map(|i| (0..n).map(|j| a[i][j] * w[j]).sum())
            .collect();
        let s: f64 = aw.iter().sum();
        let next: Vec<f64> = aw.iter().map(|x| x / s).collect();
        let new_lambda = (0..n).map(|i| aw[i] / w[i]).sum::<f64>() / n as f64;
        let delta: f64 = next.iter().zip(&w).map(|(x, y)| (x - y).abs()).sum();
        w = next;
        lambda = new_lambda;
        if delta < POWER_TOL {
            break;
        }
    }
    (lambda - n as f64) / (n as f64 - 1.0) / RI_7
}

/// Matrices per (panel, participant) from the judgments CSV, with the criteria order.
fn participant_matrices(path: &Path, ids: &[String]) -> BTreeMap<(String, String), Vec<Vec<f64>>> {
    let pos: BTreeMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let n = ids.len();
    let (_, rows) = read_csv(path);
    let mut out: BTreeMap<(String, String), Vec<Vec<f64>>> = BTreeMap::new();
    for r in rows {
        let m = out.entry((r[0].clone(), r[1].clone())).or_insert_with(|| {
            (0..n)
                .map(|i| {
                    (0..n)
                        .map(|j| if i == j { 1.0 } else { f64::NAN })
                        .collect()
                })
                .collect()
        });
        let (i, j) = (pos[r[3].as_str()], pos[r[4].as_str()]);
        let v = parse_value(&r[5]);
        m[i][j] = v;
        m[j][i] = 1.0 / v;
    }
    out
}

fn leaf_ids() -> Vec<String> {
    leaf_criteria(PROBOLINGGO_FGD_CRITERIA)
        .expect("criteria")
        .into_iter()
        .map(|l| l.id)
        .collect()
}

/// CRs of the planted participants and of all others, checking the planted set first.
fn split_crs(path: &Path, ids: &[String], planted: &[Planted]) -> (Vec<f64>, Vec<f64>) {
    assert_eq!(planted.len(), PLANTED_INCONSISTENT);
    let panels: BTreeSet<&String> = planted.iter().map(|(p, _)| p).collect();
    assert_eq!(
        panels.len(),
        PLANTED_INCONSISTENT,
        "planted in distinct panels"
    );
    let (mut p, mut o) = (Vec::new(), Vec::new());
    for (key, m) in &participant_matrices(path, ids) {
        let cr = consistency_ratio(m);
        assert!(cr > -1e-9, "lambda_max below n for {key:?}");
        if planted.contains(key) {
            p.push(cr)
        } else {
            o.push(cr)
        }
    }
    assert_eq!(p.len(), PLANTED_INCONSISTENT);
    (p, o)
}

#[test]
fn planting_separates_consistent_from_inconsistent_for_other_seeds() {
    let ids = leaf_ids();
    for seed in 1..=4 {
        let dir = tempfile::tempdir().unwrap();
        let spec = GeneratorSpec {
            seed,
            ..preset_spec()
        };
        let (_, planted) = generate_impl(&spec, dir.path()).unwrap();
        let (p, o) = split_crs(&dir.path().join(JUDGMENTS), &ids, &planted);
        assert!(p.iter().all(|&cr| cr > CR_THRESHOLD), "seed {seed}: {p:?}");
        let share = o.iter().filter(|&&cr| cr <= CR_THRESHOLD).count() as f64 / o.len() as f64;
        assert!(share >= MIN_CONSISTENT_SHARE, "seed {seed}: {share}");
    }
}

#[test]
fn same_spec_gives_byte_identical_files_and_another_seed_does_not() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let sa = generate(&preset_spec(), a.path()).unwrap();
    let sb = generate(&preset_spec(), b.path()).unwrap();
    assert_eq!(sa.files.len(), 5);
    for (fa, fb) in sa.files.iter().zip(&sb.files) {
        assert_eq!(
            std::fs::read(fa).unwrap(),
            std::fs::read(fb).unwrap(),
            "{}",
            fa.display()
        );
    }
    let other = GeneratorSpec {
        seed: 2022,
        ..preset_spec()
    };
    generate(&other, c.path()).unwrap();
    assert_ne!(
        std::fs::read(a.path().join(UMKM)).unwrap(),
        std::fs::read(c.path().join(UMKM)).unwrap()
    );
    assert_ne!(
        std::fs::read(a.path().join(JUDGMENTS)).unwrap(),
        std::fs::read(c.path().join(JUDGMENTS)).unwrap()
    );
}

#[test]
fn probolinggo_layout_matches_domain_table() {
    let dir = tempfile::tempdir().unwrap();
    let s = generate(&preset_spec(), dir.path()).unwrap();
    assert_eq!(s.kelurahan, 29);
    let (header, rows) = read_csv(&dir.path().join(WILAYAH));
    assert_eq!(
        header,
        [
            "kecamatan_code",
            "kecamatan",
            "kelurahan_code",
            "kelurahan",
            "aliases"
        ]
    );
    // DOMAIN.md section 3, typed independently of the generator's table.
    type Kecamatan = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let expected: &[Kecamatan] = &[
        (
            "35.74.01",
            "Kademangan",
            &[
                ("1001", "Ketapang"),
                ("1002", "Triwung Lor"),
                ("1003", "Triwung Kidul"),
                ("1007", "Pohsangit Kidul"),
                ("1008", "Kademangan"),
                ("1009", "Pilang"),
            ],
        ),
        (
            "35.74.02",
            "Wonoasih",
            &[
                ("1001", "Jrebeng Kidul"),
                ("1002", "Pakistaji"),
                ("1003", "Kedunggaleng"),
                ("1005", "Kedungasem"),
                ("1006", "Sumbertaman"),
                ("1007", "Wonoasih"),
            ],
        ),
        (
            "35.74.03",
            "Mayangan",
            &[
                ("1001", "Mayangan"),
                ("1002", "Mangunharjo"),
                ("1004", "Jati"),
                ("1007", "Sukabumi"),
                ("1010", "Wiroborang"),
            ],
        ),
        (
            "35.74.04",
            "Kanigaran",
            &[
                ("1001", "Tisnonegaran"),
                ("1002", "Sukoharjo"),
                ("1003", "Kanigaran"),
                ("1004", "Kebonsari Wetan"),
                ("1005", "Curahgrinting"),
                ("1006", "Kebonsari Kulon"),
            ],
        ),
        (
            "35.74.05",
            "Kedopok",
            &[
                ("1001", "Jrebeng Kulon"),
                ("1002", "Kareng Lor"),
                ("1003", "Sumber Wetan"),
                ("1004", "Jrebeng Lor"),
                ("1005", "Kedopok"),
                ("1006", "Jrebeng Wetan"),
            ],
        ),
    ];
    let flat: Vec<(String, String, String, String)> = expected
        .iter()
        .flat_map(|(kc, kn, kels)| {
            kels.iter().map(move |(suf, name)| {
                (
                    kc.to_string(),
                    kn.to_string(),
                    format!("{kc}.{suf}"),
                    name.to_string(),
                )
            })
        })
        .collect();
    assert_eq!(rows.len(), flat.len());
    for (row, exp) in rows.iter().zip(&flat) {
        assert_eq!(
            (&row[0], &row[1], &row[2], &row[3]),
            (&exp.0, &exp.1, &exp.2, &exp.3)
        );
    }
    let kecamatan: BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(kecamatan.len(), 5);
    let aliases: BTreeMap<&str, &str> = rows
        .iter()
        .map(|r| (r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(aliases["Kedungasem"], "Kedung Asem");
    assert_eq!(aliases["Sumbertaman"], "Sumber Taman");
    assert_eq!(aliases["Sumber Wetan"], "Sumberwetan");
    assert_eq!(aliases["Curahgrinting"], "Curah Grinting");
    assert_eq!(aliases["Kedunggaleng"], "Kedung Galeng");
    assert_eq!(aliases["Kedopok"], "Kedupok");
    assert_eq!(rows.iter().filter(|r| !r[4].is_empty()).count(), 6);
}

#[test]
fn candidates_cover_every_group_and_respect_scales() {
    let dir = tempfile::tempdir().unwrap();
    let s = generate(&preset_spec(), dir.path()).unwrap();
    let (_, regions) = read_csv(&dir.path().join(WILAYAH));
    // Resolve a kelurahan reference the way the loader must: code, name or alias.
    let mut resolve: BTreeMap<String, String> = BTreeMap::new();
    for r in &regions {
        resolve.insert(r[2].clone(), r[2].clone());
        resolve.insert(r[3].clone(), r[2].clone());
        for a in r[4].split('|').filter(|a| !a.is_empty()) {
            resolve.insert(a.to_string(), r[2].clone());
        }
    }
    let leaves = leaf_criteria(PROBOLINGGO_FGD_CRITERIA).unwrap();
    let (header, rows) = read_csv(&dir.path().join(UMKM));
    let mut expected_header = vec!["id", "name", "product", "kelurahan", "category"];
    expected_header.extend(leaves.iter().map(|l| l.id.as_str()));
    assert_eq!(header, expected_header);
    assert_eq!(rows.len(), s.candidates);

    let mut groups: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    let mut not_by_code = 0;
    for r in &rows {
        assert!(ids.insert(r[0].clone()), "duplicate id {}", r[0]);
        let code = resolve
            .get(&r[3])
            .unwrap_or_else(|| panic!("unresolvable kelurahan {}", r[3]));
        if *code != r[3] {
            not_by_code += 1;
        }
        assert!(
            ["agro", "kerajinan", "budaya"].contains(&r[4].as_str()),
            "{}",
            r[4]
        );
        *groups.entry((code.clone(), r[4].clone())).or_default() += 1;
        for (leaf, v) in leaves.iter().zip(&r[5..]) {
            let x: f64 = v
                .parse()
                .unwrap_or_else(|_| panic!("{}: {v} is not a number", leaf.id));
            match leaf.scale {
                ScaleDef::Rating { min, max } => {
                    assert!(
                        !v.contains('.'),
                        "{}: rating {v} is not an integer",
                        leaf.id
                    );
                    assert!((min as f64..=max as f64).contains(&x), "{}: {x}", leaf.id);
                }
                ScaleDef::Quantity { min, max } => {
                    assert!(min.is_none_or(|m| x >= m), "{}: {x} below min", leaf.id);
                    assert!(max.is_none_or(|m| x <= m), "{}: {x} above max", leaf.id);
                }
            }
        }
        // PP 7/2021 micro/small ranges the brief asks for.
        let workers: f64 = r[5 + 2].parse().unwrap();
        let turnover: f64 = r[5 + 6].parse().unwrap();
        assert!((1.0..=45.0).contains(&workers));
        assert!((24.0e6..=3.0e9).contains(&turnover));
    }
    assert_eq!(groups.len(), 29 * 3);
    assert!(groups.values().all(|&c| (3..=5).contains(&c)), "{groups:?}");
    // Six aliased agro rows plus three craft rows by name.
    assert_eq!(not_by_code, 9);
    // Products placed where DOMAIN.md section 3 says.
    let first = |prefix: &str| {
        rows.iter()
            .find(|r| r[0] == prefix)
            .map(|r| r[2].clone())
            .unwrap()
    };
    assert!(first("KTP-AGR-01").starts_with("Anggur") || first("KTP-AGR-01") == "Bibit anggur");
    assert!(first("JTI-KRJ-01").starts_with("Batik Manggur"));
    assert!(first("KSK-KRJ-01").starts_with("Blangkon"));
    assert_eq!(first("JKD-BDY-01"), "Kerapan Sapi Brujul");
    assert_eq!(first("MYG-BDY-01"), "Ekowisata mangrove");
}

#[test]
fn every_panel_has_complete_judgments_and_planted_participants_are_inconsistent() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, planted) = generate_impl(&preset_spec(), dir.path()).unwrap();
    let ids = leaf_ids();
    let n = ids.len();
    let path = dir.path().join(JUDGMENTS);
    let (header, rows) = read_csv(&path);
    assert_eq!(
        header,
        [
            "panel",
            "participant",
            "role",
            "criterion_a",
            "criterion_b",
            "value"
        ]
    );
    assert_eq!(rows.len(), summary.judgments);

    // Pairs per participant, in order, each exactly once.
    let expected_pairs: Vec<(String, String)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .map(|(i, j)| (ids[i].clone(), ids[j].clone()))
        .collect();
    let mut by_participant: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    let mut roles: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in &rows {
        let e = by_participant
            .entry((r[0].clone(), r[1].clone()))
            .or_default();
        if e.is_empty() {
            roles
                .entry(r[0].clone())
                .or_default()
                .push((r[1].clone(), r[2].clone()));
        }
        e.push((r[3].clone(), r[4].clone()));
        assert!(parse_value(&r[5]) > 0.0);
    }
    for (k, pairs) in &by_participant {
        assert_eq!(pairs, &expected_pairs, "{k:?}");
    }
    // Panels: every kelurahan and kecamatan code, with the roles of the FGDs.
    let (_, regions) = read_csv(&dir.path().join(WILAYAH));
    let mut expected_panels: BTreeSet<String> = regions.iter().map(|r| r[2].clone()).collect();
    expected_panels.extend(regions.iter().map(|r| r[0].clone()));
    assert_eq!(
        roles.keys().cloned().collect::<BTreeSet<_>>(),
        expected_panels
    );
    for (panel, members) in &roles {
        let ids: BTreeSet<&String> = members.iter().map(|(p, _)| p).collect();
        assert_eq!(
            ids.len(),
            members.len(),
            "participant ids unique in {panel}"
        );
        let count = |role: &str| members.iter().filter(|(_, r)| r == role).count();
        if panel.len() > 8 {
            assert_eq!(
                [
                    count("camat"),
                    count("lurah"),
                    count("kasi_pemmas"),
                    count("lpm")
                ],
                [1; 4]
            );
            assert!((1..=2).contains(&count("umkm")));
        } else {
            assert_eq!([count("camat"), count("sekcam"), count("bappeda")], [1; 3]);
            assert!((2..=3).contains(&count("lurah")) && (1..=2).contains(&count("umkm")));
        }
    }

    // Consistency, computed independently of the generator: for the bundled seed the
    // inconsistent participants are exactly the planted ones.
    let (planted_crs, ordinary_crs) = split_crs(&path, &ids, &planted);
    assert!(
        planted_crs.iter().all(|&cr| cr > PLANTED_MIN_CR),
        "{planted_crs:?}"
    );
    assert!(ordinary_crs.iter().all(|&cr| cr <= CR_THRESHOLD));

    // A few aggregated non-Saaty answers, all from bappeda members.
    let decimals: Vec<&Vec<String>> = rows.iter().filter(|r| r[5].contains('.')).collect();
    assert!(
        (5..=10).contains(&decimals.len()),
        "{} decimal rows",
        decimals.len()
    );
    assert!(decimals.iter().all(|r| r[2] == "bappeda"));
}

#[test]
fn synthetic_layout_counts_codes_and_no_planting() {
    let dir = tempfile::tempdir().unwrap();
    let spec = GeneratorSpec {
        seed: 7,
        layout: Layout::Synthetic {
            kecamatan: 3,
            kelurahan_per_kecamatan: 4,
        },
        candidates_per_group: (2, 2),
        criteria_ref: None,
    };
    let (s, planted) = generate_impl(&spec, dir.path()).unwrap();
    assert!(planted.is_empty());
    assert_eq!((s.kelurahan, s.candidates), (12, 12 * 3 * 2));
    assert_eq!(s.files.len(), 6);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(KRITERIA)).unwrap(),
        PROBOLINGGO_FGD_CRITERIA
    );
    let study = std::fs::read_to_string(dir.path().join(STUDY)).unwrap();
    assert!(study.contains("criteria = \"kriteria.toml\""));
    let (_, regions) = read_csv(&dir.path().join(WILAYAH));
    assert_eq!(
        regions[0],
        [
            "99.01.01",
            "Kecamatan 001",
            "99.01.01.1001",
            "Kelurahan 001-01",
            ""
        ]
    );
    assert_eq!(regions[11][2], "99.01.03.1004");
    let (_, rows) = read_csv(&dir.path().join(JUDGMENTS));
    assert_eq!(rows.len(), s.judgments);
    assert!(rows.iter().all(|r| !r[5].contains('.')));
    let (_, cands) = read_csv(&dir.path().join(UMKM));
    assert!(cands.iter().all(|r| r[3].starts_with("99.")));
}

#[test]
fn synthetic_codes_roll_over_to_the_next_regency_after_99_kecamatan() {
    let dir = tempfile::tempdir().unwrap();
    let spec = GeneratorSpec {
        seed: 1,
        layout: Layout::Synthetic {
            kecamatan: 100,
            kelurahan_per_kecamatan: 1,
        },
        candidates_per_group: (1, 1),
        criteria_ref: Some("k.toml".into()),
    };
    generate(&spec, dir.path()).unwrap();
    let (_, regions) = read_csv(&dir.path().join(WILAYAH));
    assert_eq!(regions[98][0], "99.01.99");
    assert_eq!(regions[99][0], "99.02.01");
    let codes: BTreeSet<&String> = regions.iter().map(|r| &r[2]).collect();
    assert_eq!(codes.len(), 100);
}

#[test]
fn refuses_to_overwrite_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(UMKM), "keep me").unwrap();
    let err = generate(&preset_spec(), dir.path()).unwrap_err();
    match &err {
        GenerateError::Exists { path } => assert_eq!(path, &dir.path().join(UMKM)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("umkm.csv"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(UMKM)).unwrap(),
        "keep me"
    );
    assert!(!dir.path().join(WILAYAH).exists());
}

#[test]
fn invalid_specs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = [
        GeneratorSpec {
            candidates_per_group: (0, 3),
            ..preset_spec()
        },
        GeneratorSpec {
            candidates_per_group: (4, 3),
            ..preset_spec()
        },
        GeneratorSpec {
            candidates_per_group: (1, 100),
            ..preset_spec()
        },
        GeneratorSpec {
            layout: Layout::Synthetic {
                kecamatan: 0,
                kelurahan_per_kecamatan: 3,
            },
            ..preset_spec()
        },
        GeneratorSpec {
            layout: Layout::Synthetic {
                kecamatan: 3,
                kelurahan_per_kecamatan: 0,
            },
            ..preset_spec()
        },
        GeneratorSpec {
            layout: Layout::Synthetic {
                kecamatan: 9802,
                kelurahan_per_kecamatan: 1,
            },
            ..preset_spec()
        },
        GeneratorSpec {
            layout: Layout::Synthetic {
                kecamatan: 1,
                kelurahan_per_kecamatan: 1000,
            },
            ..preset_spec()
        },
    ];
    for spec in &bad {
        assert!(
            matches!(
                generate(spec, dir.path()),
                Err(GenerateError::InvalidSpec(_))
            ),
            "{spec:?}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn study_toml_is_the_agreed_shape() {
    let dir = tempfile::tempdir().unwrap();
    generate(&preset_spec(), dir.path()).unwrap();
    let text = std::fs::read_to_string(dir.path().join(STUDY)).unwrap();
    let v: toml::Table = toml::from_str(&text).unwrap();
    let study = v["study"].as_table().unwrap();
    assert_eq!(study["id"].as_str(), Some("probolinggo"));
    assert_eq!(study["region_code"].as_str(), Some("35.74"));
    assert_eq!(study["illustrative"].as_bool(), Some(true));
    assert_eq!(
        study["note_en"].as_str(),
        Some(
            "Every UMKM record and judgment in this report is example data made by the unggul generator (seed 2021), not the official 2021 FGD data. Do not quote it as an official result."
        )
    );
    assert_relative_eq!(
        v["method"]["consistency_threshold"].as_float().unwrap(),
        0.10
    );
    let levels = v["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 2);
    assert_eq!(
        levels[1]["criteria"].as_str(),
        Some("../../criteria/probolinggo-fgd-2021.toml")
    );
    let readme = std::fs::read_to_string(dir.path().join(README)).unwrap();
    assert!(readme.contains("cargo run --release -- generate --preset probolinggo --seed 2021 --out datasets/probolinggo --criteria-ref ../../criteria/probolinggo-fgd-2021.toml"));
    assert!(readme.contains("bukan data resmi") && readme.contains("not official data"));
}

#[test]
fn toml_strings_escape_quotes_and_backslashes() {
    let s = toml_string("a\"b\\c\n");
    let v: toml::Table = toml::from_str(&format!("x = {s}")).unwrap();
    assert_eq!(v["x"].as_str(), Some("a\"b\\c\n"));
}

#[test]
fn nearest_saaty_rounds_in_log_space() {
    // Boundary between 2 and 3 is sqrt(6) = 2.449 in log space.
    assert_eq!(Judgment::nearest_saaty(2.4), Judgment::Saaty(2));
    assert_eq!(Judgment::nearest_saaty(2.5), Judgment::Saaty(3));
    assert_eq!(Judgment::nearest_saaty(0.4), Judgment::Reciprocal(3));
    assert_eq!(Judgment::nearest_saaty(0.9), Judgment::Saaty(1));
    assert_eq!(Judgment::nearest_saaty(1000.0), Judgment::Saaty(9));
    assert_eq!(Judgment::nearest_saaty(1e-6), Judgment::Reciprocal(9));
}

#[test]
fn planted_reversal_flips_the_strongest_judgments() {
    let mut m = vec![
        Judgment::Saaty(2),
        Judgment::Saaty(5),
        Judgment::Reciprocal(3),
        Judgment::Saaty(1),
        Judgment::Saaty(3),
    ];
    plant_reversals(&mut m);
    assert_eq!(
        m,
        vec![
            Judgment::Saaty(2),
            Judgment::Reciprocal(5),
            Judgment::Saaty(5),
            Judgment::Saaty(1),
            Judgment::Reciprocal(5)
        ]
    );
}

#[test]
fn criteria_files_are_well_formed() {
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(CRITERIA_DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        seen += 1;
        let name = path.display();
        let v: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for key in ["id", "name_id", "name_en", "source"] {
            assert!(
                v[key].as_str().is_some_and(|s| !s.is_empty()),
                "{name}: {key}"
            );
        }
        assert_eq!(
            Some(v["id"].as_str().unwrap()),
            path.file_stem().and_then(|s| s.to_str())
        );
        let crit = v["criteria"].as_array().unwrap();
        let ids: Vec<&str> = crit.iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids.iter().collect::<BTreeSet<_>>().len(),
            ids.len(),
            "{name}: duplicate ids"
        );
        let parents: BTreeSet<&str> = crit
            .iter()
            .filter_map(|c| c.get("parent").and_then(|p| p.as_str()))
            .collect();
        for c in crit {
            let id = c["id"].as_str().unwrap();
            assert!(
                id.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
                "{name}: {id}"
            );
            for key in ["name_id", "name_en", "description_id", "description_en"] {
                assert!(
                    c.get(key).and_then(|s| s.as_str()).is_some(),
                    "{name}: {id}.{key}"
                );
            }
            if let Some(p) = c.get("parent") {
                assert!(
                    ids.contains(&p.as_str().unwrap()),
                    "{name}: {id} has unknown parent"
                );
                assert!(!parents.contains(id), "{name}: only two levels");
            }
            if parents.contains(id) {
                assert!(c.get("scale").is_none(), "{name}: parent {id} has a scale");
                continue;
            }
            for key in ["indicator_id", "indicator_en"] {
                assert!(
                    c.get(key).and_then(|s| s.as_str()).is_some(),
                    "{name}: {id}.{key}"
                );
            }
            assert!(
                ["benefit", "cost"].contains(&c["type"].as_str().unwrap()),
                "{name}: {id}"
            );
            let scale = c["scale"].as_table().unwrap();
            match scale["kind"].as_str().unwrap() {
                "quantity" => {
                    assert!(scale["unit"].as_str().is_some(), "{name}: {id} unit");
                    if let (Some(lo), Some(hi)) = (scale.get("min"), scale.get("max")) {
                        assert!(lo.as_integer().unwrap() < hi.as_integer().unwrap());
                    }
                }
                "rating" => {
                    let (lo, hi) = (
                        scale["min"].as_integer().unwrap(),
                        scale["max"].as_integer().unwrap(),
                    );
                    assert!(lo < hi);
                    if let Some(levels) = scale.get("levels") {
                        assert_eq!(
                            levels.as_array().unwrap().len() as i64,
                            hi - lo + 1,
                            "{name}: {id}"
                        );
                    }
                }
                other => panic!("{name}: {id}: unknown scale kind {other}"),
            }
        }
        let leaves = crit.len() - parents.len();
        let expected = match v["id"].as_str().unwrap() {
            "probolinggo-fgd-2021" => 7,
            "permendagri-9-2014" | "permendagri-9-2014-hierarki" => 12,
            "bi-kpju-kecamatan" => 4,
            "bi-kpju-kabupaten" => 11,
            other => panic!("unexpected criteria file {other}"),
        };
        assert_eq!(leaves, expected, "{name}");
    }
    assert_eq!(seen, 5);
}

#[test]
fn bundled_study_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let s = generate(&preset_spec(), dir.path()).unwrap();
    for f in &s.files {
        let name = f.file_name().unwrap();
        let bundled = Path::new(BUNDLED_DIR).join(name);
        assert_eq!(
            std::fs::read(f).unwrap(),
            std::fs::read(&bundled).unwrap_or_default(),
            "{} is stale: regenerate the bundled study",
            bundled.display()
        );
    }
}

proptest! {
    #[test]
    fn nearest_saaty_is_reciprocal_symmetric_and_nearest(l in -3.0f64..3.0) {
        let x = l.exp();
        let a = Judgment::nearest_saaty(x);
        let b = Judgment::nearest_saaty(1.0 / x);
        let on_boundary = (1..9).any(|k: u32| (l.abs() - (f64::from(k * (k + 1))).sqrt().ln()).abs() < 1e-9);
        prop_assume!(!on_boundary);
        prop_assert_eq!(a.reciprocal(), b);
        let d = (x.ln().clamp(-(9f64.ln()), 9f64.ln()) - a.value().ln()).abs();
        for k in 1..=9u8 {
            for s in [Judgment::Saaty(k), Judgment::Reciprocal(k)] {
                prop_assert!(d <= (x.ln().clamp(-(9f64.ln()), 9f64.ln()) - s.value().ln()).abs() + 1e-12);
            }
        }
    }

    #[test]
    fn clamped_values_stay_in_scale(x in -1e12f64..1e12, lo in -100i64..100, span in 0i64..100) {
        let r = clamp_to_scale(Value::Dec1(x), ScaleDef::Rating { min: lo, max: lo + span });
        prop_assert!(matches!(r, Value::Int(v) if (lo..=lo + span).contains(&v)));
        let q = ScaleDef::Quantity { min: Some(lo as f64), max: Some((lo + span) as f64) };
        match clamp_to_scale(Value::Dec1(x), q) {
            Value::Dec1(v) => prop_assert!(v >= lo as f64 && v <= (lo + span) as f64),
            Value::Int(_) => prop_assert!(false),
        }
        match clamp_to_scale(Value::Int(x as i64), q) {
            Value::Int(v) => prop_assert!((lo..=lo + span).contains(&v)),
            Value::Dec1(_) => prop_assert!(false),
        }
    }
}
