//! The study report as one document: a main part a planner can put in a kajian (the findings,
//! the unggulan per kelurahan and kecamatan, weights and consistency in words, the sensitivity
//! verdicts where they matter) and a lampiran with everything else (methods in full, every
//! table, every chart). `summary.md` is the main part in Markdown; `index.html` is the whole
//! document, printable. Both come from the same blocks, so they cannot disagree.

use std::collections::{HashMap, HashSet};

use super::berita_acara;
use super::contents;
use super::doc::{Block, Document, NoteKind, Table, Text};
use super::facts::{Facts, Seat, is_near_tie};
use super::html::{chart_caption, chart_images, chart_kind};
use super::lang::{Lang, capitalise};
use super::method::method_choices;
use super::summary::{
    fraction, level_word, participants_sentence, scenario_overview, sensitivity_intro, verdict_text,
};
use super::wording;
use crate::Analysis;
use crate::model::{Level, RegionRef, Study};
use crate::select::Group;
use crate::study::checks::Finding;
use crate::study::sensitivity::Verdict;
use crate::weights::WeightOrigin;

/// Anchor of the lampiran's part heading: `summary.md` stops before it.
pub const LAMPIRAN_ID: &str = "lampiran";

/// SVG bytes embedded in `index.html` at most; charts beyond it are linked, so the page stays
/// small (a few MB) whatever the size of the study.
pub const INLINE_SVG_BUDGET: usize = 3_000_000;

/// Which part of a study one page covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Everything on one page (a city).
    Whole,
    /// A large study's main page: the study-wide findings and the kecamatan level, with a
    /// link to each kecamatan's page for its kelurahan.
    Main,
    /// One kecamatan of a large study: its kelurahan and its own groups and panels.
    Kecamatan(usize),
}

/// Where a page sits and what it covers: sections ask it which regions to list.
struct Page<'a> {
    study: &'a Study,
    part: Part,
    /// Prepended to links to files of the report folder (`../` from `kecamatan/`).
    prefix: &'static str,
    /// What each kecamatan's page shows, found once for all of them.
    by_kecamatan: &'a ByKecamatan,
}

/// Positions, per kecamatan, of the items of the study-wide lists (sensitivity groups, ties,
/// panels, seats, findings) about its kelurahan or itself. A national study has 7,000
/// kecamatan pages and hundreds of thousands of items: each page scanning every list would
/// make the report quadratic in the study's size.
#[derive(Debug, Default)]
pub struct ByKecamatan {
    sensitivity: Vec<Vec<usize>>,
    ties: Vec<Vec<usize>>,
    panels: Vec<Vec<usize>>,
    inconsistent: Vec<Vec<usize>>,
    excluded: Vec<Vec<usize>>,
    completed: Vec<Vec<usize>>,
    checks: Vec<Vec<usize>>,
    /// Kelurahan and candidate UMKM per kecamatan.
    kelurahan: Vec<usize>,
    candidates: Vec<usize>,
}

impl ByKecamatan {
    /// Indexes every list by kecamatan in one pass each.
    pub fn of(analysis: &Analysis, facts: &Facts) -> Self {
        let study = &analysis.study;
        let kecamatan_of = |r: RegionRef| match r {
            RegionRef::Kelurahan(i) => Some(study.regions.kelurahan[i].kecamatan),
            RegionRef::Kecamatan(k) => Some(k),
            RegionRef::Kota => None,
        };
        let index = |regions: &mut dyn Iterator<Item = Option<RegionRef>>| {
            let mut per = vec![Vec::new(); study.regions.kecamatan.len()];
            for (position, region) in regions.enumerate() {
                if let Some(k) = region.and_then(kecamatan_of) {
                    per[k].push(position);
                }
            }
            per
        };
        let group = |g: usize| Some(analysis.selection.groups[g].region);
        let panel = |p: usize| Some(study.panels[p].region);
        let seats = |seats: &[Seat]| index(&mut seats.iter().map(|s| panel(s.panel)));
        let mut kelurahan = vec![0; study.regions.kecamatan.len()];
        for kel in &study.regions.kelurahan {
            kelurahan[kel.kecamatan] += 1;
        }
        let mut candidates = vec![0; study.regions.kecamatan.len()];
        for c in &study.candidates.list {
            candidates[study.regions.kelurahan[c.kelurahan].kecamatan] += 1;
        }
        ByKecamatan {
            kelurahan,
            candidates,
            sensitivity: analysis.sensitivity.as_ref().map_or_else(Vec::new, |s| {
                index(&mut s.groups.iter().map(|gs| group(gs.group)))
            }),
            ties: index(&mut facts.ties.iter().map(|t| group(t.group))),
            panels: index(&mut analysis.panels.iter().map(|pw| panel(pw.panel))),
            inconsistent: seats(&facts.inconsistent),
            excluded: seats(&facts.excluded),
            completed: seats(&facts.completed),
            checks: index(&mut facts.checks.iter().map(|f| match f {
                Finding::SameName { group: g, .. } | Finding::NarrowLead { group: g, .. } => {
                    group(*g)
                }
                Finding::ReversedJudgment { panel: p, .. }
                | Finding::ExcludedParticipants { panel: p, .. } => panel(*p),
                Finding::MostlyConstantIndicator { .. } => None,
            })),
        }
    }
}

/// Items per list in a large study's main page; the rest are on the kecamatan pages.
const MAIN_LIST_CAP: usize = 12;

impl Page<'_> {
    /// The items of a study-wide list this page may show: a kecamatan page's from the
    /// index, every item on the others. Sections still filter them by region.
    fn here<'t, T>(&self, all: &'t [T], pick: fn(&ByKecamatan) -> &Vec<Vec<usize>>) -> Vec<&'t T> {
        match self.part {
            Part::Kecamatan(k) => pick(self.by_kecamatan)
                .get(k)
                .map_or_else(Vec::new, |positions| {
                    positions.iter().map(|&i| &all[i]).collect()
                }),
            _ => all.iter().collect(),
        }
    }

    fn in_kecamatan(&self, region: RegionRef, k: usize) -> bool {
        match region {
            RegionRef::Kelurahan(i) => self.study.regions.kelurahan[i].kecamatan == k,
            RegionRef::Kecamatan(i) => i == k,
            RegionRef::Kota => false,
        }
    }

    /// Whether a finding about `region` is listed on this page (the main page lists every
    /// region's, up to [`MAIN_LIST_CAP`]).
    fn lists(&self, region: RegionRef) -> bool {
        match self.part {
            Part::Whole | Part::Main => true,
            Part::Kecamatan(k) => self.in_kecamatan(region, k),
        }
    }

    /// Whether a table row about `region` is on this page (the main page keeps the
    /// kecamatan and city rows; kelurahan rows are on their kecamatan's page).
    fn tabulates(&self, region: RegionRef) -> bool {
        match self.part {
            Part::Whole => true,
            Part::Main => !matches!(region, RegionRef::Kelurahan(_)),
            Part::Kecamatan(k) => self.in_kecamatan(region, k),
        }
    }

    fn study_wide(&self) -> bool {
        !matches!(self.part, Part::Kecamatan(_))
    }

    /// A list cut to [`MAIN_LIST_CAP`] on the main page, with a line saying where the rest is.
    fn cap(&self, mut items: Vec<Text>, lang: Lang) -> Vec<Text> {
        if self.part == Part::Main && items.len() > MAIN_LIST_CAP {
            let rest = items.len() - MAIN_LIST_CAP;
            items.truncate(MAIN_LIST_CAP);
            items.push(Text::new().muted(match lang {
                Lang::Id => format!("… dan {rest} lainnya: lihat halaman kecamatan masing-masing."),
                Lang::En => format!("… and {rest} more: see each kecamatan's page."),
            }));
        }
        items
    }

    fn file(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }
}

/// The file of kecamatan `k`'s page in a large study's report.
pub fn kecamatan_page_name(study: &Study, k: usize) -> String {
    format!(
        "kecamatan/{}.html",
        berita_acara::safe_code(&study.regions.kecamatan[k].code)
    )
}

/// The whole report on one page. `files` are the names of every file of the report folder;
/// figures are taken from its `charts/`.
pub fn build(analysis: &Analysis, facts: &Facts, lang: Lang, files: &[String]) -> Document {
    let folder = Folder::new(analysis, facts, files);
    build_part(analysis, facts, lang, &folder, Part::Whole)
}

/// The report folder's files, looked up by every page: indexed once, since a national
/// study's thousands of kecamatan pages would each scan its hundreds of thousands of names.
pub struct Folder<'a> {
    names: &'a [String],
    written: HashSet<&'a str>,
    /// Chart images (see [`chart_images`]) with the region each is about (`None`: study-wide).
    charts: Vec<(&'a str, Option<RegionRef>)>,
    by_kecamatan: ByKecamatan,
}

