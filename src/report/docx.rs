//! A [`Document`] as an editable Word file (.docx, Office Open XML), for the offices that
//! edit and print in Word: the berita acara and the decree's annex.
//!
//! Written directly as WordprocessingML with the `zip` crate already used for the workbook,
//! rather than through a document crate, so that the bytes depend only on the document: every
//! zip entry carries the fixed date 1980-01-01 and no part records a creation time, and reruns
//! stay byte-identical. The page is the study's paper (A4 or F4) with margins of 3 cm left and
//! 2 cm elsewhere, page numbers in the footer, and table header rows repeated on every page.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use super::doc::{Align, Block, Document, NoteKind, Span, Table, Text, or_blank};
use crate::model::{ImageFormat, Logo, Paper};

/// Twentieths of a point per millimetre (Word measures pages in twips).
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Body text size in half-points (11.5 pt would not round-trip; 11 pt is the office norm).
const BODY_HALF_POINTS: u32 = 22;

/// Table text size in half-points.
const TABLE_HALF_POINTS: u32 = 19;

fn twips(mm: f64) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

/// XML text escape (data from the study ends up here: names, products, addresses).
fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

/// Run properties of one style of text.
#[derive(Clone, Copy, Default)]
struct RunStyle {
    bold: bool,
    underline: bool,
    mono: bool,
    muted: bool,
    flag: bool,
    half_points: Option<u32>,
}

fn run(o: &mut String, text: &str, style: RunStyle) {
    o.push_str("<w:r><w:rPr>");
    if style.mono {
        o.push_str("<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/>");
    }
    if style.bold || style.flag {
        o.push_str("<w:b/>");
    }
    if style.underline {
        o.push_str("<w:u w:val=\"single\"/>");
    }
    if style.muted {
        o.push_str("<w:color w:val=\"5B6670\"/>");
    }
    if style.flag {
        o.push_str("<w:color w:val=\"9B1C1C\"/>");
    }
    if let Some(h) = style.half_points {
        let _ = write!(o, "<w:sz w:val=\"{h}\"/><w:szCs w:val=\"{h}\"/>");
    }
    let _ = write!(
        o,
        "</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml(text)
    );
}

fn runs(o: &mut String, text: &Text, base: RunStyle) {
    for span in &text.0 {
        match span {
            Span::Plain(s) => run(o, s, base),
            Span::Strong(s) => run(o, s, RunStyle { bold: true, ..base }),
            Span::Code(s) | Span::File(s) => run(o, s, RunStyle { mono: true, ..base }),
            Span::Muted(s) => run(
                o,
                s,
                RunStyle {
                    muted: true,
                    ..base
                },
            ),
            Span::Link { text, .. } => run(o, text, base),
            Span::Flag(s) => run(o, &format!(" [{s}]"), RunStyle { flag: true, ..base }),
            Span::Break => o.push_str("<w:r><w:br/></w:r>"),
        }
    }
}

/// Paragraph properties.
#[derive(Clone, Copy, Default)]
struct Para {
    center: bool,
    right: bool,
    justify: bool,
    keep_next: bool,
    indent_mm: Option<f64>,
    hanging_mm: Option<f64>,
    border: bool,
    double_rule_below: bool,
    space_after_pt: Option<u32>,
}

fn paragraph(o: &mut String, p: Para, body: impl FnOnce(&mut String)) {
    o.push_str("<w:p><w:pPr>");
    if p.keep_next {
        o.push_str("<w:keepNext/>");
    }
    if p.border {
        o.push_str("<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"2\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"2\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"000000\"/></w:pBdr>");
    }
    if p.double_rule_below {
        o.push_str("<w:pBdr><w:bottom w:val=\"double\" w:sz=\"6\" w:space=\"2\" w:color=\"000000\"/></w:pBdr>");
    }
    let _ = write!(
        o,
        "<w:spacing w:before=\"0\" w:after=\"{}\"/>",
        p.space_after_pt.unwrap_or(6) * 20
    );
    if p.indent_mm.is_some() || p.hanging_mm.is_some() {
        let _ = write!(
            o,
            "<w:ind w:left=\"{}\" w:hanging=\"{}\"/>",
            twips(p.indent_mm.unwrap_or(0.0)),
            twips(p.hanging_mm.unwrap_or(0.0))
        );
    }
    if p.center {
        o.push_str("<w:jc w:val=\"center\"/>");
    } else if p.right {
        o.push_str("<w:jc w:val=\"right\"/>");
    } else if p.justify {
        o.push_str("<w:jc w:val=\"both\"/>");
    }
    o.push_str("</w:pPr>");
    body(o);
    o.push_str("</w:p>");
}

