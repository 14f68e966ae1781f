//! **Berita acara** (signed FGD minutes) of every kelurahan FGD and every kecamatan FGD:
//! `berita_acara/<code>.html` (printable) and `berita_acara/<code>.docx` (editable), both
//! rendered from one [`Document`].
//!
//! An official Indonesian document, so always in Bahasa Indonesia whatever the report
//! language, in the parts of DOMAIN.md section 8: kop, title, subject and number; the opening
//! "Pada hari ini …" with the day in words; the dasar; the participants; what the forum agrees
//! per category (the ranking's proposal, the candidates kept for consideration with their key
//! indicator values, room for notes and an override with its reason); close calls and
//! excluded judgments put to the forum with a line for its decision; the closing; place, date
//! and signatures with "Mengetahui" by the Lurah or Camat. The method is a short lampiran in
//! plain words. The FGD agrees on a proposal (usulan, kesepakatan): the Wali Kota or Bupati
//! decides, so the document never says "penetapan". Names, places and dates come only from the
//! study's FGD and participant tables; where these are silent the document leaves a dotted
//! blank to fill by hand.

use super::doc::{BLANK, Block, Document, NoteKind, PageSetup, Signature, Table, Text, or_blank};
use super::facts::Facts;
use super::lang::Lang;
use super::wording;
use crate::Analysis;
use crate::model::{FgdSession, InconsistentPolicy, Level, RegionRef, Study};
use crate::select::Group;
use crate::study::sensitivity::Verdict;

const LANG: Lang = Lang::Id;

/// Blank rows of the participants table when the region has no FGD panel in the data.
const BLANK_PARTICIPANT_ROWS: usize = 8;

/// Indicator columns shown per candidate: the criteria that weigh most in the group.
const KEY_INDICATORS: usize = 3;

/// Box to tick by hand.
const TICK: &str = "☐";

/// Display names of the FGD roles used in the judgments file; other roles are shown as given.
pub(crate) fn role_name(role: &str) -> String {
    match role.trim().to_ascii_lowercase().as_str() {
        "camat" => "Camat".into(),
        "sekcam" => "Sekretaris Kecamatan".into(),
        "lurah" => "Lurah".into(),
        "kasi_pemmas" | "kasi pemmas" | "kasi-pemmas" => "Kasi Pemberdayaan Masyarakat".into(),
        "lpm" => "Lembaga Pemberdayaan Masyarakat (LPM)".into(),
        "umkm" => "Perwakilan UMKM".into(),
        "bappeda" => "Bappeda".into(),
        _ => role.trim().to_string(),
    }
}

/// The short code of a leaf criterion in a table header: `K1` for the set's first.
fn criterion_code(leaf: usize) -> String {
    format!("K{}", leaf + 1)
}

