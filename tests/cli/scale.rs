//! Tables as Parquet (`--tables`): the same rows and values as the CSV files, readable back,
//! compressed results, and `unggul report` from a Parquet report folder.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use crate::common::Workdir;

/// Every cell of a Parquet file as the CSV writes it (numbers in shortest round-trip form,
/// nulls empty).
fn parquet_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| {
            row.unwrap()
                .get_column_iter()
                .map(|(_, f)| match f {
                    Field::Null => String::new(),
                    Field::Str(s) => s.clone(),
                    Field::Double(x) => format!("{x}"),
                    Field::Long(n) => n.to_string(),
                    Field::Bool(b) => b.to_string(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

fn csv_rows(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn parquet_tables_hold_exactly_the_csv_values() {
    let w = Workdir::bundled();
    let study = "datasets/probolinggo";
    w.ok(&[
        "run",
        study,
        "--out",
        "csv",
        "--no-charts",
        "--samples",
        "300",
        "-q",
    ]);
    w.ok(&[
        "run",
        study,
        "--out",
        "pq",
        "--no-charts",
        "--samples",
        "300",
        "-q",
        "--tables",
        "parquet",
    ]);
    let mut compared = 0;
    for entry in std::fs::read_dir(w.path().join("csv")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".csv") else {
            continue;
        };
        if stem == "lampiran_keputusan" {
            // The decree's annex is a document: it stays CSV.
            assert!(w.path().join("pq").join(&name).exists());
            continue;
        }
        let parquet = w.path().join("pq").join(format!("{stem}.parquet"));
        assert!(parquet.exists(), "{stem}.parquet missing");
        assert!(
            !w.path().join("pq").join(&name).exists(),
            "{name} written too"
        );
        let (_, expected) = csv_rows(&w.path().join("csv").join(&name));
        assert_eq!(parquet_rows(&parquet), expected, "{stem}");
        compared += 1;
    }
    assert!(compared >= 14, "only {compared} tables compared");
    // The workbook needs CSV tables; the manifest says why it is missing.
    assert!(!w.path().join("pq/tabel.xlsx").exists());
    assert!(w.read("pq/manifest.json").contains("tables are Parquet"));
    assert!(
        w.read("pq/index.html")
            .contains("ranking_kelurahan.parquet")
    );
    // Its results are gzip-compressed JSON, read back by `unggul report` to the same bytes.
    assert!(!w.path().join("pq/results.json").exists());
    w.ok(&[
        "report",
        "pq",
        "--out",
        "pq2",
        "--no-charts",
        "-q",
        "--tables",
        "parquet",
    ]);
    assert_eq!(
        std::fs::read(w.path().join("pq/results.json.gz")).unwrap(),
        std::fs::read(w.path().join("pq2/results.json.gz")).unwrap()
    );
    let mut edited = std::fs::read(w.path().join("pq2/results.json.gz")).unwrap();
    edited.push(b'x');
    std::fs::write(w.path().join("pq2/results.json.gz"), edited).unwrap();
    let out = w
        .cmd()
        .args(["report", "pq2", "--out", "pq3", "--no-charts"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed after the run"));
    // A Parquet folder renders again, to CSV on request.
    w.ok(&[
        "report",
        "pq",
        "--out",
        "again",
        "--no-charts",
        "-q",
        "--tables",
        "csv",
    ]);
    assert_eq!(
        std::fs::read(w.path().join("again/ranking_kelurahan.csv")).unwrap(),
        std::fs::read(w.path().join("csv/ranking_kelurahan.csv")).unwrap()
    );
}