/// Characters of the longest word of a text (what a column cannot be narrower than).
fn longest_word(t: &Text) -> usize {
    t.0.iter()
        .filter_map(|s| match s {
            Span::Plain(x) | Span::Strong(x) | Span::Code(x) | Span::Muted(x) | Span::File(x) => {
                Some(x.as_str())
            }
            Span::Flag(x) | Span::Link { text: x, .. } => Some(x.as_str()),
            Span::Break => None,
        })
        .flat_map(str::split_whitespace)
        // Word and LibreOffice break after a hyphen.
        .flat_map(|w| w.split_inclusive('-'))
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// Width of a character of the table font, in twips, a little above the average so that a
/// bold header word fits (9.5 pt Liberation Serif: about half an em).
const TABLE_CHAR_TWIPS: f64 = 110.0;

/// Left plus right cell margin, in twips (see `tblCellMar`), with a little slack.
const CELL_MARGIN_TWIPS: f64 = 160.0;

/// Share of the text width given to a column left for writing by hand (less when the other
/// columns' words need the room).
const HANDWRITING_SHARE: f64 = 0.20;

/// Column widths in twips over the text width. Every column is at least as wide as its
/// longest word (so no word splits, "dipertimbangkan" included); the rest of the width goes
/// by each column's longest cell, so names wrap at words and numbers never split (Word and
/// LibreOffice otherwise give every column the same width). A column for handwriting gets
/// room to write in. Only when the words alone do not fit are all columns scaled down.
fn column_widths(t: &Table, text_width: u32) -> Vec<u32> {
    let n = t.header.len().max(1);
    let width = f64::from(text_width);
    let (min, room): (Vec<f64>, Vec<(f64, f64)>) = (0..n)
        .map(|c| {
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .chain(t.header.get(c));
            let (mut word, mut total) = (2usize, 2usize);
            for cell in cells {
                word = word.max(longest_word(cell));
                let len: usize = cell
                    .0
                    .iter()
                    .map(|s| match s {
                        Span::Plain(x) | Span::Strong(x) | Span::Muted(x) => x.chars().count(),
                        _ => 4,
                    })
                    .sum();
                total = total.max(len);
            }
            let words = word as f64 * TABLE_CHAR_TWIPS + CELL_MARGIN_TWIPS;
            let min = if t.handwriting.contains(&c) {
                words.max(HANDWRITING_SHARE * width)
            } else {
                words
            };
            // What the column would like beyond its longest word.
            let want = (total.min(24).saturating_sub(word)) as f64 + 1.0;
            (min, (want, words))
        })
        .unzip();
    let (room, words): (Vec<f64>, Vec<f64>) = room.into_iter().unzip();
    let mut min = min;
    // Short of room, a handwriting column gives back its extra space before any word splits.
    for &c in &t.handwriting {
        let others: f64 = min
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != c)
            .map(|(_, m)| m)
            .sum();
        if let Some(m) = min.get_mut(c) {
            *m = m
                .min(width - others)
                .max(words.get(c).copied().unwrap_or(0.0));
        }
    }
    let needed: f64 = min.iter().sum();
    let widths: Vec<f64> = if needed >= width {
        min.iter().map(|m| m / needed * width).collect()
    } else {
        let spare = width - needed;
        let total_room: f64 = room.iter().sum();
        min.iter()
            .zip(&room)
            .map(|(m, r)| m + spare * r / total_room)
            .collect()
    };
    widths.iter().map(|w| w.round() as u32).collect()
}

