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
        book.contains("name=\"lampiran_keputusan\""),
        "the annex has a sheet"
    );
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "header rows repeat when printed"
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
        "level,no,kecamatan,kelurahan,category,umkm,product,address,needs_fgd_decision\n"
    ));
    assert!(csv.contains(
        "kelurahan,1,Pesisir,Tanjung,agro,Dapur Bu Sri,Dodol mangga,Jl. Mawar 3,false\n"
    ));
}
