//! Input forms a study is filled in with (`unggul template`): a candidates workbook and an FGD
//! questionnaire workbook per panel, both readable back by the input stage as they are.
//!
//! The questionnaire has one sheet per participant and one row per pair, laid out as the
//! paper form: criterion A, the two-sided scale 9 … 1 … 9, criterion B; the participant puts
//! an `x` on the side of the more important criterion. Each row's `value` is a formula giving
//! `a_AB` on Saaty's scale, so the sheet is a long-layout judgments table
//! (`judgments = { file = "kuesioner/*.xlsx", sheet = "*" }`). Further columns compute, live
//! in the spreadsheet, the participant's row-geometric-mean weights, the consistency ratio of
//! each hierarchy node as unggul computes it for `ahp_method = "geometric"` (λmax the mean of
//! (Aw)ᵢ/wᵢ, which for a reciprocal matrix is 1 + Σ over pairs (e + 1/e) / n with
//! e = a_ij w_j / w_i), and the pair furthest from consistency with its consistent value.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::ahp::RandomIndexTable;
use crate::input::diagnostic::column_letters;
use crate::model::{CriteriaSet, Regions, Scale};

/// Saaty's verbal labels as Indonesian questionnaires print them (DOMAIN.md section 8).
pub const VERBAL_LABELS: [(u32, &str); 9] = [
    (1, "sama penting"),
    (2, "nilai antara (1 dan 3)"),
    (3, "sedikit lebih penting"),
    (4, "nilai antara (3 dan 5)"),
    (5, "lebih penting (jelas lebih penting)"),
    (6, "nilai antara (5 dan 7)"),
    (7, "sangat lebih penting (sangat jelas lebih penting)"),
    (8, "nilai antara (7 dan 9)"),
    (9, "mutlak lebih penting"),
];

/// Headers of the 17 answer cells, left to right: A9 … A2, 1, B2 … B9.
fn scale_headers() -> Vec<String> {
    let mut h: Vec<String> = (2..=9).rev().map(|v| format!("A{v}")).collect();
    h.push("1".into());
    h.extend((2..=9).map(|v| format!("B{v}")));
    h
}

/// The answer cell (0..17) for a signed answer: `v ≥ 1` on A's side, `v ≤ -2` on B's.
fn answer_position(v: i32) -> Option<usize> {
    match v {
        1..=9 => Some((9 - v) as usize),
        -9..=-2 => Some((7 - v) as usize),
        -1 => Some(8),
        _ => None,
    }
}

/// One pair row of a questionnaire: the node and the two criteria (indices into the set).
struct PairRow {
    node: usize,
    a: usize,
    b: usize,
}

fn pair_rows(set: &CriteriaSet) -> Vec<PairRow> {
    let mut rows = Vec::new();
    for (k, node) in set.nodes.iter().enumerate() {
        let ch = &node.children;
        for x in 0..ch.len() {
            for y in x + 1..ch.len() {
                rows.push(PairRow {
                    node: k,
                    a: ch[x],
                    b: ch[y],
                });
            }
        }
    }
    rows
}

/// Who fills in one sheet of a questionnaire, and (for tests and examples) their answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Respondent {
    /// Participant id, also the sheet's name.
    pub id: String,
    /// Role (camat, lurah, …), editable in the sheet.
    pub role: String,
    /// Answers on the signed scale, one per pair in set order (None: left blank). Empty for
    /// a blank form.
    pub answers: Vec<Option<i32>>,
}

/// The questionnaire workbook of one panel (`panel` is its region code): one sheet per
/// respondent, then a sheet of instructions.
///
/// # Errors
/// The workbook cannot be built (a sheet name Excel refuses, e.g. longer than 31 characters).
pub fn questionnaire_workbook(
    set: &CriteriaSet,
    panel: &str,
    panel_name: &str,
    respondents: &[Respondent],
    ri_table: RandomIndexTable,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for r in respondents {
        let ws = wb.add_worksheet().set_name(&r.id)?;
        questionnaire_sheet(ws, set, panel, r, ri_table)?;
    }
    let ws = wb.add_worksheet().set_name("Petunjuk")?;
    instructions(ws, set, panel, panel_name)?;
    wb.save_to_buffer()
}