impl<'a> Folder<'a> {
    /// Indexes the names of every file of the report folder, and what each kecamatan's
    /// page shows.
    pub fn new(analysis: &Analysis, facts: &Facts, names: &'a [String]) -> Self {
        let study = &analysis.study;
        let codes = region_codes(study);
        Folder {
            by_kecamatan: ByKecamatan::of(analysis, facts),
            names,
            written: names.iter().map(String::as_str).collect(),
            charts: chart_images(names)
                .into_iter()
                .map(|f| (f, chart_region(study, &codes, f)))
                .collect(),
        }
    }

    fn has(&self, name: &str) -> bool {
        self.written.contains(name)
    }
}

/// One page of the report: the whole of it, a large study's main page, or one kecamatan's.
pub fn build_part(
    analysis: &Analysis,
    facts: &Facts,
    lang: Lang,
    folder: &Folder,
    part: Part,
) -> Document {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let page = Page {
        study,
        part,
        prefix: if matches!(part, Part::Kecamatan(_)) {
            "../"
        } else {
            ""
        },
        by_kecamatan: &folder.by_kecamatan,
    };
    let subtitle = match part {
        Part::Kecamatan(k) => {
            let kec = &study.regions.kecamatan[k];
            format!(
                "{} {} ({})",
                l("Halaman kecamatan", "Kecamatan page:"),
                kec.name,
                kec.code
            )
        }
        _ => l(
            "Rekomendasi produk unggulan daerah (PUD) per kelurahan dan kecamatan",
            "Recommended superior local products (PUD) per kelurahan and kecamatan",
        )
        .to_string(),
    };
    let mut doc = Document::new(study.name.clone(), subtitle);
    if let Part::Kecamatan(k) = part {
        kecamatan_cover(&mut doc, analysis, lang, &page, k);
    } else {
        cover(&mut doc, analysis, facts, lang);
    }
    findings(&mut doc, analysis, facts, lang, &page);
    unggulan(&mut doc, analysis, lang, folder, &page);
    if page.study_wide() {
        weights_in_words(&mut doc, analysis, facts, lang);
    }
    sensitivity_where_it_matters(&mut doc, analysis, lang, &page);
    if page.study_wide() {
        scenarios_in_brief(&mut doc, analysis, lang);
    }

    doc.heading(1, LAMPIRAN_ID, l("Lampiran", "Appendices"));
    if page.study_wide() {
        methods_in_full(&mut doc, analysis, lang);
    }
    weights_in_full(&mut doc, analysis, facts, lang, folder, &page);
    checks_in_full(&mut doc, analysis, facts, lang, &page);
    sensitivity_in_full(&mut doc, analysis, lang, &page);
    if page.study_wide() {
        scenario_changes(&mut doc, analysis, lang, part == Part::Main);
    }
    figures(&mut doc, study, lang, folder, &page);
    if page.study_wide() {
        notes_and_files(&mut doc, study, lang, folder.names);
    }
    letter_appendices(&mut doc);
    doc
}

/// Letters the lampiran's sections A, B, C… in the order they appear, so that no letter is
/// skipped when a section has nothing to say.
fn letter_appendices(doc: &mut Document) {
    let mut in_lampiran = false;
    let mut letter = b'A';
    for block in &mut doc.blocks {
        if let Block::Heading { level, id, text } = block {
            if *level == 1 {
                in_lampiran = id == LAMPIRAN_ID;
            } else if *level == 2 && in_lampiran {
                *text = format!("{}. {text}", char::from(letter));
                letter += 1;
            }
        }
    }
}

/// The head of a kecamatan's page: what it covers and the way back to the main page.
fn kecamatan_cover(doc: &mut Document, analysis: &Analysis, lang: Lang, page: &Page, k: usize) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let kelurahan = page.by_kecamatan.kelurahan.get(k).copied().unwrap_or(0);
    let candidates = page.by_kecamatan.candidates.get(k).copied().unwrap_or(0);
    doc.push(Block::Note(
        NoteKind::Info,
        Text::plain(l(
            "Bagian dari laporan ",
            "Part of the report ",
        ))
        .link(study.name.clone(), "../index.html")
        .push(l(
            ": halaman ini memuat kelurahan di kecamatan ini; temuan seluruh wilayah, metode dan berkas ada di halaman utama.",
            ": this page holds the kelurahan of this kecamatan; the findings for the whole area, the methods and the files are on the main page.",
        )),
    ));
    doc.push(Block::Facts(vec![
        ("Kelurahan".into(), Text::plain(kelurahan.to_string())),
        (
            l("Kandidat UMKM", "Candidate UMKM").into(),
            Text::plain(candidates.to_string()),
        ),
        (
            l("Waktu", "When").into(),
            Text::plain(wording::timeline(study, lang)),
        ),
    ]));
}

/// The main part only (everything before the lampiran), with a pointer to it.
pub fn main_part(doc: &Document, lang: Lang) -> Document {
    let end = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { id, .. } if id == LAMPIRAN_ID))
        .unwrap_or(doc.blocks.len());
    let mut main = Document {
        title: doc.title.clone(),
        subtitle: doc.subtitle.clone(),
        blocks: doc.blocks[..end].to_vec(),
    };
    main.push(Block::Note(
        NoteKind::Info,
        Text::plain(lang.pick(
            "Lampiran (metode lengkap, semua tabel dan grafik) ada di ",
            "The appendices (methods in full, every table and chart) are in ",
        ))
        .link("index.html", "index.html#lampiran")
        .push(lang.pick(
            "; semua tabel juga ada dalam satu berkas Excel, tabel.xlsx, dan sebagai CSV di folder ini.",
            "; every table is also in one Excel workbook, tabel.xlsx, and as CSV in this folder.",
        )),
    ));
    main
}

fn candidate_label(study: &Study, candidate: usize) -> String {
    let c = &study.candidates.list[candidate];
    format!("{} ({})", c.name, c.product)
}

fn group_label(study: &Study, g: &Group, lang: Lang) -> String {
    format!(
        "{} {}, {} {}",
        level_word(g.level, lang),
        study.regions.name_of(g.region),
        lang.pick("kategori", "category"),
        capitalise(&study.categories[g.category])
    )
}

