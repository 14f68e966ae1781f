//! Who met where, for the berita acara: the optional FGD table
//! (`panel,date,place,facilitator,notulis`) and participants table
//! (`panel,participant,full_name,position,nip`). Both are keyed by the judgments file's panel
//! code (and participant id), so a name is never guessed from a role.

use std::collections::HashMap;

use super::diagnostic::{Collector, InputError, Quoted};
use super::table::Table;
use crate::calendar::CalendarDate;
use crate::model::{
    Candidate, Decision, FgdSession, ImageFormat, Level, Logo, PanelMember, RegionRef, Regions,
};

/// Digits of a Nomor Induk Pegawai (civil servant number).
pub const NIP_DIGITS: usize = 18;

fn unknown_panel(regions: &Regions, code: &str) -> String {
    format!(
        "unknown panel {}: use the Kemendagri code of a kelurahan ({}) or a kecamatan ({}), as in the judgments file",
        Quoted::double(code),
        Quoted::bare(&regions.kelurahan[0].code),
        Quoted::bare(&regions.kecamatan[0].code)
    )
}

/// Reads the FGD table: one row per panel with its date (`YYYY-MM-DD`), place, facilitator
/// and notulis. Only `panel` is required; other cells may be empty (left blank on paper).
///
/// # Errors
/// Every problem: a missing `panel` column, unknown or repeated panels, a date that is not a
/// day of the calendar.
pub fn read_sessions(table: &Table, regions: &Regions) -> Result<Vec<FgdSession>, InputError> {
    let panel_col = table.require(&["panel"])?[0];
    let optional = |name: &str| table.column(name);
    let (date_col, place_col, facilitator_col, notulis_col) = (
        optional("date"),
        optional("place"),
        optional("facilitator"),
        optional("notulis"),
    );
    let text = |row: &csv::StringRecord, col: Option<usize>| {
        col.map_or_else(String::new, |c| row[c].trim().to_string())
    };
    let mut errs = Collector::default();
    let mut seen: HashMap<RegionRef, usize> = HashMap::new();
    let mut sessions = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let Some(region) = regions.find_panel_region(&row[panel_col]) else {
            errs.push(table.cell_error(line, panel_col, unknown_panel(regions, &row[panel_col])));
            continue;
        };
        if let Some(first) = seen.insert(region, line) {
            errs.push(table.cell_error(
                line,
                panel_col,
                format!(
                    "panel {} already has a row (line {first}); give one row per FGD",
                    Quoted::double(&row[panel_col])
                ),
            ));
            continue;
        }
        let date = match date_col.map(|c| (c, row[c].trim())) {
            None | Some((_, "")) => None,
            Some((c, raw)) => match CalendarDate::parse(raw) {
                Ok(d) if d.day.is_some() => Some(d),
                Ok(_) => {
                    errs.push(table.cell_error(
                        line,
                        c,
                        format!(
                            "{} is a month; give the day of the FGD as YYYY-MM-DD, e.g. 2021-10-12",
                            Quoted::double(raw)
                        ),
                    ));
                    None
                }
                Err(e) => {
                    errs.push(table.cell_error(line, c, e));
                    None
                }
            },
        };
        sessions.push(FgdSession {
            region,
            date,
            place: text(row, place_col),
            facilitator: text(row, facilitator_col),
            notulis: text(row, notulis_col),
        });
    }
    errs.finish(sessions)
}

