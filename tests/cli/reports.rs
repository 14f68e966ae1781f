//! Report formats: Markdown and CSV snapshots, index.html, the workbook, the berita acara,
//! inert injected names, and byte-identical reruns.

use std::collections::BTreeMap;
use std::io::Read;

use unggul::Analysis;
use unggul::report::{Lang, ReportOptions, Scope, render};

use crate::common::Workdir;

pub(super) const CRITERIA: &str = r#"
id = "mini"
name_id = "Kriteria mini"
name_en = "Mini criteria"

[[criteria]]
id = "tenaga_kerja"
name_id = "Tenaga kerja"
name_en = "Workers"
indicator_id = "Jumlah tenaga kerja (orang)"
indicator_en = "Workers (persons)"
type = "benefit"
scale = { kind = "quantity", unit = "orang", min = 0 }

[[criteria]]
id = "omzet"
name_id = "Omzet"
name_en = "Turnover"
indicator_id = "Omzet (Rp/tahun)"
indicator_en = "Turnover (Rp/year)"
type = "benefit"
scale = { kind = "quantity", unit = "Rp/tahun", min = 0 }

[[criteria]]
id = "harga"
name_id = "Harga"
name_en = "Price"
indicator_id = "Harga relatif (1 murah - 5 mahal)"
indicator_en = "Relative price (1 cheap - 5 dear)"
type = "cost"
scale = { kind = "rating", min = 1, max = 5 }
"#;

pub(super) const STUDY: &str = r#"
[study]
id = "mini"
name = "Studi mini"
region_code = "99.01"
region_name = "Kota Contoh"
illustrative = true
note_id = "Data contoh untuk uji."
note_en = "Test data."
categories = ["agro", "kerajinan"]

[inputs]
regions = "wilayah.csv"
candidates = "umkm.csv"
judgments = "penilaian.csv"

[method]
inconsistent_participants = "exclude"

[[levels]]
level = "kelurahan"
criteria = "kriteria.toml"
weights = "own-panel"

[[levels]]
level = "kecamatan"
criteria = "kriteria.toml"
weights = { explicit = { tenaga_kerja = 0.5, omzet = 0.3, harga = 0.2 } }
"#;

pub(super) const REGIONS: &str = "\
kecamatan_code,kecamatan,kelurahan_code,kelurahan,aliases
99.01.01,Pesisir,99.01.01.1001,Tanjung,
99.01.01,Pesisir,99.01.01.1002,Karang,
";

// P02 of Tanjung is inconsistent (a > b, b > c, yet c > a) and is excluded.
pub(super) const JUDGMENTS: &str = "\
panel,participant,role,criterion_a,criterion_b,value
99.01.01.1001,P01,lurah,tenaga_kerja,omzet,2
99.01.01.1001,P01,lurah,tenaga_kerja,harga,4
99.01.01.1001,P01,lurah,omzet,harga,2
99.01.01.1001,P02,umkm,tenaga_kerja,omzet,5
99.01.01.1001,P02,umkm,tenaga_kerja,harga,1/5
99.01.01.1001,P02,umkm,omzet,harga,5
99.01.01.1002,P01,lurah,tenaga_kerja,omzet,1
99.01.01.1002,P01,lurah,tenaga_kerja,harga,3
99.01.01.1002,P01,lurah,omzet,harga,3
";

pub(super) const CANDIDATES: &str = "\
id,name,product,kelurahan,category,tenaga_kerja,omzet,harga
T-AGR-01,Tani Makmur,Mangga,99.01.01.1001,agro,5,120000000,3
T-AGR-02,Dapur Bu Sri,Dodol mangga,99.01.01.1001,agro,9,150000000,2
T-AGR-03,Kebun Sejahtera,Anggur,99.01.01.1001,agro,3,180000000,4
T-KRJ-01,Batik Jaya,Batik,99.01.01.1001,kerajinan,8,200000000,4
K-AGR-01,UD Sari,Keripik,99.01.01.1002,agro,4,60000000,2
K-KRJ-01,Anyaman Rukun,Tas anyaman,99.01.01.1002,kerajinan,6,80000000,1
K-KRJ-02,Griya Manik,Aksesori,99.01.01.1002,kerajinan,2,90000000,3
";

const SCRIPT: &str = "<script>alert(1)</script>";
const FORMULA: &str = "=HYPERLINK(\"http://x\")";