fn cover(doc: &mut Document, analysis: &Analysis, facts: &Facts, lang: Lang) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    if study.illustrative {
        doc.push(Block::Note(
            NoteKind::Info,
            Text::new()
                .strong(l("Data ilustratif.", "Illustrative data."))
                .push(format!(" {}", lang.pick(&study.note_id, &study.note_en))),
        ));
    } else if !lang.pick(&study.note_id, &study.note_en).is_empty() {
        doc.push(Block::Note(
            NoteKind::Info,
            Text::plain(lang.pick(&study.note_id, &study.note_en)),
        ));
    }
    let mut pairs: Vec<(String, Text)> = vec![
        (
            l("Wilayah", "Area").into(),
            Text::plain(format!(
                "{} ({}): {} kelurahan, {} kecamatan",
                study.regions.name,
                study.regions.code,
                study.regions.kelurahan.len(),
                study.regions.kecamatan.len()
            )),
        ),
        (
            l("Waktu", "When").into(),
            Text::plain(wording::timeline(study, lang)),
        ),
        (
            l("Kategori PUD", "PUD categories").into(),
            Text::plain(
                study
                    .categories
                    .iter()
                    .map(|c| capitalise(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
        (
            l("Kandidat UMKM", "Candidate UMKM").into(),
            Text::plain(study.candidates.list.len().to_string()),
        ),
        (
            l("Peserta FGD", "FGD participants").into(),
            Text::plain(participants_sentence(
                facts,
                study.method.consistency_threshold,
                lang,
            )),
        ),
    ];
    if let Some(kel) = facts.level(Level::Kelurahan) {
        pairs.push((
            l(
                "Kelompok kelurahan × kategori",
                "Kelurahan × category groups",
            )
            .into(),
            Text::plain(match lang {
                Lang::Id => format!(
                    "{} dari {} memiliki unggulan; {} kosong",
                    kel.filled,
                    kel.groups,
                    kel.groups - kel.filled
                ),
                Lang::En => format!(
                    "{} of {} have an unggulan; {} empty",
                    kel.filled,
                    kel.groups,
                    kel.groups - kel.filled
                ),
            }),
        ));
    }
    // The same count as the Ringkasan's first list: exact ties and winners too close to call.
    let to_agree = facts.ties.len() + facts.close_calls;
    pairs.push((
        l("Perlu disepakati dalam FGD", "For the FGD to agree on").into(),
        Text::plain(match (lang, to_agree) {
            (Lang::Id, 0) => "tidak ada: setiap unggulan jelas dari peringkatnya".to_string(),
            (Lang::En, 0) => "nothing: every unggulan is clear from its ranking".to_string(),
            (Lang::Id, n) if facts.ties.is_empty() => format!("{n} kelompok (lihat Ringkasan)"),
            (Lang::En, n) if facts.ties.is_empty() => {
                format!("{n} groups (see the summary of findings)")
            }
            (Lang::Id, n) => format!(
                "{n} kelompok, {} di antaranya seri persis (lihat Ringkasan)",
                facts.ties.len()
            ),
            (Lang::En, n) => format!(
                "{n} groups, {} of them exact ties (see the summary of findings)",
                facts.ties.len()
            ),
        }),
    ));
    doc.push(Block::Facts(pairs));
    legal_basis(doc, study, lang);
}

/// The regulations the activity rests on, as the study file lists them.
fn legal_basis(doc: &mut Document, study: &Study, lang: Lang) {
    if study.legal_basis.is_empty() {
        return;
    }
    doc.push(Block::Paragraph(
        Text::new().strong(lang.pick("Dasar pelaksanaan:", "Legal basis:")),
    ));
    doc.push(Block::Bullets(
        study
            .legal_basis
            .iter()
            .map(|line| Text::plain(line.clone()))
            .collect(),
    ));
}

/// The Ringkasan: what the FGD must agree on (ties, too-close calls, near-ties), what to verify before the berita acara is signed, what is settled.
fn findings(doc: &mut Document, analysis: &Analysis, facts: &Facts, lang: Lang, page: &Page) {
    let study = &analysis.study;
    let groups = &analysis.selection.groups;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    doc.heading(2, "ringkasan", l("Ringkasan", "Summary of findings"));

    // What the FGD must agree on.
    let mut decide: Vec<Text> = Vec::new();
    for tie in page.here(&facts.ties, |x| &x.ties) {
        let g = &groups[tie.group];
        if !page.lists(g.region) {
            continue;
        }
        let names: Vec<String> = tie
            .candidates
            .iter()
            .map(|&c| candidate_label(study, c))
            .collect();
        decide.push(
            Text::new()
                .strong(group_label(study, g, lang))
                .push(match lang {
                    Lang::Id => format!(
                        ": nilai {} sama persis; FGD memilih satu: {}.",
                        names.len(),
                        names.join(", ")
                    ),
                    Lang::En => format!(
                        ": {} candidates score exactly the same; the FGD picks one: {}.",
                        names.len(),
                        names.join(", ")
                    ),
                }),
        );
    }
    let mut too_close = 0;
    if let Some(s) = &analysis.sensitivity {
        for gs in page.here(&s.groups, |x| &x.sensitivity) {
            if let Verdict::TooClose { acceptability } = gs.verdict {
                let g = &groups[gs.group];
                if !page.lists(g.region) {
                    continue;
                }
                too_close += 1;
                let winner = g.order.first().map(|&k| g.entries[k].candidate);
                let runner = g.order.get(1).map(|&k| g.entries[k].candidate);
                if let (Some(w), Some(r)) = (winner, runner) {
                    decide.push(
                        Text::new()
                            .strong(group_label(study, g, lang))
                            .push(match lang {
                                Lang::Id => format!(
                                    ": {} unggul hanya {} kali dari 100 percobaan dengan bobot yang sedikit digeser; {} hampir sama kuat. Forum perlu menyepakati salah satu calon dan menuliskan alasannya dalam berita acara.",
                                    candidate_label(study, w),
                                    lang.num(acceptability * 100.0, 0),
                                    candidate_label(study, r)
                                ),
                                Lang::En => format!(
                                    ": {} wins only {} of 100 trials with slightly shifted weights; {} is almost as strong. The forum agrees on one and writes down why in the berita acara.",
                                    candidate_label(study, w),
                                    lang.num(acceptability * 100.0, 0),
                                    candidate_label(study, r)
                                ),
                            }),
                    );
                }
            }
        }
    }
    // Near-ties: one weight moved by less than the weight tables' rounding changes the winner.
    let mut sensitive_by_criterion: Vec<(String, usize)> = Vec::new();
    let mut sensitive_total = 0;
    if let Some(s) = &analysis.sensitivity {
        for gs in page.here(&s.groups, |x| &x.sensitivity) {
            let g = &groups[gs.group];
            if !page.lists(g.region) {
                continue;
            }
            if let Verdict::Sensitive { criterion, .. } = gs.verdict {
                sensitive_total += 1;
                let set = &study.levels[g.level_index].criteria;
                let c = &set.criteria[set.leaves[criterion]];
                let name = lang.pick(&c.name_id, &c.name_en).to_string();
                match sensitive_by_criterion.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, k)) => *k += 1,
                    None => sensitive_by_criterion.push((name, 1)),
                }
            }
            if is_near_tie(&gs.verdict) {
                decide.push(
                    Text::new()
                        .strong(group_label(study, g, lang))
                        .push(format!(
                            ": {}. {}",
                            verdict_text(analysis, g, &gs.verdict, lang),
                            l(
                                "Geseran itu lebih kecil dari pembulatan bobot (1 poin persen), jadi praktis seri: forum perlu menyepakati calon mana yang diusulkan.",
                                "That shift is smaller than the weights' rounding (1 percentage point), so this is a tie in practice: the forum agrees on which candidate to propose.",
                            )
                        )),
                );
            }
        }
    }
    // One criterion behind most of the sensitive unggulan is worth one discussion, not many.
    sensitive_by_criterion.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if let Some((name, count)) = sensitive_by_criterion.first()
        && *count >= 3
        && 2 * count >= sensitive_total
    {
        decide.push(Text::plain(match lang {
            Lang::Id => format!(
                "Bobot kriteria {name} paling menentukan: pada {count} dari {sensitive_total} unggulan yang peka, perubahan kecil bobot kriteria ini sudah mengganti unggulannya. Mintalah forum menegaskan kembali seberapa penting kriteria ini sebelum berita acara ditandatangani."
            ),
            Lang::En => format!(
                "The weight of {name} decides most: in {count} of the {sensitive_total} sensitive unggulan a small change of this weight already changes the unggulan. Ask the forum to confirm how much this criterion matters before the berita acara is signed."
            ),
        }));
    }
    doc.heading(
        3,
        "putuskan",
        l(
            "Yang perlu disepakati dalam FGD",
            "What the FGD must agree on",
        ),
    );
    if decide.is_empty() {
        doc.paragraph(l(
            "Tidak ada: setiap unggulan jelas dari peringkatnya.",
            "Nothing: every unggulan is clear from its ranking.",
        ));
    } else {
        doc.push(Block::Bullets(page.cap(decide, lang)));
    }

    // What to verify before signing.
    let mut verify: Vec<Text> = Vec::new();
    let inconsistent: Vec<_> = page
        .here(&facts.inconsistent, |x| &x.inconsistent)
        .into_iter()
        .filter(|seat| page.lists(study.panels[seat.panel].region))
        .collect();
    let excluded = page
        .here(&facts.excluded, |x| &x.excluded)
        .into_iter()
        .any(|seat| page.lists(study.panels[seat.panel].region));
    if !inconsistent.is_empty() {
        let mut panels: Vec<String> = Vec::new();
        for seat in &inconsistent {
            let name = study
                .regions
                .name_of(study.panels[seat.panel].region)
                .to_string();
            if panels.last() != Some(&name) {
                panels.push(name);
            }
        }
        if page.part == Part::Main && panels.len() > MAIN_LIST_CAP {
            let rest = panels.len() - MAIN_LIST_CAP;
            panels.truncate(MAIN_LIST_CAP);
            panels.push(match lang {
                Lang::Id => format!("dan {rest} panel lain"),
                Lang::En => format!("{rest} more panels"),
            });
        }
        verify.push(Text::plain(match (lang, excluded) {
            (Lang::Id, true) => format!(
                "{} set penilaian tidak konsisten (CR di atas {}) dan tidak diikutkan dalam bobot, di panel {}. Tanyakan kepada peserta itu apakah penilaiannya diulang; penilaian mana yang perlu ditinjau ada di Lampiran.",
                inconsistent.len(),
                lang.num(study.method.consistency_threshold, 2),
                panels.join(", ")
            ),
            (Lang::Id, false) => format!(
                "{} set penilaian tidak konsisten (CR di atas {}) tetapi tetap diikutkan, di panel {}. Periksa penilaian yang ditandai di Lampiran sebelum bobot dipakai.",
                inconsistent.len(),
                lang.num(study.method.consistency_threshold, 2),
                panels.join(", ")
            ),
            (Lang::En, true) => format!(
                "{} sets of judgments are inconsistent (CR above {}) and were left out of the weights, in the panels of {}. Ask those participants whether they redid them; the judgments to revisit are in the appendix.",
                inconsistent.len(),
                lang.num(study.method.consistency_threshold, 2),
                panels.join(", ")
            ),
            (Lang::En, false) => format!(
                "{} sets of judgments are inconsistent (CR above {}) but were kept, in the panels of {}. Check the judgments marked in the appendix before the weights are used.",
                inconsistent.len(),
                lang.num(study.method.consistency_threshold, 2),
                panels.join(", ")
            ),
        }));
    }
    if !facts.nobody_consistent.is_empty() {
        let names: Vec<&str> = facts
            .nobody_consistent
            .iter()
            .filter(|&&p| page.lists(study.panels[p].region))
            .map(|&p| study.regions.name_of(study.panels[p].region))
            .collect();
        if names.is_empty() {
            // None on this page.
        } else {
            verify.push(Text::plain(match lang {
            Lang::Id => format!(
                "Di panel {} tidak ada peserta yang konsisten; semua penilaian tetap dipakai agar ada bobot. Sebaiknya penilaian diulang.",
                names.join(", ")
            ),
            Lang::En => format!(
                "In the panels of {} nobody was consistent; every judgment was kept so that weights exist. The judgments are best redone.",
                names.join(", ")
            ),
        }));
        }
    }
    verify.extend(check_bullets(analysis, facts, lang, page));
    doc.heading(
        3,
        "periksa",
        l(
            "Yang perlu diperiksa sebelum berita acara ditandatangani",
            "What to verify before the berita acara is signed",
        ),
    );
    if verify.is_empty() {
        doc.paragraph(l(
            "Tidak ada temuan pada data dan penilaian.",
            "No findings in the data or the judgments.",
        ));
    } else {
        doc.push(Block::Bullets(page.cap(verify, lang)));
    }
    if !page.study_wide() {
        return;
    }

    // What is settled.
    let mut settled: Vec<Text> = Vec::new();
    if let (Some(s), Some(counts)) = (&analysis.sensitivity, &facts.verdicts) {
        let count = |id: &str| counts.iter().find(|(k, _)| *k == id).map_or(0, |(_, n)| *n);
        let total = s.groups.len();
        let stable = count("stable");
        let sensitive = count("sensitive");
        let fairly = count("fairly-stable");
        settled.push(Text::plain(match lang {
            Lang::Id => format!(
                "{stable} dari {total} unggulan ({}) tetap menjadi unggulan walaupun bobot kriteria digeser: menang sekurang-kurangnya 80 kali dari 100 percobaan bobot acak, dan tidak berganti bila satu bobot digeser kurang dari 5 poin persen. Unggulan ini dapat langsung dituangkan dalam berita acara. Sisanya{} ada di bagian Kestabilan unggulan.",
                level_breakdown(analysis, lang),
                not_stable_counts(fairly, sensitive, too_close, lang)
            ),
            Lang::En => format!(
                "{stable} of {total} unggulan ({}) stay unggulan when the criteria weights move: they win at least 80 of 100 trials with random weights, and no shift of one weight below 5 percentage points changes them. These can go into the berita acara as they are. The rest{} are in the section on stability.",
                level_breakdown(analysis, lang),
                not_stable_counts(fairly, sensitive, too_close, lang)
            ),
        }));
    }
    if let Some(sc) = &analysis.scenarios {
        settled.push(Text::plain(match lang {
            Lang::Id => format!(
                "{} dari {} kelompok mempertahankan unggulan yang sama pada semua {} skenario pembobotan. Angka ini lebih kecil dari jumlah yang stabil karena skenario adalah cara pembobotan yang sama sekali lain (misalnya bobot sama rata atau bobot dari data), bukan geseran kecil dari bobot FGD.",
                sc.same_everywhere,
                sc.groups,
                sc.scenarios.len()
            ),
            Lang::En => format!(
                "{} of {} groups keep the same unggulan under all {} weighting scenarios. This is fewer than the stable count because a scenario is a wholly different way of weighting (equal weights, weights from the data), not a small shift of the FGD's weights.",
                sc.same_everywhere,
                sc.groups,
                sc.scenarios.len()
            ),
        }));
    }
    if !settled.is_empty() {
        doc.heading(3, "mantap", l("Yang sudah mantap", "What is settled"));
        doc.push(Block::Bullets(settled));
    }
}