/// A criterion's unit in brackets for the key under a table: " (orang)", " (skor 1–5)".
fn unit_note(scale: Option<&crate::model::Scale>) -> String {
    match scale {
        Some(crate::model::Scale::Quantity { unit, .. }) if !unit.is_empty() => {
            format!(" ({unit})")
        }
        Some(crate::model::Scale::Rating { min, max, .. }) => {
            format!(" (skor {}–{})", LANG.num(*min, 0), LANG.num(*max, 0))
        }
        _ => String::new(),
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

/// Report-relative path of a region's berita acara without extension:
/// `berita_acara/<code>` (kelurahan and kecamatan codes never collide).
pub fn file_stem(study: &Study, region: RegionRef) -> String {
    format!("berita_acara/{}", safe_code(study.regions.code_of(region)))
}

/// Report-relative file name of a kelurahan's printable berita acara.
pub fn file_name(study: &Study, kelurahan: usize) -> String {
    format!("{}.html", file_stem(study, RegionRef::Kelurahan(kelurahan)))
}

/// The regions that hold an FGD with a berita acara: every kelurahan, then every kecamatan,
/// for the levels the study has.
pub fn regions(study: &Study) -> Vec<RegionRef> {
    let mut out = Vec::new();
    if study.level(Level::Kelurahan).is_some() {
        out.extend((0..study.regions.kelurahan.len()).map(RegionRef::Kelurahan));
    }
    if study.level(Level::Kecamatan).is_some() {
        out.extend((0..study.regions.kecamatan.len()).map(RegionRef::Kecamatan));
    }
    out
}

/// How a berita acara is printed: the study's paper, page numbers, its subject as running head.
pub fn page_setup(study: &Study, running_head: String) -> PageSetup {
    PageSetup {
        lang: "id",
        paper_mm: study.paper.size_mm(),
        running_head,
        page_word: "Halaman".into(),
        contents_word: String::new(),
        inline_svgs: Default::default(),
    }
}

/// Every berita acara as (file name, bytes): HTML then .docx per region, kelurahan first.
pub fn all(analysis: &Analysis, facts: &Facts) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    // Drawn in parallel (a kabupaten has hundreds, each .docx compressed), kept in order.
    regions(&analysis.study)
        .par_iter()
        .map(|&region| files(analysis, facts, region))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// The berita acara of one region as (file name, bytes): HTML, then .docx.
pub fn files(analysis: &Analysis, facts: &Facts, region: RegionRef) -> [(String, Vec<u8>); 2] {
    let study = &analysis.study;
    let doc = document(analysis, facts, region);
    let stem = file_stem(study, region);
    let setup = page_setup(study, doc.title.clone());
    [
        (
            format!("{stem}.html"),
            super::doc::to_letter_html(&doc, &setup).into_bytes(),
        ),
        (
            format!("{stem}.docx"),
            super::docx::to_docx(&doc, study.paper),
        ),
    ]
}

/// "Kelurahan Ketapang Kecamatan Kademangan" or "Kecamatan Kademangan".
fn region_words(study: &Study, region: RegionRef) -> String {
    match region {
        RegionRef::Kelurahan(k) => {
            let kel = &study.regions.kelurahan[k];
            format!(
                "Kelurahan {} Kecamatan {}",
                kel.name, study.regions.kecamatan[kel.kecamatan].name
            )
        }
        RegionRef::Kecamatan(k) => format!("Kecamatan {}", study.regions.kecamatan[k].name),
        RegionRef::Kota => study.regions.name.clone(),
    }
}

/// The city's name as a place line writes it: "Probolinggo" for "Kota Probolinggo".
fn place_name(study: &Study) -> String {
    let name = study.regions.name.trim();
    name.strip_prefix("Kota ")
        .or_else(|| name.strip_prefix("Kabupaten "))
        .unwrap_or(name)
        .to_string()
}

/// The number line: the study's pattern with `{kode}` filled and `{no}` left blank, or three
/// dotted parts.
fn number_line(study: &Study, region: RegionRef) -> String {
    match &study.documents.numbering {
        Some(pattern) => pattern
            .replace("{kode}", study.regions.code_of(region))
            .replace("{no}", "........"),
        None => "......../......../........".into(),
    }
}

/// A number as the documents print it: whole numbers without decimals, others with two.
fn value_text(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        LANG.num(x, 0)
    } else {
        LANG.num(x, 2)
    }
}

/// The berita acara of the FGD of one kelurahan or kecamatan.
pub fn document(analysis: &Analysis, facts: &Facts, region: RegionRef) -> Document {
    let study = &analysis.study;
    let level = region.level();
    let level_index = study.level(level).map(|(i, _)| i);
    let panel = level_index.and_then(|li| study.panel(region, li));
    let session = study.documents.session(region);
    let where_ = region_words(study, region);
    let subject = format!(
        "KESEPAKATAN FORUM GROUP DISCUSSION (FGD) USULAN PRODUK UNGGULAN DAERAH {}",
        where_.to_uppercase()
    );
    let mut doc = Document::new(
        format!("Berita Acara Kesepakatan FGD Usulan PUD {where_}"),
        String::new(),
    );

    // Kepala: the kop, the title, the subject and the number.
    doc.push(Block::Letterhead(
        if study.documents.kop.is_empty() {
            // The office's own letterhead goes here: blank lines, never a guessed agency.
            vec![BLANK.repeat(2), BLANK.repeat(2), BLANK.to_string()]
        } else {
            study.documents.kop.clone()
        },
        study.documents.logo_image.clone(),
    ));
    doc.push(Block::Centered(vec![
        Text::plain("BERITA ACARA"),
        Text::new().strong(subject),
        Text::plain(format!("Nomor: {}", number_line(study, region))),
    ]));
    if study.illustrative {
        doc.push(Block::Note(
            NoteKind::Info,
            Text::new()
                .strong("DRAF — data ilustratif. ")
                .push(study.note_id.clone()),
        ));
    }

    // Pembukaan: the day in words, the place, who led and who minuted.
    let day = session
        .and_then(|s| s.date)
        .and_then(wording::date_words)
        .unwrap_or_else(|| {
            "........ tanggal ........ bulan ................ tahun ................".into()
        });
    let facilitator = session.map_or("", |s: &FgdSession| s.facilitator.as_str());
    let notulis = session.map_or("", |s| s.notulis.as_str());
    let categories = join_and(&study.categories);
    doc.paragraph(format!(
        "Pada hari ini, {day}, bertempat di {}, telah dilaksanakan Forum Group Discussion (FGD) \
         usulan Produk Unggulan Daerah (PUD) {where_} {} untuk kategori {categories}, dipandu \
         oleh {} dengan notulis {}.",
        or_blank(session.map_or("", |s| s.place.as_str())),
        study.regions.name,
        or_blank(facilitator),
        or_blank(notulis),
    ));

    // Dasar.
    if !study.legal_basis.is_empty() {
        doc.heading(2, "dasar", "Dasar");
        for (i, line) in study.legal_basis.iter().enumerate() {
            doc.paragraph(format!("{}. {line}", i + 1));
        }
    }

    // Isi: participants.
    doc.heading(2, "peserta", "I. Peserta FGD");
    doc.push(Block::Table(participants(study, region, panel)));

    // Isi: the agreement per category.
    doc.heading(2, "kesepakatan", "II. Kesepakatan usulan per kategori");
    doc.paragraph(
        "Hasil pemeringkatan dibahas per kategori. Forum menyepakati satu usulan produk \
         unggulan per kategori; UMKM lain dicatat sebagai dipertimbangkan. Nilai preferensi \
         berkisar 0–1, makin tinggi makin baik; cara penilaian diuraikan dalam lampiran.",
    );
    for (c, category) in study.categories.iter().enumerate() {
        let letter = char::from(b'A' + (c % 26) as u8);
        doc.heading(
            3,
            &format!("kategori-{c}"),
            format!("{letter}. Kategori {category}"),
        );
        match analysis
            .selection
            .find_index(region, c)
            .map(|i| (i, &analysis.selection.groups[i]))
        {
            Some((index, g)) if !g.entries.is_empty() => {
                category_agreement(&mut doc, analysis, index, g);
            }
            _ => doc.paragraph(format!(
                "Tidak ada kandidat kategori {category} di wilayah ini. Catatan forum: {BLANK}{BLANK}"
            )),
        }
    }

    // Isi: judgments the forum should know were left out or flagged.
    judgments_to_decide(&mut doc, analysis, facts, panel);

    // Penutup and kaki.
    doc.paragraph(
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
    );
    doc.push(Block::Signatures(signatures(study, region, panel, session)));

    // Lampiran: the method in plain words.
    doc.push(Block::PageBreak);
    doc.push(Block::Centered(vec![
        Text::plain("LAMPIRAN"),
        Text::plain(format!("Berita Acara Kesepakatan FGD Usulan PUD {where_}")),
        Text::plain(format!("Nomor: {}", number_line(study, region))),
    ]));
    method_lampiran(&mut doc, analysis, region);
    doc
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} dan {last}", init.join(", ")),
    }
}

