//! Who met where, for the berita acara: the optional FGD table
//! (`panel,date,place,facilitator,notulis`) and participants table
//! (`panel,participant,full_name,position,nip`). Both are keyed by the judgments file's panel
//! code (and participant id), so a name is never guessed from a role.

use std::collections::HashMap;

use super::diagnostic::{Collector, InputError, Quoted};
use super::table::Table;
use crate::calendar::CalendarDate;
use crate::model::{FgdSession, PanelMember, RegionRef, Regions};

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
