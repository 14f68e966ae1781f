//! The document model of the text reports: content is built once as sections, paragraphs,
//! tables, figures and notes, and each format (Markdown, HTML) only adds its syntax, as
//! hyperfine's markup exporters share one table builder. Nothing here knows the study.

use std::fmt::Write;

use super::html::{escape, url_path};

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Plain(String),
    /// Emphasised text (a key word, a verdict).
    Strong(String),
    /// A file name, an identifier or a study-file value.
    Code(String),
    /// Muted text (codes, units).
    Muted(String),
    /// A file of the report, named by its path and linked to it.
    File(String),
    /// A link to a file of the report.
    Link {
        /// Text shown.
        text: String,
        /// Relative path, not yet percent-encoded.
        href: String,
    },
    /// A small tag that flags a cell (e.g. a tie the FGD must decide).
    Flag(String),
    /// A line break within a cell or paragraph.
    Break,
}

/// Inline text: spans in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub Vec<Span>);

impl Text {
    /// Empty text.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Plain text.
    pub fn plain(s: impl Into<String>) -> Self {
        Self(vec![Span::Plain(s.into())])
    }

    /// Adds plain text.
    pub fn push(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Plain(s.into()));
        self
    }

    /// Adds emphasised text.
    pub fn strong(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Strong(s.into()));
        self
    }

    /// Adds code.
    pub fn code(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Code(s.into()));
        self
    }

    /// Adds muted text.
    pub fn muted(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Muted(s.into()));
        self
    }

    /// Adds a file of the report, linked.
    pub fn file(mut self, path: impl Into<String>) -> Self {
        self.0.push(Span::File(path.into()));
        self
    }

    /// Adds a link to a file of the report.
    pub fn link(mut self, text: impl Into<String>, href: impl Into<String>) -> Self {
        self.0.push(Span::Link {
            text: text.into(),
            href: href.into(),
        });
        self
    }

    /// Adds a flag.
    pub fn flag(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Flag(s.into()));
        self
    }

    /// Adds a line break.
    pub fn line_break(mut self) -> Self {
        self.0.push(Span::Break);
        self
    }

    /// Appends another text.
    pub fn append(mut self, other: Text) -> Self {
        self.0.extend(other.0);
        self
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::plain(s)
    }
}

/// Alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A table: a header row, body rows, column alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column headings.
    pub header: Vec<Text>,
    /// Alignment per column.
    pub align: Vec<Align>,
    /// Body rows, each as long as the header.
    pub rows: Vec<Vec<Text>>,
    /// Columns left for writing by hand (an owner or address the data does not give): printed
    /// with room to write, however short their cells.
    pub handwriting: Vec<usize>,
}

impl Table {
    /// A table with left-aligned columns.
    pub fn new(header: Vec<Text>) -> Self {
        let align = vec![Align::Left; header.len()];
        Self {
            header,
            align,
            rows: Vec::new(),
            handwriting: Vec::new(),
        }
    }

    /// Leaves room to write by hand in the given column.
    pub fn handwriting(mut self, column: usize) -> Self {
        self.handwriting.push(column);
        self
    }

    /// Right-aligns the given columns (numbers).
    pub fn numeric(mut self, columns: impl IntoIterator<Item = usize>) -> Self {
        for c in columns {
            if let Some(a) = self.align.get_mut(c) {
                *a = Align::Right;
            }
        }
        self
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<Text>) {
        self.rows.push(cells);
    }
}

/// The kind of a boxed note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Background a reader should know (illustrative data, a method caveat).
    Info,
    /// Something the FGD must decide or a planner must check.
    Action,
}