fn table(o: &mut String, t: &Table, text_width: u32) {
    let widths = column_widths(t, text_width);
    o.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            o,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    o.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in &widths {
        let _ = write!(o, "<w:gridCol w:w=\"{w}\"/>");
    }
    o.push_str("</w:tblGrid>");
    let cell = |o: &mut String, c: usize, text: &Text, align: Align, header: bool| {
        let _ = write!(
            o,
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
            widths.get(c).copied().unwrap_or(0)
        );
        if header {
            o.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEEEEE\"/>");
        }
        o.push_str("</w:tcPr>");
        paragraph(
            o,
            Para {
                right: align == Align::Right,
                space_after_pt: Some(0),
                ..Para::default()
            },
            |o| {
                runs(
                    o,
                    text,
                    RunStyle {
                        bold: header,
                        half_points: Some(TABLE_HALF_POINTS),
                        ..RunStyle::default()
                    },
                )
            },
        );
        o.push_str("</w:tc>");
    };
    // The header row repeats on every page and no row splits across pages.
    o.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, (h, a)) in t.header.iter().zip(&t.align).enumerate() {
        cell(o, c, h, *a, true);
    }
    o.push_str("</w:tr>");
    for row in &t.rows {
        o.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, (text, a)) in row.iter().zip(&t.align).enumerate() {
            cell(o, c, text, *a, false);
        }
        o.push_str("</w:tr>");
    }
    o.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and it gives the table room below.
    paragraph(o, Para::default(), |_| {});
}

/// Height of the kop's emblem, in mm (its width follows, at most [`LOGO_MAX_WIDTH_MM`]).
const LOGO_HEIGHT_MM: f64 = 22.0;

/// Widest emblem, in mm.
const LOGO_MAX_WIDTH_MM: f64 = 30.0;

/// English Metric Units per mm (DrawingML sizes).
const EMU_PER_MM: f64 = 36_000.0;

/// The emblem's printed size in mm, keeping its aspect ratio.
fn logo_mm(logo: &Logo) -> (f64, f64) {
    let ratio = f64::from(logo.width) / f64::from(logo.height.max(1));
    let w = LOGO_HEIGHT_MM * ratio;
    if w > LOGO_MAX_WIDTH_MM {
        (LOGO_MAX_WIDTH_MM, LOGO_MAX_WIDTH_MM / ratio)
    } else {
        (w, LOGO_HEIGHT_MM)
    }
}

/// Part name of the emblem in the package.
fn logo_part(logo: &Logo) -> String {
    format!("media/lambang.{}", logo.format.extension())
}

/// The emblem as an inline picture (DrawingML), pointing at the `rIdLogo` relationship.
fn drawing(logo: &Logo, w_mm: f64, h_mm: f64) -> String {
    let (cx, cy) = (
        (w_mm * EMU_PER_MM).round() as u64,
        (h_mm * EMU_PER_MM).round() as u64,
    );
    format!(
        "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"1\" name=\"Lambang daerah\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"{}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdLogo\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>",
        logo_part(logo).trim_start_matches("media/")
    )
}

/// The emblem printed in the .docx kop: a PNG or JPEG (an SVG is printed in HTML only, since
/// Word needs a bitmap beside it).
fn docx_logo(doc: &Document) -> Option<&Logo> {
    doc.blocks.iter().find_map(|b| match b {
        Block::Letterhead(_, Some(logo)) if logo.format != ImageFormat::Svg => Some(logo),
        _ => None,
    })
}

