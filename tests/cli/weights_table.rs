//! Explicit weights as a table (`weights = { table = "bobot.csv" }`): read from CSV and
//! workbooks like every other study table, by criterion id or name, with every bad row
//! located at its cell.

use rust_xlsxwriter::Workbook;

use crate::common::Workdir;

const STUDY: &str = "datasets/probolinggo/study.toml";

/// The bundled study with its kecamatan level weighted by `weights` (a study-file value).
fn kecamatan_weights(w: &Workdir, weights: &str) {
    w.edit(
        STUDY,
        "level = \"kecamatan\"\ncriteria = \"../../criteria/probolinggo-fgd-2021.toml\"\nweights = \"own-panel\"",
        &format!(
            "level = \"kecamatan\"\ncriteria = \"../../criteria/probolinggo-fgd-2021.toml\"\nweights = {weights}"
        ),
    );
}

fn run(w: &Workdir, out: &str) -> String {
    w.ok(&[
        "run",
        STUDY,
        "--no-sensitivity",
        "--no-charts",
        "--quiet",
        "--out",
        out,
    ]);
    w.read(&format!("{out}/weights.csv"))
}

fn fails(w: &Workdir) -> String {
    let out = w.cmd().args(["validate", STUDY]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "validate should fail with 2");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `(criterion, global weight)` rows of weights.csv that come from explicit weights.
fn explicit_rows(weights_csv: &str) -> Vec<(String, f64)> {
    weights_csv
        .lines()
        .filter(|l| l.starts_with("kecamatan,explicit,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[4].to_string(), f[7].parse().unwrap())
        })
        .collect()
}

/// The same weights, written inline in the study file: the reference for the tables below.
const INLINE: &str = "{ explicit = { sumber_daya_lokal = 0.20, kekhasan_daerah = 0.15, lapangan_kerja = 0.25, wirausaha_baru = 0.10, nilai_tambah = 0.10, daya_saing = 0.12, pertumbuhan_ekonomi = 0.08 } }";

#[test]
fn a_weights_table_gives_the_weights_written_in_the_study_file() {
    let w = Workdir::bundled();
    kecamatan_weights(&w, INLINE);
    let inline = run(&w, "inline");
    assert!(inline.contains("0.25"), "{inline}");

    // By id, in another order, as fractions.
    let w = Workdir::bundled();
    w.write(
        "datasets/probolinggo/bobot.csv",
        "criterion,weight\nlapangan_kerja,0.25\nsumber_daya_lokal,0.20\nkekhasan_daerah,0.15\nwirausaha_baru,0.10\nnilai_tambah,0.10\ndaya_saing,0.12\npertumbuhan_ekonomi,0.08\n",
    );
    kecamatan_weights(&w, "{ table = \"bobot.csv\" }");
    assert_eq!(run(&w, "table"), inline);

    // By Indonesian name, as percentages in a semicolon file with a decimal comma, in a
    // column chosen by the study file: scaled to sum 1 with a note.
    let w = Workdir::bundled();
    w.write(
        "datasets/probolinggo/bobot.csv",
        "kriteria;criterion;ahli;weight\n1;Sumber daya lokal;20;1\n2;Kekhasan daerah;15;1\n3;Lapangan kerja;25;1\n4;Wirausaha baru;10;1\n5;Nilai tambah;10;1\n6;Daya saing;12,0;1\n7;Kontribusi terhadap pertumbuhan ekonomi;8;1\n",
    );
    kecamatan_weights(&w, "{ table = \"bobot.csv\", column = \"ahli\" }");
    let out = w.ok(&["validate", STUDY]);
    let stderr =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains("level kecamatan: explicit weights sum to 100; scaled to sum 1"),
        "{stderr}"
    );
    // Scaled: equal to the fractions up to rounding.
    let (scaled, reference) = (explicit_rows(&run(&w, "percent")), explicit_rows(&inline));
    assert_eq!(scaled.len(), 7);
    for ((c, v), (rc, rv)) in scaled.iter().zip(&reference) {
        assert_eq!(c, rc);
        assert!((v - rv).abs() < 1e-15, "{c}: {v} vs {rv}");
    }

    // A workbook sheet, numbers typed as number cells.
    let w = Workdir::bundled();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Bobot").unwrap();
    ws.write_string(0, 0, "criterion").unwrap();
    ws.write_string(0, 1, "weight").unwrap();
    for (r, (c, v)) in [
        ("sumber_daya_lokal", 0.20),
        ("kekhasan_daerah", 0.15),
        ("lapangan_kerja", 0.25),
        ("wirausaha_baru", 0.10),
        ("nilai_tambah", 0.10),
        ("daya_saing", 0.12),
        ("pertumbuhan_ekonomi", 0.08),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, c).unwrap();
        ws.write_number(r as u32 + 1, 1, v).unwrap();
    }
    wb.save(w.path().join("datasets/probolinggo/bobot.xlsx"))
        .unwrap();
    kecamatan_weights(
        &w,
        "{ table = { file = \"bobot.xlsx\", sheet = \"Bobot\" } }",
    );
    assert_eq!(run(&w, "sheet"), inline);
    // The manifest records the table among the inputs.
    let manifest = w.read("sheet/manifest.json");
    assert!(manifest.contains("\"bobot.xlsx\""), "{manifest}");
}

