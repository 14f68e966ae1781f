//! Bad inputs to the raw `smaa` and `thresholds` commands: exit code 2, a message naming the
//! file, line and column, and nothing on stdout (found by an outside review).

use crate::common::Workdir;

const MATRICES: &str = "group,id,a,b\ng1,x,1,2\ng1,y,3,1\ng2,z,2,2\n";
const MATRIX: &str = "id,a,b\nx,1,2\ny,3,1\n";
const CRITERIA: &str = "criterion,weight,type\na,0.5,benefit\nb,0.5,cost\n";

/// Runs `args` in a folder holding `files`; expects exit 2, empty stdout and every needle.
fn fails_with(files: &[(&str, &str)], args: &[&str], needles: &[&str]) {
    let w = Workdir::empty();
    for (name, text) in files {
        w.write(name, text);
    }
    let out = w.cmd().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?} was accepted:\n{err}");
    assert!(out.stdout.is_empty(), "{args:?} printed a result");
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
}

const SMAA_W: [&str; 7] = [
    "smaa",
    "--matrices",
    "m.csv",
    "--criteria",
    "c.csv",
    "--weight-samples",
    "w.csv",
];

#[test]
fn weight_samples_column_named_twice() {
    // Only the first `a` used to be read, silently.
    fails_with(
        &[
            ("m.csv", MATRICES),
            ("c.csv", CRITERIA),
            ("w.csv", "a,A,b\n0.3,0.2,0.5\n"),
        ],
        &SMAA_W,
        &["w.csv:1:", "column 'A' appears twice", "columns 1 and 2"],
    );
}

#[test]
fn weight_samples_column_not_in_the_criteria() {
    // The weight of `zz` used to be dropped silently (the matrices file already refuses it).
    fails_with(
        &[
            ("m.csv", MATRICES),
            ("c.csv", CRITERIA),
            ("w.csv", "a,b,zz\n0.3,0.7,5\n"),
        ],
        &SMAA_W,
        &["w.csv:1:", "column 'zz' is not in the criteria file c.csv"],
    );
}

#[test]
fn weight_samples_row_whose_sum_overflows() {
    // Used to end as "weight vector 0 is invalid", without the line.
    fails_with(
        &[
            ("m.csv", MATRICES),
            ("c.csv", CRITERIA),
            ("w.csv", "a,b\n0.5,0.5\n1e308,1e308\n"),
        ],
        &SMAA_W,
        &["w.csv:3:", "too large to add up"],
    );
}

#[test]
fn matrix_column_named_twice() {
    // Used to say that `a` is not in the criteria file, which it is.
    fails_with(
        &[
            ("m.csv", "group,id,a,b,a\ng1,x,1,2,9\ng1,y,3,1,0\n"),
            ("c.csv", CRITERIA),
        ],
        &["smaa", "--matrices", "m.csv", "--criteria", "c.csv"],
        &["m.csv:1:", "column 'a' appears twice", "columns 3 and 5"],
    );
}

#[test]
fn criteria_file_column_named_twice_or_criterion_differing_in_case() {
    fails_with(
        &[
            ("t.csv", MATRIX),
            (
                "c.csv",
                "criterion,weight,type,weight\na,0.5,benefit,1\nb,0.5,cost,2\n",
            ),
        ],
        &["thresholds", "--matrix", "t.csv", "--criteria", "c.csv"],
        &["c.csv:1:", "column 'weight' appears twice"],
    );
    // Columns match ignoring case, so `A` would read the same column as `a`.
    fails_with(
        &[
            ("t.csv", MATRIX),
            (
                "c.csv",
                "criterion,weight,type\na,0.5,benefit\nA,0.5,cost\n",
            ),
        ],
        &["thresholds", "--matrix", "t.csv", "--criteria", "c.csv"],
        &["c.csv:3:1:", "criterion \"A\" is listed twice"],
    );
}

#[test]
fn criteria_weights_whose_sum_overflows() {
    fails_with(
        &[
            ("t.csv", MATRIX),
            (
                "c.csv",
                "criterion,weight,type\na,1e308,benefit\nb,1e308,cost\n",
            ),
        ],
        &["thresholds", "--matrix", "t.csv", "--criteria", "c.csv"],
        &["c.csv:", "too large to add up"],
    );
}

#[test]
fn value_beyond_the_supported_magnitude_is_located() {
    // Used to say `group "": value at row 0, column 0 (0-based) is 1000...0` (301 digits).
    for args in [
        &["thresholds", "--matrix", "t.csv", "--criteria", "c.csv"][..],
        &["topsis", "--matrix", "t.csv", "--criteria", "c.csv"][..],
    ] {
        fails_with(
            &[("t.csv", "id,a,b\nx,1e300,2\ny,3,1\n"), ("c.csv", CRITERIA)],
            args,
            &[
                "t.csv:2:2: column 'a'",
                "1e300 is beyond the supported magnitude 1e100",
            ],
        );
    }
}

