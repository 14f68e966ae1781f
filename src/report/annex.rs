//! The decree's annex (rekapitulasi usulan PUD): what goes to the Wali Kota or Bupati as the
//! basis of the keputusan, laid out as a lampiran keputusan is: "LAMPIRAN KEPUTUSAN WALI KOTA
//! … NOMOR … TANGGAL … TENTANG …" at the top right, then one table per level with No,
//! Kecamatan, Kelurahan, Kategori, Nama UMKM/Kelompok, Produk, Alamat. Written as
//! `lampiran_keputusan.docx` (editable), `lampiran_keputusan.html` (printable) and
//! `lampiran_keputusan.csv` (a sheet of the workbook).
//!
//! Each row is the FGD's agreed product where the decisions table records it, else the
//! ranking's proposal; the last column, "Keterangan", says which, and marks the rows whose
//! choice the FGD still has to make (a tie, a close call, no decision recorded).

use super::berita_acara::close_call;
use super::doc::{Block, Document, Signature, Table, Text};
use super::tables::{Csv, inert};
use crate::Analysis;
use crate::model::{Level, Study};

/// Base name of the annex files in the report folder.
pub const STEM: &str = "lampiran_keputusan";

/// What a row still needs, in the "Keterangan" column.
const NEEDS_DECISION: &str = "perlu keputusan FGD";

/// A row the FGD agreed on (from the decisions table).
const AGREED: &str = "kesepakatan FGD";

/// A row that is the ranking's choice, no decision recorded.
const RANKED: &str = "hasil pemeringkatan";

/// One row of the annex.
struct Row {
    kecamatan: String,
    kelurahan: String,
    category: String,
    name: String,
    product: String,
    address: String,
    needs_decision: bool,
    /// Whether the FGD's decision is recorded (else the row is the ranking's choice).
    agreed: bool,
}

/// The head of the region: "WALI KOTA PROBOLINGGO" or "BUPATI …".
fn head_of_region(study: &Study) -> String {
    let name = study.regions.name.trim();
    if let Some(rest) = name.strip_prefix("Kota ") {
        format!("WALI KOTA {}", rest.to_uppercase())
    } else if let Some(rest) = name.strip_prefix("Kabupaten ") {
        format!("BUPATI {}", rest.to_uppercase())
    } else {
        format!("KEPALA DAERAH {}", name.to_uppercase())
    }
}

fn rows(analysis: &Analysis, level: Level) -> Vec<Row> {
    let study = &analysis.study;
    let mut out = Vec::new();
    for (index, g) in analysis.selection.groups.iter().enumerate() {
        if g.level != level {
            continue;
        }
        // The forum's choice where the decisions table records it, else the ranking's.
        let decided = study
            .documents
            .decision(g.region, g.category)
            .filter(|d| d.candidate < study.candidates.list.len());
        let needs_decision = decided.is_none() && close_call(analysis, index, g).is_some();
        let chosen: Vec<usize> = match decided {
            Some(d) => vec![d.candidate],
            None => g.winners().map(|e| e.candidate).collect(),
        };
        for candidate in chosen {
            let c = &study.candidates.list[candidate];
            let kel = &study.regions.kelurahan[c.kelurahan];
            out.push(Row {
                kecamatan: study.regions.kecamatan[kel.kecamatan].name.clone(),
                kelurahan: kel.name.clone(),
                category: study.categories[g.category].clone(),
                name: c.name.clone(),
                product: c.product.clone(),
                address: c.details.address.clone(),
                needs_decision,
                agreed: decided.is_some(),
            });
        }
    }
    out
}

fn levels(study: &Study) -> Vec<(Level, &'static str)> {
    [
        (Level::Kelurahan, "Produk unggulan daerah tingkat kelurahan"),
        (Level::Kecamatan, "Produk unggulan daerah tingkat kecamatan"),
    ]
    .into_iter()
    .filter(|(l, _)| study.level(*l).is_some())
    .collect()
}