/// Reads the participants table: one row per participant of a panel, with the full name as
/// it is signed, the position, and the NIP where the participant is a civil servant.
///
/// # Errors
/// Every problem: missing columns, unknown panels, empty participant ids or names, repeated
/// participants, a NIP that is not 18 digits.
pub fn read_members(table: &Table, regions: &Regions) -> Result<Vec<PanelMember>, InputError> {
    let cols = table.require(&["panel", "participant", "full_name"])?;
    let position_col = table.column("position");
    let nip_col = table.column("nip");
    let mut errs = Collector::default();
    let mut seen: HashMap<(RegionRef, String), usize> = HashMap::new();
    let mut members = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let Some(region) = regions.find_panel_region(&row[cols[0]]) else {
            errs.push(table.cell_error(line, cols[0], unknown_panel(regions, &row[cols[0]])));
            continue;
        };
        let participant = row[cols[1]].trim();
        if participant.is_empty() {
            errs.push(table.cell_error(
                line,
                cols[1],
                "empty participant: use the participant id of the judgments file (e.g. P01)",
            ));
            continue;
        }
        if let Some(first) = seen.insert((region, participant.to_string()), line) {
            errs.push(table.cell_error(
                line,
                cols[1],
                format!(
                    "participant {} of panel {} already has a row (line {first})",
                    Quoted::double(participant),
                    Quoted::double(&row[cols[0]])
                ),
            ));
            continue;
        }
        let full_name = row[cols[2]].trim();
        if full_name.is_empty() {
            errs.push(table.cell_error(
                line,
                cols[2],
                "empty full_name: give the name as it is signed, or leave the participant out of this table",
            ));
            continue;
        }
        // Spaces are customary in a printed NIP (19700101 199003 1 001); only digits count.
        let nip: String = nip_col.map_or_else(String::new, |c| {
            row[c].chars().filter(|ch| !ch.is_whitespace()).collect()
        });
        if !nip.is_empty() && (nip.len() != NIP_DIGITS || !nip.bytes().all(|b| b.is_ascii_digit()))
        {
            let c = nip_col.unwrap_or(cols[0]);
            errs.push(table.cell_error(
                line,
                c,
                format!(
                    "NIP {} is not {NIP_DIGITS} digits; leave it empty for a participant who is not a civil servant",
                    Quoted::double(row[c].trim())
                ),
            ));
            continue;
        }
        members.push(PanelMember {
            region,
            participant: participant.to_string(),
            full_name: full_name.to_string(),
            position: position_col.map_or_else(String::new, |c| row[c].trim().to_string()),
            nip,
        });
    }
    errs.finish(members)
}