/// Writes the mini study (optionally with other candidates) and analyses it.
pub(super) fn mini(candidates: &str) -> (Workdir, Analysis) {
    let w = Workdir::empty();
    w.write("mini/kriteria.toml", CRITERIA);
    w.write("mini/study.toml", STUDY);
    w.write("mini/wilayah.csv", REGIONS);
    w.write("mini/penilaian.csv", JUDGMENTS);
    w.write("mini/umkm.csv", candidates);
    let study = unggul::input::read_study(&w.path().join("mini/study.toml"))
        .expect("the mini study is valid");
    let analysis = unggul::analyse(study).expect("the mini study analyses");
    (w, analysis)
}

/// The mini study with a script and a formula as the winners' names.
fn injected() -> (Workdir, Analysis) {
    let csv = CANDIDATES
        .replace("Dapur Bu Sri", SCRIPT)
        .replace("Anyaman Rukun", "\"=HYPERLINK(\"\"http://x\"\")\"")
        .replace("Dodol mangga", "Dodol <b>mangga</b> & \"sambal\"");
    mini(&csv)
}

pub(super) fn files(analysis: &Analysis, lang: Lang) -> BTreeMap<String, Vec<u8>> {
    let options = ReportOptions {
        lang,
        command_line: vec!["unggul".into(), "run".into()],
        scope: Scope::Full,
        charts: false,
        all_charts: false,
        png: false,
        tables: unggul::report::columnar::TableFormat::Csv,
    };
    render(analysis, &options).unwrap().into_iter().collect()
}

pub(super) fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} is in the report"))
            .clone(),
    )
    .unwrap()
}

/// Every entry of a zip archive (the xlsx workbook) as text.
pub(super) fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the workbook is a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut s = String::new();
        entry.read_to_string(&mut s).unwrap();
        out.insert(entry.name().unwrap().to_string(), s);
    }
    out
}

#[test]
fn report_lists_every_format_in_a_fixed_order_manifest_last() {
    let (_w, a) = mini(CANDIDATES);
    let options = ReportOptions {
        lang: Lang::Id,
        command_line: vec![],
        scope: Scope::Full,
        charts: false,
        all_charts: false,
        png: false,
        tables: unggul::report::columnar::TableFormat::Csv,
    };
    let names: Vec<String> = render(&a, &options)
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "weights.csv",
            "consistency.csv",
            "revisit.csv",
            "ranking_kelurahan.csv",
            "unggulan_kelurahan.csv",
            "ranking_kecamatan.csv",
            "unggulan_kecamatan.csv",
            "lampiran_keputusan.csv",
            "summary.md",
            "tabel.xlsx",
            "berita_acara/99.01.01.1001.html",
            "berita_acara/99.01.01.1001.docx",
            "berita_acara/99.01.01.1002.html",
            "berita_acara/99.01.01.1002.docx",
            "berita_acara/99.01.01.html",
            "berita_acara/99.01.01.docx",
            "lampiran_keputusan.html",
            "lampiran_keputusan.docx",
            "explore.html",
            "index.html",
            "results.json",
            "manifest.json",
        ]
    );
    let manifest = text(&files(&a, Lang::Id), "manifest.json");
    for f in [
        "tabel.xlsx",
        "berita_acara/99.01.01.1001.html",
        "index.html",
    ] {
        assert!(
            manifest.contains(&format!("\"file\": \"{f}\"")),
            "manifest hashes {f}"
        );
    }
}

/// The files a summary lists under its last heading ("Berkas" / "Files").
fn listed_files(summary: &str) -> Vec<String> {
    let files = &summary[summary.rfind("\n## ").expect("a files section")..];
    files
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .map(|l| l[..l.find('`').unwrap()].to_string())
        .collect()
}

#[test]
fn sensitivity_summary_lists_only_the_files_of_its_folder() {
    let (_w, a) = mini(CANDIDATES);
    let a = unggul::run_study(a.study, unggul::RunOptions::default(), &|_, _, _| {}).unwrap();
    assert!(a.sensitivity.is_some());
    let options = ReportOptions {
        lang: Lang::Id,
        command_line: vec![],
        scope: Scope::Robustness,
        charts: false,
        all_charts: false,
        png: false,
        tables: unggul::report::columnar::TableFormat::Csv,
    };
    let files = render(&a, &options).unwrap();
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let summary = String::from_utf8(
        files[names.iter().position(|n| n == "summary.md").unwrap()]
            .1
            .clone(),
    )
    .unwrap();
    assert_eq!(listed_files(&summary), names);
    assert!(names.contains(&"stability.csv".to_string()));
    // Nor does any sentence point to a file of the full report.
    for file in summary.split('`').skip(1).step_by(2).filter(|span| {
        [".csv", ".html", ".json", ".md", ".xlsx"]
            .iter()
            .any(|e| span.ends_with(e))
    }) {
        assert!(
            names.iter().any(|n| n == file),
            "{file} is not in the folder"
        );
    }
}