/// Standard base64 (RFC 4648, with padding), for images embedded as `data:` URIs.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading: level 1 (part), 2 (section) or 3 (subsection), with an anchor.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// Anchor, unique in the document.
        id: String,
        /// Title.
        text: String,
    },
    /// A paragraph.
    Paragraph(Text),
    /// A bulleted list.
    Bullets(Vec<Text>),
    /// Label–value pairs (the key facts of a run).
    Facts(Vec<(String, Text)>),
    /// A table.
    Table(Table),
    /// A boxed note.
    Note(NoteKind, Text),
    /// The kop of an official letter: centred lines over a double rule, with the regional
    /// emblem on the left when there is one.
    Letterhead(Vec<String>, Option<crate::model::Logo>),
    /// Lines at the top right of the page (the heading of a decree's annex).
    Aside(Vec<String>),
    /// Centred lines (a title block: "BERITA ACARA", the subject, the number).
    Centered(Vec<Text>),
    /// Signature blocks side by side, two to a row.
    Signatures(Vec<Signature>),
    /// The next block starts a new page (an attachment).
    PageBreak,
    /// A chart: the file and its one-line caption.
    Figure {
        /// Relative path of the image (SVG preferred).
        path: String,
        /// One short line.
        caption: String,
    },
}

/// A signature block: who signs in what capacity, then the space to sign, the name and NIP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Lines above the space ("Mengetahui,", "Lurah Ketapang").
    pub caption: Vec<String>,
    /// Full name as signed; empty leaves a dotted line to fill by hand.
    pub name: String,
    /// `None`: no NIP line; `Some("")`: a dotted NIP line; otherwise the NIP.
    pub nip: Option<String>,
}

/// A dotted line to fill by hand, where the data do not say (never an invented value).
pub const BLANK: &str = "..............................";

/// The text of a value from the data, or [`BLANK`] where the data are silent.
pub fn or_blank(value: &str) -> String {
    if value.trim().is_empty() {
        BLANK.to_string()
    } else {
        value.to_string()
    }
}

/// A whole document: a title, a subtitle line, and its blocks in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Title (the study's name).
    pub title: String,
    /// What the document is, in one line.
    pub subtitle: String,
    /// Content.
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty document.
    pub fn new(title: impl Into<String>, subtitle: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            subtitle: subtitle.into(),
            blocks: Vec::new(),
        }
    }

    /// Adds a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Adds a heading.
    pub fn heading(&mut self, level: u8, id: &str, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            id: id.to_string(),
            text: text.into(),
        });
    }

    /// Adds a paragraph.
    pub fn paragraph(&mut self, text: impl Into<Text>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// Escapes text from input data for Markdown (pipes, HTML angle brackets, emphasis marks,
/// newlines), so a name never turns into markup or breaks a table.
pub fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => o.push_str("\\\\"),
            '|' => o.push_str("\\|"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '*' => o.push_str("\\*"),
            '_' => o.push_str("\\_"),
            '`' => o.push_str("\\`"),
            '[' => o.push_str("\\["),
            ']' => o.push_str("\\]"),
            '\n' | '\r' => o.push(' '),
            _ => o.push(ch),
        }
    }
    o
}

fn md_text(t: &Text) -> String {
    let mut o = String::new();
    for span in &t.0 {
        match span {
            Span::Plain(s) | Span::Muted(s) => o.push_str(&md_escape(s)),
            Span::Strong(s) => {
                let _ = write!(o, "**{}**", md_escape(s));
            }
            Span::Flag(s) => {
                let _ = write!(o, "**({})**", md_escape(s));
            }
            Span::Code(s) | Span::File(s) => {
                let _ = write!(o, "`{}`", s.replace('`', "'").replace(['\n', '\r'], " "));
            }
            Span::Link { text, href } => {
                let _ = write!(o, "[{}]({})", md_escape(text), self::href(href));
            }
            Span::Break => o.push_str("<br>"),
        }
    }
    o
}