/// "87 di tingkat kelurahan dan 15 di tingkat kecamatan": the groups per level.
fn level_breakdown(analysis: &Analysis, lang: Lang) -> String {
    let parts: Vec<String> = [Level::Kelurahan, Level::Kecamatan, Level::Kota]
        .into_iter()
        .filter_map(|level| {
            let n = analysis.selection.level(level).count();
            (n > 0).then(|| match lang {
                Lang::Id => format!("{n} di tingkat {}", level.id()),
                Lang::En => format!("{n} at {} level", level.id()),
            })
        })
        .collect();
    parts.join(lang.pick(" dan ", " and "))
}

/// " (27 peka terhadap satu bobot, 4 terlalu ketat)": the verdicts that are not stable, the
/// empty ones left out.
fn not_stable_counts(fairly: usize, sensitive: usize, too_close: usize, lang: Lang) -> String {
    let parts: Vec<String> = [
        (fairly, lang.pick("cukup stabil", "fairly stable")),
        (
            sensitive,
            lang.pick("peka terhadap satu bobot", "sensitive to one weight"),
        ),
        (too_close, lang.pick("terlalu ketat", "too close to call")),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// One cell of an unggulan table: the winners with product and score, a tie flag naming the
/// others.
fn winner_cell(study: &Study, g: &Group, lang: Lang) -> Text {
    let mut t = Text::new();
    for (k, e) in g.winners().enumerate() {
        let c = &study.candidates.list[e.candidate];
        if k > 0 {
            t = t.line_break();
        }
        let origin = if g.level == Level::Kelurahan {
            String::new()
        } else {
            format!(
                " · Kel. {}",
                study.regions.name_of(RegionRef::Kelurahan(c.kelurahan))
            )
        };
        t = t.strong(c.name.clone()).line_break().muted(format!(
            "{} · {}{origin}",
            c.product,
            lang.num(e.score, 4)
        ));
    }
    if t.is_empty() {
        return Text::new().muted(lang.pick("— (tidak ada kandidat)", "— (no candidates)"));
    }
    if g.tie_at_cut {
        let others: Vec<String> = g
            .order
            .iter()
            .map(|&k| &g.entries[k])
            .filter(|e| e.tied && !e.selected)
            .map(|e| candidate_label(study, e.candidate))
            .collect();
        t = t.push(" ").flag(match lang {
            Lang::Id => format!("seri dengan {}: diputuskan FGD", others.join(", ")),
            Lang::En => format!("tied with {}: FGD decides", others.join(", ")),
        });
    }
    t
}

fn unggulan(doc: &mut Document, analysis: &Analysis, lang: Lang, folder: &Folder, page: &Page) {
    let study = &analysis.study;
    let selection = &analysis.selection;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let cats: Vec<Text> = study
        .categories
        .iter()
        .map(|c| Text::plain(capitalise(c)))
        .collect();
    if page.part == Part::Main && study.level(Level::Kelurahan).is_some() {
        kecamatan_pages(doc, analysis, lang);
    } else if study.level(Level::Kelurahan).is_some() {
        doc.heading(
            2,
            "unggulan-kelurahan",
            l("Unggulan kelurahan", "Kelurahan unggulan"),
        );
        doc.paragraph(l(
            "Satu unggulan per kategori untuk setiap kelurahan, dengan produk dan nilai preferensi (0–1, makin besar makin baik). Nilai ini hanya membandingkan calon di dalam satu kelurahan dan satu kategori, dengan bobot FGD kelurahan itu sendiri; nilai antarkelurahan tidak dapat dibandingkan, dan 1 berarti terbaik pada semua kriteria di antara calon kelurahannya. Draf berita acara setiap kelurahan ada di folder berita_acara (nama kelurahan menautkan ke sana).",
            "The unggulan per category of every kelurahan, with its product and preference score (0–1, higher is better). The score compares candidates within one kelurahan and category only, with that kelurahan's own FGD weights: scores of different kelurahan cannot be compared, and 1 means best on every criterion among its kelurahan's candidates. Each kelurahan's draft berita acara (minutes) is in the berita_acara folder (the kelurahan name links to it).",
        ));
        for (ki, kec) in study.regions.kecamatan.iter().enumerate() {
            if !page.tabulates(RegionRef::Kecamatan(ki)) {
                continue;
            }
            let mut header = vec![Text::plain("Kelurahan")];
            header.extend(cats.iter().cloned());
            let mut t = Table::new(header);
            for (k, kel) in study
                .regions
                .kelurahan
                .iter()
                .enumerate()
                .filter(|(_, k)| k.kecamatan == ki)
            {
                let ba = berita_acara::file_name(study, k);
                let name = if folder.has(ba.as_str()) {
                    Text::new().link(kel.name.clone(), page.file(&ba))
                } else {
                    Text::plain(kel.name.clone())
                };
                let mut row = vec![name];
                row.extend((0..study.categories.len()).map(|c| {
                    selection
                        .find(RegionRef::Kelurahan(k), c)
                        .map_or_else(Text::new, |g| winner_cell(study, g, lang))
                }));
                t.row(row);
            }
            if t.rows.is_empty() {
                continue;
            }
            doc.heading(
                3,
                &format!("kecamatan-{}", ki + 1),
                format!("Kecamatan {} ({})", kec.name, kec.code),
            );
            doc.push(Block::Table(t));
        }
    }
    for level in [Level::Kecamatan, Level::Kota] {
        let groups: Vec<&Group> = match page.part {
            // A kecamatan page tabulates its own kecamatan's groups only: found by bisection,
            // not by a pass over the study's every group.
            Part::Kecamatan(k) if level == Level::Kecamatan => (0..study.categories.len())
                .filter_map(|c| selection.find(RegionRef::Kecamatan(k), c))
                .collect(),
            _ => selection.level(level).collect(),
        };
        if groups.is_empty() {
            continue;
        }
        let (id, title) = match level {
            Level::Kecamatan => (
                "unggulan-kecamatan",
                l("Unggulan kecamatan", "Kecamatan unggulan"),
            ),
            _ => ("unggulan-kota", l("Unggulan kota", "City unggulan")),
        };
        doc.heading(2, id, title);
        doc.paragraph(l(
            "Unggulan setiap kelurahan dibandingkan kembali dengan bobot hasil FGD tingkat ini; di bawah nama unggulan tertulis kelurahan asalnya.",
            "The unggulan of each kelurahan are compared again with the weights of this level's FGD; the kelurahan each comes from is named under it.",
        ));
        let mut header = vec![Text::plain(match level {
            Level::Kecamatan => "Kecamatan",
            _ => lang.pick("Kota", "City"),
        })];
        header.extend(cats.iter().cloned());
        let mut t = Table::new(header);
        let mut regions: Vec<RegionRef> = groups
            .iter()
            .map(|g| g.region)
            .filter(|&r| page.tabulates(r))
            .collect();
        regions.dedup();
        if regions.is_empty() {
            continue;
        }
        for region in regions {
            // The region's own berita acara, when the report has one (kecamatan FGDs do).
            let ba = format!("{}.html", berita_acara::file_stem(study, region));
            let name = if folder.has(ba.as_str()) {
                Text::new().link(study.regions.name_of(region).to_string(), page.file(&ba))
            } else {
                Text::plain(study.regions.name_of(region))
            };
            let mut row = vec![name];
            row.extend((0..study.categories.len()).map(|c| {
                selection
                    .find(region, c)
                    .map_or_else(Text::new, |g| winner_cell(study, g, lang))
            }));
            t.row(row);
        }
        doc.push(Block::Table(t));
    }
    let annex = format!("{}.html", super::annex::STEM);
    let annex_rows = format!("{}.csv", super::annex::STEM);
    if !folder.has(annex.as_str()) && folder.has(annex_rows.as_str()) && page.study_wide() {
        // Above a kabupaten's size the annex is a table only (see `report::render_to`).
        doc.push(Block::Paragraph(
            Text::plain(lang.pick(
                "Rekapitulasi usulan, satu baris per usulan: ",
                "The proposals summed up, one row each: ",
            ))
            .link(annex_rows.clone(), annex_rows)
            .push(lang.pick(
                ". Wilayah ini mencakup beberapa kabupaten atau kota, masing-masing dengan keputusannya sendiri: lampiran keputusan dibuat dari studi setiap kabupaten atau kota.",
                ". This area spans several kabupaten or kota, each with its own decree: each one's decree annex comes from its own study.",
            )),
        ));
    }
    if folder.has(annex.as_str()) && page.study_wide() {
        doc.push(Block::Paragraph(
            Text::plain(lang.pick(
                "Rekapitulasi usulan untuk lampiran keputusan: ",
                "The proposals summed up for the decree's annex: ",
            ))
            .link(annex.clone(), annex)
            .push(lang.pick(
                " (juga .docx untuk disunting di Word).",
                " (also as .docx to edit in Word).",
            )),
        ));
    }
    if let Some(&(overview, _)) = folder
        .charts
        .iter()
        .find(|(f, _)| f.starts_with("charts/overview") && page.part == Part::Whole)
    {
        doc.push(Block::Figure {
            path: overview.to_string(),
            caption: chart_caption(study, overview, lang),
        });
    }
}

/// A large study's index of kecamatan pages, with what needs attention in each.
fn kecamatan_pages(doc: &mut Document, analysis: &Analysis, lang: Lang) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    doc.heading(
        2,
        "unggulan-kelurahan",
        l(
            "Unggulan kelurahan per kecamatan",
            "Kelurahan unggulan by kecamatan",
        ),
    );
    doc.paragraph(l(
        "Wilayah ini terlalu besar untuk satu halaman: unggulan setiap kelurahan, bobot panelnya, kestabilannya dan grafiknya ada di halaman kecamatan masing-masing.",
        "This area is too large for one page: every kelurahan's unggulan, its panel's weights, its stability and its charts are on the page of its kecamatan.",
    ));
    let mut kelurahan = vec![0usize; study.regions.kecamatan.len()];
    for kel in &study.regions.kelurahan {
        kelurahan[kel.kecamatan] += 1;
    }
    let mut attention = vec![0usize; study.regions.kecamatan.len()];
    if let Some(s) = &analysis.sensitivity {
        for gs in &s.groups {
            let g = &analysis.selection.groups[gs.group];
            if let RegionRef::Kelurahan(i) = g.region
                && !matches!(
                    gs.verdict,
                    Verdict::Stable { .. } | Verdict::Unopposed | Verdict::Empty
                )
            {
                attention[study.regions.kelurahan[i].kecamatan] += 1;
            }
        }
    }
    let mut header = vec![Text::plain("Kecamatan"), Text::plain("Kelurahan")];
    if analysis.sensitivity.is_some() {
        header.push(Text::plain(l(
            "Unggulan kelurahan tidak stabil",
            "Kelurahan unggulan not stable",
        )));
    }
    let cols = header.len();
    let mut t = Table::new(header).numeric(1..cols);
    for (k, kec) in study.regions.kecamatan.iter().enumerate() {
        let mut row = vec![
            Text::new()
                .link(kec.name.clone(), kecamatan_page_name(study, k))
                .push(" ")
                .muted(kec.code.clone()),
            Text::plain(kelurahan[k].to_string()),
        ];
        if analysis.sensitivity.is_some() {
            row.push(Text::plain(attention[k].to_string()));
        }
        t.row(row);
    }
    doc.push(Block::Table(t));
}

/// Criteria names of a level's leaves in the report's language.
fn leaf_names(study: &Study, level_index: usize, lang: Lang) -> Vec<String> {
    let set = &study.levels[level_index].criteria;
    set.leaves
        .iter()
        .map(|&c| {
            lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en)
                .to_string()
        })
        .collect()
}