/// The participants table: the judgments file's participants with the names, positions and
/// NIP the participants table gives, ruled blanks otherwise; blank rows without a panel.
fn participants(study: &Study, region: RegionRef, panel: Option<usize>) -> Table {
    let mut t = Table::new(vec![
        "No".into(),
        "Nama".into(),
        "Jabatan / unsur".into(),
        "NIP".into(),
        "Tanda tangan".into(),
    ])
    .numeric([0]);
    let people = panel.map_or(&[][..], |p| &study.panels[p].participants[..]);
    let rows = if people.is_empty() {
        BLANK_PARTICIPANT_ROWS
    } else {
        people.len()
    };
    for i in 0..rows {
        let sign = Text::plain(format!("{}. ..................", i + 1));
        let Some(person) = people.get(i) else {
            t.row(vec![
                Text::plain((i + 1).to_string()),
                Text::new(),
                Text::new(),
                Text::new(),
                sign,
            ]);
            continue;
        };
        let member = study.documents.member(region, &person.id);
        let position = member
            .map(|m| m.position.clone())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| role_name(&person.role));
        t.row(vec![
            Text::plain((i + 1).to_string()),
            member.map_or_else(Text::new, |m| Text::plain(m.full_name.clone())),
            Text::plain(position).muted(format!(" ({})", person.id)),
            member.map_or_else(Text::new, |m| Text::plain(m.nip.clone())),
            sign,
        ]);
    }
    t
}