#[test]
fn negative_concentration_and_samples_reach_the_checks() {
    // `--concentration -1` used to be "unexpected argument '-1' found".
    let files = [("m.csv", MATRICES), ("c.csv", CRITERIA)];
    let base = ["smaa", "--matrices", "m.csv", "--criteria", "c.csv"];
    fails_with(
        &files,
        &[&base[..], &["--concentration", "-1"]].concat(),
        &["--concentration", "concentration -1 is invalid"],
    );
    fails_with(
        &files,
        &[&base[..], &["--samples", "-3"]].concat(),
        &["invalid value '-3' for '--samples"],
    );
    fails_with(
        &files,
        &[&base[..], &["--samples", "0"]].concat(),
        &["--samples must be at least 1"],
    );
}

#[test]
fn thresholds_on_a_grouped_file_points_to_smaa() {
    fails_with(
        &[("m.csv", MATRICES), ("c.csv", CRITERIA)],
        &["thresholds", "--matrix", "m.csv", "--criteria", "c.csv"],
        &[
            "m.csv:1:",
            "column 'group': this command takes one decision matrix",
            "run it once per group",
        ],
    );
}

#[test]
fn missing_file_and_bad_cells_say_what_to_do() {
    fails_with(
        &[("c.csv", CRITERIA)],
        &["thresholds", "--matrix", "nope.csv", "--criteria", "c.csv"],
        &["nope.csv: cannot read the file", "check the path"],
    );
    fails_with(
        &[("m.csv", "id,a,b\nx,abc,2\ny,3,1\n"), ("c.csv", CRITERIA)],
        &["thresholds", "--matrix", "m.csv", "--criteria", "c.csv"],
        &[
            "m.csv:2:2: column 'a'",
            "\"abc\" is not a number: write digits",
        ],
    );
    fails_with(
        &[
            ("m.csv", MATRICES),
            ("c.csv", CRITERIA),
            ("w.csv", "a,b\n0.5,0.5\n0,0\n"),
        ],
        &SMAA_W,
        &[
            "w.csv:3:",
            "sum to zero: give at least one criterion a positive weight",
        ],
    );
}

/// A cell of `len` bytes: a word repeated, so it is not a number.
fn huge_cell(len: usize) -> String {
    "Kerupuk-".repeat(len / 8)
}

#[test]
fn a_huge_cell_is_quoted_briefly_and_located() {
    // A 5 MB cell used to be printed whole in the message.
    let cell = huge_cell(5 << 20);
    let matrix = format!("id,a,b\nx,1,2\ny,{cell},1\n{cell},3,2\n{cell},2,2\n");
    let header = format!("id,a,b,{cell}\nx,1,2,3\n");
    for (file, needles) in [
        (
            matrix,
            &[
                "t.csv:3:2: column 'a': \"Kerupuk-Kerupuk-",
                "…\" (5242880 characters) is not a number",
                "t.csv:5:1: column 'id': duplicate id \"Kerupuk-",
            ][..],
        ),
        (
            header,
            &[
                "t.csv:1: column 'Kerupuk-Kerupuk-",
                "…' (5242880 characters) is not in the criteria file",
            ][..],
        ),
    ] {
        let w = Workdir::empty();
        w.write("t.csv", &file);
        w.write("c.csv", CRITERIA);
        let out = w
            .cmd()
            .args(["topsis", "--matrix", "t.csv", "--criteria", "c.csv"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.len() < 2_000, "{} bytes of message", err.len());
        for n in needles {
            assert!(err.contains(n), "expected {n:?} in:\n{err}");
        }
    }
}

#[test]
fn many_bad_cells_give_a_bounded_message() {
    // Every value of a comma file written with decimal commas in quotes: one problem per cell.
    let mut text = String::from("id,a,b\n");
    for i in 0..100_000 {
        text.push_str(&format!("r{i},\"1,5\",\"2,5\"\n"));
    }
    let w = Workdir::empty();
    w.write("t.csv", &text);
    w.write("c.csv", CRITERIA);
    let out = w
        .cmd()
        .args(["topsis", "--matrix", "t.csv", "--criteria", "c.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().count() < 250, "{} lines", err.lines().count());
    assert!(
        err.contains("t.csv:2:2: column 'a': \"1,5\" is not a number: use a decimal point"),
        "{err}"
    );
    assert!(err.contains("199800 more problems not listed"), "{err}");
}
