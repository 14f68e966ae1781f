//! The documents planners sign and decree: berita acara per kelurahan and kecamatan FGD (HTML
//! and .docx), from the FGD and participant tables when given, with ruled blanks when not.

use std::collections::BTreeMap;

use unggul::Analysis;
use unggul::report::Lang;

use super::reports::{CANDIDATES, CRITERIA, JUDGMENTS, REGIONS, STUDY, files, mini, text, unzip};
use crate::common::Workdir;

const FGD: &str = "\
panel,date,place,facilitator,notulis
99.01.01.1001,2021-10-12,Aula Kantor Kelurahan Tanjung,Rina Fasilitator,Budi Notulis
";

const PARTICIPANTS: &str = "\
panel,participant,full_name,position,nip
99.01.01.1001,P01,Drs. Hadi Lurahwan,Lurah Tanjung,19700101 199003 1 001
99.01.01.1001,P02,Siti Pengrajin,Ketua Paguyuban UMKM,
";

const DETAILED_CANDIDATES: &str = "\
id,name,product,kelurahan,category,tenaga_kerja,omzet,harga,owner,address,nib
T-AGR-01,Tani Makmur,Mangga,99.01.01.1001,agro,5,120000000,3,,,
T-AGR-02,Dapur Bu Sri,Dodol mangga,99.01.01.1001,agro,9,150000000,2,Sri Wahyuni,Jl. Mawar 3,1234567890123
T-AGR-03,Kebun Sejahtera,Anggur,99.01.01.1001,agro,3,180000000,4,,,
T-KRJ-01,Batik Jaya,Batik,99.01.01.1001,kerajinan,8,200000000,4,,,
K-AGR-01,UD Sari,Keripik,99.01.01.1002,agro,4,60000000,2,,,
K-KRJ-01,Anyaman Rukun,Tas anyaman,99.01.01.1002,kerajinan,6,80000000,1,,,
K-KRJ-02,Griya Manik,Aksesori,99.01.01.1002,kerajinan,2,90000000,3,,,
";

/// The mini study with the FGD and participant tables, a kop and a numbering pattern.
fn detailed() -> (Workdir, Analysis) {
    let w = Workdir::empty();
    let study = STUDY
        .replace(
            "judgments = \"penilaian.csv\"",
            "judgments = \"penilaian.csv\"\nfgd = \"fgd.csv\"\nparticipants = \"peserta.csv\"",
        )
        .replace(
            "[method]",
            "[documents]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"BADAN PERENCANAAN PEMBANGUNAN DAERAH\"]\nnumbering = \"050/{no}/{kode}/2021\"\n\n[method]",
        );
    w.write("mini/kriteria.toml", CRITERIA);
    w.write("mini/study.toml", &study);
    w.write("mini/wilayah.csv", REGIONS);
    w.write("mini/penilaian.csv", JUDGMENTS);
    w.write("mini/umkm.csv", DETAILED_CANDIDATES);
    w.write("mini/fgd.csv", FGD);
    w.write("mini/peserta.csv", PARTICIPANTS);
    let study = unggul::input::read_study(&w.path().join("mini/study.toml"))
        .expect("the detailed mini study is valid");
    let analysis = unggul::analyse(study).expect("the detailed mini study analyses");
    (w, analysis)
}

fn docx_text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let parts = unzip(&files[name]);
    for part in ["[Content_Types].xml", "_rels/.rels", "word/styles.xml"] {
        assert!(parts.contains_key(part), "{name} has {part}");
    }
    parts["word/document.xml"].clone()
}