/// One category: the ranking's proposal in a sentence, the candidates with their key
/// indicators, the close call if any, and the lines where the forum records its agreement.
fn category_agreement(doc: &mut Document, analysis: &Analysis, index: usize, g: &Group) {
    let study = &analysis.study;
    let spec = &study.levels[g.level_index];
    let leaves = &spec.criteria.leaves;
    // The criteria that weigh most in this group, heaviest first.
    let mut key: Vec<usize> = (0..leaves.len()).collect();
    key.sort_by(|&a, &b| g.weights[b].total_cmp(&g.weights[a]).then(a.cmp(&b)));
    key.truncate(KEY_INDICATORS);

    let ranked: Vec<_> = g.order.iter().map(|&i| &g.entries[i]).collect();
    let first = ranked[0];
    let cand = |e: &crate::select::Entry| &study.candidates.list[e.candidate];
    let mut sentence = Text::plain("Hasil pemeringkatan mengusulkan ")
        .strong(cand(first).name.clone())
        .push(format!(
            " ({}) dengan nilai preferensi {}",
            cand(first).product,
            LANG.num(first.score, 4)
        ));
    match ranked.get(1) {
        Some(second) => {
            sentence = sentence.push(format!(
                ", di atas {} ({}, {}); selisih {}.",
                cand(second).name,
                cand(second).product,
                LANG.num(second.score, 4),
                LANG.num(first.score - second.score, 4)
            ));
        }
        None => sentence = sentence.push(", satu-satunya kandidat."),
    }
    doc.paragraph(sentence);

    let mut header: Vec<Text> = vec![
        "No".into(),
        "Nama UMKM / kelompok".into(),
        "Produk".into(),
        "Pemilik / alamat".into(),
    ];
    // Criteria by short code (K1 is the set's first criterion) with a key under the table:
    // full names as headers would break mid-word in a column as narrow as its numbers.
    let mut legend = Text::plain("Kriteria (tiga yang berbobot terbesar pada kategori ini): ");
    for (n, &k) in key.iter().enumerate() {
        let c = &spec.criteria.criteria[leaves[k]];
        header.push(Text::plain(criterion_code(k)));
        if n > 0 {
            legend = legend.push("; ");
        }
        legend = legend.strong(criterion_code(k)).push(format!(
            " {}{}",
            c.name_id,
            unit_note(c.scale.as_ref())
        ));
    }
    header.push("Nilai preferensi".into());
    header.push("Usulan".into());
    let numeric_from = 4;
    let mut t = Table::new(header)
        .numeric(std::iter::once(0).chain(numeric_from..numeric_from + key.len() + 1))
        .handwriting(3);
    for e in &ranked {
        let c = cand(e);
        let d = &c.details;
        // Unknown details stay an empty cell: the table's rules are the blank to fill.
        let mut who = Text::new();
        for (k, part) in [&d.owner, &d.address].into_iter().enumerate() {
            if !part.is_empty() {
                if k > 0 && !who.is_empty() {
                    who = who.line_break();
                }
                who = who.push(part.clone());
            }
        }
        if !d.nib.is_empty() {
            if !who.is_empty() {
                who = who.line_break();
            }
            who = who.muted(format!("NIB {}", d.nib));
        }
        let mut row = vec![
            Text::plain(e.rank.to_string()),
            Text::plain(c.name.clone()),
            Text::plain(c.product.clone()),
            who,
        ];
        for &k in &key {
            row.push(Text::plain(value_text(c.values[spec.columns[k]])));
        }
        row.push(Text::plain(LANG.num(e.score, 4)));
        let mut status = if e.selected {
            Text::new().strong("unggulan")
        } else {
            Text::plain("dipertimbangkan")
        };
        if e.tied {
            status = status.flag("seri");
        }
        row.push(status);
        t.row(row);
    }
    doc.push(Block::Table(t));
    doc.paragraph(legend.push("."));

    // The forum's decision where the decisions table records it; lines to fill otherwise.
    let decided = study
        .documents
        .decision(g.region, g.category)
        .and_then(|d| Some((d, study.candidates.list.get(d.candidate)?)));
    let agreed = |c: &crate::model::Candidate| format!("{} ({})", c.name, c.product);
    if let Some(call) = close_call(analysis, index, g) {
        let note = Text::new()
            .strong("Perlu keputusan forum. ")
            .push(call)
            .line_break();
        let note = match decided {
            Some((_, c)) => note.push("Keputusan forum: ").strong(agreed(c)),
            None => note.push(format!("Keputusan forum: {BLANK}{BLANK}{BLANK}")),
        };
        doc.push(Block::Note(NoteKind::Action, note));
    }
    match decided {
        Some((d, c)) => {
            let reason = if d.reason.is_empty() {
                format!("{BLANK}{BLANK}{BLANK}")
            } else {
                d.reason.clone()
            };
            let text = if d.candidate == first.candidate {
                Text::plain("Kesepakatan forum: menyepakati usulan hasil pemeringkatan, ")
                    .strong(agreed(c))
                    .push(".")
                    .line_break()
                    .push(format!("Alasan: {reason}"))
            } else {
                Text::plain("Kesepakatan forum: mengusulkan UMKM lain, ")
                    .strong(agreed(c))
                    .push(format!(
                        ", sebagai ganti usulan hasil pemeringkatan ({}).",
                        cand(first).name
                    ))
                    .line_break()
                    .push(format!("Alasan: {reason}"))
            };
            doc.paragraph(text);
        }
        None => doc.paragraph(
            Text::plain("Kesepakatan forum:")
                .line_break()
                .push(format!("{TICK} menyepakati usulan hasil pemeringkatan"))
                .line_break()
                .push(format!("{TICK} mengusulkan UMKM lain: {BLANK}{BLANK}"))
                .line_break()
                .push(format!("alasan: {BLANK}{BLANK}{BLANK}")),
        ),
    }
    doc.paragraph(format!("Catatan: {BLANK}{BLANK}{BLANK}{BLANK}"));
}