fn questionnaire_sheet(
    ws: &mut Worksheet,
    set: &CriteriaSet,
    panel: &str,
    who: &Respondent,
    ri_table: RandomIndexTable,
) -> Result<(), XlsxError> {
    let rows = pair_rows(set);
    let bold = Format::new().set_bold();
    let answer = Format::new()
        .set_align(rust_xlsxwriter::FormatAlign::Center)
        .set_background_color("#FFF2CC");
    let last = rows.len() + 1; // the last pair's spreadsheet row
    let col = |c: usize| column_letters(c + 1);
    // Columns: the long layout's six (criterion ids for the reader, names for people), the
    // 17 answer cells, then the workings.
    let (c_value, c_node, c_ln, c_cons, c_dev, c_eplus, c_label) = (24, 25, 26, 27, 28, 29, 30);
    let c_cr = 31;
    let c_far = c_cr + set.nodes.len();
    let c_s = c_far + 1; // S_<id>, then w_<id>, one pair of columns per compared criterion
    let compared: Vec<usize> = set.nodes.iter().flat_map(|n| n.children.clone()).collect();
    let s_col = |k: usize| c_s + 2 * k;
    let w_col = |k: usize| c_s + 2 * k + 1;
    let (w_first, w_last) = (col(c_s), col(c_s + 2 * compared.len() - 1));

    let mut header: Vec<String> = ["panel", "participant", "role", "criterion_a", "Kriteria A"]
        .map(String::from)
        .to_vec();
    header.extend(scale_headers());
    header.extend(
        [
            "Kriteria B",
            "criterion_b",
            "value",
            "node",
            "ln_value",
            "nilai_konsisten",
            "deviasi",
            "e_plus_1_per_e",
            "pasangan",
        ]
        .map(String::from),
    );
    for node in &set.nodes {
        header.push(match node.criterion {
            None => "CR".to_string(),
            Some(c) => format!("CR {}", set.criteria[c].id),
        });
    }
    header.push("paling tidak konsisten".into());
    for &c in &compared {
        header.push(format!("S_{}", set.criteria[c].id));
        header.push(format!("w_{}", set.criteria[c].id));
    }
    for (j, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, h, &bold)?;
    }
    ws.insert_note(
        0,
        5,
        &Note::new(
            "Beri tanda x pada SATU kotak per baris: di sisi kiri (A9…A2) bila Kriteria A lebih penting, di sisi kanan (B2…B9) bila Kriteria B lebih penting, 1 bila sama penting. 1 sama penting; 3 sedikit lebih penting; 5 lebih penting; 7 sangat lebih penting; 9 mutlak lebih penting; 2, 4, 6, 8 nilai antara.",
        ),
    )?;
    let x_only = DataValidation::new()
        .allow_list_strings(&["x"])?
        .set_input_title("Jawaban")?
        .set_input_message(
            "Tulis x pada satu kotak: kiri bila Kriteria A lebih penting, kanan bila Kriteria B, 1 bila sama penting.",
        )?
        .set_error_message("Isi dengan x saja (satu kotak per baris).")?;
    ws.add_data_validation(1, 5, last as u32 - 1, 21, &x_only)?;

    let range = |c: usize| format!("${0}$2:${0}${last}", col(c));
    for (i, p) in rows.iter().enumerate() {
        let r = (i + 1) as u32;
        let excel_row = i + 2;
        let (a, b) = (&set.criteria[p.a], &set.criteria[p.b]);
        ws.write_string(r, 0, panel)?;
        ws.write_string(r, 1, &who.id)?;
        ws.write_string(r, 2, &who.role)?;
        ws.write_string(r, 3, &a.id)?;
        ws.write_string_with_format(r, 4, &a.name_id, &bold)?;
        for k in 0..17u16 {
            ws.write_blank(r, 5 + k, &answer)?;
        }
        if let Some(pos) = who
            .answers
            .get(i)
            .copied()
            .flatten()
            .and_then(answer_position)
        {
            ws.write_string_with_format(r, 5 + pos as u16, "x", &answer)?;
        }
        ws.write_string_with_format(r, 22, &b.name_id, &bold)?;
        ws.write_string(r, 23, &b.id)?;
        let cells = format!("F{excel_row}:V{excel_row}");
        let m = format!("MATCH(\"x\",{cells},0)");
        // Blank when unanswered (a skipped pair); text when two boxes are marked, which the
        // reader refuses at this cell.
        ws.write_formula(
            r,
            c_value as u16,
            Formula::new(format!(
                "=IF(COUNTIF({cells},\"x\")=0,\"\",IF(COUNTIF({cells},\"x\")>1,\"lebih dari satu jawaban\",IF({m}<=9,10-{m},1/({m}-8))))"
            ))
            // A blank cached value (rust_xlsxwriter writes an empty one as 0), so a form read
            // before any spreadsheet has calculated it shows skipped pairs, not zeros.
            .set_result(" "),
        )?;
        let v = format!("{}{excel_row}", col(c_value));
        ws.write_number(r, c_node as u16, p.node as f64)?;
        ws.write_formula(
            r,
            c_ln as u16,
            Formula::new(format!("=IF(ISNUMBER({v}),LN({v}),0)")),
        )?;
        let w_of = |cell: String| {
            format!(
                "INDEX(${w_first}$2:${w_last}$2,MATCH(\"w_\"&{cell},${w_first}$1:${w_last}$1,0))"
            )
        };
        ws.write_formula(
            r,
            c_cons as u16,
            Formula::new(format!(
                "={}/{}",
                w_of(format!("D{excel_row}")),
                w_of(format!("X{excel_row}"))
            )),
        )?;
        let cons = format!("{}{excel_row}", col(c_cons));
        ws.write_formula(
            r,
            c_dev as u16,
            Formula::new(format!(
                "=IF(ISNUMBER({v}),ABS({}{excel_row}-LN({cons})),\"\")",
                col(c_ln)
            )),
        )?;
        ws.write_formula(
            r,
            c_eplus as u16,
            Formula::new(format!("=IF(ISNUMBER({v}),{v}/{cons}+{cons}/{v},0)")),
        )?;
        ws.write_formula(
            r,
            c_label as u16,
            Formula::new(format!("=E{excel_row}&\" : \"&W{excel_row}")),
        )?;
    }
    // Row 2 holds the participant's results: per criterion S (sum of ln a over its pairs)
    // and the normalised weight exp(S/n); per node the CR; the pair furthest from consistency.
    for (k, &c) in compared.iter().enumerate() {
        let id = &set.criteria[c].id;
        ws.write_formula(
            1,
            s_col(k) as u16,
            Formula::new(format!(
                "=SUMIF({},\"{id}\",{ln})-SUMIF({},\"{id}\",{ln})",
                range(3),
                range(23),
                ln = range(c_ln)
            )),
        )?;
    }
    for node in &set.nodes {
        let n = node.children.len();
        let members: Vec<usize> = node
            .children
            .iter()
            .map(|c| compared.iter().position(|x| x == c).unwrap_or(0))
            .collect();
        let exp = |k: usize| format!("EXP({}2/{n})", col(s_col(k)));
        let total = members
            .iter()
            .map(|&k| exp(k))
            .collect::<Vec<_>>()
            .join("+");
        for &k in &members {
            ws.write_formula(
                1,
                w_col(k) as u16,
                Formula::new(format!("={}/({total})", exp(k))),
            )?;
        }
    }
    for (k, node) in set.nodes.iter().enumerate() {
        let n = node.children.len();
        let blanks = format!(
            "SUMPRODUCT(--({}={k}),--NOT(ISNUMBER({})))",
            range(c_node),
            range(c_value)
        );
        let formula = match ri_table.value(n) {
            _ if n <= 2 => format!("=IF({blanks}>0,\"belum lengkap\",0)"),
            Some(ri) => format!(
                "=IF({blanks}>0,\"belum lengkap: \"&{blanks}&\" pasangan kosong\",((1+SUMIF({},{k},{})/{n})-{n})/({n}-1)/{ri})",
                range(c_node),
                range(c_eplus)
            ),
            None => "=\"tabel RI tidak mencakup n ini\"".to_string(),
        };
        ws.write_formula(1, (c_cr + k) as u16, Formula::new(formula))?;
    }
    let dev = range(c_dev);
    let at_max = format!("MATCH(MAX({dev}),{dev},0)");
    ws.write_formula(
        1,
        c_far as u16,
        Formula::new(format!(
            "=IF(COUNT({dev})=0,\"\",INDEX({},{at_max})&\"; nilai konsisten \"&ROUND(INDEX({},{at_max}),2))",
            range(c_label),
            range(c_cons)
        )),
    )?;
    ws.set_column_width(4, 28)?;
    ws.set_column_width(22, 28)?;
    for k in 5..22u16 {
        ws.set_column_width(k, 4)?;
    }
    ws.set_column_width(c_far as u16, 40)?;
    ws.set_freeze_panes(1, 5)?;
    Ok(())
}