#[test]
fn every_kelurahan_and_kecamatan_fgd_has_a_berita_acara_in_html_and_docx() {
    let (_w, a) = mini(CANDIDATES);
    let files = files(&a, Lang::Id);
    for code in ["99.01.01.1001", "99.01.01.1002", "99.01.01"] {
        for ext in ["html", "docx"] {
            assert!(
                files.contains_key(&format!("berita_acara/{code}.{ext}")),
                "berita acara {code}.{ext}"
            );
        }
    }
    let kecamatan = text(&files, "berita_acara/99.01.01.html");
    for needle in [
        "USULAN PRODUK UNGGULAN DAERAH KECAMATAN PESISIR",
        "Camat Pesisir,",
        "Mengetahui,",
        "Tanda tangan",
    ] {
        assert!(
            kecamatan.contains(needle),
            "kecamatan berita acara has {needle:?}"
        );
    }
    let docx = docx_text(&files, "berita_acara/99.01.01.1001.docx");
    for needle in [
        "BERITA ACARA",
        "KELURAHAN TANJUNG KECAMATAN PESISIR",
        "Demikian berita acara ini dibuat dengan sebenarnya",
        "Lurah Tanjung,",
        "<w:tblHeader/>",
        "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    ] {
        assert!(docx.contains(needle), "docx has {needle:?}");
    }
}

#[test]
fn without_details_the_documents_leave_blanks_and_invent_no_names() {
    let (_w, a) = mini(CANDIDATES);
    let files = files(&a, Lang::Id);
    let ba = text(&files, "berita_acara/99.01.01.1001.html");
    let blank = "..............................";
    // Place, facilitator and notulis are blanks; so are the three signatures' names.
    assert!(ba.contains(&format!("bertempat di {blank}, telah")));
    assert!(ba.contains(&format!("dipandu oleh {blank} dengan notulis {blank}.")));
    assert_eq!(
        ba.matches(&format!("<p class=\"name\">{blank}</p>"))
            .count(),
        3,
        "facilitator, notulis and lurah sign on blank lines"
    );
    assert!(ba.contains(&format!("<p>NIP. {blank}</p>")));
    // The participants' name and NIP cells are empty, their roles from the judgments file.
    assert!(ba.contains("<td class=\"num\">1</td><td></td><td>Lurah<span class=\"muted\"> (P01)</span></td><td></td>"));
    // No kop was given: blank lines, not a guessed agency.
    assert!(!ba.contains("PEMERINTAH"));
    assert!(ba.contains("Nomor: ......../......../........"));
    // The names of the detailed study appear nowhere.
    for name in ["Hadi", "Rina", "Budi", "Siti", "Sri Wahyuni", "Aula"] {
        assert!(!ba.contains(name), "{name} is not invented");
    }
    // Without a panel (the kecamatan level has explicit weights), blank participant rows.
    let kecamatan = text(&files, "berita_acara/99.01.01.html");
    assert!(kecamatan.contains(
        "<td class=\"num\">8</td><td></td><td></td><td></td><td>8. ..................</td>"
    ));
}

#[test]
fn with_details_the_documents_carry_the_given_names_date_and_place() {
    let (_w, a) = detailed();
    let files = files(&a, Lang::Id);
    let ba = text(&files, "berita_acara/99.01.01.1001.html");
    for needle in [
        "PEMERINTAH KOTA CONTOH",
        "Nomor: 050/......../99.01.01.1001/2021",
        "Pada hari ini, Selasa tanggal dua belas bulan Oktober tahun dua ribu dua puluh satu, bertempat di Aula Kantor Kelurahan Tanjung",
        "dipandu oleh Rina Fasilitator dengan notulis Budi Notulis.",
        "<td>Drs. Hadi Lurahwan</td><td>Lurah Tanjung<span class=\"muted\"> (P01)</span></td><td>197001011990031001</td>",
        "<td>Siti Pengrajin</td><td>Ketua Paguyuban UMKM<span class=\"muted\"> (P02)</span></td><td></td>",
        "Contoh, 12 Oktober 2021",
        "<p class=\"name\">Drs. Hadi Lurahwan</p><p>NIP. 197001011990031001</p>",
        "Sri Wahyuni<br>Jl. Mawar 3<br><span class=\"muted\">NIB 1234567890123</span>",
        "Penilaian berpasangan Siti Pengrajin (Perwakilan UMKM) tidak konsisten",
    ] {
        assert!(ba.contains(needle), "berita acara has {needle:?}");
    }
    let docx = docx_text(&files, "berita_acara/99.01.01.1001.docx");
    for needle in [
        "PEMERINTAH KOTA CONTOH",
        "Selasa tanggal dua belas bulan Oktober tahun dua ribu dua puluh satu",
        "Drs. Hadi Lurahwan",
        "NIP. 197001011990031001",
        "Sri Wahyuni",
    ] {
        assert!(docx.contains(needle), "docx has {needle:?}");
    }
    // Karang has no details: its documents stay blank.
    let karang = text(&files, "berita_acara/99.01.01.1002.html");
    assert!(!karang.contains("Hadi") && !karang.contains("Aula"));
}

