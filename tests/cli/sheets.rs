//! Spreadsheet-first input: the bundled study re-entered as a workbook, the wide questionnaire
//! layout and `unggul convert`, skipped judgments, and files that are not what they claim.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use crate::common::Workdir;

const STUDY: &str = "datasets/probolinggo/study.toml";

/// Writes CSV text into a sheet as a planner would type it: the columns `numeric` says are
/// numbers become number cells (a Saaty fraction such as 1/3 stays text), the rest text.
fn fill(ws: &mut Worksheet, csv_text: &str, numeric: impl Fn(usize) -> bool) {
    for (r, line) in csv_text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(v) if r > 0 && numeric(c as usize) => ws.write_number(r, c, v).map(|_| ()),
                _ if cell.is_empty() => Ok(()),
                _ => ws.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
}

/// The bundled study's three tables as one workbook `data.xlsx` (sheets Wilayah, UMKM,
/// Penilaian) next to its study file.
fn bundled_workbook(w: &Workdir) {
    let dir = w.path().join("datasets/probolinggo");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let mut wb = Workbook::new();
    fill(
        wb.add_worksheet().set_name("Wilayah").unwrap(),
        &read("wilayah.csv"),
        |_| false,
    );
    fill(
        wb.add_worksheet().set_name("UMKM").unwrap(),
        &read("umkm.csv"),
        |c| c >= 5,
    );
    fill(
        wb.add_worksheet().set_name("Penilaian").unwrap(),
        &read("penilaian_ahp.csv"),
        |c| c == 5,
    );
    wb.save(dir.join("data.xlsx")).unwrap();
}

fn use_inputs(w: &Workdir, inputs: &str) {
    w.edit(
        STUDY,
        "regions = \"wilayah.csv\"\ncandidates = \"umkm.csv\"\njudgments = \"penilaian_ahp.csv\"",
        inputs,
    );
}

fn quick_run(w: &Workdir, out: &str) -> String {
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

fn fails(w: &Workdir, args: &[&str]) -> String {
    let out = w.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?} should fail with 2");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_bundled_study_from_one_workbook_gives_the_same_weights_and_ranking() {
    let w = Workdir::bundled();
    let csv_weights = quick_run(&w, "from-csv");
    let csv_ranking = w.read("from-csv/ranking_kelurahan.csv");
    bundled_workbook(&w);
    use_inputs(
        &w,
        "regions = { file = \"data.xlsx\", sheet = \"Wilayah\" }\ncandidates = { file = \"data.xlsx\", sheet = \"UMKM\" }\njudgments = { file = \"data.xlsx\", sheet = \"Penilaian\" }",
    );
    assert_eq!(quick_run(&w, "from-xlsx"), csv_weights);
    assert_eq!(w.read("from-xlsx/ranking_kelurahan.csv"), csv_ranking);
}

#[test]
fn wide_and_long_layouts_give_identical_weights_and_convert_round_trips() {
    let w = Workdir::bundled();
    let long_weights = quick_run(&w, "long");
    let wide = w.ok(&["convert", STUDY, "--to", "wide"]);
    let wide = String::from_utf8(wide.stdout).unwrap();
    let header = wide.lines().next().unwrap();
    assert!(
        header.starts_with("panel,participant,role,sumber_daya_lokal vs kekhasan_daerah,"),
        "{header}"
    );
    // One row per participant: 198 sets of judgments.
    assert_eq!(wide.lines().count(), 1 + 198);
    w.write("datasets/probolinggo/wide.csv", &wide);
    use_inputs(
        &w,
        "regions = \"wilayah.csv\"\ncandidates = \"umkm.csv\"\njudgments = { file = \"wide.csv\", layout = \"wide\" }",
    );
    assert_eq!(quick_run(&w, "wide"), long_weights);
    // And back: the long file written from the wide one gives the same weights again.
    w.ok(&[
        "convert",
        STUDY,
        "--to",
        "long",
        "--out",
        "datasets/probolinggo/long.xlsx",
    ]);
    w.edit(
        STUDY,
        "judgments = { file = \"wide.csv\", layout = \"wide\" }",
        "judgments = \"long.xlsx\"",
    );
    assert_eq!(quick_run(&w, "long-again"), long_weights);
}