fn instructions(
    ws: &mut Worksheet,
    set: &CriteriaSet,
    panel: &str,
    panel_name: &str,
) -> Result<(), XlsxError> {
    // Two columns with a header, so the sheet reads as a table (one without a panel column,
    // which the judgments reader passes over as notes).
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, "Petunjuk", &bold)?;
    ws.write_string_with_format(0, 1, "Arti", &bold)?;
    let lines = [
        format!("Kuesioner perbandingan berpasangan: {panel_name} ({panel})"),
        format!(
            "Kriteria: {}. Satu lembar per peserta; satu baris per pasangan.",
            set.name_id
        ),
        "Beri tanda x pada satu kotak per baris, di sisi kriteria yang lebih penting (kiri: A, kanan: B; 1 di tengah: sama penting).".to_string(),
        "Kolom CR menunjukkan konsistensi jawaban (metode rata-rata geometrik); CR ≤ 0,10 dianggap konsisten. Kolom 'paling tidak konsisten' menunjukkan pasangan yang paling perlu ditinjau ulang dan nilai yang konsisten.".to_string(),
        "Nilai skala:".to_string(),
    ];
    for (k, line) in lines.iter().enumerate() {
        ws.write_string(1 + k as u32, 0, line)?;
    }
    let first = 1 + lines.len() as u32;
    for (k, (v, label)) in VERBAL_LABELS.iter().enumerate() {
        ws.write_number(first + k as u32, 0, f64::from(*v))?;
        ws.write_string(first + k as u32, 1, *label)?;
    }
    ws.set_column_width(1, 50)?;
    Ok(())
}