#[test]
fn the_candidate_table_names_criteria_by_code_with_a_key_and_leaves_room_to_write() {
    let (_w, a) = detailed();
    let files = files(&a, Lang::Id);
    let ba = text(&files, "berita_acara/99.01.01.1001.html");
    // Short codes as headers (a full name would break mid-word in a column as narrow as its
    // numbers), the names with their units in the key under the table.
    for needle in [
        "<th class=\"num\">K1</th>",
        "<th class=\"num\">K2</th>",
        "<th class=\"num\">K3</th>",
        "<th class=\"handwriting\">Pemilik / alamat</th>",
        "<strong>K1</strong> Tenaga kerja (orang)",
        "<strong>K2</strong> Omzet (Rp/tahun)",
        "<strong>K3</strong> Harga (skor 1–5)",
    ] {
        assert!(ba.contains(needle), "berita acara has {needle:?}");
    }
    assert!(!ba.contains("<th class=\"num\">Tenaga kerja</th>"));
    let docx = docx_text(&files, "berita_acara/99.01.01.1001.docx");
    assert!(docx.contains("Tenaga kerja (orang)"));
}

/// A small real PNG (4 × 6 pixels), the emblem of the tests.
fn emblem_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 4, 6);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[200u8; 4 * 6 * 3]).unwrap();
    }
    out
}