/// The annex as a document.
pub fn document(analysis: &Analysis) -> Document {
    let study = &analysis.study;
    let head = head_of_region(study);
    let mut doc = Document::new(
        format!(
            "Lampiran Keputusan — Rekapitulasi Usulan PUD {}",
            study.regions.name
        ),
        String::new(),
    );
    doc.push(Block::Aside(vec![
        format!("LAMPIRAN KEPUTUSAN {head}"),
        "NOMOR    : ..............................".into(),
        "TANGGAL  : ..............................".into(),
        format!(
            "TENTANG  : PRODUK UNGGULAN DAERAH {}",
            study.regions.name.to_uppercase()
        ),
    ]));
    doc.push(Block::Centered(vec![
        Text::plain("REKAPITULASI USULAN PRODUK UNGGULAN DAERAH"),
        Text::plain(study.regions.name.to_uppercase()),
    ]));
    for (k, (level, title)) in levels(study).into_iter().enumerate() {
        let letter = char::from(b'A' + k as u8);
        doc.heading(2, level.id(), format!("{letter}. {title}"));
        let mut t = Table::new(
            [
                "No",
                "Kecamatan",
                "Kelurahan",
                "Kategori",
                "Nama UMKM / Kelompok",
                "Produk",
                "Alamat",
                "Keterangan",
            ]
            .map(Text::from)
            .to_vec(),
        )
        .numeric([0]);
        for (i, r) in rows(analysis, level).into_iter().enumerate() {
            t.row(vec![
                Text::plain((i + 1).to_string()),
                Text::plain(r.kecamatan),
                Text::plain(r.kelurahan),
                Text::plain(r.category),
                Text::plain(r.name),
                Text::plain(r.product),
                Text::plain(r.address),
                if r.needs_decision {
                    Text::new().flag(NEEDS_DECISION)
                } else if r.agreed {
                    Text::plain(AGREED)
                } else {
                    Text::plain(RANKED)
                },
            ]);
        }
        doc.push(Block::Table(t));
    }
    doc.paragraph(Text::new().muted(format!(
        "Usulan hasil FGD; baris bertanda \"{NEEDS_DECISION}\" diisi sesuai kesepakatan forum dalam berita acara sebelum keputusan ditandatangani."
    )));
    doc.push(Block::Signatures(vec![Signature {
        caption: vec![format!("{head},")],
        name: String::new(),
        nip: None,
    }]));
    doc
}

/// The annex as CSV (a sheet of the workbook): one row per proposed product, both levels.
pub fn table(analysis: &Analysis, out: &mut dyn std::io::Write) -> std::io::Result<usize> {
    let mut csv = Csv::new(
        out,
        &[
            "level",
            "no",
            "kecamatan",
            "kelurahan",
            "category",
            "umkm",
            "product",
            "address",
            "needs_fgd_decision",
            "agreed_by_fgd",
        ],
    );
    for (level, _) in levels(&analysis.study) {
        for (i, r) in rows(analysis, level).into_iter().enumerate() {
            csv.row([
                level.id().to_string(),
                (i + 1).to_string(),
                inert(&r.kecamatan),
                inert(&r.kelurahan),
                inert(&r.category),
                inert(&r.name),
                inert(&r.product),
                inert(&r.address),
                r.needs_decision.to_string(),
                r.agreed.to_string(),
            ]);
        }
    }
    csv.finish()
}

/// The annex as printable HTML and editable .docx, on the study's paper.
pub fn files(analysis: &Analysis) -> Vec<(String, Vec<u8>)> {
    let study = &analysis.study;
    let doc = document(analysis);
    let setup = super::berita_acara::page_setup(study, doc.title.clone());
    vec![
        (
            format!("{STEM}.html"),
            super::doc::to_letter_html(&doc, &setup).into_bytes(),
        ),
        (
            format!("{STEM}.docx"),
            super::docx::to_docx(&doc, study.paper),
        ),
    ]
}