/// The document as Markdown (GitHub-flavoured tables).
pub fn to_markdown(doc: &Document) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md_escape(&doc.title));
    if !doc.subtitle.is_empty() {
        let _ = writeln!(o, "{}\n", md_escape(&doc.subtitle));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                // Parts share the title's `#`; sections are `##`, subsections `###`.
                let hashes = "#".repeat(usize::from((*level).clamp(1, 3)));
                let _ = writeln!(o, "{hashes} {}\n", md_escape(text));
            }
            Block::Paragraph(t) => {
                let _ = writeln!(o, "{}\n", md_text(t));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(o, "- {}", md_text(item));
                }
                o.push('\n');
            }
            Block::Facts(pairs) => {
                for (label, value) in pairs {
                    let _ = writeln!(o, "- {}: {}", md_escape(label), md_text(value));
                }
                o.push('\n');
            }
            Block::Table(t) => {
                let head: Vec<String> = t.header.iter().map(md_text).collect();
                let _ = writeln!(o, "| {} |", head.join(" | "));
                let rule: Vec<&str> = t
                    .align
                    .iter()
                    .map(|a| match a {
                        Align::Left => "---",
                        Align::Right => "---:",
                    })
                    .collect();
                let _ = writeln!(o, "|{}|", rule.join("|"));
                for row in &t.rows {
                    let cells: Vec<String> = row.iter().map(md_text).collect();
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
                o.push('\n');
            }
            Block::Note(_, t) => {
                let _ = writeln!(o, "> {}\n", md_text(t));
            }
            Block::Letterhead(lines, _) => {
                for line in lines {
                    let _ = writeln!(o, "**{}**  ", md_escape(line));
                }
                o.push_str("\n---\n\n");
            }
            Block::Centered(lines) => {
                for line in lines {
                    let _ = writeln!(o, "{}  ", md_text(line));
                }
                o.push('\n');
            }
            Block::Signatures(signatures) => {
                for s in signatures {
                    let _ = writeln!(
                        o,
                        "- {}: {}{}",
                        md_escape(&s.caption.join(" ")),
                        md_escape(&or_blank(&s.name)),
                        s.nip.as_ref().map_or_else(String::new, |n| format!(
                            ", NIP {}",
                            md_escape(&or_blank(n))
                        ))
                    );
                }
                o.push('\n');
            }
            Block::PageBreak => o.push_str("---\n\n"),
            Block::Aside(lines) => {
                for line in lines {
                    let _ = writeln!(o, "{}  ", md_escape(line));
                }
                o.push('\n');
            }
            Block::Figure { path, caption } => {
                let _ = writeln!(o, "![{}]({})\n", md_escape(caption), url_path(path));
            }
        }
    }
    o
}

// ---------------------------------------------------------------------------------------------
// HTML

fn html_text(t: &Text) -> String {
    let mut o = String::new();
    for span in &t.0 {
        match span {
            Span::Plain(s) => o.push_str(&escape(s)),
            Span::Strong(s) => {
                let _ = write!(o, "<strong>{}</strong>", escape(s));
            }
            Span::Code(s) => {
                let _ = write!(o, "<code>{}</code>", escape(s));
            }
            Span::File(path) => {
                let _ = write!(
                    o,
                    "<a href=\"{}\"><code>{}</code></a>",
                    url_path(path),
                    escape(path)
                );
            }
            Span::Muted(s) => {
                let _ = write!(o, "<span class=\"muted\">{}</span>", escape(s));
            }
            Span::Flag(s) => {
                let _ = write!(o, "<span class=\"tag\">{}</span>", escape(s));
            }
            Span::Link { text, href } => {
                let _ = write!(o, "<a href=\"{}\">{}</a>", self::href(href), escape(text));
            }
            Span::Break => o.push_str("<br>"),
        }
    }
    o
}

/// A link target: the path percent-encoded, an anchor after `#` kept.
fn href(target: &str) -> String {
    match target.split_once('#') {
        Some((path, anchor)) => format!("{}#{}", url_path(path), url_path(anchor)),
        None => url_path(target),
    }
}