/// Reads the decisions table (`level,region,category,candidate,reason`): per group, the UMKM
/// the FGD agreed on and why. `candidates` are the study's, `categories` its category ids.
///
/// # Errors
/// Every problem, located: a missing column, an unknown level, region, category or
/// candidate, a candidate outside the group, two rows for one group.
pub fn read_decisions(
    table: &Table,
    regions: &Regions,
    categories: &[String],
    candidates: &[Candidate],
) -> Result<Vec<Decision>, InputError> {
    let cols = table.require(&["level", "region", "category", "candidate"])?;
    let reason_col = table.column("reason");
    let mut errs = Collector::default();
    let mut seen: HashMap<(RegionRef, usize), usize> = HashMap::new();
    let mut decisions = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let level = match row[cols[0]].trim().to_lowercase().as_str() {
            "kelurahan" | "desa" => Level::Kelurahan,
            "kecamatan" => Level::Kecamatan,
            other => {
                errs.push(table.cell_error(
                    line,
                    cols[0],
                    format!(
                        "unknown level {}: use kelurahan or kecamatan",
                        Quoted::double(other)
                    ),
                ));
                continue;
            }
        };
        let code = row[cols[1]].trim();
        let region = match regions.find_panel_region(code) {
            Some(r) if r.level() == level => r,
            _ => {
                let example = match level {
                    Level::Kecamatan => &regions.kecamatan[0].code,
                    _ => &regions.kelurahan[0].code,
                };
                errs.push(table.cell_error(
                    line,
                    cols[1],
                    format!(
                        "unknown {} {}: use the Kemendagri code of a {} of the regions file, e.g. {}",
                        level.id(),
                        Quoted::double(code),
                        level.id(),
                        Quoted::bare(example)
                    ),
                ));
                continue;
            }
        };
        let category_text = row[cols[2]].trim().to_lowercase();
        let Some(category) = categories.iter().position(|c| *c == category_text) else {
            errs.push(table.cell_error(
                line,
                cols[2],
                format!(
                    "unknown category {}: use one of {}",
                    Quoted::double(row[cols[2]].trim()),
                    categories.join(", ")
                ),
            ));
            continue;
        };
        let id = row[cols[3]].trim();
        let Some(candidate) = candidates.iter().position(|c| c.id == id) else {
            errs.push(table.cell_error(
                line,
                cols[3],
                format!(
                    "unknown candidate {}: use the id of a UMKM of the candidates file",
                    Quoted::double(id)
                ),
            ));
            continue;
        };
        let c = &candidates[candidate];
        let in_group = c.category == category
            && match region {
                RegionRef::Kelurahan(k) => c.kelurahan == k,
                RegionRef::Kecamatan(kc) => regions.kelurahan[c.kelurahan].kecamatan == kc,
                RegionRef::Kota => true,
            };
        if !in_group {
            errs.push(table.cell_error(
                line,
                cols[3],
                format!(
                    "candidate {} ({}, {}) is not in the group of {} {} ({}), {}: give the id of one of that group's UMKM",
                    Quoted::double(id),
                    regions.kelurahan[c.kelurahan].name,
                    categories[c.category],
                    level.id(),
                    regions.name_of(region),
                    code,
                    categories[category]
                ),
            ));
            continue;
        }
        if let Some(first) = seen.insert((region, category), line) {
            errs.push(table.cell_error(
                line,
                cols[1],
                format!(
                    "{} {code}, {} already has a decision (line {first}): give one row per group",
                    level.id(),
                    categories[category]
                ),
            ));
            continue;
        }
        decisions.push(Decision {
            region,
            category,
            candidate,
            reason: reason_col.map_or_else(String::new, |c| row[c].trim().to_string()),
        });
    }
    errs.finish(decisions)
}

/// Reads a kop emblem from its bytes: a PNG, a JPEG or an SVG, with its size for the aspect
/// ratio.
///
/// # Errors
/// What the file is not, in words for the study file's author.
pub fn read_logo(bytes: &[u8]) -> Result<Logo, String> {
    let be16 = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u32::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let be32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let (format, size) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        (ImageFormat::Png, be32(16).zip(be32(20)))
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        // Walk the segments to the frame header (SOF0..SOF15 but DHT, JPG, DAC).
        let mut at = 2;
        let mut size = None;
        while at + 9 <= bytes.len() && bytes[at] == 0xFF {
            let marker = bytes[at + 1];
            if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
                size = be16(at + 7).zip(be16(at + 5));
                break;
            }
            let len = be16(at + 2).unwrap_or(0) as usize;
            if len < 2 {
                break;
            }
            at += 2 + len;
        }
        (ImageFormat::Jpeg, size)
    } else if let Ok(text) = std::str::from_utf8(bytes)
        && text.contains("<svg")
    {
        (ImageFormat::Svg, Some(svg_size(text)))
    } else {
        return Err("is not a PNG, JPEG or SVG image: give the emblem as one of these".into());
    };
    let Some((width, height)) = size.filter(|&(w, h)| w > 0 && h > 0) else {
        return Err(format!(
            "is a damaged {} image (no size found): save it again from an image editor",
            format.extension().to_uppercase()
        ));
    };
    Ok(Logo {
        format,
        width,
        height,
        bytes: bytes.to_vec(),
    })
}