fn body_xml(doc: &Document, paper: Paper) -> String {
    let base = RunStyle::default();
    // The page less the margins (30 mm left, 20 mm right).
    let text_width = twips(paper.size_mm().0 - 50.0);
    let mut o = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => paragraph(
                &mut o,
                Para {
                    keep_next: true,
                    space_after_pt: Some(4),
                    ..Para::default()
                },
                |o| {
                    run(
                        o,
                        text,
                        RunStyle {
                            bold: true,
                            half_points: Some(if *level <= 1 { 28 } else { BODY_HALF_POINTS }),
                            ..base
                        },
                    )
                },
            ),
            Block::Paragraph(t) => paragraph(
                &mut o,
                Para {
                    // Word stretches a line that ends in a break: lines broken by hand stay left.
                    justify: !t.0.contains(&Span::Break),
                    ..Para::default()
                },
                |o| runs(o, t, base),
            ),
            Block::Bullets(items) => {
                for item in items {
                    paragraph(
                        &mut o,
                        Para {
                            justify: !item.0.contains(&Span::Break),
                            indent_mm: Some(6.0),
                            hanging_mm: Some(6.0),
                            space_after_pt: Some(3),
                            ..Para::default()
                        },
                        |o| {
                            run(o, "•\t", base);
                            runs(o, item, base);
                        },
                    );
                }
            }
            Block::Facts(pairs) => {
                for (label, value) in pairs {
                    paragraph(&mut o, Para::default(), |o| {
                        run(o, &format!("{label}: "), RunStyle { bold: true, ..base });
                        runs(o, value, base);
                    });
                }
            }
            Block::Table(t) => table(&mut o, t, text_width),
            Block::Note(kind, t) => paragraph(
                &mut o,
                Para {
                    border: true,
                    justify: !t.0.contains(&Span::Break),
                    ..Para::default()
                },
                |o| {
                    runs(
                        o,
                        t,
                        RunStyle {
                            bold: false,
                            muted: *kind == NoteKind::Info,
                            ..base
                        },
                    )
                },
            ),
            Block::Letterhead(lines, logo) => {
                let image = logo.as_ref().filter(|l| l.format != ImageFormat::Svg);
                let kop_line = |o: &mut String, i: usize, line: &str, last_ruled: bool| {
                    let last = i + 1 == lines.len();
                    paragraph(
                        o,
                        Para {
                            center: true,
                            space_after_pt: Some(if last && last_ruled { 12 } else { 0 }),
                            double_rule_below: last && last_ruled,
                            ..Para::default()
                        },
                        |o| {
                            run(
                                o,
                                line,
                                RunStyle {
                                    bold: true,
                                    half_points: Some(if i == 0 { 26 } else { BODY_HALF_POINTS }),
                                    ..base
                                },
                            )
                        },
                    );
                };
                match image {
                    None => {
                        for (i, line) in lines.iter().enumerate() {
                            kop_line(&mut o, i, line, true);
                        }
                    }
                    Some(logo) => {
                        // The emblem left, the lines centred right of it, in a borderless
                        // table (the row grows to the taller of the two), then the rule.
                        let (w_mm, h_mm) = logo_mm(logo);
                        let logo_col = twips(w_mm + 4.0);
                        let rest = text_width.saturating_sub(logo_col);
                        let _ = write!(
                            o,
                            "<w:tbl><w:tblPr><w:tblW w:w=\"{text_width}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w=\"{logo_col}\"/><w:gridCol w:w=\"{rest}\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"{logo_col}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r>{}</w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"{rest}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>",
                            drawing(logo, w_mm, h_mm)
                        );
                        for (i, line) in lines.iter().enumerate() {
                            kop_line(&mut o, i, line, false);
                        }
                        o.push_str("</w:tc></w:tr></w:tbl>");
                        paragraph(
                            &mut o,
                            Para {
                                space_after_pt: Some(12),
                                double_rule_below: true,
                                ..Para::default()
                            },
                            |_| {},
                        );
                    }
                }
            }
            Block::Centered(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    paragraph(
                        &mut o,
                        Para {
                            center: true,
                            space_after_pt: Some(if i + 1 == lines.len() { 12 } else { 2 }),
                            ..Para::default()
                        },
                        |o| {
                            let style = if i == 0 {
                                RunStyle {
                                    bold: true,
                                    underline: true,
                                    half_points: Some(26),
                                    ..base
                                }
                            } else {
                                base
                            };
                            runs(o, line, style);
                        },
                    );
                }
            }
            Block::Signatures(signatures) => {
                // Two to a row, in a table without borders.
                o.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
                for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    let _ = write!(o, "<w:{side} w:val=\"nil\"/>");
                }
                let half = text_width / 2;
                let _ = write!(
                    o,
                    "</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"{half}\"/><w:gridCol w:w=\"{half}\"/></w:tblGrid>"
                );
                for pair in signatures.chunks(2) {
                    o.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
                    // A lone last block (the "Mengetahui") is centred under the pair above.
                    let cells = pair.len();
                    for k in 0..cells {
                        if cells == 1 {
                            let _ = write!(
                                o,
                                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/></w:tcPr>",
                                2 * half
                            );
                        } else {
                            let _ = write!(
                                o,
                                "<w:tc><w:tcPr><w:tcW w:w=\"{half}\" w:type=\"dxa\"/></w:tcPr>"
                            );
                        }
                        match pair.get(k) {
                            Some(s) => {
                                let centered = Para {
                                    center: true,
                                    space_after_pt: Some(0),
                                    ..Para::default()
                                };
                                for line in &s.caption {
                                    paragraph(&mut o, centered, |o| run(o, line, base));
                                }
                                for _ in 0..4 {
                                    paragraph(&mut o, centered, |_| {});
                                }
                                paragraph(&mut o, centered, |o| {
                                    run(
                                        o,
                                        &or_blank(&s.name),
                                        RunStyle {
                                            bold: true,
                                            underline: true,
                                            ..base
                                        },
                                    )
                                });
                                if let Some(nip) = &s.nip {
                                    paragraph(&mut o, centered, |o| {
                                        run(o, &format!("NIP. {}", or_blank(nip)), base)
                                    });
                                }
                                paragraph(&mut o, centered, |_| {});
                            }
                            None => paragraph(&mut o, Para::default(), |_| {}),
                        }
                        o.push_str("</w:tc>");
                    }
                    o.push_str("</w:tr>");
                }
                o.push_str("</w:tbl>");
                paragraph(&mut o, Para::default(), |_| {});
            }
            Block::Aside(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    paragraph(
                        &mut o,
                        Para {
                            indent_mm: Some(paper.size_mm().0 / 2.0 - 25.0),
                            space_after_pt: Some(if i + 1 == lines.len() { 18 } else { 0 }),
                            ..Para::default()
                        },
                        |o| run(o, line, base),
                    );
                }
            }
            Block::PageBreak => paragraph(&mut o, Para::default(), |o| {
                o.push_str("<w:r><w:br w:type=\"page\"/></w:r>");
            }),
            Block::Figure { path, caption } => paragraph(&mut o, Para::default(), |o| {
                run(
                    o,
                    &format!("{caption} ({path})"),
                    RunStyle {
                        muted: true,
                        ..base
                    },
                )
            }),
        }
    }
    let (w, h) = paper.size_mm();
    let _ = write!(
        o,
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>",
        twips(w),
        twips(h),
        twips(20.0),
        twips(20.0),
        twips(20.0),
        twips(30.0)
    );
    o
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#
    )
}