/// Per level: which criteria weigh most, how far the panels agree, and consistency, in words.
fn weights_in_words(doc: &mut Document, analysis: &Analysis, facts: &Facts, lang: Lang) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    doc.heading(
        2,
        "bobot",
        l(
            "Bobot kriteria dan konsistensi",
            "Criteria weights and consistency",
        ),
    );
    for (li, spec) in study.levels.iter().enumerate() {
        let names = leaf_names(study, li, lang);
        let vectors: Vec<&[f64]> = match &analysis.level_weights[li].fixed {
            Some((w, _)) => vec![w.as_slice()],
            None => analysis
                .panels
                .iter()
                .filter(|p| study.panels[p.panel].level == li)
                .map(|p| p.weights.as_slice())
                .collect(),
        };
        if vectors.is_empty() {
            continue;
        }
        let n = names.len();
        let mean: Vec<f64> = (0..n)
            .map(|j| vectors.iter().map(|v| v[j]).sum::<f64>() / vectors.len() as f64)
            .collect();
        let lo: Vec<f64> = (0..n)
            .map(|j| vectors.iter().map(|v| v[j]).fold(f64::INFINITY, f64::min))
            .collect();
        let hi: Vec<f64> = (0..n)
            .map(|j| {
                vectors
                    .iter()
                    .map(|v| v[j])
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| mean[b].total_cmp(&mean[a]).then(a.cmp(&b)));
        let panels = vectors.len() > 1;
        let source = match (&analysis.level_weights[li].fixed, lang) {
            (Some((_, WeightOrigin::Equal)), _) => {
                l("bobot sama rata", "equal weights").to_string()
            }
            (Some((_, WeightOrigin::Objective(_))), _) => l(
                "bobot objektif dari data",
                "objective weights from the data",
            )
            .to_string(),
            (Some(_), _) => l(
                "bobot ditetapkan dalam berkas studi",
                "weights given in the study file",
            )
            .to_string(),
            (None, Lang::Id) => format!("bobot dari penilaian {} panel FGD", vectors.len()),
            (None, Lang::En) => {
                format!("weights from the judgments of {} FGD panels", vectors.len())
            }
        };
        let top: Vec<String> = order
            .iter()
            .take(2)
            .map(|&j| format!("{} ({})", names[j], lang.percent(mean[j], 0)))
            .collect();
        let sentence = match lang {
            Lang::Id => format!(
                "Tingkat {}: {source}. Kriteria terberat{} {}.",
                spec.level.id(),
                if panels { " rata-rata" } else { "" },
                top.join(" dan ")
            ),
            Lang::En => format!(
                "{} level: {source}. The heaviest criteria{} are {}.",
                capitalise(spec.level.id()),
                if panels { " on average" } else { "" },
                top.join(" and ")
            ),
        };
        doc.paragraph(sentence);
        let mut header = vec![Text::plain(l("Kriteria", "Criterion"))];
        if vectors.len() > 1 {
            header.extend([
                Text::plain(l("Rata-rata", "Mean")),
                Text::plain(l("Terendah", "Lowest")),
                Text::plain(l("Tertinggi", "Highest")),
            ]);
        } else {
            header.push(Text::plain(l("Bobot", "Weight")));
        }
        let cols = header.len();
        let mut t = Table::new(header).numeric(1..cols);
        for &j in &order {
            let mut row = vec![
                Text::plain(names[j].clone()),
                Text::plain(lang.percent(mean[j], 0)),
            ];
            if vectors.len() > 1 {
                row.push(Text::plain(lang.percent(lo[j], 0)));
                row.push(Text::plain(lang.percent(hi[j], 0)));
            }
            t.row(row);
        }
        doc.push(Block::Table(t));
    }
    doc.paragraph(match lang {
        Lang::Id => format!(
            "Konsistensi: {}. Penilaian dianggap konsisten bila rasio konsistensinya (CR) paling besar {}; penilaian yang tidak konsisten {}.",
            participants_sentence(facts, study.method.consistency_threshold, lang),
            lang.num(study.method.consistency_threshold, 2),
            match study.method.inconsistent_participants {
                crate::model::InconsistentPolicy::Exclude => "tidak diikutkan dalam bobot panel",
                crate::model::InconsistentPolicy::Flag => "tetap diikutkan tetapi ditandai",
            }
        ),
        Lang::En => format!(
            "Consistency: {}. Judgments count as consistent when their consistency ratio (CR) is at most {}; inconsistent ones are {}.",
            participants_sentence(facts, study.method.consistency_threshold, lang),
            lang.num(study.method.consistency_threshold, 2),
            match study.method.inconsistent_participants {
                crate::model::InconsistentPolicy::Exclude => "left out of the panel's weights",
                crate::model::InconsistentPolicy::Flag => "kept but flagged",
            }
        ),
    });
}