/// An SVG's size from its `viewBox` (else `width` and `height`), square when neither says.
fn svg_size(text: &str) -> (u32, u32) {
    let start = text.find("<svg").unwrap_or(0);
    let tag = &text[start..text[start..].find('>').map_or(text.len(), |e| start + e)];
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        let from = tag.find(&key)? + key.len();
        let to = from + tag[from..].find('"')?;
        Some(&tag[from..to])
    };
    let number = |s: &str| {
        s.trim()
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x > 0.0)
    };
    let size = attr("viewBox")
        .and_then(|v| {
            let n: Vec<f64> = v
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
        })
        .or_else(|| {
            attr("width")
                .and_then(number)
                .zip(attr("height").and_then(number))
        });
    size.map_or((1, 1), |(w, h)| {
        ((w.round() as u32).max(1), (h.round() as u32).max(1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::table::parse_table;
    use crate::model::tests::regions;
    use std::path::Path;

    fn table(text: &str) -> Table {
        parse_table(Path::new("peserta.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn members_are_read_and_nip_checked_with_places() {
        let r = regions();
        let k = &r.kelurahan[0].code;
        let t = table(&format!(
            "panel,participant,full_name,position,nip\n{k},P01,Drs. Contoh,Lurah,19700101 199003 1 001\n{k},P02,Nama Dua,LPM,12345\nXX,P03,Nama,LPM,\n"
        ));
        let e = read_members(&t, &r).unwrap_err().to_string();
        assert!(e.contains("peserta.csv:3:5: column 'nip'"), "{e}");
        assert!(e.contains("is not 18 digits"), "{e}");
        assert!(e.contains("peserta.csv:4:1: column 'panel'"), "{e}");
        let t = table(&format!(
            "panel,participant,full_name,position,nip\n{k},P01,Drs. Contoh,Lurah,19700101 199003 1 001\n"
        ));
        let m = read_members(&t, &r).unwrap();
        assert_eq!(m[0].nip, "197001011990031001");
        assert_eq!(m[0].region, RegionRef::Kelurahan(0));
    }

    #[test]
    fn logos_are_png_jpeg_or_svg_with_their_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend([0, 0, 0, 40, 0, 0, 0, 50]);
        let logo = read_logo(&png).unwrap();
        assert_eq!(
            (logo.format, logo.width, logo.height),
            (ImageFormat::Png, 40, 50)
        );
        // SOI, an APP0 segment of 4 bytes, then SOF0 with height 30 and width 20.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 30, 0, 20, 3,
        ];
        let logo = read_logo(&jpeg).unwrap();
        assert_eq!(
            (logo.format, logo.width, logo.height),
            (ImageFormat::Jpeg, 20, 30)
        );
        let svg = read_logo(br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 150"/>"#)
            .unwrap();
        assert_eq!(
            (svg.format, svg.width, svg.height),
            (ImageFormat::Svg, 120, 150)
        );
        let e = read_logo(b"GIF89a").unwrap_err();
        assert!(e.contains("not a PNG, JPEG or SVG"), "{e}");
        let e = read_logo(b"\x89PNG\r\n\x1a\n").unwrap_err();
        assert!(e.contains("damaged PNG"), "{e}");
    }

    #[test]
    fn sessions_need_a_day_and_one_row_per_panel() {
        let r = regions();
        let k = &r.kelurahan[0].code;
        let t = table(&format!(
            "panel,date,place,facilitator,notulis\n{k},2021-10-12,Aula,F,N\n{k},2021-10,Aula,F,N\n"
        ));
        let e = read_sessions(&t, &r).unwrap_err().to_string();
        assert!(e.contains("already has a row (line 2)"), "{e}");
        let t = table(&format!("panel,date,place\n{k},2021-10,Aula\n"));
        let e = read_sessions(&t, &r).unwrap_err().to_string();
        assert!(e.contains("is a month"), "{e}");
        let t = table(&format!("panel,date,place\n{k},2021-10-12,Aula\n"));
        let s = read_sessions(&t, &r).unwrap();
        assert_eq!(
            s[0].date.map(|d| d.to_string()).as_deref(),
            Some("2021-10-12")
        );
        assert_eq!(s[0].notulis, "");
    }
}
