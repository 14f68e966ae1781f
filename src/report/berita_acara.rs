//! Draft **berita acara** (signed FGD minutes) per kelurahan: `berita_acara/<code>.html`.
//!
//! An official Indonesian document, so always in Bahasa Indonesia whatever the report
//! language. It records what the FGD decides: the participants with their roles and space to
//! sign, the unggulan per category with score and rank, the candidates recorded for
//! consideration (dipertimbangkan / cadangan), the consistency of the panel's judgments and
//! the method. Date, place, names and number are left blank to fill in by hand. Printable A4,
//! self-contained like `index.html`; every text from input data goes through [`escape`].

use std::fmt::Write;

use super::html::{BASE_CSS, escape};
use super::lang::Lang;
use super::method::{
    aggregation_text, ahp_method_text, normalization_text, reference_text, scoring_text,
};
use super::tables::node_name;
use crate::Analysis;
use crate::model::{Level, RegionRef, Study};
use crate::select::Group;
use crate::weights::{PanelWeights, WeightOrigin};

const LANG: Lang = Lang::Id;

/// Blank rows of the participants table when the kelurahan has no FGD panel in the data.
const BLANK_PARTICIPANT_ROWS: usize = 6;

const CSS: &str = r#"
body { font-size: 10.5pt; }
.kop { text-align: center; margin-bottom: 5mm; }
.kop h1 { font-size: 14pt; letter-spacing: 0.06em; margin: 0; color: #1a1a1a; }
.kop p { margin: 0.6mm 0; font-weight: bold; text-transform: uppercase; }
.kop .nomor { font-weight: normal; text-transform: none; margin-top: 2mm; }
.draf { float: right; border: 1pt solid #9b1c1c; color: #9b1c1c; font-weight: bold; font-size: 8pt;
  padding: 0.8mm 2mm; letter-spacing: 0.05em; }
h2 { font-size: 11pt; color: #1a1a1a; border: none; margin: 6mm 0 2mm; }
h3 { font-size: 10.5pt; color: #1a1a1a; margin: 4mm 0 1.5mm; text-transform: capitalize; }
thead th { background: #eceff2; }
tbody tr:nth-child(even) td { background: none; }
td.sig { height: 13mm; vertical-align: bottom; width: 34%; }
td.sig.even { text-align: right; }
td.blank { width: 26%; }
table { break-inside: avoid; }
td.id { white-space: nowrap; }
.keep { break-inside: avoid; }
tr.win td { font-weight: bold; }
.ttd { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin-top: 10mm; break-inside: avoid; text-align: center; }
.ttd .space { height: 22mm; }
.closing { margin-top: 5mm; }
footer { margin-top: 8mm; border-top: 0.6pt solid #9aa5b1; padding-top: 2mm; font-size: 8pt; color: #5b6670; }
"#;

/// Display names of the FGD roles used in the judgments file; other roles are shown as given.
fn role_name(role: &str) -> String {
    match role.trim().to_ascii_lowercase().as_str() {
        "camat" => "Camat".into(),
        "lurah" => "Lurah".into(),
        "kasi_pemmas" | "kasi pemmas" | "kasi-pemmas" => "Kasi Pemberdayaan Masyarakat".into(),
        "lpm" => "Lembaga Pemberdayaan Masyarakat (LPM)".into(),
        "umkm" => "Perwakilan UMKM".into(),
        "bappeda" => "Bappeda".into(),
        _ => escape(role),
    }
}

/// A file name part from a region code: letters, digits, `.`, `-` and `_` are kept, anything
/// else (a `/` above all) becomes `_`, so a code can never leave the `berita_acara/` folder.
pub(crate) fn safe_code(code: &str) -> String {
    let s: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".into() } else { s }
}

/// Report-relative file name of a kelurahan's berita acara: `berita_acara/<code>.html`.
pub fn file_name(study: &Study, kelurahan: usize) -> String {
    format!(
        "berita_acara/{}.html",
        safe_code(&study.regions.kelurahan[kelurahan].code)
    )
}

/// Every kelurahan's berita acara as (file name, bytes), in the regions file's order. Empty
/// when the study has no kelurahan level.
pub fn all(analysis: &Analysis) -> Vec<(String, Vec<u8>)> {
    if analysis.study.level(Level::Kelurahan).is_none() {
        return Vec::new();
    }
    (0..analysis.study.regions.kelurahan.len())
        .map(|k| {
            (
                file_name(&analysis.study, k),
                berita_acara(analysis, k).into_bytes(),
            )
        })
        .collect()
}

fn panel_weights(analysis: &Analysis, study_panel: usize) -> Option<&PanelWeights> {
    analysis.panels.iter().find(|pw| pw.panel == study_panel)
}

/// The draft berita acara of one kelurahan (index into the study's kelurahan).
pub fn berita_acara(analysis: &Analysis, kelurahan: usize) -> String {
    let study = &analysis.study;
    let m = &study.method;
    let num = |x: f64, d: usize| LANG.num(x, d);
    let kel = &study.regions.kelurahan[kelurahan];
    let kec = &study.regions.kecamatan[kel.kecamatan];
    let region = RegionRef::Kelurahan(kelurahan);
    let level_index = study.level(Level::Kelurahan).map(|(i, _)| i);
    let group_index: Vec<usize> = (0..study.categories.len())
        .filter_map(|c| analysis.selection.find_index(region, c))
        .collect();
    let groups: Vec<&Group> = group_index
        .iter()
        .map(|&i| &analysis.selection.groups[i])
        .collect();
    let own_panel = level_index.and_then(|li| study.panel(region, li));
    // The panel whose weights the groups used (own, another region's, or none).
    let weight_panel = groups.iter().find_map(|g| match g.origin {
        WeightOrigin::Panel(p) => Some(p),
        _ => None,
    });
    let (kel_name, kec_name, kota) = (
        escape(&kel.name),
        escape(&kec.name),
        escape(&study.regions.name),
    );
    let cats: Vec<String> = study.categories.iter().map(|c| escape(c)).collect();

    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">"
    );
    let _ = writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(
        o,
        "<meta name=\"generator\" content=\"unggul {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        o,
        "<title>Berita Acara Penetapan Produk Unggulan Kelurahan {kel_name}</title>"
    );
    let _ = writeln!(o, "<style>{BASE_CSS}{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(
        o,
        "<p class=\"screen-only small\"><a href=\"../index.html\">← Laporan lengkap</a></p>"
    );
    let _ = writeln!(o, "<div class=\"draf\">DRAF</div>");
    let _ = writeln!(o, "<div class=\"kop\">\n<h1>BERITA ACARA</h1>");
    let _ = writeln!(o, "<p>Penetapan Produk Unggulan Kelurahan {kel_name}</p>");
    let _ = writeln!(o, "<p>Kecamatan {kec_name} {kota}</p>");
    let _ = writeln!(
        o,
        "<p class=\"nomor\">Nomor: ........................................</p>\n</div>"
    );
    if study.illustrative {
        let _ = writeln!(
            o,
            "<p class=\"note\"><strong>Data ilustratif.</strong> {}</p>",
            escape(&study.note_id)
        );
    }
    let _ = writeln!(
        o,
        "<p>Pada hari ini ................ tanggal ........ bulan .................... tahun ............, \
         bertempat di ..................................................., telah dilaksanakan <em>Focus Group Discussion</em> (FGD) \
         penetapan Produk Unggulan Daerah (PUD) Kelurahan {kel_name} <span class=\"muted\">({})</span>, Kecamatan {kec_name}, {kota}, \
         untuk kategori {}, dengan hasil sebagai berikut.</p>",
        escape(&kel.code),
        cats.join(", ")
    );

    // I. Participants.
    let _ = writeln!(o, "<h2>I. Peserta FGD</h2>");
    let _ = writeln!(
        o,
        "<table><thead><tr><th class=\"num\">No</th><th>Kode</th><th>Jabatan / unsur</th><th>Nama</th><th>Tanda tangan</th></tr></thead><tbody>"
    );
    let people: Vec<(String, String)> = own_panel.map_or_else(Vec::new, |p| {
        study.panels[p]
            .participants
            .iter()
            .map(|x| (escape(&x.id), role_name(&x.role)))
            .collect()
    });
    let rows = if people.is_empty() {
        BLANK_PARTICIPANT_ROWS
    } else {
        people.len()
    };
    for i in 0..rows {
        let (id, role) = people.get(i).cloned().unwrap_or_default();
        let parity = if i % 2 == 1 { " even" } else { "" };
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td>{id}</td><td>{role}</td><td class=\"blank\"></td><td class=\"sig{parity}\">{}. ....................</td></tr>",
            i + 1,
            i + 1
        );
    }
    o.push_str("</tbody></table>\n");
    if people.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"small muted\">Data studi tidak memuat peserta FGD kelurahan ini; isi daftar peserta secara manual.</p>"
        );
    }

    // II. Weights.
    let _ = writeln!(o, "<h2>II. Bobot kriteria</h2>");
    if let Some(li) = level_index {
        let set = &study.levels[li].criteria;
        let weights = groups
            .first()
            .map(|g| g.weights.clone())
            .unwrap_or_default();
        let source = match (weight_panel, groups.first().map(|g| &g.origin)) {
            (Some(p), _) if Some(p) == own_panel => {
                "hasil penilaian berpasangan (AHP) peserta FGD kelurahan ini".to_string()
            }
            (Some(p), _) => format!(
                "hasil penilaian berpasangan (AHP) panel {} {}",
                escape(study.regions.code_of(study.panels[p].region)),
                escape(study.regions.name_of(study.panels[p].region))
            ),
            (None, Some(WeightOrigin::Equal)) => "bobot sama untuk setiap kriteria".to_string(),
            _ => "ditetapkan dalam berkas studi".to_string(),
        };
        let _ = writeln!(o, "<p>Bobot kriteria: {source}.</p>");
        let _ = writeln!(
            o,
            "<table><thead><tr><th class=\"num\">No</th><th>Kriteria</th><th>Indikator</th><th class=\"num\">Bobot</th></tr></thead><tbody>"
        );
        for (k, &c) in set.leaves.iter().enumerate() {
            let crit = &set.criteria[c];
            let w = weights.get(k).map_or_else(String::new, |&w| num(w, 4));
            let _ = writeln!(
                o,
                "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{w}</td></tr>",
                k + 1,
                escape(&crit.name_id),
                escape(&crit.indicator_id)
            );
        }
        o.push_str("</tbody></table>\n");
    }

    // III. Results per category.
    let _ = writeln!(o, "<h2>III. Hasil penilaian dan penetapan</h2>");
    let _ = writeln!(
        o,
        "<p>Produk unggulan ditetapkan satu UMKM per kategori; UMKM lain dicatat sebagai <em>dipertimbangkan / cadangan</em>. \
         Nilai preferensi berkisar 0–1 (makin tinggi makin baik).</p>"
    );
    for (c, cat) in cats.iter().enumerate() {
        let _ = writeln!(o, "<h3>{}. Kategori {cat}</h3>", c + 1);
        let Some(g) = groups.iter().find(|g| g.category == c) else {
            continue;
        };
        if g.entries.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"muted\">Tidak ada kandidat dalam kategori ini.</p>"
            );
            continue;
        }
        let _ = writeln!(
            o,
            "<table><thead><tr><th class=\"num\">Peringkat</th><th>UMKM</th><th>Produk</th><th>ID</th><th class=\"num\">Nilai preferensi</th><th>Status</th></tr></thead><tbody>"
        );
        for &i in &g.order {
            let e = &g.entries[i];
            let cand = &study.candidates.list[e.candidate];
            let status = if e.selected {
                "<strong>UNGGULAN</strong>"
            } else {
                "dipertimbangkan / cadangan"
            };
            let tie = if e.tied {
                " <span class=\"tag\">seri</span>"
            } else {
                ""
            };
            let _ = writeln!(
                o,
                "<tr{}><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"id\">{}</td><td class=\"num\">{}</td><td>{status}{tie}</td></tr>",
                if e.selected { " class=\"win\"" } else { "" },
                e.rank,
                escape(&cand.name),
                escape(&cand.product),
                escape(&cand.id),
                num(e.score, 4)
            );
        }
        o.push_str("</tbody></table>\n");
        // How firm the choice is, so the FGD signs knowing it (sensitivity stage).
        let index = analysis.selection.find_index(region, g.category);
        if let Some(gs) = analysis.sensitivity.as_ref().and_then(|s| {
            let i = index?;
            s.groups
                .binary_search_by_key(&i, |gs| gs.group)
                .ok()
                .map(|k| &s.groups[k])
        }) {
            let text = crate::report::summary::verdict_text(
                analysis,
                g,
                &gs.verdict,
                crate::report::Lang::Id,
            );
            let firm = matches!(
                gs.verdict,
                crate::study::sensitivity::Verdict::Stable { .. }
                    | crate::study::sensitivity::Verdict::Unopposed
            );
            let _ = writeln!(
                o,
                "<p{}>Kestabilan pilihan (analisis sensitivitas): {}.</p>",
                if firm { "" } else { " class=\"bad\"" },
                escape(&text)
            );
        }
        if g.tie_at_cut {
            let _ = writeln!(
                o,
                "<p class=\"bad\">Nilai unggulan dan cadangan teratas seri (selisih ≤ {:e}): FGD memutuskan unggulan kategori ini. \
                 Keputusan: ..................................................</p>",
                m.tie_tolerance
            );
        }
    }

    // IV. Consistency.
    // Heading, explanation and both tables stay on one page.
    let _ = writeln!(
        o,
        "<div class=\"keep\">\n<h2>IV. Konsistensi penilaian</h2>"
    );
    match weight_panel.and_then(|p| panel_weights(analysis, p)) {
        None => {
            let _ = writeln!(
                o,
                "<p>Bobot tidak berasal dari penilaian berpasangan FGD, sehingga tidak ada rasio konsistensi yang dihitung.</p>"
            );
        }
        Some(pw) => {
            let panel = &study.panels[pw.panel];
            let _ = writeln!(
                o,
                "<p>Penilaian dianggap konsisten bila rasio konsistensi CR = CI / RI ≤ {}. Indeks Random (RI) menurut tabel dalam {}.</p>",
                num(m.consistency_threshold, 2),
                escape(m.ri_table.citation().trim_end_matches('.'))
            );
            let _ = writeln!(
                o,
                "<table><thead><tr><th>Matriks gabungan panel</th><th class=\"num\">n</th><th class=\"num\">λ maks</th><th class=\"num\">CI</th><th class=\"num\">RI</th><th class=\"num\">CR</th><th>Konsisten</th></tr></thead><tbody>"
            );
            for (k, node) in pw.group_nodes.iter().enumerate() {
                let name = node_name(study, panel.level, k);
                let name = if name == "goal" {
                    "kriteria utama".to_string()
                } else {
                    escape(&name)
                };
                let ok = node.cr.is_none_or(|cr| cr <= m.consistency_threshold);
                let _ = writeln!(
                    o,
                    "<tr><td>{name}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    node.weights.len(),
                    num(node.lambda_max, 4),
                    num(node.ci, 4),
                    node.ri.map_or_else(|| "—".into(), |x| num(x, 2)),
                    node.cr.map_or_else(|| "—".into(), |x| num(x, 3)),
                    if ok {
                        "ya"
                    } else {
                        "<span class=\"bad\">tidak</span>"
                    }
                );
            }
            o.push_str("</tbody></table>\n");
            let _ = writeln!(
                o,
                "<table><thead><tr><th>Peserta</th><th>Jabatan / unsur</th><th class=\"num\">CR terbesar</th><th>Konsisten</th><th>Diikutkan dalam bobot</th></tr></thead><tbody>"
            );
            for (person, r) in panel.participants.iter().zip(&pw.participants) {
                let cr = r.nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&person.id),
                    role_name(&person.role),
                    num(cr, 3),
                    if r.consistent {
                        "ya"
                    } else {
                        "<span class=\"bad\">tidak</span>"
                    },
                    if r.included { "ya" } else { "tidak" }
                );
            }
            o.push_str("</tbody></table>\n");
            let excluded = pw.participants.iter().filter(|r| !r.included).count();
            let inconsistent = pw.participants.iter().filter(|r| !r.consistent).count();
            let verdict = if inconsistent == 0 {
                "Semua peserta konsisten.".to_string()
            } else if pw.nobody_consistent {
                "Tidak ada peserta yang konsisten; semua penilaian tetap diikutkan agar bobot tetap ada. Sebaiknya penilaian ditinjau ulang.".to_string()
            } else if excluded > 0 {
                format!(
                    "{inconsistent} peserta tidak konsisten; {excluded} dikeluarkan dari perhitungan bobot. Penilaian yang perlu ditinjau ulang tercantum dalam revisit.csv."
                )
            } else {
                format!(
                    "{inconsistent} peserta tidak konsisten dan tetap diikutkan (ditandai). Penilaian yang perlu ditinjau ulang tercantum dalam revisit.csv."
                )
            };
            let _ = writeln!(o, "<p>{verdict}</p>");
        }
    }

    o.push_str("</div>\n");

    // V. Method, in words: the signatories read it, the ids are in the full report.
    let _ = writeln!(o, "<h2>V. Metode</h2>");
    let _ = writeln!(
        o,
        "<p>Bobot kriteria: AHP, {}; agregasi kelompok {}. Penilaian kandidat: {}, normalisasi {}, titik acuan {}. \
         Peringkat: nilai preferensi tertinggi; nilai yang selisihnya ≤ {:e} dianggap seri dan diputuskan FGD. \
         Perhitungan dengan unggul {} (studi <code>{}</code>); rincian dalam laporan lengkap dan manifest.json.</p>",
        escape(ahp_method_text(m.ahp_method, LANG)),
        escape(aggregation_text(m.aggregation, LANG)),
        escape(scoring_text(m.scoring, LANG)),
        escape(normalization_text(m.normalization, LANG)),
        escape(reference_text(m.reference, LANG)),
        m.tie_tolerance,
        env!("CARGO_PKG_VERSION"),
        escape(&study.id)
    );

    // Closing and signatures.
    let _ = writeln!(
        o,
        "<p class=\"closing\">Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.</p>"
    );
    let _ = writeln!(
        o,
        "<div class=\"ttd\">\n<div>Mengetahui,<br>Camat {kec_name}<div class=\"space\"></div>(....................................)<br>NIP. ..............................</div>\n\
         <div>{}<br>Lurah {kel_name}<div class=\"space\"></div>(....................................)<br>NIP. ..............................</div>\n</div>",
        escape(&study.regions.name)
            .replace("Kota ", "")
            .replace("Kabupaten ", "")
            + ", ...................."
    );
    let _ = writeln!(
        o,
        "<footer>Draf disusun otomatis oleh unggul {} dari studi <code>{}</code>. Periksa dan lengkapi sebelum ditandatangani.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        escape(&study.id)
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_cannot_escape_the_folder() {
        assert_eq!(safe_code("35.74.01.1001"), "35.74.01.1001");
        assert_eq!(safe_code("../../etc/x"), ".._.._etc_x");
        assert_eq!(safe_code(""), "_");
    }

    #[test]
    fn roles_get_their_official_names() {
        assert_eq!(role_name("kasi_pemmas"), "Kasi Pemberdayaan Masyarakat");
        assert_eq!(role_name("<b>"), "&lt;b&gt;");
    }
}