fn verdict_row(analysis: &Analysis, group: usize, verdict: &Verdict, lang: Lang) -> Vec<Text> {
    let study = &analysis.study;
    let g = &analysis.selection.groups[group];
    let winner = g
        .winners()
        .next()
        .map_or_else(String::new, |e| candidate_label(study, e.candidate));
    vec![
        Text::plain(group_label(study, g, lang)),
        Text::plain(winner),
        Text::plain(verdict_text(analysis, g, verdict, lang)),
    ]
}

fn verdict_table(lang: Lang) -> Table {
    Table::new(vec![
        Text::plain(lang.pick("Kelompok", "Group")),
        Text::plain("Unggulan"),
        Text::plain(lang.pick("Putusan stabilitas", "Stability verdict")),
    ])
}

/// The groups whose unggulan is not stable; the stable ones are counted, not listed.
fn sensitivity_where_it_matters(doc: &mut Document, analysis: &Analysis, lang: Lang, page: &Page) {
    let Some(s) = &analysis.sensitivity else {
        return;
    };
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    doc.heading(
        2,
        "sensitivitas",
        l("Kestabilan unggulan", "How stable the unggulan are"),
    );
    doc.paragraph(l(
        "Bobot dari FGD adalah perkiraan. Analisis ini menggeser bobot secara acak dan satu per satu, lalu melihat apakah unggulan tetap menang. Tabel berikut hanya memuat unggulan yang tidak stabil; semua kelompok ada di Lampiran.",
        "Weights from an FGD are estimates. This analysis moves the weights at random and one at a time, and checks whether each unggulan still wins. The table lists only the unggulan that are not stable; every group is in the appendix.",
    ));
    let mut t = verdict_table(lang);
    for gs in page.here(&s.groups, |x| &x.sensitivity) {
        if matches!(
            gs.verdict,
            Verdict::Stable { .. } | Verdict::Unopposed | Verdict::Empty
        ) || !page.tabulates(analysis.selection.groups[gs.group].region)
        {
            continue;
        }
        t.row(verdict_row(analysis, gs.group, &gs.verdict, lang));
    }
    if page.part == Part::Main {
        doc.paragraph(l(
            "Unggulan kelurahan yang tidak stabil ada di halaman kecamatan masing-masing; di sini hanya tingkat kecamatan ke atas.",
            "The kelurahan unggulan that are not stable are on each kecamatan's page; here only the kecamatan level and above.",
        ));
    }
    if t.rows.is_empty() {
        doc.paragraph(l("Semua unggulan stabil.", "Every unggulan is stable."));
    } else {
        doc.push(Block::Table(t));
    }
}

fn scenarios_in_brief(doc: &mut Document, analysis: &Analysis, lang: Lang) {
    let Some(overview) = scenario_overview(analysis, lang) else {
        return;
    };
    doc.heading(
        2,
        "skenario",
        lang.pick("Skenario pembobotan", "Weighting scenarios"),
    );
    doc.paragraph(overview.headline);
    let header: Vec<Text> = overview
        .header
        .iter()
        .take(2)
        .map(|h| Text::plain(*h))
        .collect();
    let mut t = Table::new(header).numeric([1]);
    for row in &overview.rows {
        t.row(vec![
            Text::plain(row[0].clone()),
            Text::plain(row[1].clone()),
        ]);
    }
    doc.push(Block::Table(t));
}

fn methods_in_full(doc: &mut Document, analysis: &Analysis, lang: Lang) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    doc.heading(2, "metode", l("Metode", "Methods"));
    let mut t = Table::new(vec![
        Text::plain(l("Pilihan", "Choice")),
        Text::plain(l("Nilai", "Value")),
    ]);
    for c in method_choices(&study.method, lang) {
        let mut value = Text::plain(c.words.clone());
        if let Some(id) = c.id {
            value = value.push(" ").code(id);
        }
        t.row(vec![Text::plain(c.choice), value]);
    }
    doc.push(Block::Table(t));
    if let Some(intro) = sensitivity_intro(analysis, lang) {
        doc.heading(
            3,
            "metode-sensitivitas",
            l("Analisis sensitivitas", "Sensitivity analysis"),
        );
        doc.paragraph(intro.method);
        let rules: Vec<Text> = intro
            .rules
            .iter()
            .map(|(word, condition)| Text::new().strong(*word).push(format!(" {condition}")))
            .collect();
        doc.paragraph(format!("{}:", intro.rules_label));
        doc.push(Block::Bullets(rules));
        if !intro.notes.is_empty() {
            doc.push(Block::Bullets(
                intro.notes.into_iter().map(Text::plain).collect(),
            ));
        }
        doc.paragraph(intro.counts);
    }
}