/// How an HTML page is printed and headed.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    /// `lang` attribute.
    pub lang: &'static str,
    /// Paper width and height in millimetres (A4 210 × 297, F4 215 × 330).
    pub paper_mm: (f64, f64),
    /// Text of the running head (printed at the top of every page but the first).
    pub running_head: String,
    /// "Halaman" / "Page", before the page number in the footer.
    pub page_word: String,
    /// Title of the table of contents ("Daftar isi").
    pub contents_word: String,
    /// Inline SVG of figures by path; figures not here are linked as `<img>`.
    pub inline_svgs: std::collections::HashMap<String, String>,
}

/// The style sheet of every HTML document: a printable page on the paper the study asks for,
/// page numbers and running heads from `@page` margin boxes (which Chromium honours), headings
/// kept with what follows, tables that wrap instead of overflowing the margin.
pub fn stylesheet(setup: &PageSetup) -> String {
    let (w, h) = setup.paper_mm;
    format!(
        r#"@page {{ size: {w}mm {h}mm; margin: 20mm 20mm 22mm 30mm;
  @bottom-right {{ content: "{page} " counter(page) " / " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #5b6670; }}
  @top-left {{ content: "{head}"; font: 8pt "DejaVu Sans", Arial, sans-serif; color: #5b6670; }} }}
@page :first {{ @top-left {{ content: none; }} }}
* {{ box-sizing: border-box; }}
html {{ background: #eef1f4; }}
body {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt;
  line-height: 1.4; color: #1a1a1a; background: #fff; max-width: {w}mm; margin: 0 auto;
  padding: 16mm 18mm 20mm 24mm; }}
h1 {{ font-size: 17pt; margin: 0 0 2mm; color: #12355b; }}
h1.part {{ font-size: 15pt; border-top: 3pt solid #12355b; padding-top: 3mm; margin-top: 10mm; }}
h2 {{ font-size: 13pt; color: #12355b; border-bottom: 1.2pt solid #12355b; padding-bottom: 1mm; margin: 8mm 0 3mm; }}
h3 {{ font-size: 11pt; color: #12355b; margin: 5mm 0 2mm; }}
h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
p, li {{ orphans: 3; widows: 3; }}
p {{ margin: 1.5mm 0 2.5mm; }}
a {{ color: #12355b; }}
code {{ font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.6pt; table-layout: auto; }}
th, td {{ border: 0.6pt solid #9aa5b1; padding: 1mm 1.4mm; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }}
thead th {{ background: #dde5ee; font-weight: bold; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
tbody tr:nth-child(even) td {{ background: #f7f9fb; }}
.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
.muted {{ color: #5b6670; }}
.note {{ border-left: 3pt solid #12355b; background: #eef3f8; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }}
.note.action {{ border-left-color: #b7791f; background: #fdf6e7; }}
.tag {{ display: inline-block; border: 0.6pt solid #9b1c1c; color: #9b1c1c; border-radius: 1mm;
  padding: 0 1mm; font-size: 7.6pt; font-weight: bold; }}
.cover {{ border-top: 5pt solid #12355b; padding-top: 5mm; margin-bottom: 4mm; }}
.subtitle {{ font-size: 12pt; margin: 0 0 2mm; }}
nav.toc {{ border: 0.6pt solid #9aa5b1; padding: 3mm 5mm; margin: 4mm 0; break-inside: avoid; }}
nav.toc h2 {{ border: none; margin: 0 0 1mm; padding: 0; font-size: 11pt; }}
nav.toc ol {{ margin: 0; padding-left: 5mm; list-style: none; }}
nav.toc li.l1 {{ list-style: none; margin-left: -5mm; font-weight: bold; margin-top: 1mm; }}
dl.facts {{ display: grid; grid-template-columns: 50mm 1fr; gap: 1mm 4mm; margin: 2mm 0 4mm; }}
dl.facts dt {{ font-weight: bold; color: #33414e; }}
dl.facts dd {{ margin: 0; }}
figure {{ margin: 0 0 4mm; break-inside: avoid; }}
figure img, figure svg {{ display: block; width: 100%; height: auto; border: 0.6pt solid #c9d1d9; background: #fff; }}
figcaption {{ font-size: 8.4pt; color: #33414e; margin-top: 1mm; }}
@media print {{
  html {{ background: #fff; }}
  body {{ max-width: none; margin: 0; padding: 0; font-size: 9.6pt; }}
  a {{ color: inherit; text-decoration: none; }}
  h1.part {{ break-before: page; margin-top: 0; }}
}}
"#,
        page = css_string(&setup.page_word),
        head = css_string(&setup.running_head),
    )
}

/// A CSS string literal's content: quotes and backslashes escaped, no newlines.
fn css_string(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\n', '\r'], " ")
        .replace('<', "\\3C ")
}

/// The blocks as HTML: the body and the table of contents' items (parts and sections).
fn html_blocks(blocks: &[Block], setup: &PageSetup) -> (String, String) {
    let mut body = String::new();
    let mut toc = String::new();
    let mut open_sub = false;
    for block in blocks {
        match block {
            Block::Heading { level, id, text } => {
                let id = escape(id);
                let text = escape(text);
                match level {
                    1 => {
                        let _ = writeln!(body, "<h1 class=\"part\" id=\"{id}\">{text}</h1>");
                        if open_sub {
                            toc.push_str("</ol></li>\n");
                        }
                        let _ = write!(toc, "<li class=\"l1\"><a href=\"#{id}\">{text}</a>");
                        toc.push_str("<ol>\n");
                        open_sub = true;
                    }
                    2 => {
                        let _ = writeln!(body, "<h2 id=\"{id}\">{text}</h2>");
                        let _ = writeln!(toc, "<li><a href=\"#{id}\">{text}</a></li>");
                    }
                    _ => {
                        let _ = writeln!(body, "<h3 id=\"{id}\">{text}</h3>");
                    }
                }
            }
            Block::Paragraph(t) => {
                let _ = writeln!(body, "<p>{}</p>", html_text(t));
            }
            Block::Bullets(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(body, "<li>{}</li>", html_text(item));
                }
                body.push_str("</ul>\n");
            }
            Block::Facts(pairs) => {
                body.push_str("<dl class=\"facts\">\n");
                for (label, value) in pairs {
                    let _ = writeln!(
                        body,
                        "<dt>{}</dt><dd>{}</dd>",
                        escape(label),
                        html_text(value)
                    );
                }
                body.push_str("</dl>\n");
            }
            Block::Table(t) => {
                body.push_str("<table>\n<thead><tr>");
                for (c, (h, a)) in t.header.iter().zip(&t.align).enumerate() {
                    let class = if *a == Align::Right {
                        " class=\"num\""
                    } else if t.handwriting.contains(&c) {
                        " class=\"handwriting\""
                    } else {
                        ""
                    };
                    let _ = write!(body, "<th{class}>{}</th>", html_text(h));
                }
                body.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    body.push_str("<tr>");
                    for (c, a) in row.iter().zip(&t.align) {
                        let class = if *a == Align::Right {
                            " class=\"num\""
                        } else {
                            ""
                        };
                        let _ = write!(body, "<td{class}>{}</td>", html_text(c));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody></table>\n");
            }
            Block::Note(kind, t) => {
                let class = match kind {
                    NoteKind::Info => "note",
                    NoteKind::Action => "note action",
                };
                let _ = writeln!(body, "<div class=\"{class}\">{}</div>", html_text(t));
            }
            Block::Letterhead(lines, logo) => {
                body.push_str("<div class=\"kop\">");
                if let Some(logo) = logo {
                    let _ = write!(
                        body,
                        "<img class=\"logo\" alt=\"lambang daerah\" src=\"data:{};base64,{}\">",
                        logo.format.mime(),
                        base64(&logo.bytes)
                    );
                }
                body.push_str("<div class=\"kop-lines\">");
                for line in lines {
                    let _ = write!(body, "<p>{}</p>", escape(line));
                }
                body.push_str("</div></div>\n");
            }
            Block::Centered(lines) => {
                body.push_str("<div class=\"centered\">");
                for line in lines {
                    let _ = write!(body, "<p>{}</p>", html_text(line));
                }
                body.push_str("</div>\n");
            }
            Block::Signatures(signatures) => {
                body.push_str("<div class=\"signatures\">");
                for s in signatures {
                    body.push_str("<div class=\"signature\">");
                    for line in &s.caption {
                        // An empty caption line keeps two blocks level (&nbsp; holds its height).
                        let line = if line.is_empty() { "\u{a0}" } else { line };
                        let _ = write!(body, "<p>{}</p>", escape(line));
                    }
                    let _ = write!(
                        body,
                        "<div class=\"space\"></div><p class=\"name\">{}</p>",
                        escape(&or_blank(&s.name))
                    );
                    if let Some(nip) = &s.nip {
                        let _ = write!(body, "<p>NIP. {}</p>", escape(&or_blank(nip)));
                    }
                    body.push_str("</div>");
                }
                body.push_str("</div>\n");
            }
            Block::PageBreak => body.push_str("<div class=\"page-break\"></div>\n"),
            Block::Aside(lines) => {
                body.push_str("<div class=\"aside\">");
                for line in lines {
                    let _ = write!(body, "<p>{}</p>", escape(line));
                }
                body.push_str("</div>\n");
            }
            Block::Figure { path, caption } => {
                let image = match setup.inline_svgs.get(path) {
                    Some(svg) => svg.clone(),
                    None => format!(
                        "<img src=\"{}\" alt=\"{}\">",
                        url_path(path),
                        escape(caption)
                    ),
                };
                let _ = writeln!(
                    body,
                    "<figure>{image}<figcaption>{}</figcaption></figure>",
                    escape(caption)
                );
            }
        }
    }
    if open_sub {
        toc.push_str("</ol></li>\n");
    }
    (body, toc)
}

/// The document as one self-contained HTML page with a table of contents.
pub fn to_html(doc: &Document, setup: &PageSetup) -> String {
    let (body, toc) = html_blocks(&doc.blocks, setup);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        setup.lang,
        escape(&doc.title),
        stylesheet(setup)
    );
    let _ = writeln!(
        o,
        "<header class=\"cover\"><h1>{}</h1><p class=\"subtitle\">{}</p></header>",
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    if !toc.is_empty() {
        let _ = writeln!(
            o,
            "<nav class=\"toc\"><h2>{}</h2><ol>\n{toc}</ol></nav>",
            escape(&setup.contents_word)
        );
    }
    o.push_str(&body);
    o.push_str("</body>\n</html>\n");
    o
}

/// Extra style of an official letter (berita acara, a decree's annex): the kop over a double
/// rule, centred title lines, justified text in a serif face as offices print, signature
/// blocks two to a row.
const LETTER_CSS: &str = r#"
body { font-family: "Liberation Serif", "Times New Roman", serif; font-size: 11.5pt; }
h2 { font-size: 11.5pt; color: #000; border: none; padding: 0; margin: 5mm 0 2mm; }
h3 { font-size: 11.5pt; color: #000; margin: 4mm 0 1.5mm; }
p { text-align: justify; }
table { font-size: 10pt; }
th, td { border-color: #000; overflow-wrap: break-word; }
th.num { white-space: normal; text-align: right; }
thead th { background: #eee; }
tbody tr:nth-child(even) td { background: none; }
.kop { text-align: center; border-bottom: 3pt double #000; padding-bottom: 2mm; margin-bottom: 5mm;
  display: flex; align-items: center; gap: 4mm; }
.kop .logo { height: 24mm; width: auto; flex: none; }
.kop .kop-lines { flex: 1; }
.kop p { margin: 0; font-weight: bold; text-align: center; }
.kop p:first-child { font-size: 13pt; }
.centered { text-align: center; margin: 3mm 0 5mm; }
.centered p { text-align: center; margin: 0.5mm 0; }
.centered p:first-child { font-size: 13pt; font-weight: bold; text-decoration: underline; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 14mm; margin-top: 8mm; }
.signature { break-inside: avoid; text-align: center; }
.signature:last-child:nth-child(odd) { grid-column: 1 / -1; }
.signature p { text-align: center; margin: 0; }
.signature .space { height: 22mm; }
.signature .name { font-weight: bold; text-decoration: underline; }
.note { border-left-color: #000; background: none; border: 0.8pt solid #000; }
.note.action { background: none; border: 1.2pt solid #000; }
.page-break { break-before: page; }
.aside { margin: 0 0 8mm 50%; }
.aside p { text-align: left; margin: 0; white-space: pre-wrap; }
@media print { body { font-size: 11pt; } }
"#;

/// The document as a printable official letter: no cover, no table of contents; the title
/// only in `<title>`. Same page setup (paper, page numbers, running head) as [`to_html`].
pub fn to_letter_html(doc: &Document, setup: &PageSetup) -> String {
    let (body, _) = html_blocks(&doc.blocks, setup);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}{LETTER_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        setup.lang,
        escape(&doc.title),
        stylesheet(setup)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_as_rfc_4648_says() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b""), "");
    }

    fn sample() -> Document {
        let mut d = Document::new("Studi <uji>", "Ringkasan | hasil");
        d.heading(1, "utama", "Bagian utama");
        d.heading(2, "ringkasan", "Ringkasan");
        d.paragraph(Text::plain("UD *Mutiara* ").strong("stabil").code("vector"));
        let mut t = Table::new(vec!["Nama".into(), "Nilai".into()]).numeric([1]);
        t.row(vec![Text::plain("A|B"), Text::plain("0,85")]);
        d.push(Block::Table(t));
        d.push(Block::Note(
            NoteKind::Action,
            Text::plain("Seri").flag("FGD"),
        ));
        d
    }

    #[test]
    fn markdown_escapes_data_and_keeps_tables_whole() {
        let m = to_markdown(&sample());
        assert!(m.starts_with("# Studi &lt;uji&gt;\n\nRingkasan \\| hasil\n"));
        assert!(m.contains("\n# Bagian utama\n"));
        assert!(m.contains("\n## Ringkasan\n"));
        assert!(m.contains("UD \\*Mutiara\\* **stabil**`vector`"));
        assert!(m.contains("| Nama | Nilai |\n|---|---:|\n| A\\|B | 0,85 |\n"));
        assert!(m.contains("> Seri**(FGD)**"));
    }

    #[test]
    fn html_has_contents_numbers_right_and_escapes() {
        let setup = PageSetup {
            lang: "id",
            paper_mm: (215.0, 330.0),
            running_head: "Studi \"uji\"".into(),
            page_word: "Halaman".into(),
            contents_word: "Daftar isi".into(),
            inline_svgs: Default::default(),
        };
        let h = to_html(&sample(), &setup);
        assert!(h.contains("<title>Studi &lt;uji&gt;</title>"));
        assert!(h.contains("size: 215mm 330mm"));
        assert!(h.contains("content: \"Studi \\\"uji\\\"\""));
        assert!(h.contains("<li class=\"l1\"><a href=\"#utama\">Bagian utama</a><ol>"));
        assert!(h.contains("<li><a href=\"#ringkasan\">Ringkasan</a></li>"));
        assert!(h.contains("<th class=\"num\">Nilai</th>"));
        assert!(h.contains("<td>A|B</td><td class=\"num\">0,85</td>"));
        assert!(h.contains("<div class=\"note action\">Seri<span class=\"tag\">FGD</span></div>"));
    }
}