/// The candidates workbook for the criteria columns a study needs: sheet `UMKM` with the
/// header `id,name,product,kelurahan,category,<criterion ids>` and data validation on 1,000
/// rows (kelurahan codes and categories as lists, ratings as their levels, quantities within
/// their declared bounds, each with its unit or level names as the input message), and a
/// sheet `Wilayah` listing the kelurahan.
///
/// # Errors
/// The workbook cannot be built.
pub fn candidates_workbook(
    criteria: &[(String, String, Scale)],
    regions: &Regions,
    categories: &[String],
) -> Result<Vec<u8>, XlsxError> {
    const ROWS: u32 = 1000;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    {
        let ws = wb.add_worksheet().set_name("UMKM")?;
        let mut header: Vec<&str> = vec!["id", "name", "product", "kelurahan", "category"];
        header.extend(criteria.iter().map(|(id, _, _)| id.as_str()));
        for (j, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, *h, &bold)?;
        }
        let last = regions.kelurahan.len() + 1;
        let kel = DataValidation::new()
            .allow_list_formula(Formula::new(format!("=Wilayah!$A$2:$A${last}")))
            .set_input_message("Kode kelurahan (lihat lembar Wilayah)")?;
        ws.add_data_validation(1, 3, ROWS, 3, &kel)?;
        let cats: Vec<&str> = categories.iter().map(String::as_str).collect();
        let cat = DataValidation::new().allow_list_strings(&cats)?;
        ws.add_data_validation(1, 4, ROWS, 4, &cat)?;
        for (k, (_, name, scale)) in criteria.iter().enumerate() {
            let c = (5 + k) as u16;
            let (validation, note) = match scale {
                Scale::Rating { min, max, levels } => {
                    let values: Vec<String> = (0..)
                        .map(|s| min + f64::from(s))
                        .take_while(|v| *v <= *max + 1e-9)
                        .map(|v| format!("{v}"))
                        .collect();
                    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                    let meaning: Vec<String> = values
                        .iter()
                        .zip(levels.iter())
                        .map(|(v, l)| format!("{v} {l}"))
                        .collect();
                    let note = if meaning.is_empty() {
                        format!("{name}: skor {min}–{max}")
                    } else {
                        format!("{name}: {}", meaning.join("; "))
                    };
                    (DataValidation::new().allow_list_strings(&refs)?, note)
                }
                Scale::Quantity { unit, min, max } => {
                    let rule = match (min, max) {
                        (Some(lo), Some(hi)) => DataValidationRule::Between(*lo, *hi),
                        (Some(lo), None) => DataValidationRule::GreaterThanOrEqualTo(*lo),
                        (None, Some(hi)) => DataValidationRule::LessThanOrEqualTo(*hi),
                        (None, None) => DataValidationRule::Between(-1e100, 1e100),
                    };
                    (
                        DataValidation::new().allow_decimal_number(rule),
                        format!("{name}: angka, satuan {unit}"),
                    )
                }
            };
            // Excel caps an input message at 255 characters.
            let short: String = note.chars().take(250).collect();
            ws.add_data_validation(1, c, ROWS, c, &validation.set_input_message(&short)?)?;
            ws.insert_note(0, c, &Note::new(&note))?;
            ws.set_column_width(c, 16)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let ws = wb.add_worksheet().set_name("Wilayah")?;
    for (j, h) in ["kelurahan_code", "kelurahan", "kecamatan"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, k) in regions.kelurahan.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_string(r, 0, &k.code)?;
        ws.write_string(r, 1, &k.name)?;
        ws.write_string(r, 2, &regions.kecamatan[k.kecamatan].name)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_land_on_their_side() {
        let h = scale_headers();
        assert_eq!(h.len(), 17);
        assert_eq!(h[answer_position(9).unwrap()], "A9");
        assert_eq!(h[answer_position(1).unwrap()], "1");
        assert_eq!(h[answer_position(-1).unwrap()], "1");
        assert_eq!(h[answer_position(-2).unwrap()], "B2");
        assert_eq!(h[answer_position(-9).unwrap()], "B9");
        assert_eq!(answer_position(0), None);
        assert_eq!(answer_position(10), None);
    }

    #[test]
    fn a_questionnaire_reads_back_as_a_long_layout_table() {
        // The bundled criteria (seven under the root: 21 pairs); the first pair
        // sumber_daya_lokal vs kekhasan_daerah answered B5 (B five times as important).
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("criteria/probolinggo-fgd-2021.toml");
        let (set, _) = crate::input::criteria::read_criteria(&path).unwrap();
        let who = Respondent {
            id: "P01".into(),
            role: "lurah".into(),
            answers: vec![Some(-5)],
        };
        let bytes = questionnaire_workbook(
            &set,
            "35.74.01.1001",
            "Ketapang",
            &[who],
            RandomIndexTable::SaatyClassic,
        )
        .unwrap();
        let t = crate::input::workbook::parse_sheet(
            std::path::Path::new("k.xlsx"),
            &bytes,
            Some("P01"),
        )
        .unwrap();
        let row = &t.rows[0].1;
        let at = |name: &str| &row[t.column(name).unwrap()];
        assert_eq!(
            (
                at("panel"),
                at("participant"),
                at("criterion_a"),
                at("criterion_b"),
                at("B5")
            ),
            (
                "35.74.01.1001",
                "P01",
                "sumber_daya_lokal",
                "kekhasan_daerah",
                "x"
            )
        );
        // Not yet calculated by a spreadsheet: the value is blank (a skipped pair), not 0.
        assert_eq!(at("value"), "");
        assert_eq!(t.rows.len(), 21);
        let notes = crate::input::workbook::parse_sheet(
            std::path::Path::new("k.xlsx"),
            &bytes,
            Some("Petunjuk"),
        )
        .unwrap();
        assert!(notes.column("panel").is_none());
        assert!(
            notes
                .rows
                .iter()
                .any(|(_, r)| &r[1] == "mutlak lebih penting")
        );
    }
}