fn weights_in_full(
    doc: &mut Document,
    analysis: &Analysis,
    facts: &Facts,
    lang: Lang,
    folder: &Folder,
    page: &Page,
) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    doc.heading(
        2,
        "bobot-lengkap",
        l(
            "Bobot per panel dan konsistensi",
            "Weights per panel and consistency",
        ),
    );
    for (li, spec) in study.levels.iter().enumerate() {
        let names = leaf_names(study, li, lang);
        let set = &spec.criteria;
        doc.heading(
            3,
            &format!("bobot-{}", spec.level.id()),
            format!(
                "{} {} ({})",
                l("Tingkat", "Level:"),
                spec.level.id(),
                lang.pick(&set.name_id, &set.name_en)
            ),
        );
        // Criteria as K1, K2… with a key: seven long names side by side do not fit a page.
        doc.paragraph(
            names
                .iter()
                .enumerate()
                .map(|(j, n)| format!("K{} = {n}", j + 1))
                .collect::<Vec<_>>()
                .join("; "),
        );
        let mut header = vec![Text::plain("Panel")];
        header.extend((1..=names.len()).map(|j| Text::plain(format!("K{j}"))));
        header.push(Text::plain("CR"));
        let cols = header.len();
        let mut t = Table::new(header).numeric(1..cols);
        match &analysis.level_weights[li].fixed {
            Some((w, _)) => {
                let mut row = vec![Text::plain(l("semua kelompok", "every group"))];
                row.extend(w.iter().map(|x| Text::plain(lang.num(*x, 4))));
                row.push(Text::plain("—"));
                t.row(row);
            }
            None => {
                for pw in page
                    .here(&analysis.panels, |x| &x.panels)
                    .into_iter()
                    .filter(|p| {
                        study.panels[p.panel].level == li
                            && page.tabulates(study.panels[p.panel].region)
                    })
                {
                    let panel = &study.panels[pw.panel];
                    let cr = pw
                        .group_nodes
                        .iter()
                        .filter_map(|n| n.cr)
                        .fold(0.0_f64, f64::max);
                    let mut row = vec![
                        Text::plain(study.regions.name_of(panel.region))
                            .push(" ")
                            .muted(study.regions.code_of(panel.region)),
                    ];
                    row.extend(pw.weights.iter().map(|x| Text::plain(lang.num(*x, 4))));
                    row.push(Text::plain(lang.num(cr, 3)));
                    t.row(row);
                }
            }
        }
        if !t.rows.is_empty() {
            doc.push(Block::Table(t));
        }
    }
    completed_judgments(doc, study, facts, lang, page);
    let inconsistent: Vec<_> = page
        .here(&facts.inconsistent, |x| &x.inconsistent)
        .into_iter()
        .filter(|seat| page.tabulates(study.panels[seat.panel].region))
        .collect();
    if inconsistent.is_empty() {
        return;
    }
    doc.heading(
        3,
        "konsistensi",
        l("Penilaian yang tidak konsisten", "Inconsistent judgments"),
    );
    let all_in = if folder.has("revisit.csv") {
        l(
            " Semuanya ada di revisit.csv.",
            " All of them are in revisit.csv.",
        )
    } else {
        ""
    };
    doc.paragraph(format!(
        "{}{all_in}",
        l(
            "Kolom terakhir menunjukkan penilaian yang paling perlu ditinjau ulang: nilai yang diberikan, nilai yang konsisten dengan bobot peserta itu, dan nilai skala Saaty terdekat.",
            "The last column shows the judgment most worth revisiting: the value given, the value consistent with that participant's weights, and the nearest value of Saaty's scale.",
        )
    ));
    let mut t = Table::new(vec![
        Text::plain("Panel"),
        Text::plain(l("Peserta", "Participant")),
        Text::plain("CR"),
        Text::plain(l("Diikutkan", "Included")),
        Text::plain(l("Tinjau ulang", "Revisit")),
    ])
    .numeric([2]);
    for seat in inconsistent {
        let pw = &analysis.panels[seat.panel];
        let panel = &study.panels[pw.panel];
        let set = &study.levels[panel.level].criteria;
        let r = &pw.participants[seat.participant];
        let person = &panel.participants[seat.participant];
        let cr = r.nodes.iter().filter_map(|n| n.cr).fold(0.0_f64, f64::max);
        let name = |c: usize| lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en);
        let hint = r
            .revisit
            .first()
            .and_then(|(node, d)| d.first().map(|d| (node, d)))
            .map_or_else(String::new, |(node, d)| {
                let ch = &set.nodes[*node].children;
                format!(
                    "{} : {}: {} → {} ({} {})",
                    name(ch[d.row]),
                    name(ch[d.col]),
                    fraction(d.given, lang),
                    lang.num(d.consistent, 2),
                    l("skala Saaty terdekat", "nearest Saaty value"),
                    fraction(d.suggested_saaty, lang)
                )
            });
        t.row(vec![
            Text::plain(study.regions.name_of(panel.region)),
            Text::plain(format!("{} ({})", person.id, person.role)),
            Text::plain(lang.num(cr, 3)),
            Text::plain(if r.included {
                l("ya", "yes")
            } else {
                l("tidak", "no")
            }),
            Text::plain(hint),
        ]);
    }
    doc.push(Block::Table(t));
}

/// The judgments participants skipped and the study filled in, with the values used: the
/// weights and CR of those participants rest on them.
fn completed_judgments(doc: &mut Document, study: &Study, facts: &Facts, lang: Lang, page: &Page) {
    let completed: Vec<_> = page
        .here(&facts.completed, |x| &x.completed)
        .into_iter()
        .filter(|seat| page.tabulates(study.panels[seat.panel].region))
        .collect();
    if completed.is_empty() {
        return;
    }
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let how = match study.method.missing_judgments {
        crate::model::MissingJudgments::Harker => {
            l("metode Harker (1987)", "Harker's (1987) method")
        }
        _ => l(
            "pelengkapan LLSM optimal (Bozóki, Fülöp & Rónyai 2010)",
            "the LLSM-optimal completion (Bozóki, Fülöp & Rónyai 2010)",
        ),
    };
    doc.heading(
        3,
        "dilengkapi",
        l("Penilaian yang dilengkapi", "Completed judgments"),
    );
    doc.paragraph(match lang {
        Lang::Id => format!(
            "{} set penilaian tidak menjawab semua pasangan; pasangan yang kosong dilengkapi dengan {how} dari jawaban lain peserta itu. Bobot dan CR peserta ini dihitung pada matriks yang telah dilengkapi.",
            completed.len()
        ),
        Lang::En => format!(
            "{} sets of judgments left pairs unanswered; the blanks were filled by {how} from that participant's other answers. These participants' weights and CR are computed on the completed matrices.",
            completed.len()
        ),
    });
    let mut t = Table::new(vec![
        Text::plain(l("Peserta", "Participant")),
        Text::plain(l("Pasangan yang dilengkapi", "Pairs filled in")),
    ]);
    for seat in completed {
        let panel = &study.panels[seat.panel];
        let set = &study.levels[panel.level].criteria;
        let name = |c: usize| lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en);
        let pairs: Vec<String> = panel.participants[seat.participant]
            .completed
            .iter()
            .map(|f| format!("{} : {} = {}", name(f.a), name(f.b), lang.num(f.value, 2)))
            .collect();
        t.row(vec![
            Text::plain(seat_label(study, seat.panel, seat.participant)),
            Text::plain(pairs.join("; ")),
        ]);
    }
    doc.push(Block::Table(t));
}

fn sensitivity_in_full(doc: &mut Document, analysis: &Analysis, lang: Lang, page: &Page) {
    let Some(s) = &analysis.sensitivity else {
        return;
    };
    doc.heading(
        2,
        "sensitivitas-lengkap",
        lang.pick("Kestabilan setiap kelompok", "Stability of every group"),
    );
    let mut t = verdict_table(lang);
    for gs in &s.groups {
        if page.tabulates(analysis.selection.groups[gs.group].region) {
            t.row(verdict_row(analysis, gs.group, &gs.verdict, lang));
        }
    }
    doc.push(Block::Table(t));
}

/// Every scenario's effect; a large study's main page leaves out the list of changed
/// unggulan (one line per group; `scenario_ranks.csv` has them all).
fn scenario_changes(doc: &mut Document, analysis: &Analysis, lang: Lang, counts_only: bool) {
    let Some(overview) = scenario_overview(analysis, lang) else {
        return;
    };
    doc.heading(
        2,
        "skenario-lengkap",
        lang.pick("Skenario pembobotan", "Weighting scenarios"),
    );
    let header: Vec<Text> = overview.header.iter().map(|h| Text::plain(*h)).collect();
    let mut t = Table::new(header).numeric(1..6);
    for row in &overview.rows {
        t.row(row.iter().map(|c| Text::plain(c.clone())).collect());
    }
    doc.push(Block::Table(t));
    doc.paragraph(overview.note);
    if !overview.changes.is_empty() && !counts_only {
        doc.paragraph(overview.changes_label);
        doc.push(Block::Bullets(
            overview.changes.into_iter().map(Text::plain).collect(),
        ));
    }
}

fn figures(doc: &mut Document, study: &Study, lang: Lang, folder: &Folder, page: &Page) {
    let images: Vec<&str> = folder
        .charts
        .iter()
        .filter(|(_, region)| match *region {
            // A large study's main page keeps to the study-wide charts; each region's are
            // on its kecamatan's page.
            Some(region) => page.part != Part::Main && page.tabulates(region),
            None => page.study_wide(),
        })
        .map(|&(f, _)| f)
        .collect();
    if images.is_empty() {
        return;
    }
    doc.heading(2, "grafik", lang.pick("Grafik", "Charts"));
    let mut by_kind: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for f in images {
        let dir = f.rsplit_once('/').map_or("charts", |(d, _)| d);
        let k = *slot.entry(dir).or_insert_with(|| {
            by_kind.push((dir, Vec::new()));
            by_kind.len() - 1
        });
        by_kind[k].1.push(f);
    }
    for (k, (_, members)) in by_kind.iter().enumerate() {
        let title = members
            .first()
            .and_then(|f| chart_kind(f, lang))
            .unwrap_or(lang.pick("Grafik lain", "Other charts"));
        doc.heading(3, &format!("grafik-{}", k + 1), title);
        for f in members {
            doc.push(Block::Figure {
                path: page.file(f),
                caption: chart_caption(study, f, lang),
            });
        }
    }
}

/// Every region by its code.
fn region_codes(study: &Study) -> HashMap<&str, RegionRef> {
    let mut codes = HashMap::new();
    for (i, k) in study.regions.kelurahan.iter().enumerate() {
        codes.insert(k.code.as_str(), RegionRef::Kelurahan(i));
    }
    for (i, k) in study.regions.kecamatan.iter().enumerate() {
        codes.insert(k.code.as_str(), RegionRef::Kecamatan(i));
    }
    codes
}