/// Why the proposal of a group is a close call, in plain words: a tie, a low SMAA
/// acceptability, or a small weight change that changes the winner. None when it is firm.
pub(crate) fn close_call(analysis: &Analysis, index: usize, g: &Group) -> Option<String> {
    let study = &analysis.study;
    let mut reasons = Vec::new();
    if g.tie_at_cut {
        let names: Vec<&str> = g
            .order
            .iter()
            .map(|&i| &g.entries[i])
            .filter(|e| e.tied)
            .map(|e| study.candidates.list[e.candidate].name.as_str())
            .collect();
        reasons.push(format!(
            "Nilai preferensi {} sama (seri), sehingga pemeringkatan tidak dapat memilih di antaranya.",
            names.join(" dan ")
        ));
    }
    let verdict = analysis.sensitivity.as_ref().and_then(|s| {
        s.groups
            .binary_search_by_key(&index, |gs| gs.group)
            .ok()
            .map(|k| &s.groups[k].verdict)
    });
    let acceptability_words = |a: f64| {
        format!(
            "Dalam uji kestabilan (bobot diubah acak di sekitar bobot panel), usulan ini teratas pada {} % sampel saja",
            LANG.num(a * 100.0, 1)
        )
    };
    match verdict {
        Some(Verdict::TooClose { acceptability } | Verdict::FairlyStable { acceptability }) => {
            reasons.push(format!("{}.", acceptability_words(*acceptability)));
        }
        Some(Verdict::Sensitive {
            criterion,
            change,
            acceptability,
        }) => {
            let spec = &study.levels[g.level_index];
            let name = &spec.criteria.criteria[spec.criteria.leaves[*criterion]].name_id;
            let mut s = format!(
                "Perubahan bobot kriteria {name} sebesar {} poin persentase saja sudah mengubah urutan teratas",
                LANG.num(change.abs() * 100.0, 1)
            );
            if let Some(a) = acceptability {
                s.push_str(&format!("; {}", acceptability_words(*a).to_lowercase()));
            }
            reasons.push(format!("{s}."));
        }
        _ => {}
    }
    (!reasons.is_empty()).then(|| reasons.join(" "))
}