#[test]
fn every_bad_row_of_a_weights_table_is_located_at_its_cell() {
    let w = Workdir::bundled();
    w.write(
        "datasets/probolinggo/bobot.csv",
        "criterion,weight\nsumber_daya_lokal,0.2\nlapangan kerja,0.25\nkekhasan_daerah,-0.15\nsumber_daya_lokal,0.1\nmodal,0.1\nnilai_tambah,banyak\n,0.1\ndaya_saing,0.12\n",
    );
    kecamatan_weights(&w, "{ table = \"bobot.csv\" }");
    let err = fails(&w);
    let file = "datasets/probolinggo/bobot.csv";
    for expected in [
        format!("{file}:4:2: column 'weight': weight -0.15 is negative: a weight is 0 or more"),
        format!(
            "{file}:5:1: column 'criterion': criterion sumber_daya_lokal already has a weight (row 2); keep one row per criterion"
        ),
        format!(
            "{file}:6:1: column 'criterion': \"modal\" is not a criterion of set 'probolinggo-fgd-2021': use one of sumber_daya_lokal,"
        ),
        format!("{file}:7:2: column 'weight': \"banyak\" is not a number"),
        format!("{file}:8:1: column 'criterion': empty criterion"),
        format!(
            "{file}: no weight for wirausaha_baru, pertumbuhan_ekonomi of set 'probolinggo-fgd-2021': add a row for each"
        ),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    // "lapangan kerja" is the criterion's name (spaces and case do not matter): not an error.
    assert!(!err.contains(":3:"), "{err}");
}

#[test]
fn a_weights_table_in_a_workbook_is_located_by_sheet_and_cell() {
    let w = Workdir::bundled();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Bobot").unwrap();
    // The table starts at B2, as planners often leave a margin.
    ws.write_string(1, 1, "Criterion").unwrap();
    ws.write_string(1, 2, "Weight").unwrap();
    for (r, c) in [
        "sumber_daya_lokal",
        "kekhasan_daerah",
        "lapangan_kerja",
        "wirausaha_baru",
        "nilai_tambah",
        "daya_saing",
        "pertumbuhan_ekonomi",
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 2, 1, c).unwrap();
        if r == 3 {
            ws.write_boolean(r as u32 + 2, 2, true).unwrap();
        } else if r == 5 {
            ws.write_string(r as u32 + 2, 2, "0,1x").unwrap();
        } else {
            ws.write_number(r as u32 + 2, 2, 1.0).unwrap();
        }
    }
    wb.save(w.path().join("datasets/probolinggo/bobot.xlsx"))
        .unwrap();
    kecamatan_weights(
        &w,
        "{ table = { file = \"bobot.xlsx\", sheet = \"Bobot\" } }",
    );
    let err = fails(&w);
    let file = "datasets/probolinggo/bobot.xlsx";
    assert!(
        err.contains(&format!(
            "{file}!Bobot!C6: column 'Weight': the cell holds the logical value TRUE, not a number"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}!Bobot!C8: column 'Weight': \"0,1x\" is not a number"
        )),
        "{err}"
    );
}

#[test]
fn a_missing_or_misshapen_weights_table_names_its_study_line() {
    let w = Workdir::bundled();
    kecamatan_weights(&w, "{ table = \"bobot.csv\" }");
    let line = w
        .read(STUDY)
        .lines()
        .position(|l| l.starts_with("level = \"kecamatan\""))
        .unwrap()
        + 1;
    let err = fails(&w);
    assert!(
        err.contains(&format!(
            "{STUDY}:{line}: [[levels]] #2: level kecamatan: weights table = \"bobot.csv\": "
        )) && err.contains("does not exist; the path is relative to the study file's folder"),
        "{err}"
    );

    // A table without the weight column the study names.
    w.write(
        "datasets/probolinggo/bobot.csv",
        "criterion,weight\nsumber_daya_lokal,1\n",
    );
    w.edit(
        STUDY,
        "{ table = \"bobot.csv\" }",
        "{ table = \"bobot.csv\", column = \"ahli\" }",
    );
    let err = fails(&w);
    assert!(
        err.contains("datasets/probolinggo/bobot.csv:1: missing column 'ahli' in the header (found: criterion, weight)"),
        "{err}"
    );

    // Two sources at once.
    w.edit(
        STUDY,
        "{ table = \"bobot.csv\", column = \"ahli\" }",
        "{ table = \"bobot.csv\", panel = \"35.74\" }",
    );
    let err = fails(&w);
    assert!(
        err.contains(&format!(
            "{STUDY}:{line}: [[levels]] #2: level kecamatan: weights needs exactly one of panel, explicit or table"
        )),
        "{err}"
    );
}