/// The footer: "Halaman n dari m", right-aligned, from Word's PAGE and NUMPAGES fields.
fn footer() -> String {
    let field = |name: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {name} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {NS}><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">Halaman </w:t></w:r>{}<w:r><w:t xml:space="preserve"> dari </w:t></w:r>{}</w:p></w:ftr>"#,
        field("PAGE"),
        field("NUMPAGES")
    )
}

/// Core properties with the title only: no author, no dates, so the bytes stay the same.
fn core(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:language>id-ID</dc:language></cp:coreProperties>"#,
        xml(title)
    )
}

/// The document as .docx bytes on the given paper. Deterministic: the same document gives
/// the same bytes.
pub fn to_docx(doc: &Document, paper: Paper) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{}</w:body></w:document>",
        body_xml(doc, paper)
    );
    let logo = docx_logo(doc);
    let (mut content_types, mut document_rels) =
        (CONTENT_TYPES.to_string(), DOCUMENT_RELS.to_string());
    if let Some(logo) = logo {
        let ext = logo.format.extension();
        content_types = content_types.replacen(
            "<Default Extension=\"xml\"",
            &format!(
                "<Default Extension=\"{ext}\" ContentType=\"{}\"/><Default Extension=\"xml\"",
                logo.format.mime()
            ),
            1,
        );
        document_rels = document_rels.replacen(
            "</Relationships>",
            &format!(
                "<Relationship Id=\"rIdLogo\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{}\"/></Relationships>",
                logo_part(logo)
            ),
            1,
        );
    }
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(&doc.title)),
        ("word/_rels/document.xml.rels", document_rels),
        ("word/document.xml", document),
        ("word/styles.xml", styles()),
    ];
    let footer = footer();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts
        .iter()
        .map(|(n, c)| (*n, c.as_str()))
        .chain(std::iter::once(("word/footer1.xml", footer.as_str())))
    {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(content.as_bytes()).map_err(Into::into))
            .expect("writing to memory cannot fail");
    }
    if let Some(logo) = logo {
        zip.start_file(format!("word/{}", logo_part(logo)), options)
            .and_then(|()| zip.write_all(&logo.bytes).map_err(Into::into))
            .expect("writing to memory cannot fail");
    }
    zip.finish()
        .expect("writing to memory cannot fail")
        .into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{BLANK, Signature};
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    #[test]
    fn a_png_emblem_is_an_image_part_in_the_kop_and_an_svg_stays_out() {
        let logo = Logo {
            format: ImageFormat::Png,
            width: 200,
            height: 100,
            bytes: b"\x89PNG\r\n\x1a\nrest".to_vec(),
        };
        let mut d = Document::new("Uji", "");
        d.push(Block::Letterhead(
            vec!["PEMERINTAH KOTA UJI".into()],
            Some(logo.clone()),
        ));
        let bytes = to_docx(&d, Paper::A4);
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let mut image = Vec::new();
        archive
            .by_name("word/media/lambang.png")
            .unwrap()
            .read_to_end(&mut image)
            .unwrap();
        assert_eq!(image, logo.bytes);
        assert!(
            part(&bytes, "[Content_Types].xml")
                .contains("<Default Extension=\"png\" ContentType=\"image/png\"/>")
        );
        assert!(part(&bytes, "word/_rels/document.xml.rels")
            .contains("Id=\"rIdLogo\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/lambang.png\""));
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("<a:blip r:embed=\"rIdLogo\"/>"));
        // 2:1 emblem: 30 mm wide (the widest), 15 mm high.
        assert!(document.contains("<wp:extent cx=\"1080000\" cy=\"540000\"/>"));
        assert!(document.contains("PEMERINTAH KOTA UJI"));

        let svg = Logo {
            format: ImageFormat::Svg,
            ..logo
        };
        let mut d = Document::new("Uji", "");
        d.push(Block::Letterhead(
            vec!["PEMERINTAH KOTA UJI".into()],
            Some(svg),
        ));
        let bytes = to_docx(&d, Paper::A4);
        assert!(!part(&bytes, "word/document.xml").contains("rIdLogo"));
    }

    #[test]
    fn no_column_is_narrower_than_its_longest_word_and_handwriting_gets_room() {
        // The berita acara's candidate table on A4 (160 mm of text, 9071 twips).
        let mut t = Table::new(
            [
                "No",
                "Nama UMKM / kelompok",
                "Produk",
                "Pemilik / alamat",
                "K4",
                "K5",
                "K1",
            ]
            .into_iter()
            .chain(["Nilai preferensi", "Usulan"])
            .map(Text::plain)
            .collect(),
        )
        .handwriting(3);
        t.row(
            [
                "2",
                "Kelompok Tani Pendhalungan",
                "Hadrah-al-Banjari",
                "",
                "12",
                "1",
                "59,10",
            ]
            .into_iter()
            .chain(["0,3992", "dipertimbangkan"])
            .map(Text::plain)
            .collect(),
        );
        let widths = column_widths(&t, 9071);
        let fits = |c: usize, word: &str| {
            f64::from(widths[c]) >= word.chars().count() as f64 * TABLE_CHAR_TWIPS
        };
        assert!(fits(0, "No"));
        assert!(fits(1, "Pendhalungan"));
        assert!(fits(7, "preferensi"));
        assert!(fits(8, "dipertimbangkan"));
        // The empty owner/address column gets the room the words leave: here more than the
        // name column, though less than its fifth of the width.
        assert!(widths[3] > widths[1], "{widths:?}");
        assert!(f64::from(widths[3]) <= HANDWRITING_SHARE * 9071.0 + 1.0);
        let total: u32 = widths.iter().sum();
        assert!(total.abs_diff(9071) <= widths.len() as u32);
    }

    #[test]
    fn a_docx_holds_the_text_escaped_on_the_paper_asked_for() {
        let mut d = Document::new("Uji", "");
        d.push(Block::Letterhead(
            vec!["PEMERINTAH KOTA <UJI>".into()],
            None,
        ));
        d.paragraph(Text::plain("UD \"Sari\" & Co").strong("unggulan"));
        let mut t = Table::new(vec!["No".into(), "Nama".into()]).numeric([0]);
        t.row(vec!["1".into(), "Batik".into()]);
        d.push(Block::Table(t));
        d.push(Block::Signatures(vec![Signature {
            caption: vec!["Mengetahui,".into()],
            name: String::new(),
            nip: Some(String::new()),
        }]));
        let a = to_docx(&d, Paper::F4);
        assert_eq!(a, to_docx(&d, Paper::F4), "same document, same bytes");
        let x = part(&a, "word/document.xml");
        assert!(x.contains("PEMERINTAH KOTA &lt;UJI&gt;"));
        assert!(x.contains("UD &quot;Sari&quot; &amp; Co"));
        assert!(x.contains("<w:tblHeader/>"));
        assert!(x.contains(&format!("NIP. {BLANK}")));
        assert!(x.contains("<w:pgSz w:w=\"12189\" w:h=\"18709\"/>"), "F4");
        let a4 = part(&to_docx(&d, Paper::A4), "word/document.xml");
        assert!(a4.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
        assert!(part(&a, "word/footer1.xml").contains(" PAGE "));
    }
}
