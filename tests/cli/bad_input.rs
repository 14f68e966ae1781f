//! Bad study inputs: each must fail with exit code 2 and a message naming the place.

use crate::common::Workdir;

const UMKM: &str = "datasets/probolinggo/umkm.csv";
const JUDGMENTS: &str = "datasets/probolinggo/penilaian_ahp.csv";
const FIRST_ROW: &str = "KTP-AGR-01,Kelompok Tani Pendhalungan,Anggur Jestro,35.74.01.1001,agro,59.1,4,12,1,44.5,2,168670000";
const FIRST_JUDGMENT: &str = "35.74.01.1001,P01,camat,sumber_daya_lokal,kekhasan_daerah,2";

/// Applies an edit to the bundled study, validates it, and checks the error.
fn fails_with(file: &str, from: &str, to: &str, needles: &[&str]) {
    let w = Workdir::bundled();
    w.edit(file, from, to);
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "edit {from:?} -> {to:?} was accepted"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
    // `run` refuses the same input and writes no report.
    let out = w
        .cmd()
        .args(["run", "datasets/probolinggo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!w.path().join("reports").exists());
}

#[test]
fn non_numeric_cell() {
    fails_with(
        UMKM,
        "agro,59.1,4,12",
        "agro,59.1,empat,12",
        &[
            "umkm.csv:2:7: column 'kekhasan_daerah'",
            "\"empat\" is not a number",
        ],
    );
}

#[test]
fn decimal_comma_in_comma_separated_file() {
    fails_with(
        UMKM,
        "agro,59.1,4",
        "agro,59,1,4",
        &["umkm.csv:2:", "decimal comma"],
    );
}

#[test]
fn missing_criterion_column() {
    fails_with(
        UMKM,
        "daya_saing,pertumbuhan_ekonomi",
        "daya_saing,omzet",
        &["umkm.csv:1:", "missing column 'pertumbuhan_ekonomi'"],
    );
}

#[test]
fn duplicate_umkm_id() {
    fails_with(
        UMKM,
        "KTP-AGR-02,",
        "KTP-AGR-01,",
        &[
            "umkm.csv:3:1: column 'id'",
            "duplicate UMKM id \"KTP-AGR-01\" (first on line 2)",
        ],
    );
}

#[test]
fn unknown_kelurahan() {
    fails_with(
        UMKM,
        "Anggur Jestro,35.74.01.1001,agro,59.1",
        "Anggur Jestro,Atlantis,agro,59.1",
        &[
            "umkm.csv:2:4: column 'kelurahan'",
            "unknown kelurahan \"Atlantis\"",
        ],
    );
}

#[test]
fn unknown_category() {
    fails_with(
        UMKM,
        "35.74.01.1001,agro,59.1",
        "35.74.01.1001,kuliner,59.1",
        &[
            "umkm.csv:2:5: column 'category'",
            "expected one of agro, kerajinan, budaya",
        ],
    );
}

#[test]
fn rating_outside_its_scale() {
    fails_with(
        UMKM,
        "agro,59.1,4,12",
        "agro,59.1,7,12",
        &["umkm.csv:2:7", "outside the rating scale 1-5"],
    );
}

#[test]
fn zero_judgment() {
    fails_with(
        JUDGMENTS,
        FIRST_JUDGMENT,
        "35.74.01.1001,P01,camat,sumber_daya_lokal,kekhasan_daerah,0",
        &["penilaian_ahp.csv:2:6: column 'value'", "must be positive"],
    );
}

#[test]
fn negative_judgment() {
    fails_with(
        JUDGMENTS,
        FIRST_JUDGMENT,
        "35.74.01.1001,P01,camat,sumber_daya_lokal,kekhasan_daerah,-3",
        &["penilaian_ahp.csv:2:6", "must be positive"],
    );
}

#[test]
fn non_finite_judgment() {
    fails_with(
        JUDGMENTS,
        FIRST_JUDGMENT,
        "35.74.01.1001,P01,camat,sumber_daya_lokal,kekhasan_daerah,inf",
        &["penilaian_ahp.csv:2:6", "not a number"],
    );
}

#[test]
fn non_reciprocal_judgment() {
    // The same pair judged again the other way round, with a contradicting value.
    let extra =
        format!("{FIRST_JUDGMENT}\n35.74.01.1001,P01,camat,kekhasan_daerah,sumber_daya_lokal,2");
    fails_with(
        JUDGMENTS,
        FIRST_JUDGMENT,
        &extra,
        &["penilaian_ahp.csv:3:6", "contradicts", "not reciprocal"],
    );
}

#[test]
fn judgment_naming_an_unknown_criterion() {
    fails_with(
        JUDGMENTS,
        FIRST_JUDGMENT,
        "35.74.01.1001,P01,camat,sumber_daya_lokal,omzet,2",
        &[
            "penilaian_ahp.csv:2:5: column 'criterion_b'",
            "unknown criterion \"omzet\"",
        ],
    );
}

#[test]
fn missing_pair_is_named() {
    fails_with(
        JUDGMENTS,
        &format!("{FIRST_JUDGMENT}\n"),
        "",
        &[
            "panel 35.74.01.1001 participant P01: no judgment of sumber_daya_lokal vs kekhasan_daerah",
        ],
    );
}

#[test]
fn unknown_panel() {
    fails_with(
        JUDGMENTS,
        FIRST_JUDGMENT,
        "35.74.09.1001,P01,camat,sumber_daya_lokal,kekhasan_daerah,2",
        &["penilaian_ahp.csv:2:1: column 'panel'", "unknown panel"],
    );
}

#[test]
fn empty_candidates_file() {
    let w = Workdir::bundled();
    w.write(UMKM, "");
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("umkm.csv: the file is empty"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let w = Workdir::bundled();
    w.edit(
        UMKM,
        FIRST_ROW,
        &FIRST_ROW.replace("59.1", "x").replace("agro", "kuliner"),
    );
    w.edit(
        JUDGMENTS,
        FIRST_JUDGMENT,
        &FIRST_JUDGMENT.replace(",2", ",0"),
    );
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn semicolon_file_with_decimal_commas_is_accepted() {
    // Indonesian Excel: ';'-separated, decimal commas, byte-order mark.
    let w = Workdir::bundled();
    let text = w.read(UMKM);
    let converted: String = text
        .lines()
        .map(|l| {
            l.split(',')
                .map(|f| f.replace('.', ","))
                .collect::<Vec<_>>()
                .join(";")
        })
        .map(|l| {
            // Region codes keep their dots: they are text, not numbers.
            let mut f: Vec<String> = l.split(';').map(String::from).collect();
            if f.len() > 3 {
                f[3] = f[3].replace(',', ".");
            }
            f.join(";") + "\n"
        })
        .collect();
    w.write(UMKM, &format!("\u{feff}{converted}"));
    w.ok(&["validate", "datasets/probolinggo"]);
}

#[test]
fn study_file_errors_name_the_line() {
    fails_with(
        "datasets/probolinggo/study.toml",
        "ri_table = \"saaty-classic\"",
        "ri_table = \"saaty\"\nbogus = 1",
        &["study.toml:", "bogus"],
    );
}

#[test]
fn study_file_values_name_their_line_and_what_to_write() {
    fails_with(
        "datasets/probolinggo/study.toml",
        "samples = 10000",
        "samples = -5",
        &[
            "study.toml:52: (column 11)",
            "write samples as a whole number",
        ],
    );
    fails_with(
        "datasets/probolinggo/study.toml",
        "samples = 10000",
        "samples = 0",
        &["study.toml:52: [sensitivity] samples must be at least 1"],
    );
}

#[test]
fn a_study_copied_away_from_its_criteria_says_how_to_fix_the_path() {
    let w = Workdir::bundled();
    std::fs::remove_dir_all(w.path().join("criteria")).unwrap();
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "study.toml:41: [[levels]] #1: criteria = \"../../criteria/probolinggo-fgd-2021.toml\" is not a file",
        "study.toml:46: [[levels]] #2: criteria",
        "the path is relative to the study file's folder",
    ] {
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    }
}

#[test]
fn rating_between_two_levels() {
    fails_with(
        UMKM,
        FIRST_ROW,
        &FIRST_ROW.replace("44.5,2,", "44.5,2.5,"),
        &[
            "umkm.csv:2:11: column 'daya_saing'",
            "\"2.5\" is not a level of the rating scale 1-4",
            "ratings are whole levels of the scale",
            "declare the criterion as a quantity with min and max in the criteria file",
        ],
    );
}

#[test]
fn bad_matrix_noise_names_the_file_and_keys() {
    // Both errors are reported together.
    fails_with(
        "datasets/probolinggo/study.toml",
        "sweep_points = 21",
        "sweep_points = 21\nquantity_noise = 1.5\nrating_steps = 1.5",
        &[
            // Each on its own line (sweep_points is on line 44).
            "study.toml:57: [sensitivity] quantity_noise = 1.5 is invalid",
            "study.toml:58: [sensitivity] rating_steps = 1.5 is invalid: use a whole number",
        ],
    );
    fails_with(
        "datasets/probolinggo/study.toml",
        "sweep_points = 21",
        "sweep_points = 21\nquantity_noise = -0.1\nrating_steps = -1",
        &[
            "[sensitivity] quantity_noise = -0.1 is invalid",
            "[sensitivity] rating_steps = -1 is invalid",
        ],
    );
}

#[test]
fn a_huge_cell_is_quoted_briefly_and_located() {
    // A 50 MB cell used to be printed whole; 5 MB shows it as well.
    let cell = "Rp12.5jt-".repeat((5 << 20) / 9);
    let length = format!("…\" ({} characters) is not a number", cell.len());
    let w = Workdir::bundled();
    w.edit(
        UMKM,
        FIRST_ROW,
        &FIRST_ROW.replace(",59.1,", &format!(",{cell},")),
    );
    w.edit(
        UMKM,
        ",35.74.01.1001,agro,57.9",
        &format!(",{cell},agro,57.9"),
    );
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.len() < 2_000, "{} bytes of message", err.len());
    for n in [
        "umkm.csv:2:6: column 'sumber_daya_lokal': \"Rp12.5jt-Rp12.5jt-",
        &length,
        "umkm.csv:3:4: column 'kelurahan': unknown kelurahan \"Rp12.5jt-",
    ] {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
}

/// Region codes and categories name report files: a code or category that is a path, or
/// holds a separator, is refused at input, so no file is written outside the report folder.
#[test]
fn codes_and_categories_that_are_paths_are_refused() {
    let w = Workdir::bundled();
    let regions = w.read("datasets/probolinggo/wilayah.csv").replacen(
        "35.74.01.1001,",
        "35.74.01./../../ESCAPED,",
        1,
    );
    w.write("datasets/probolinggo/wilayah.csv", &regions);
    let out = w
        .cmd()
        .args([
            "run",
            "datasets/probolinggo",
            "--no-charts",
            "--no-sensitivity",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("wilayah.csv:2:"), "{err}");
    assert!(err.contains("may hold only letters, digits"), "{err}");
    assert!(!w.path().join("ESCAPED").exists());

    let w = Workdir::bundled();
    let study = w.read("datasets/probolinggo/study.toml").replace(
        "categories = [\"agro\", \"kerajinan\", \"budaya\"]",
        "categories = [\"agro\", \"../x\", \"budaya\"]",
    );
    w.write("datasets/probolinggo/study.toml", &study);
    let out = w
        .cmd()
        .args(["validate", "datasets/probolinggo"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("[study] categories: \"../x\""), "{err}");
}

#[test]
fn impossible_analysis_date() {
    fails_with(
        "datasets/probolinggo/study.toml",
        "analysis_date = \"2026-12-03\"",
        "analysis_date = \"2026-02-30\"",
        &["study.toml", "analysis_date", "day 30 does not exist"],
    );
}

#[test]
fn fgd_round_that_ends_before_it_starts() {
    fails_with(
        "datasets/probolinggo/study.toml",
        "kelurahan = [\"2021-10\"]",
        "kelurahan = [\"2021-10-15\", \"2021-10-04\"]",
        &[
            "study.toml",
            "fgd_dates.kelurahan",
            "first day comes after the last",
        ],
    );
}