#[test]
fn full_summary_lists_the_files_of_its_folder() {
    let (_w, a) = mini(CANDIDATES);
    let files = files(&a, Lang::En);
    let mut folders: Vec<String> = files
        .keys()
        .map(|n| {
            n.find('/')
                .map_or(n.clone(), |slash| n[..=slash].to_string())
        })
        .collect();
    folders.sort();
    folders.dedup();
    // The main part points to the appendix, whose last section lists the folder.
    let names: Vec<String> = files.keys().cloned().collect();
    let facts = unggul::report::facts::Facts::of(&a);
    let doc = unggul::report::study_report::build(&a, &facts, Lang::En, &names);
    let mut listed = listed_files(&unggul::report::doc::to_markdown(&doc));
    listed.sort();
    assert_eq!(listed, folders);
    assert!(
        text(&files, "index.html").contains("<a href=\"tabel.xlsx\"><code>tabel.xlsx</code></a>")
    );
}

#[test]
fn unggulan_kelurahan_csv_snapshot() {
    let (_w, a) = mini(CANDIDATES);
    insta::assert_snapshot!(text(&files(&a, Lang::Id), "unggulan_kelurahan.csv"), @r#"
kecamatan_code,kecamatan,kelurahan_code,kelurahan,category,status,id,name,product,score,candidates,tie_needs_decision
99.01.01,Pesisir,99.01.01.1001,Tanjung,agro,unggulan,T-AGR-02,Dapur Bu Sri,Dodol mangga,0.9091208787775575,3,false
99.01.01,Pesisir,99.01.01.1001,Tanjung,kerajinan,unggulan,T-KRJ-01,Batik Jaya,Batik,0.5,1,false
99.01.01,Pesisir,99.01.01.1002,Karang,agro,unggulan,K-AGR-01,UD Sari,Keripik,0.5,1,false
99.01.01,Pesisir,99.01.01.1002,Karang,kerajinan,unggulan,K-KRJ-01,Anyaman Rukun,Tas anyaman,0.8892301795573488,2,false
"#);
}

#[test]
fn ranking_kecamatan_csv_snapshot() {
    let (_w, a) = mini(CANDIDATES);
    insta::assert_snapshot!(text(&files(&a, Lang::Id), "ranking_kecamatan.csv"), @r#"
kecamatan_code,kecamatan,category,rank,id,name,product,kelurahan_code,score,d_plus,d_minus,status,tied,weights_from
99.01.01,Pesisir,agro,1,T-AGR-02,Dapur Bu Sri,Dodol mangga,99.01.01.1001,1,0,0.3039145014201861,unggulan,false,explicit
99.01.01,Pesisir,agro,2,K-AGR-01,UD Sari,Keripik,99.01.01.1002,0,0.3039145014201861,0,dipertimbangkan,false,explicit
99.01.01,Pesisir,kerajinan,1,T-KRJ-01,Batik Jaya,Batik,99.01.01.1001,0.572348502613566,0.1455213750217998,0.19475891374404056,unggulan,false,explicit
99.01.01,Pesisir,kerajinan,2,K-KRJ-01,Anyaman Rukun,Tas anyaman,99.01.01.1002,0.427651497386434,0.19475891374404056,0.1455213750217998,dipertimbangkan,false,explicit
"#);
}

#[test]
fn summary_md_snapshot_indonesian() {
    let (_w, a) = mini(CANDIDATES);
    insta::assert_snapshot!(text(&files(&a, Lang::Id), "summary.md"), @r"
    # Studi mini

    Rekomendasi produk unggulan daerah (PUD) per kelurahan dan kecamatan

    > **Data ilustratif.** Data contoh untuk uji.

    - Wilayah: Kota Contoh (99.01): 2 kelurahan, 1 kecamatan
    - Waktu: tanggal analisis belum dicatat (isi analysis\_date di study.toml)
    - Kategori PUD: Agro, Kerajinan
    - Kandidat UMKM: 7
    - Peserta FGD: 3 orang mengisi 3 set penilaian di 2 panel; 1 set tidak konsisten (CR di atas 0,10), 1 tidak diikutkan
    - Kelompok kelurahan × kategori: 4 dari 4 memiliki unggulan; 0 kosong
    - Perlu disepakati dalam FGD: tidak ada: setiap unggulan jelas dari peringkatnya

    ## Ringkasan

    ### Yang perlu disepakati dalam FGD

    Tidak ada: setiap unggulan jelas dari peringkatnya.

    ### Yang perlu diperiksa sebelum berita acara ditandatangani

    - 1 set penilaian tidak konsisten (CR di atas 0,10) dan tidak diikutkan dalam bobot, di panel Tanjung. Tanyakan kepada peserta itu apakah penilaiannya diulang; penilaian mana yang perlu ditinjau ada di Lampiran.

    ## Unggulan kelurahan

    Satu unggulan per kategori untuk setiap kelurahan, dengan produk dan nilai preferensi (0–1, makin besar makin baik). Nilai ini hanya membandingkan calon di dalam satu kelurahan dan satu kategori, dengan bobot FGD kelurahan itu sendiri; nilai antarkelurahan tidak dapat dibandingkan, dan 1 berarti terbaik pada semua kriteria di antara calon kelurahannya. Draf berita acara setiap kelurahan ada di folder berita\_acara (nama kelurahan menautkan ke sana).

    ### Kecamatan Pesisir (99.01.01)

    | Kelurahan | Agro | Kerajinan |
    |---|---|---|
    | [Tanjung](berita_acara/99.01.01.1001.html) | **Dapur Bu Sri**<br>Dodol mangga · 0,9091 | **Batik Jaya**<br>Batik · 0,5000 |
    | [Karang](berita_acara/99.01.01.1002.html) | **UD Sari**<br>Keripik · 0,5000 | **Anyaman Rukun**<br>Tas anyaman · 0,8892 |

    ## Unggulan kecamatan

    Unggulan setiap kelurahan dibandingkan kembali dengan bobot hasil FGD tingkat ini; di bawah nama unggulan tertulis kelurahan asalnya.

    | Kecamatan | Agro | Kerajinan |
    |---|---|---|
    | [Pesisir](berita_acara/99.01.01.html) | **Dapur Bu Sri**<br>Dodol mangga · 1,0000 · Kel. Tanjung | **Batik Jaya**<br>Batik · 0,5723 · Kel. Tanjung |

    Rekapitulasi usulan untuk lampiran keputusan: [lampiran\_keputusan.html](lampiran_keputusan.html) (juga .docx untuk disunting di Word).

    ## Bobot kriteria dan konsistensi

    Tingkat kelurahan: bobot dari penilaian 2 panel FGD. Kriteria terberat rata-rata Tenaga kerja (50 %) dan Omzet (36 %).

    | Kriteria | Rata-rata | Terendah | Tertinggi |
    |---|---:|---:|---:|
    | Tenaga kerja | 50 % | 43 % | 57 % |
    | Omzet | 36 % | 29 % | 43 % |
    | Harga | 14 % | 14 % | 14 % |

    Tingkat kecamatan: bobot ditetapkan dalam berkas studi. Kriteria terberat Tenaga kerja (50 %) dan Omzet (30 %).

    | Kriteria | Bobot |
    |---|---:|
    | Tenaga kerja | 50 % |
    | Omzet | 30 % |
    | Harga | 20 % |

    Konsistensi: 3 orang mengisi 3 set penilaian di 2 panel; 1 set tidak konsisten (CR di atas 0,10), 1 tidak diikutkan. Penilaian dianggap konsisten bila rasio konsistensinya (CR) paling besar 0,10; penilaian yang tidak konsisten tidak diikutkan dalam bobot panel.

    > Lampiran (metode lengkap, semua tabel dan grafik) ada di [index.html](index.html#lampiran); semua tabel juga ada dalam satu berkas Excel, tabel.xlsx, dan sebagai CSV di folder ini.
    ");
}

#[test]
fn summary_md_snapshot_english() {
    let (_w, a) = mini(CANDIDATES);
    insta::assert_snapshot!(text(&files(&a, Lang::En), "summary.md"), @r"
    # Studi mini

    Recommended superior local products (PUD) per kelurahan and kecamatan

    > **Illustrative data.** Test data.

    - Area: Kota Contoh (99.01): 2 kelurahan, 1 kecamatan
    - When: analysis date not recorded (set analysis\_date in study.toml)
    - PUD categories: Agro, Kerajinan
    - Candidate UMKM: 7
    - FGD participants: 3 people filled in 3 sets of judgments in 2 panels; 1 set inconsistent (CR above 0.10), 1 left out
    - Kelurahan × category groups: 4 of 4 have an unggulan; 0 empty
    - For the FGD to agree on: nothing: every unggulan is clear from its ranking

    ## Summary of findings

    ### What the FGD must agree on

    Nothing: every unggulan is clear from its ranking.

    ### What to verify before the berita acara is signed

    - 1 sets of judgments are inconsistent (CR above 0.10) and were left out of the weights, in the panels of Tanjung. Ask those participants whether they redid them; the judgments to revisit are in the appendix.

    ## Kelurahan unggulan

    The unggulan per category of every kelurahan, with its product and preference score (0–1, higher is better). The score compares candidates within one kelurahan and category only, with that kelurahan's own FGD weights: scores of different kelurahan cannot be compared, and 1 means best on every criterion among its kelurahan's candidates. Each kelurahan's draft berita acara (minutes) is in the berita\_acara folder (the kelurahan name links to it).

    ### Kecamatan Pesisir (99.01.01)

    | Kelurahan | Agro | Kerajinan |
    |---|---|---|
    | [Tanjung](berita_acara/99.01.01.1001.html) | **Dapur Bu Sri**<br>Dodol mangga · 0.9091 | **Batik Jaya**<br>Batik · 0.5000 |
    | [Karang](berita_acara/99.01.01.1002.html) | **UD Sari**<br>Keripik · 0.5000 | **Anyaman Rukun**<br>Tas anyaman · 0.8892 |

    ## Kecamatan unggulan

    The unggulan of each kelurahan are compared again with the weights of this level's FGD; the kelurahan each comes from is named under it.

    | Kecamatan | Agro | Kerajinan |
    |---|---|---|
    | [Pesisir](berita_acara/99.01.01.html) | **Dapur Bu Sri**<br>Dodol mangga · 1.0000 · Kel. Tanjung | **Batik Jaya**<br>Batik · 0.5723 · Kel. Tanjung |

    The proposals summed up for the decree's annex: [lampiran\_keputusan.html](lampiran_keputusan.html) (also as .docx to edit in Word).

    ## Criteria weights and consistency

    Kelurahan level: weights from the judgments of 2 FGD panels. The heaviest criteria on average are Workers (50 %) and Turnover (36 %).

    | Criterion | Mean | Lowest | Highest |
    |---|---:|---:|---:|
    | Workers | 50 % | 43 % | 57 % |
    | Turnover | 36 % | 29 % | 43 % |
    | Price | 14 % | 14 % | 14 % |

    Kecamatan level: weights given in the study file. The heaviest criteria are Workers (50 %) and Turnover (30 %).

    | Criterion | Weight |
    |---|---:|
    | Workers | 50 % |
    | Turnover | 30 % |
    | Price | 20 % |

    Consistency: 3 people filled in 3 sets of judgments in 2 panels; 1 set inconsistent (CR above 0.10), 1 left out. Judgments count as consistent when their consistency ratio (CR) is at most 0.10; inconsistent ones are left out of the panel's weights.

    > The appendices (methods in full, every table and chart) are in [index.html](index.html#lampiran); every table is also in one Excel workbook, tabel.xlsx, and as CSV in this folder.
    ");
}

#[test]
fn injected_names_are_inert_in_every_format() {
    let (_w, a) = injected();
    for lang in [Lang::Id, Lang::En] {
        let files = files(&a, lang);
        // HTML and Markdown escape markup; CSV keeps the name as data (a spreadsheet shows
        // it as text), and the workbook's XML escapes it (checked below).
        let documents = files
            .iter()
            .filter(|(n, _)| n.ends_with(".html") || n.ends_with(".md"));
        for (name, bytes) in documents {
            let s = String::from_utf8(bytes.clone()).unwrap();
            // explore.html is a page with its own scripts; the names sit in its JSON data,
            // where `<` is written `\u003c`.
            let injected = if name.starts_with("explore") {
                "<script>alert"
            } else {
                "<script"
            };
            assert!(
                !s.contains(injected),
                "{name} contains an unescaped <script>"
            );
            assert!(
                !s.contains("<b>mangga"),
                "{name} contains unescaped markup from a product name"
            );
        }
        assert!(
            text(&files, "explore.html").contains("\\u003cscript>alert(1)\\u003c/script>"),
            "explore.html carries the script name as JSON text"
        );
        let index = text(&files, "index.html");
        assert!(
            index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the script name is shown, escaped"
        );
        assert!(
            index.contains("=HYPERLINK(&quot;http://x&quot;)"),
            "the formula name is shown, escaped"
        );
        let ba = text(&files, "berita_acara/99.01.01.1001.html");
        assert!(ba.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(ba.contains("Dodol &lt;b&gt;mangga&lt;/b&gt; &amp; &quot;sambal&quot;"));
        assert!(text(&files, "summary.md").contains("&lt;script&gt;"));

        // CSV: the formula is text with a leading apostrophe, wherever it appears.
        for table in [
            "ranking_kelurahan.csv",
            "unggulan_kelurahan.csv",
            "ranking_kecamatan.csv",
            "unggulan_kecamatan.csv",
        ] {
            let mut reader = csv::Reader::from_reader(files[table].as_slice());
            let cells: Vec<String> = reader
                .records()
                .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
                .collect();
            // The formula candidate wins its kelurahan but not its kecamatan.
            if table != "unggulan_kecamatan.csv" {
                assert!(
                    cells.iter().any(|c| c == &format!("'{FORMULA}")),
                    "{table} has the inert formula"
                );
            }
            if table == "ranking_kelurahan.csv" {
                assert!(
                    cells.iter().any(|c| c == SCRIPT),
                    "{table} keeps the name as data"
                );
            }
            for c in &cells {
                assert!(
                    !c.starts_with(['=', '+', '@']),
                    "{table}: cell {c:?} would run as a formula"
                );
                assert!(
                    !c.starts_with('-') || c.parse::<f64>().is_ok(),
                    "{table}: cell {c:?} would run as a formula"
                );
            }
        }

        // Workbook: the names are shared strings, never formulas; the apostrophe becomes
        // Excel's quote-prefix style.
        let xlsx = unzip(&files["tabel.xlsx"]);
        let shared = &xlsx["xl/sharedStrings.xml"];
        assert!(
            shared
                .replace("&quot;", "\"")
                .contains(&format!("<t>{FORMULA}</t>")),
            "the formula text is a shared string"
        );
        assert!(
            !shared.contains("'=HYPERLINK"),
            "no apostrophe left in the workbook"
        );
        assert!(shared.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for (entry, xml) in &xlsx {
            if entry.starts_with("xl/worksheets/") {
                assert!(
                    !xml.contains("<f>") && !xml.contains("<f "),
                    "{entry} has a formula"
                );
            }
        }
        assert!(xlsx["xl/styles.xml"].contains("quotePrefix=\"1\""));
    }
}

#[test]
fn index_html_is_self_contained_with_contents_and_charts() {
    let (_w, a) = mini(CANDIDATES);
    let files = files(&a, Lang::Id);
    let index = text(&files, "index.html");
    assert!(index.starts_with("<!DOCTYPE html>"));
    assert!(!index.contains("<script"), "no JavaScript");
    assert!(
        !index.contains("http://") && !index.contains("https://"),
        "nothing from the internet"
    );
    // Printed on the study's paper (A4 by default) with page numbers.
    assert!(index.contains("@media print") && index.contains("size: 210mm 297mm"));
    assert!(index.contains("counter(page)"));
    // Every table-of-contents link has its anchor.
    for part in index.split("href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            index.contains(&format!("id=\"{id}\"")),
            "anchor {id} exists"
        );
    }
    for section in [
        "<h2 id=\"ringkasan\">Ringkasan</h2>",
        "<h2 id=\"unggulan-kelurahan\">Unggulan kelurahan</h2>",
        "<h2 id=\"unggulan-kecamatan\">Unggulan kecamatan</h2>",
        "<h2 id=\"bobot\">Bobot kriteria dan konsistensi</h2>",
        "<h1 class=\"part\" id=\"lampiran\">Lampiran</h1>",
        "<h2 id=\"metode\">A. Metode</h2>",
        "<h2 id=\"bobot-lengkap\">B. Bobot per panel dan konsistensi</h2>",
    ] {
        assert!(index.contains(section), "section {section}");
    }
    // The lampiran's sections are lettered A, B, C… with no letter skipped.
    let lampiran = index.split("id=\"lampiran\"").nth(1).unwrap();
    let letters: Vec<char> = lampiran
        .split("<h2 id=\"")
        .skip(1)
        .map(|h| h.split("\">").nth(1).unwrap().chars().next().unwrap())
        .collect();
    let expected: Vec<char> = ('A'..='Z').take(letters.len()).collect();
    assert_eq!(letters, expected);
    assert!(lampiran.contains("<h2 id=\"berkas\">"));
    assert!(index.contains("Data ilustratif."));
    assert!(index.contains("href=\"berita_acara/99.01.01.1001.html\""));
    assert!(index.contains("href=\"tabel.xlsx\""));
    // The method table says each choice in words, with its study-file value.
    for row in [
        "<td>Normalisasi</td><td>vektor, x / √Σx² (Hwang &amp; Yoon) <code>vector</code></td>",
        "<td>Agregasi kelompok</td><td>AIJ: rata-rata geometrik penilaian peserta <code>aij</code></td>",
        "<code>saaty-classic</code>",
    ] {
        assert!(index.contains(row), "method table has {row:?}");
    }
    assert!(
        !index.contains("F. Grafik"),
        "no chart section without charts"
    );
    assert!(
        !index.contains("Kestabilan unggulan"),
        "no sensitivity section without verdicts"
    );
    // The summary is the main part: no appendix, a pointer to it.
    let summary = text(&files, "summary.md");
    assert!(!summary.contains("A. Metode"));
    assert!(summary.contains("(index.html#lampiran)"));

    // With charts: SVG preferred, images linked relatively, captions name the region.
    let names: Vec<String> = [
        "summary.md",
        "charts/overview.svg",
        "charts/overview.png",
        "charts/weights/99.01.01.1001.png",
        "charts/kelurahan/99.01.01.1002_kerajinan.png",
        "charts/kecamatan/99.01.01_agro.png",
        "charts/sensitivity/99.01.01.1001_agro.svg",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let facts = unggul::report::facts::Facts::of(&a);
    let doc = unggul::report::study_report::build(&a, &facts, Lang::Id, &names);
    let setup = unggul::report::doc::PageSetup {
        lang: "id",
        paper_mm: (215.0, 330.0),
        running_head: SCRIPT.into(),
        page_word: "Halaman".into(),
        contents_word: "Daftar isi".into(),
        inline_svgs: Default::default(),
    };
    let html = unggul::report::doc::to_html(&doc, &setup);
    assert!(html.contains("size: 215mm 330mm"), "F4");
    assert!(!html.contains("<script>"), "running head escaped");
    assert!(
        html.contains("<img src=\"charts/overview.svg\""),
        "SVG preferred over PNG"
    );
    assert!(!html.contains("charts/overview.png"));
    assert!(html.contains("<img src=\"charts/kelurahan/99.01.01.1002_kerajinan.png\""));
    assert!(
        html.contains("Peringkat kandidat: Karang (99.01.01.1002), kerajinan"),
        "captions name the region"
    );
    assert!(html.contains("<h2 id=\"grafik\">"));
}

#[test]
fn berita_acara_records_the_fgd() {
    let (_w, a) = mini(CANDIDATES);
    let files = files(&a, Lang::En);
    let ba = text(&files, "berita_acara/99.01.01.1001.html");
    for needle in [
        "BERITA ACARA",
        "KESEPAKATAN FORUM GROUP DISCUSSION (FGD) USULAN PRODUK UNGGULAN DAERAH KELURAHAN TANJUNG KECAMATAN PESISIR",
        "Pada hari ini, ........ tanggal",
        "Tanda tangan",
        "Perwakilan UMKM<span class=\"muted\"> (P02)</span>",
        "unggulan",
        "dipertimbangkan",
        "DRAF — data ilustratif.",
        "Lurah Tanjung,",
        "Mengetahui,",
        "Penilaian berpasangan Perwakilan UMKM (P02) tidak konsisten",
        "tidak diikutkan dalam bobot",
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
        "LAMPIRAN",
    ] {
        assert!(ba.contains(needle), "berita acara has {needle:?}");
    }
    // The FGD proposes; the Wali Kota decides. Methods are described, not named by their ids.
    for word in [
        "penetapan",
        "ditetapkan",
        "saaty-classic",
        "eigenvector",
        "aij",
    ] {
        assert!(
            !ba.to_lowercase().contains(word),
            "berita acara says {word:?}"
        );
    }
    assert!(!ba.contains("<script"));
}

#[test]
fn workbook_has_a_sheet_per_table_numbers_as_numbers_frozen_headers() {
    let (_w, a) = mini(CANDIDATES);
    let files = files(&a, Lang::Id);
    let xlsx = unzip(&files["tabel.xlsx"]);
    let book = &xlsx["xl/workbook.xml"];
    for sheet in [
        "Keterangan",
        "Bobot",
        "Konsistensi",
        "Penilaian ditinjau ulang",
        "Peringkat kelurahan",
        "Unggulan kelurahan",
        "Peringkat kecamatan",
        "Unggulan kecamatan",
    ] {
        assert!(book.contains(&format!("name=\"{sheet}\"")), "sheet {sheet}");
    }
    // Sheet 6 is the unggulan of the kelurahan: header frozen, filter on, score a number.
    let sheet = &xlsx["xl/worksheets/sheet6.xml"];
    assert!(
        sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
        "header row frozen"
    );
    assert!(
        sheet.contains("<autoFilter ref=\"A1:"),
        "autofilter on the header"
    );
    let csv_score: f64 = {
        let mut r = csv::Reader::from_reader(files["unggulan_kelurahan.csv"].as_slice());
        let h = r.headers().unwrap().clone();
        let col = h.iter().position(|c| c == "score").unwrap();
        r.records().next().unwrap().unwrap()[col].parse().unwrap()
    };
    assert!(
        sheet.contains(&format!("<v>{csv_score}</v>")),
        "the score is a number cell with full precision"
    );
}

#[test]
fn report_is_byte_identical_across_runs() {
    let (_w, a) = mini(CANDIDATES);
    let (_w2, b) = mini(CANDIDATES);
    for lang in [Lang::Id, Lang::En] {
        assert_eq!(
            files(&a, lang),
            files(&b, lang),
            "two renders of the mini study"
        );
    }
    // The real binary on the bundled study, twice: every file identical.
    // Same command line both times (the manifest records it), so the second run replaces
    // the first report.
    let w = Workdir::bundled();
    let run = || {
        w.cmd()
            .args(["run", "datasets/probolinggo", "--quiet", "--out", "r"])
            .assert()
            .success()
    };
    let read = |out: &str| -> BTreeMap<String, Vec<u8>> {
        let mut m = BTreeMap::new();
        let mut stack = vec![w.path().join(out)];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p
                        .strip_prefix(w.path().join(out))
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    m.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
        m
    };
    run();
    let r1 = read("r");
    run();
    let r2 = read("r");
    assert!(
        r1.contains_key("tabel.xlsx")
            && r1.contains_key("index.html")
            && r1.contains_key("berita_acara/35.74.01.1001.html")
    );
    assert_eq!(r1.keys().collect::<Vec<_>>(), r2.keys().collect::<Vec<_>>());
    for (name, bytes) in &r1 {
        assert!(bytes == &r2[name], "{name} differs between runs");
    }
}

/// Candidates with a tie at every level: Tanjung kerajinan has two identical candidates at the
/// cut; Karang kerajinan has two identical candidates below it; the agro nominees of Tanjung
/// and Karang are identical, so kecamatan Pesisir ties on agro.
const TIES: &str = "\
id,name,product,kelurahan,category,tenaga_kerja,omzet,harga
T-AGR-01,Tani Makmur,Mangga,99.01.01.1001,agro,5,100000000,3
T-KRJ-01,Batik Jaya,Batik,99.01.01.1001,kerajinan,8,200000000,4
T-KRJ-02,Batik Lestari,Batik tulis,99.01.01.1001,kerajinan,8,200000000,4
T-KRJ-03,Anyaman Kecil,Tikar,99.01.01.1001,kerajinan,2,50000000,5
K-AGR-01,UD Sari,Keripik,99.01.01.1002,agro,5,100000000,3
K-KRJ-01,Anyaman Rukun,Tas anyaman,99.01.01.1002,kerajinan,9,250000000,1
K-KRJ-02,Griya Manik,Aksesori,99.01.01.1002,kerajinan,2,90000000,3
K-KRJ-03,Griya Manik Dua,Aksesori,99.01.01.1002,kerajinan,2,90000000,3
";

/// Every output counts and names the same ties: the kecamatan CSV, the summary, index.html
/// and the terminal's facts (one Facts value feeds them all).
#[test]
fn ties_at_every_level_agree_across_formats() {
    let (_w, analysis) = mini(TIES);
    let facts = unggul::report::facts::Facts::of(&analysis);
    // Tanjung kerajinan (kelurahan) and Pesisir agro (kecamatan); Karang's tie is below the cut.
    assert_eq!(facts.ties.len(), 2);
    let files = files(&analysis, Lang::Id);
    let text = |name: &str| String::from_utf8(files[name].clone()).unwrap();
    let kecamatan = text("unggulan_kecamatan.csv");
    let agro = kecamatan
        .lines()
        .find(|l| l.contains(",agro,"))
        .expect("an agro row");
    assert!(agro.ends_with(",true"), "{agro}");
    let kelurahan = text("unggulan_kelurahan.csv");
    let tied_rows = kelurahan.lines().filter(|l| l.ends_with(",true")).count();
    assert_eq!(tied_rows, 1, "{kelurahan}");

    let summary = text("summary.md");
    assert!(
        summary.contains("- Perlu disepakati dalam FGD: 2 kelompok, 2 di antaranya seri persis"),
        "{summary}"
    );
    let decide = summary
        .split("### Yang perlu disepakati dalam FGD")
        .nth(1)
        .unwrap()
        .split("###")
        .next()
        .unwrap();
    for name in ["Batik Jaya", "Batik Lestari", "Tani Makmur", "UD Sari"] {
        assert!(
            decide.contains(name),
            "{name} missing from what the FGD must decide"
        );
    }
    // The unggulan tables name the candidate the winner is tied with.
    assert!(summary.contains("seri dengan Batik Lestari (Batik tulis): diputuskan FGD"));
    assert!(!summary.contains("Griya Manik Dua (Aksesori): diputuskan"));

    let html = text("index.html");
    assert!(
        html.contains(
            "<dt>Perlu disepakati dalam FGD</dt><dd>2 kelompok, 2 di antaranya seri persis"
        ),
        "html tie count"
    );
    assert!(html.contains("seri dengan Batik Lestari (Batik tulis): diputuskan FGD"));
}
