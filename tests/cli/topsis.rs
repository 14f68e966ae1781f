//! `unggul topsis`: closeness of a decision matrix.

use crate::common::Workdir;

/// Hwang & Yoon (1981) fighter aircraft example; cost is a cost criterion.
const AIRCRAFT: &str = "id,speed,range,payload,cost,reliability,manoeuvrability
A1,2.0,1500,20000,5.5,5,9
A2,2.5,2700,18000,6.5,3,5
A3,1.8,2000,21000,4.5,7,7
A4,2.2,1800,20000,5.0,5,5
";
const AIRCRAFT_CRITERIA: &str = "criterion,weight,type
speed,0.2,benefit
range,0.1,benefit
payload,0.1,benefit
cost,0.1,cost
reliability,0.2,benefit
manoeuvrability,0.3,benefit
";

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn fighter_aircraft_matches_hwang_and_yoon() {
    let w = Workdir::empty();
    w.write("m.csv", AIRCRAFT);
    w.write("c.csv", AIRCRAFT_CRITERIA);
    let out = w
        .cmd()
        .args([
            "topsis",
            "--matrix",
            "m.csv",
            "--criteria",
            "c.csv",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("id,closeness,rank,d_plus,d_minus\n"),
        "{text}"
    );
    // Vector normalisation: C = 0.6433, 0.2684, 0.6135, 0.3123; ranks 1, 4, 2, 3.
    let expected = [
        ("A1", 0.6433, "1"),
        ("A2", 0.2684, "4"),
        ("A3", 0.6135, "2"),
        ("A4", 0.3123, "3"),
    ];
    for (row, (id, c, rank)) in csv_rows(&text).iter().zip(expected) {
        assert_eq!(row[0], id);
        assert!((row[1].parse::<f64>().unwrap() - c).abs() < 1e-4, "{row:?}");
        assert_eq!(row[2], rank);
    }
}

#[test]
fn min_max_normalisation_option() {
    let w = Workdir::empty();
    w.write("m.csv", AIRCRAFT);
    w.write("c.csv", AIRCRAFT_CRITERIA);
    let out = w
        .cmd()
        .args([
            "topsis",
            "--matrix",
            "m.csv",
            "--criteria",
            "c.csv",
            "--format",
            "csv",
            "--normalization",
            "min-max",
        ])
        .output()
        .unwrap();
    // DOMAIN.md section 6: min-max gives 0.6127, 0.3660, 0.5306, 0.3517.
    let text = String::from_utf8(out.stdout).unwrap();
    for (row, c) in csv_rows(&text).iter().zip([0.6127, 0.3660, 0.5306, 0.3517]) {
        assert!((row[1].parse::<f64>().unwrap() - c).abs() < 1e-4, "{row:?}");
    }
}

#[test]
fn weights_are_rescaled_and_said_so() {
    let w = Workdir::empty();
    // Papathanasiou & Ploskas (2018): w = 0.4, 0.3, 0.1, 0.2 given here as 4, 3, 1, 2.
    w.write("m.csv", "id,c1,c2,c3,c4\nA1,8,7,2,1\nA2,5,3,7,5\nA3,7,5,6,4\nA4,9,9,7,3\nA5,11,10,3,7\nA6,6,9,5,4\n");
    w.write(
        "c.csv",
        "criterion,weight,type\nc1,4,max\nc2,3,keuntungan\nc3,1,benefit\nc4,2,benefit\n",
    );
    let out = w
        .cmd()
        .args([
            "topsis",
            "--matrix",
            "m.csv",
            "--criteria",
            "c.csv",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("scaled to sum 1"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c: Vec<f64> = v["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["closeness"].as_f64().unwrap())
        .collect();
    for (g, e) in c.iter().zip([0.387, 0.327, 0.391, 0.615, 0.868, 0.493]) {
        assert!((g - e).abs() < 1e-3, "{g} vs {e}");
    }
}

#[test]
fn bad_inputs_are_located() {
    let w = Workdir::empty();
    w.write("c.csv", AIRCRAFT_CRITERIA);
    w.write(
        "missing.csv",
        "id,speed,range,payload,cost,reliability\nA1,2,1500,20000,5.5,5\n",
    );
    w.write(
        "comma.csv",
        "id,speed,range,payload,cost,reliability,manoeuvrability\nA1,2,5,1500,20000,5.5,5,9\n",
    );
    w.write(
        "text.csv",
        "id,speed,range,payload,cost,reliability,manoeuvrability\nA1,cepat,1500,20000,5.5,5,9\n",
    );
    w.write("dup.csv", "id,speed,range,payload,cost,reliability,manoeuvrability\nA1,2,1500,20000,5.5,5,9\nA1,2,1500,20000,5.5,5,9\n");
    w.write("badtype.csv", "criterion,weight,type\nspeed,1,fast\n");
    for (matrix, criteria, needle) in [
        ("missing.csv", "c.csv", "missing column 'manoeuvrability'"),
        ("comma.csv", "c.csv", "decimal comma"),
        ("text.csv", "c.csv", "text.csv:2:2: column 'speed'"),
        ("dup.csv", "c.csv", "duplicate id \"A1\""),
        (
            "missing.csv",
            "badtype.csv",
            "badtype.csv:2:3: column 'type'",
        ),
    ] {
        let out = w
            .cmd()
            .args(["topsis", "--matrix", matrix, "--criteria", criteria])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{matrix}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{matrix}: {err}");
    }
}

#[test]
fn spreadsheet_exports_read_the_same() {
    // Indonesian Excel: `;` with decimal commas, a byte-order mark and CRLF; and a tab export.
    let semicolon = format!(
        "\u{feff}{}",
        AIRCRAFT
            .replace(',', ";")
            .replace('.', ",")
            .replace("1500", "1.500")
            .replace('\n', "\r\n")
    );
    let tab = AIRCRAFT.replace(',', "\t");
    let w = Workdir::empty();
    w.write("c.csv", AIRCRAFT_CRITERIA);
    let run = |name: &str, text: &str| {
        w.write(name, text);
        let out = w
            .cmd()
            .args([
                "topsis",
                "--matrix",
                name,
                "--criteria",
                "c.csv",
                "--format",
                "csv",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let comma = run("comma.csv", AIRCRAFT);
    assert_eq!(run("semicolon.csv", &semicolon), comma);
    assert_eq!(run("tab.csv", &tab), comma);
}