/// The region a chart file is about, from its name (`charts/kelurahan/<code>.svg`,
/// `charts/sensitivity/gradient/kelurahan-<code>-<category>.svg`, ...); `None` for the
/// study-wide ones.
fn chart_region(study: &Study, codes: &HashMap<&str, RegionRef>, file: &str) -> Option<RegionRef> {
    let stem = file.rsplit_once('/').map_or(file, |(_, f)| f);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let stem = ["kelurahan-", "kecamatan-", "kota-"]
        .iter()
        .find_map(|p| stem.strip_prefix(p))
        .unwrap_or(stem);
    if let Some(&region) = codes.get(stem) {
        return Some(region);
    }
    study.categories.iter().find_map(|c| {
        stem.strip_suffix(c.as_str())
            .and_then(|s| s.strip_suffix('-'))
            .and_then(|code| codes.get(code).copied())
    })
}

fn notes_and_files(doc: &mut Document, study: &Study, lang: Lang, files: &[String]) {
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    if !study.warnings.is_empty() {
        doc.heading(2, "catatan", l("Catatan", "Notes"));
        doc.push(Block::Bullets(
            study
                .warnings
                .iter()
                .map(|w| Text::plain(w.clone()))
                .collect(),
        ));
    }
    doc.heading(2, "berkas", l("Berkas", "Files"));
    let items = contents::entries(files)
        .into_iter()
        .map(|entry| {
            let t = Text::new().file(entry);
            match contents::describe(entry, lang) {
                Some(what) => t.push(format!(": {what}")),
                None => t,
            }
        })
        .collect();
    doc.push(Block::Bullets(items));
}

/// Participant `k` of panel `p` as "Kanigaran, P02 (lurah)".
fn seat_label(study: &Study, panel: usize, participant: usize) -> String {
    let pn = &study.panels[panel];
    let person = &pn.participants[participant];
    format!(
        "{}, {} ({})",
        study.regions.name_of(pn.region),
        person.id,
        person.role
    )
}

/// Criterion `row` vs `col` of a hierarchy node, by name.
fn pair_label(
    study: &Study,
    level: usize,
    node: usize,
    row: usize,
    col: usize,
    lang: Lang,
) -> String {
    let set = &study.levels[level].criteria;
    let ch = &set.nodes[node].children;
    let name = |c: usize| lang.pick(&set.criteria[c].name_id, &set.criteria[c].name_en);
    format!("{} : {}", name(ch[row]), name(ch[col]))
}

/// One bullet per kind of data finding, with a count and where to look.
fn check_bullets(analysis: &Analysis, facts: &Facts, lang: Lang, page: &Page) -> Vec<Text> {
    let study = &analysis.study;
    let on_page = |f: &&Finding| finding_on_page(analysis, f, page);
    let checks = page.here(&facts.checks, |x| &x.checks);
    let count = |id: &str| {
        checks
            .iter()
            .copied()
            .filter(on_page)
            .filter(|f| f.id() == id)
            .count()
    };
    let mut out = Vec::new();
    let reversed = count("reversed-judgment");
    // On a large study's main page the list is on the kecamatan pages.
    let where_listed = match (page.part, lang) {
        (Part::Main, Lang::Id) => "daftar di halaman kecamatan masing-masing",
        (Part::Main, Lang::En) => "listed on each kecamatan's page",
        (_, Lang::Id) => "daftar di Lampiran, bagian “Penilaian yang tampak terbalik”",
        (_, Lang::En) => "listed in the appendix section “Judgments that look reversed”",
    };
    if reversed > 0 {
        out.push(Text::plain(match lang {
            Lang::Id => format!(
                "{reversed} penilaian tampak terisi terbalik arah: kebalikannya cocok dengan penilaian lain peserta itu. Cocokkan dengan kuesioner kertasnya ({where_listed})."
            ),
            Lang::En => format!(
                "{reversed} judgments look entered the wrong way round: their reciprocal fits the participant's other judgments. Check them against the paper questionnaires ({where_listed})."
            ),
        }));
    }
    for f in checks.iter().copied().filter(on_page) {
        match f {
            Finding::SameName { group, candidates } => {
                let g = &analysis.selection.groups[*group];
                let ids: Vec<String> = candidates
                    .iter()
                    .map(|&c| {
                        let c = &study.candidates.list[c];
                        format!("{} ({}, {})", c.name, c.id, c.product)
                    })
                    .collect();
                out.push(Text::new().strong(group_label(study, g, lang)).push(match lang {
                    Lang::Id => format!(
                        ": nama sama untuk UMKM berbeda: {}. Pastikan bukan usaha yang sama tercatat dua kali.",
                        ids.join("; ")
                    ),
                    Lang::En => format!(
                        ": the same name for different UMKM: {}. Make sure one business is not recorded twice.",
                        ids.join("; ")
                    ),
                }));
            }
            Finding::MostlyConstantIndicator {
                level,
                criterion,
                count,
                candidates,
                groups,
                ..
            } => {
                let name = &leaf_names(study, *level, lang)[*criterion];
                out.push(Text::plain(match lang {
                    Lang::Id => format!(
                        "Indikator {name}: {count} dari {candidates} kandidat bernilai sama, tetapi tetap menentukan unggulan di {} kelompok. Periksa apakah datanya memang terkumpul.",
                        groups.len()
                    ),
                    Lang::En => format!(
                        "Indicator {name}: {count} of {candidates} candidates have the same value, yet it decides the unggulan in {} groups. Check that the data were really collected.",
                        groups.len()
                    ),
                }));
            }
            Finding::NarrowLead {
                group,
                winner,
                runner_up,
                lead,
                rounding,
            } => {
                let g = &analysis.selection.groups[*group];
                out.push(Text::new().strong(group_label(study, g, lang)).push(match lang {
                    Lang::Id => format!(
                        ": {} unggul atas {} hanya {}, tidak lebih dari yang dapat diubah oleh pembulatan data ({}). Perlakukan sebagai seri.",
                        candidate_label(study, *winner),
                        candidate_label(study, *runner_up),
                        lang.num(*lead, 4),
                        lang.num(*rounding, 4)
                    ),
                    Lang::En => format!(
                        ": {} leads {} by only {}, no more than rounding the data could change ({}). Treat it as a tie.",
                        candidate_label(study, *winner),
                        candidate_label(study, *runner_up),
                        lang.num(*lead, 4),
                        lang.num(*rounding, 4)
                    ),
                }));
            }
            // Counted above, or said with the inconsistent judgments.
            Finding::ReversedJudgment { .. } | Finding::ExcludedParticipants { .. } => {}
        }
    }
    out
}

/// Whether a data finding belongs on a page: by the region of its group or panel; findings
/// about a whole level are on the study-wide pages.
fn finding_on_page(analysis: &Analysis, f: &Finding, page: &Page) -> bool {
    let group_region = |g: usize| analysis.selection.groups[g].region;
    let panel_region = |p: usize| analysis.study.panels[p].region;
    match f {
        Finding::SameName { group, .. } | Finding::NarrowLead { group, .. } => {
            page.lists(group_region(*group))
        }
        Finding::ReversedJudgment { panel, .. } => page.lists(panel_region(*panel)),
        Finding::ExcludedParticipants { panel, .. } => page.lists(panel_region(*panel)),
        Finding::MostlyConstantIndicator { .. } => page.study_wide(),
    }
}

/// Every data finding, one row each.
fn checks_in_full(doc: &mut Document, analysis: &Analysis, facts: &Facts, lang: Lang, page: &Page) {
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let panel_region = |p: usize| study.panels[p].region;
    let reversed: Vec<&Finding> = page
        .here(&facts.checks, |x| &x.checks)
        .into_iter()
        .filter(|f| match f {
            Finding::ReversedJudgment { panel, .. } => page.tabulates(panel_region(*panel)),
            _ => false,
        })
        .collect();
    if reversed.is_empty() {
        return;
    }
    doc.heading(
        2,
        "pemeriksaan",
        l(
            "Penilaian yang tampak terbalik",
            "Judgments that look reversed",
        ),
    );
    doc.paragraph(l(
        "Nilai yang diisi jauh (3 kali atau lebih) dari nilai yang disiratkan penilaian lain peserta itu, sedangkan kebalikannya dekat. Ini tanda umum pasangan yang tertukar saat kuesioner diketik.",
        "The value given is far (3 times or more) from what the participant's other judgments imply, while its reciprocal is close: the usual sign of a pair swapped when a questionnaire was typed in.",
    ));
    let mut t = Table::new(vec![
        Text::plain(l("Peserta", "Participant")),
        Text::plain(l("Pasangan", "Pair")),
        Text::plain(l("Diisi", "Given")),
        Text::plain(l("Tersirat", "Implied")),
    ])
    .numeric([2, 3]);
    for f in reversed {
        if let Finding::ReversedJudgment {
            panel,
            participant,
            node,
            row,
            col,
            given,
            consistent,
        } = f
        {
            let level = study.panels[*panel].level;
            t.row(vec![
                Text::plain(seat_label(study, *panel, *participant)),
                Text::plain(pair_label(study, level, *node, *row, *col, lang)),
                Text::plain(fraction(*given, lang)),
                Text::plain(lang.num(*consistent, 2)),
            ]);
        }
    }
    doc.push(Block::Table(t));
}