/// Judgments that were inconsistent (left out or kept), stated plainly with a line for the
/// forum's decision: whether they were redone.
fn judgments_to_decide(
    doc: &mut Document,
    analysis: &Analysis,
    facts: &Facts,
    panel: Option<usize>,
) {
    let Some(p) = panel else { return };
    let study = &analysis.study;
    let Some(pw) = analysis.panels.get(p).filter(|pw| pw.panel == p) else {
        return;
    };
    let seats: Vec<usize> = facts
        .inconsistent
        .iter()
        .filter(|s| s.panel == p)
        .map(|s| s.participant)
        .collect();
    if seats.is_empty() {
        return;
    }
    let threshold = LANG.num(study.method.consistency_threshold, 2);
    doc.heading(2, "penilaian", "III. Penilaian yang tidak konsisten");
    let mut items = Vec::new();
    for k in seats {
        let person = &study.panels[p].participants[k];
        let r = &pw.participants[k];
        let cr = r.nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
        let who = study
            .documents
            .member(study.panels[p].region, &person.id)
            .map_or_else(
                || format!("{} ({})", role_name(&person.role), person.id),
                |m| format!("{} ({})", m.full_name, role_name(&person.role)),
            );
        let fate = if r.included {
            "tetap diikutkan dalam bobot"
        } else {
            "tidak diikutkan dalam bobot"
        };
        items.push(
            Text::plain(format!(
                "Penilaian berpasangan {who} tidak konsisten (rasio konsistensi {}, batas {threshold}) dan {fate}. ",
                LANG.num(cr, 3)
            ))
            .line_break()
            .push(format!(
                "Keputusan forum: {TICK} penilaian diulang dan dihitung kembali   {TICK} {} {BLANK}",
                match (r.included, study.method.inconsistent_participants) {
                    (false, _) => "tetap tidak diikutkan",
                    (true, InconsistentPolicy::Flag | InconsistentPolicy::Exclude) => {
                        "tetap diikutkan"
                    }
                }
            )),
        );
    }
    if pw.nobody_consistent {
        items.push(Text::plain(
            "Tidak ada peserta yang konsisten; semua penilaian tetap diikutkan agar bobot dapat dihitung.",
        ));
    }
    doc.push(Block::Bullets(items));
}

/// The signature blocks: facilitator and notulis, then "Mengetahui" by the Lurah or Camat,
/// with the names the participants table gives for those offices.
fn signatures(
    study: &Study,
    region: RegionRef,
    panel: Option<usize>,
    session: Option<&FgdSession>,
) -> Vec<Signature> {
    let (office, office_role) = match region {
        RegionRef::Kelurahan(k) => (
            format!("Lurah {}", study.regions.kelurahan[k].name),
            "lurah",
        ),
        RegionRef::Kecamatan(k) => (
            format!("Camat {}", study.regions.kecamatan[k].name),
            "camat",
        ),
        RegionRef::Kota => (study.regions.name.clone(), ""),
    };
    let head = panel
        .and_then(|p| {
            study.panels[p]
                .participants
                .iter()
                .find(|x| x.role.trim().eq_ignore_ascii_case(office_role))
        })
        .and_then(|x| study.documents.member(region, &x.id));
    vec![
        Signature {
            // An empty line, level with the place and date over the notulis.
            caption: vec![String::new(), "Fasilitator,".into()],
            name: session.map_or_else(String::new, |s| s.facilitator.clone()),
            nip: None,
        },
        Signature {
            caption: vec![
                format!(
                    "{}, {}",
                    place_name(study),
                    session
                        .and_then(|s| s.date)
                        .map_or_else(|| BLANK.to_string(), |d| wording::date(d, LANG))
                ),
                "Notulis,".into(),
            ],
            name: session.map_or_else(String::new, |s| s.notulis.clone()),
            nip: None,
        },
        Signature {
            caption: vec!["Mengetahui,".into(), format!("{office},")],
            name: head.map_or_else(String::new, |m| m.full_name.clone()),
            nip: Some(head.map_or_else(String::new, |m| m.nip.clone())),
        },
    ]
}