/// The wide file of the bundled study, with the study pointed at it and `extra` added under
/// `[method]`.
fn wide_study(w: &Workdir, extra: &str) -> String {
    let wide = String::from_utf8(w.ok(&["convert", STUDY, "--to", "wide"]).stdout).unwrap();
    use_inputs(
        w,
        "regions = \"wilayah.csv\"\ncandidates = \"umkm.csv\"\njudgments = { file = \"wide.csv\", layout = \"wide\" }",
    );
    w.edit(STUDY, "winners = 1", &format!("winners = 1\n{extra}"));
    wide
}

/// Blanks the cells of row `row` (0 = header) at the given columns of CSV text.
fn blank(text: &str, row: usize, cols: &[usize]) -> String {
    text.lines()
        .enumerate()
        .map(|(r, l)| {
            if r != row {
                return l.to_string();
            }
            l.split(',')
                .enumerate()
                .map(|(c, v)| if cols.contains(&c) { "" } else { v })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_skipped_pair_is_refused_at_its_cell_by_default() {
    let w = Workdir::bundled();
    let wide = wide_study(&w, "");
    w.write("datasets/probolinggo/wide.csv", &blank(&wide, 1, &[4]));
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("wide.csv:2:5: column 'sumber_daya_lokal vs lapangan_kerja': panel 35.74.01.1001 participant P01: no judgment of sumber_daya_lokal vs lapangan_kerja (the cell is empty)")
            && err.contains("missing_judgments = \"complete\""),
        "{err}"
    );
}

#[test]
fn skipped_pairs_are_completed_and_reported_when_the_study_says_so() {
    for method in ["complete", "harker"] {
        let w = Workdir::bundled();
        let wide = wide_study(&w, &format!("missing_judgments = \"{method}\""));
        w.write("datasets/probolinggo/wide.csv", &blank(&wide, 1, &[4, 5]));
        w.ok(&[
            "run",
            STUDY,
            "--no-sensitivity",
            "--no-charts",
            "--quiet",
            "--out",
            "out",
        ]);
        let html = w.read("out/index.html");
        let what = if method == "harker" {
            "metode Harker (1987)"
        } else {
            "pelengkapan LLSM optimal"
        };
        assert!(
            html.contains("Penilaian yang dilengkapi")
                && html.contains(what)
                && html.contains("dihitung pada matriks yang telah dilengkapi")
                && html.contains("Sumber daya lokal : Lapangan kerja = ")
                && html.contains("Sumber daya lokal : Wirausaha baru = "),
            "{method}: the report names the completed pairs"
        );
    }
}

#[test]
fn answers_that_do_not_link_every_criterion_name_the_missing_link() {
    let w = Workdir::bundled();
    let wide = wide_study(&w, "missing_judgments = \"complete\"");
    // Every pair with sumber_daya_lokal (the first six pair columns) left blank.
    w.write(
        "datasets/probolinggo/wide.csv",
        &blank(&wide, 1, &[3, 4, 5, 6, 7, 8]),
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("wide.csv:2: panel 35.74.01.1001 participant P01: the answers do not link {sumber_daya_lokal} with {kekhasan_daerah, ")
            && err.contains("e.g. sumber_daya_lokal vs kekhasan_daerah"),
        "{err}"
    );
}

#[test]
fn the_signed_scale_read_from_the_other_side_and_by_name_gives_the_same_weights() {
    // The first pair's column headed the other way round, by the criteria's names, with
    // every answer's sign flipped: the same answers, so the same weights.
    let w = Workdir::bundled();
    let long_weights = quick_run(&w, "long");
    let wide = wide_study(&w, "");
    let flip = |v: &str| match v.strip_prefix('-') {
        Some(p) => p.to_string(),
        None if v.is_empty() => String::new(),
        None => format!("-{v}"),
    };
    let mut lines: Vec<String> = wide.lines().map(String::from).collect();
    lines[0] = lines[0].replacen(
        "sumber_daya_lokal vs kekhasan_daerah",
        "Kekhasan daerah vs Sumber daya lokal",
        1,
    );
    for line in lines.iter_mut().skip(1) {
        *line = line
            .split(',')
            .enumerate()
            .map(|(c, v)| if c == 3 { flip(v) } else { v.to_string() })
            .collect::<Vec<_>>()
            .join(",");
    }
    w.write("datasets/probolinggo/wide.csv", &lines.join("\n"));
    assert_eq!(quick_run(&w, "flipped"), long_weights);
    // A value between -1 and 1 (other than a fraction) is on neither side.
    let first: Vec<String> = lines[1]
        .split(',')
        .enumerate()
        .map(|(c, v)| if c == 3 { "0".into() } else { v.to_string() })
        .collect();
    lines[1] = first.join(",");
    w.write("datasets/probolinggo/wide.csv", &lines.join("\n"));
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("wide.csv:2:4: column 'Kekhasan daerah vs Sumber daya lokal': 0 is not on the questionnaire scale"),
        "{err}"
    );
}

#[test]
fn a_workbook_or_utf16_file_where_a_csv_belongs_says_what_it_is() {
    let w = Workdir::bundled();
    bundled_workbook(&w);
    std::fs::copy(
        w.path().join("datasets/probolinggo/data.xlsx"),
        w.path().join("datasets/probolinggo/umkm.csv"),
    )
    .unwrap();
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("umkm.csv: this is a workbook or other ZIP archive")
            && err.contains("{ file = \"data.xlsx\", sheet = \"UMKM\" }"),
        "{err}"
    );
    let text = w.read("datasets/probolinggo/wilayah.csv");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(w.path().join("datasets/probolinggo/wilayah.csv"), utf16).unwrap();
    let err = fails(&w, &["validate", STUDY]);
    assert!(err.contains("wilayah.csv: this is UTF-16 text"), "{err}");
}