#[test]
fn the_emblem_is_printed_in_the_kop_of_the_html_and_the_docx() {
    let (w, _) = detailed();
    let emblem = emblem_png();
    std::fs::write(w.path().join("mini/lambang.png"), &emblem).unwrap();
    w.edit(
        "mini/study.toml",
        "numbering = ",
        "logo = \"lambang.png\"\nnumbering = ",
    );
    let study = unggul::input::read_study(&w.path().join("mini/study.toml")).unwrap();
    let a = unggul::analyse(study).unwrap();
    let files = files(&a, Lang::Id);
    let ba = text(&files, "berita_acara/99.01.01.1001.html");
    assert!(
        ba.contains(
            "<div class=\"kop\"><img class=\"logo\" alt=\"lambang daerah\" src=\"data:image/png;base64,iVBORw0KGgo"
        ),
        "the emblem is embedded in the kop"
    );
    let docx = &files["berita_acara/99.01.01.1001.docx"];
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut image = Vec::new();
    std::io::Read::read_to_end(
        &mut archive.by_name("word/media/lambang.png").unwrap(),
        &mut image,
    )
    .unwrap();
    assert_eq!(image, emblem, "the emblem is an image part of the .docx");
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(document.contains("<a:blip r:embed=\"rIdLogo\"/>"));

    // A logo that is not an image is the study file's problem, named there.
    std::fs::write(w.path().join("mini/lambang.png"), "not an image").unwrap();
    let e = unggul::input::read_study(&w.path().join("mini/study.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("study.toml"), "{e}");
    assert!(
        e.contains("[documents] logo = \"lambang.png\" is not a PNG, JPEG or SVG image"),
        "{e}"
    );
}

#[test]
fn a_person_on_two_panels_signs_in_each_panels_berita_acara() {
    let (w, _) = detailed();
    // The participants table gives one row per panel a person sat on.
    w.write(
        "mini/peserta.csv",
        &format!(
            "{PARTICIPANTS}99.01.01.1002,P01,Drs. Hadi Lurahwan,Plt. Lurah Karang,19700101 199003 1 001\n"
        ),
    );
    let study = unggul::input::read_study(&w.path().join("mini/study.toml")).unwrap();
    let a = unggul::analyse(study).unwrap();
    let files = files(&a, Lang::Id);
    for (code, position) in [
        ("99.01.01.1001", "Lurah Tanjung"),
        ("99.01.01.1002", "Plt. Lurah Karang"),
    ] {
        let ba = text(&files, &format!("berita_acara/{code}.html"));
        let row = format!(
            "<td>Drs. Hadi Lurahwan</td><td>{position}<span class=\"muted\"> (P01)</span></td><td>197001011990031001</td>"
        );
        assert_eq!(ba.matches(&row).count(), 1, "{code} lists him once: {row}");
    }
    let karang = text(&files, "berita_acara/99.01.01.1002.html");
    assert!(!karang.contains("Lurah Tanjung") && !karang.contains("Siti Pengrajin"));
}

#[test]
fn recorded_decisions_fill_the_berita_acara_and_the_annex() {
    let (w, _) = detailed();
    w.edit(
        "mini/study.toml",
        "participants = \"peserta.csv\"",
        "participants = \"peserta.csv\"\ndecisions = \"keputusan.csv\"",
    );
    // Tanjung agro: the forum chose Kebun Sejahtera over the ranking's proposal; Tanjung
    // kerajinan: it agreed with the ranking. Karang has no decision recorded.
    w.write(
        "mini/keputusan.csv",
        "level,region,category,candidate,reason\n\
         kelurahan,99.01.01.1001,agro,T-AGR-03,Anggur sudah dipasarkan ke luar kota\n\
         kelurahan,99.01.01.1001,kerajinan,T-KRJ-01,\n",
    );
    let study = unggul::input::read_study(&w.path().join("mini/study.toml")).unwrap();
    let a = unggul::analyse(study).unwrap();
    let files = files(&a, Lang::Id);
    let ba = text(&files, "berita_acara/99.01.01.1001.html");
    for needle in [
        "Kesepakatan forum: mengusulkan UMKM lain, <strong>Kebun Sejahtera (Anggur)</strong>, sebagai ganti usulan hasil pemeringkatan (Dapur Bu Sri).<br>Alasan: Anggur sudah dipasarkan ke luar kota",
        "Kesepakatan forum: menyepakati usulan hasil pemeringkatan, <strong>Batik Jaya (Batik)</strong>.",
    ] {
        assert!(ba.contains(needle), "berita acara has {needle:?}");
    }
    assert!(
        !ba.contains("☐ mengusulkan UMKM lain"),
        "no box left to tick for a decided group"
    );
    let karang = text(&files, "berita_acara/99.01.01.1002.html");
    assert!(
        karang.contains("☐ mengusulkan UMKM lain:"),
        "undecided groups keep the lines"
    );

    let annex = text(&files, "lampiran_keputusan.html");
    assert!(annex.contains(
        "<td>Pesisir</td><td>Tanjung</td><td>agro</td><td>Kebun Sejahtera</td><td>Anggur</td><td></td><td>kesepakatan FGD</td>"
    ));
    assert!(annex.contains("<td>Pesisir</td><td>Karang</td><td>agro</td><td>UD Sari</td><td>Keripik</td><td></td><td>hasil pemeringkatan</td>"));
    let csv = text(&files, "lampiran_keputusan.csv");
    assert!(csv.contains("kelurahan,1,Pesisir,Tanjung,agro,Kebun Sejahtera,Anggur,,false,true\n"));

    // Bad rows, each located: unknown level, region, category, candidate; a candidate of
    // another group; a second row for a group.
    w.write(
        "mini/keputusan.csv",
        "level,region,category,candidate,reason\n\
         desa kota,99.01.01.1001,agro,T-AGR-03,\n\
         kelurahan,99.01.01.9999,agro,T-AGR-03,\n\
         kelurahan,99.01.01.1001,kuliner,T-AGR-03,\n\
         kelurahan,99.01.01.1001,agro,X-1,\n\
         kelurahan,99.01.01.1002,agro,T-AGR-03,\n\
         kelurahan,99.01.01.1001,agro,T-AGR-03,\n\
         kelurahan,99.01.01.1001,agro,T-AGR-01,\n",
    );
    let e = unggul::input::read_study(&w.path().join("mini/study.toml"))
        .unwrap_err()
        .to_string();
    for needle in [
        "keputusan.csv:2:1: column 'level': unknown level \"desa kota\"",
        "keputusan.csv:3:2: column 'region': unknown kelurahan \"99.01.01.9999\"",
        "keputusan.csv:4:3: column 'category': unknown category \"kuliner\": use one of agro, kerajinan",
        "keputusan.csv:5:4: column 'candidate': unknown candidate \"X-1\"",
        "keputusan.csv:6:4: column 'candidate': candidate \"T-AGR-03\" (Tanjung, agro) is not in the group of kelurahan Karang",
        "keputusan.csv:8:2: column 'region': kelurahan 99.01.01.1001, agro already has a decision (line 7)",
    ] {
        assert!(e.contains(needle), "{needle:?} in {e}");
    }
}

#[test]
fn bad_participant_rows_are_reported_with_their_place() {
    let (w, _) = detailed();
    w.write(
        "mini/peserta.csv",
        "panel,participant,full_name,position,nip\n99.01.01.1001,P01,Drs. Hadi,Lurah,1970\n99.09,P02,Siti,UMKM,\n",
    );
    let out = w
        .cmd()
        .args([
            "run",
            "mini/study.toml",
            "--out",
            "out",
            "--no-sensitivity",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("peserta.csv:2:5: column 'nip'"), "{err}");
    assert!(err.contains("is not 18 digits"), "{err}");
    assert!(err.contains("peserta.csv:3:1: column 'panel'"), "{err}");
}

#[test]
fn documents_are_byte_identical_across_runs() {
    let (_w, a) = detailed();
    let first = files(&a, Lang::Id);
    let second = files(&a, Lang::Id);
    for (name, bytes) in &first {
        if name.starts_with("berita_acara/") {
            assert_eq!(bytes, &second[name], "{name} is the same on a rerun");
        }
    }
}

/// The shared strings of a workbook, in index order.
fn shared_strings(xlsx: &BTreeMap<String, String>) -> Vec<String> {
    let Some(sst) = xlsx.get("xl/sharedStrings.xml") else {
        return Vec::new();
    };
    sst.split("<si>")
        .skip(1)
        .map(|si| {
            let start = si
                .find("<t")
                .and_then(|k| si[k..].find('>').map(|e| k + e + 1));
            match (start, si.find("</t>")) {
                (Some(a), Some(b)) if a <= b => si[a..b].to_string(),
                _ => String::new(),
            }
        })
        .collect()
}

#[test]
fn every_sheet_stores_numbers_as_numbers() {
    let (_w, a) = detailed();
    let files = files(&a, Lang::Id);
    let xlsx = unzip(&files["tabel.xlsx"]);
    let strings = shared_strings(&xlsx);
    assert!(!strings.is_empty());
    let mut numeric_cells = 0;
    for (name, sheet) in xlsx
        .iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
    {
        assert!(
            sheet.contains("orientation=\"landscape\""),
            "{name} prints landscape"
        );
        assert!(
            sheet.contains("fitToWidth") || sheet.contains("fitToPage=\"1\""),
            "{name} fits the width"
        );
        for cell in sheet.split("<c ").skip(1) {
            let cell = &cell[..cell.find("</c>").unwrap_or(cell.len())];
            let value = cell
                .find("<v>")
                .and_then(|a| cell.find("</v>").map(|b| &cell[a + 3..b]));
            let Some(value) = value else { continue };
            if cell.contains("t=\"s\"") {
                let text = &strings[value.parse::<usize>().unwrap()];
                assert!(
                    text.parse::<f64>().is_err(),
                    "{name}: the number {text:?} is stored as text"
                );
            } else if !cell.contains("t=\"b\"") {
                numeric_cells += 1;
            }
        }
    }
    assert!(
        numeric_cells > 50,
        "numbers are written as numbers ({numeric_cells})"
    );
    let book = &xlsx["xl/workbook.xml"];
    assert!(
        book.contains("name=\"Lampiran keputusan\""),
        "the annex has a sheet"
    );
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "header rows repeat when printed"
    );
}

/// The workbook's sheets as calamine reads them: name → rows of cells.
fn sheets(xlsx: &[u8]) -> BTreeMap<String, Vec<Vec<calamine::Data>>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[calamine::Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::String(s) => s.clone(),
        calamine::Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// The row whose first cells are `start`, as text.
fn row_starting<'a>(rows: &'a [Vec<calamine::Data>], start: &[&str]) -> &'a [calamine::Data] {
    rows.iter()
        .find(|r| {
            r.len() >= start.len() && start.iter().zip(r.iter()).all(|(s, c)| cell_text(c) == *s)
        })
        .unwrap_or_else(|| panic!("a row starting {start:?}"))
}

#[test]
fn workbook_speaks_the_planners_language_with_a_column_dictionary() {
    let (_w, a) = detailed();
    let files = files(&a, Lang::Id);
    let book = sheets(&files["tabel.xlsx"]);
    let names: Vec<&str> = book.keys().map(String::as_str).collect();
    for sheet in [
        "Keterangan",
        "Bobot",
        "Konsistensi",
        "Unggulan kelurahan",
        "Lampiran keputusan",
        "Indikator kelurahan",
        "Indikator kecamatan",
        "Matriks berpasangan panel",
        "Kamus kolom",
    ] {
        assert!(names.contains(&sheet), "sheet {sheet} in {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.contains('_')),
        "no snake_case sheet: {names:?}"
    );

    // Headers in words, codes in words, numbers as numbers.
    let unggulan = &book["Unggulan kelurahan"];
    let header: Vec<String> = unggulan[0].iter().map(cell_text).collect();
    assert_eq!(
        header,
        [
            "Kode kecamatan",
            "Kecamatan",
            "Kode kelurahan",
            "Kelurahan",
            "Kategori",
            "Status",
            "ID UMKM",
            "Nama UMKM",
            "Produk",
            "Skor",
            "Jumlah kandidat",
            "Seri, perlu keputusan FGD"
        ]
    );
    for row in &unggulan[1..] {
        assert!(
            matches!(row[9], calamine::Data::Float(_)),
            "score {:?}",
            row[9]
        );
        assert!(["Ya", "Tidak"].contains(&cell_text(&row[11]).as_str()));
    }
    let consistency = &book["Konsistensi"];
    let lurah = row_starting(
        consistency,
        &["kelurahan", "99.01.01.1001", "Tanjung", "P01"],
    );
    assert_eq!(cell_text(&lurah[4]), "Lurah");
    assert_eq!(cell_text(&lurah[5]), "Tujuan (semua kriteria)");
    assert!(
        consistency
            .iter()
            .any(|r| cell_text(&r[3]) == "(gabungan panel)")
    );
    let excluded = row_starting(
        consistency,
        &["kelurahan", "99.01.01.1001", "Tanjung", "P02"],
    );
    assert_eq!(cell_text(&excluded[4]), "Perwakilan UMKM");
    assert_eq!(cell_text(&excluded[13]), "Tidak", "P02 is left out");

    // The candidates' indicator values: criterion names with units, raw values as numbers.
    let indicators = &book["Indikator kelurahan"];
    let header: Vec<String> = indicators[0].iter().map(cell_text).collect();
    assert_eq!(
        header[7..],
        [
            "Tenaga kerja (orang)",
            "Omzet (Rp/tahun)",
            "Harga (skor 1–5)"
        ]
    );
    let sri = row_starting(
        indicators,
        &["Pesisir", "Tanjung", "agro", "T-AGR-02", "Dapur Bu Sri"],
    );
    assert_eq!(
        sri[7..10],
        [
            calamine::Data::Float(9.0),
            calamine::Data::Float(150_000_000.0),
            calamine::Data::Float(2.0)
        ]
    );

    // Tanjung's aggregated matrix: only P01 is included (P02 is inconsistent), so the panel
    // judges workers twice as important as turnover; the diagonal is 1.
    let pairwise = &book["Matriks berpasangan panel"];
    let at = pairwise
        .iter()
        .position(|r| cell_text(&r[1]) == "Tanjung (99.01.01.1001)")
        .expect("Tanjung's block");
    assert_eq!(
        pairwise[at][4],
        calamine::Data::Float(1.0),
        "one participant combined"
    );
    assert_eq!(cell_text(&pairwise[at + 1][2]), "CR");
    assert!(matches!(pairwise[at + 1][3], calamine::Data::Float(cr) if cr < 1e-9));
    let names: Vec<String> = pairwise[at + 2].iter().map(cell_text).collect();
    assert_eq!(
        names[..5],
        ["Kriteria", "Tenaga kerja", "Omzet", "Harga", "Bobot lokal"]
    );
    assert_eq!(cell_text(&pairwise[at + 3][0]), "Tenaga kerja");
    assert_eq!(pairwise[at + 3][1], calamine::Data::Float(1.0));
    assert_eq!(pairwise[at + 3][2], calamine::Data::Float(2.0));
    assert_eq!(pairwise[at + 4][1], calamine::Data::Float(0.5));

    // Every column of every data sheet is in the dictionary, with its CSV column, and no
    // header is left as a CSV id.
    for (sheet, rows) in &book {
        for column in &rows[0] {
            let label = cell_text(column);
            assert!(
                !(label.contains('_') && label == label.to_lowercase()),
                "{sheet}: header {label:?} is a CSV id"
            );
        }
    }
    let dictionary = &book["Kamus kolom"];
    let score = row_starting(dictionary, &["Unggulan kelurahan", "Skor"]);
    assert_eq!(cell_text(&score[3]), "0–1");
    assert_eq!(cell_text(&score[4]), "unggulan_kelurahan.csv: score");
    row_starting(dictionary, &["Indikator kelurahan", "Omzet (Rp/tahun)"]);
    for (sheet, rows) in &book {
        if ["Keterangan", "Kamus kolom", "Matriks berpasangan panel"].contains(&sheet.as_str()) {
            continue;
        }
        for column in &rows[0] {
            row_starting(dictionary, &[sheet, &cell_text(column)]);
        }
    }

    // The CSV files keep their machine-readable headers and codes.
    let csv = text(&files, "unggulan_kelurahan.csv");
    assert!(csv.starts_with("kecamatan_code,kecamatan,kelurahan_code,"));
    assert!(csv.contains(",false\n"));

    // English on request.
    let en = sheets(&super::reports::files(&a, Lang::En)["tabel.xlsx"]);
    for sheet in ["About", "Weights", "Winners kelurahan", "Column dictionary"] {
        assert!(en.contains_key(sheet), "English sheet {sheet}");
    }
    let header: Vec<String> = en["Winners kelurahan"][0].iter().map(cell_text).collect();
    assert!(
        header.contains(&"Score".to_string())
            && header.contains(&"Tie needs FGD decision".to_string())
    );
}

#[test]
fn the_decree_annex_lists_each_level_with_the_rows_to_decide() {
    let (_w, a) = detailed();
    let files = files(&a, Lang::Id);
    let html = text(&files, "lampiran_keputusan.html");
    for needle in [
        "LAMPIRAN KEPUTUSAN WALI KOTA CONTOH",
        "NOMOR    : ..............................",
        "REKAPITULASI USULAN PRODUK UNGGULAN DAERAH",
        "A. Produk unggulan daerah tingkat kelurahan",
        "B. Produk unggulan daerah tingkat kecamatan",
        "<th>Nama UMKM / Kelompok</th><th>Produk</th><th>Alamat</th>",
        "<td>Pesisir</td><td>Tanjung</td><td>agro</td><td>Dapur Bu Sri</td><td>Dodol mangga</td><td>Jl. Mawar 3</td>",
    ] {
        assert!(html.contains(needle), "annex has {needle:?}");
    }
    let docx = docx_text(&files, "lampiran_keputusan.docx");
    assert!(docx.contains("LAMPIRAN KEPUTUSAN WALI KOTA CONTOH"));
    assert!(docx.contains("Dapur Bu Sri"));
    let csv = text(&files, "lampiran_keputusan.csv");
    assert!(csv.starts_with(
        "level,no,kecamatan,kelurahan,category,umkm,product,address,needs_fgd_decision,agreed_by_fgd\n"
    ));
    assert!(csv.contains(
        "kelurahan,1,Pesisir,Tanjung,agro,Dapur Bu Sri,Dodol mangga,Jl. Mawar 3,false,false\n"
    ));
}