/// The lampiran: how the proposal was computed, in plain words, with the criteria weights.
fn method_lampiran(doc: &mut Document, analysis: &Analysis, region: RegionRef) {
    let study = &analysis.study;
    let m = &study.method;
    doc.heading(2, "cara-penilaian", "Cara penilaian");
    let policy = match m.inconsistent_participants {
        InconsistentPolicy::Exclude => "tidak diikutkan dalam bobot",
        InconsistentPolicy::Flag => "tetap diikutkan dan ditandai",
    };
    doc.push(Block::Bullets(vec![
        Text::plain(
            "Bobot kriteria. Setiap peserta FGD membandingkan kriteria berpasangan: mana yang \
             lebih penting dan seberapa jauh (skala 1–9). Dari perbandingan itu dihitung bobot \
             tiap kriteria (Analytic Hierarchy Process, AHP); bobot panel menggabungkan \
             penilaian para peserta.",
        ),
        Text::plain(format!(
            "Konsistensi. Penilaian yang saling bertentangan (misalnya A lebih penting dari B, \
             B dari C, tetapi C dari A) diukur dengan rasio konsistensi; penilaian dengan rasio \
             di atas {} {policy}.",
            LANG.num(m.consistency_threshold, 2)
        )),
        Text::plain(
            "Nilai preferensi. Setiap UMKM dinilai pada semua kriteria dengan data \
             indikatornya, dibandingkan dengan kandidat lain pada kategori yang sama. Nilai \
             preferensi (0–1) mengukur seberapa dekat UMKM ke nilai terbaik dan seberapa jauh \
             dari nilai terburuk; makin tinggi makin baik. Nilai yang sama dicatat sebagai seri \
             dan diputuskan forum.",
        ),
        Text::plain(
            "Kestabilan. Bobot diubah secara acak berulang kali di sekitar bobot panel; \
             dicatat seberapa sering usulan tetap teratas. Usulan yang jarang teratas, atau \
             yang berubah oleh sedikit perubahan bobot, dibawa ke forum untuk diputuskan.",
        ),
    ]));
    let Some((li, spec)) = study.level(region.level()) else {
        return;
    };
    let Some(g) = (0..study.categories.len())
        .filter_map(|c| analysis.selection.find_index(region, c))
        .map(|i| &analysis.selection.groups[i])
        .next()
    else {
        return;
    };
    doc.paragraph(format!(
        "Bobot kriteria yang dipakai ({}):",
        wording::origin(study, &g.origin, LANG)
    ));
    let mut t = Table::new(vec![
        "No".into(),
        "Kriteria".into(),
        "Indikator".into(),
        "Bobot".into(),
    ])
    .numeric([0, 3]);
    for (k, &leaf) in spec.criteria.leaves.iter().enumerate() {
        let c = &spec.criteria.criteria[leaf];
        t.row(vec![
            Text::plain((k + 1).to_string()),
            Text::plain(c.name_id.clone()),
            Text::plain(c.indicator_id.clone()),
            Text::plain(
                g.weights
                    .get(k)
                    .map_or_else(String::new, |w| LANG.num(*w, 4)),
            ),
        ]);
    }
    doc.push(Block::Table(t));
    let _ = li;
    doc.paragraph(Text::new().muted(format!(
        "Dihitung dengan unggul {} dari studi {}; rincian dalam laporan lengkap (index.html) dan manifest.json.",
        env!("CARGO_PKG_VERSION"),
        study.id
    )));
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
        assert_eq!(role_name("<b>"), "<b>");
    }

    #[test]
    fn lists_read_as_indonesian_prose() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            join_and(&v(&["agro", "kerajinan", "budaya"])),
            "agro, kerajinan dan budaya"
        );
        assert_eq!(join_and(&v(&["agro"])), "agro");
    }
}