#[test]
fn a_date_where_a_number_belongs_is_located_in_its_sheet() {
    let w = Workdir::bundled();
    let umkm = w.read("datasets/probolinggo/umkm.csv");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("UMKM").unwrap();
    fill(ws, &umkm, |c| c >= 5);
    let date = ExcelDateTime::from_ymd(2021, 10, 12).unwrap();
    // Typed as a date, the cell gets a date format (a date without one is only a number).
    let format = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_datetime_with_format(2, 7, &date, &format).unwrap();
    ws.write_boolean(3, 8, true).unwrap();
    wb.save(w.path().join("datasets/probolinggo/umkm.xlsx"))
        .unwrap();
    w.edit(
        STUDY,
        "candidates = \"umkm.csv\"",
        "candidates = \"umkm.xlsx\"",
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains(
            "umkm.xlsx!UMKM!H3: column 'lapangan_kerja': the cell holds a date (2021-10-12)"
        ) && err.contains(
            "umkm.xlsx!UMKM!I4: column 'wirausaha_baru': the cell holds the logical value TRUE"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_inputs_file_names_its_study_line() {
    let w = Workdir::bundled();
    let line = 1 + w
        .read(STUDY)
        .lines()
        .position(|l| l.starts_with("candidates = "))
        .unwrap();
    w.edit(
        STUDY,
        "candidates = \"umkm.csv\"",
        "candidates = \"umkm-2021.csv\"",
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains(&format!(
            "study.toml:{line}: [inputs] candidates = \"umkm-2021.csv\":"
        )) && err.contains("does not exist"),
        "{err}"
    );
    let w = Workdir::bundled();
    bundled_workbook(&w);
    w.edit(
        STUDY,
        "candidates = \"umkm.csv\"",
        "candidates = { file = \"data.xlsx\", sheet = \"Kandidat\" }",
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("no sheet 'Kandidat' (its sheets: 'Wilayah', 'UMKM', 'Penilaian')"),
        "{err}"
    );
}

#[test]
fn a_repeated_header_column_says_so() {
    let w = Workdir::bundled();
    w.edit(
        "datasets/probolinggo/umkm.csv",
        "id,name,product,kelurahan,category,sumber_daya_lokal,kekhasan_daerah",
        "id,name,product,kelurahan,category,sumber_daya_lokal,sumber_daya_lokal",
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains(
            "umkm.csv:1: column 'sumber_daya_lokal' appears twice in the header (columns 6 and 7)"
        ),
        "{err}"
    );
}

#[test]
fn a_candidate_value_beyond_1e100_is_refused() {
    let w = Workdir::bundled();
    w.edit(
        "datasets/probolinggo/umkm.csv",
        "Anggur Jestro,35.74.01.1001,agro,59.1,",
        "Anggur Jestro,35.74.01.1001,agro,1e150,",
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("umkm.csv:2:6: column 'sumber_daya_lokal': 1e150 is beyond the supported magnitude 1e100"),
        "{err}"
    );
}

#[test]
fn template_forms_are_read_back_as_they_are() {
    let w = Workdir::bundled();
    let out = w.ok(&["template", STUDY, "--out", "datasets/probolinggo/forms"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 35 files"));
    // A form no spreadsheet has calculated reads as every pair skipped, located in its sheet.
    use_inputs(
        &w,
        "regions = \"wilayah.csv\"\ncandidates = \"forms/kandidat.xlsx\"\njudgments = { file = \"forms/kuesioner/*.xlsx\", sheet = \"*\" }",
    );
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("forms/kandidat.xlsx!UMKM: no candidate rows")
            && err.contains("kuesioner-35.74.01.1001.xlsx!P01!Y2: column 'value': panel 35.74.01.1001 participant P01: no judgment of sumber_daya_lokal vs kekhasan_daerah (the cell is empty)"),
        "{err}"
    );
}

/// An .ods workbook of less than a kilobyte whose sheet `UMKM` holds a header row and a
/// number repeated over 16384 columns and 3000 rows: calamine expands it to 49 million cells
/// (measured before the bound: 10.2 GB resident, 97 s).
fn hostile_ods() -> Vec<u8> {
    use std::io::Write;
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="UMKM"><table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="3000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        // The mimetype comes first and uncompressed, as the OpenDocument format requires.
        let options = if name == "mimetype" {
            options.compression_method(zip::CompressionMethod::Stored)
        } else {
            options
        };
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_hostile_ods_is_refused_by_its_declared_extent_before_it_is_read() {
    let w = Workdir::bundled();
    let bytes = hostile_ods();
    assert!(bytes.len() < 1024, "{}", bytes.len());
    std::fs::write(w.path().join("datasets/probolinggo/hostile.ods"), &bytes).unwrap();
    use_inputs(
        &w,
        "regions = \"wilayah.csv\"\ncandidates = \"hostile.ods\"\njudgments = \"penilaian_ahp.csv\"",
    );
    let started = std::time::Instant::now();
    let err = fails(&w, &["validate", STUDY]);
    assert!(
        err.contains("datasets/probolinggo/hostile.ods!UMKM: the sheet reaches cell XFD3001: 3001 rows by 16384 columns counting repeated rows and columns, more than the 1000000 cells unggul reads from an .ods workbook; delete the rows and columns below and beside the table"),
        "{err}"
    );
    // Refused from a scan of the XML: well under a second here, where reading took 97 s.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
