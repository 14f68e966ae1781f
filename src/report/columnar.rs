//! Tables as Parquet, for studies too large for CSV to be read comfortably (see
//! [`TableFormat`]): pandas, polars, DuckDB and Arrow read the files directly, with numbers
//! typed and columns compressed.
//!
//! A table is made as CSV (one writer for both formats, so they never disagree) and
//! converted on the way to disk: [`ParquetTable`] is a [`Write`] that takes the CSV bytes,
//! and every [`ROW_GROUP_BYTES`] of complete records becomes one Parquet row group. Memory
//! holds one row group, whatever the table's size.
//!
//! Column types come from the column's name ([`column_type`]): numbers as `DOUBLE`, counts
//! and ranks as `INT64`, yes/no as `BOOLEAN`, everything else as UTF-8 text (codes keep their
//! leading zeros). An empty cell of a typed column is null. The bytes are deterministic: no
//! timestamps, a fixed writer name, Snappy compression.

use std::io::Write;
use std::sync::{Arc, Mutex};

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

/// How the report's tables are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    /// CSV up to [`PARQUET_ABOVE_KELURAHAN`] kelurahan, Parquet above.
    #[default]
    Auto,
    /// CSV (comma, decimal point, UTF-8), whatever the size.
    Csv,
    /// Parquet, whatever the size.
    Parquet,
}

/// Above this many kelurahan `auto` writes Parquet: more than any kabupaten has (the
/// largest hold about 900 desa), so every city and kabupaten keeps its CSV files and a
/// province or the nation gets tables a data frame reads in seconds.
pub const PARQUET_ABOVE_KELURAHAN: usize = 1000;

impl std::str::FromStr for TableFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(TableFormat::Auto),
            "csv" => Ok(TableFormat::Csv),
            "parquet" => Ok(TableFormat::Parquet),
            _ => Err(format!(
                "unknown table format {s:?}; use auto, csv or parquet"
            )),
        }
    }
}

impl TableFormat {
    /// Whether a study with this many kelurahan gets Parquet tables.
    pub fn parquet(self, kelurahan: usize) -> bool {
        match self {
            TableFormat::Auto => kelurahan > PARQUET_ABOVE_KELURAHAN,
            TableFormat::Csv => false,
            TableFormat::Parquet => true,
        }
    }
}

/// CSV bytes gathered before they become a row group (about 100,000 rows of a wide table).
pub const ROW_GROUP_BYTES: usize = 16 << 20;

/// Type of a column in Parquet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// A 64-bit float.
    Double,
    /// A whole number.
    Integer,
    /// `true` / `false`.
    Boolean,
}

/// The type of a report table's column, by its CSV header. Names the report does not know
/// stay text, so a code is never read as a number.
pub fn column_type(header: &str) -> ColumnType {
    const INTEGER: [&str; 6] = ["n", "rank", "candidates", "base_rank", "samples", "no"];
    const BOOLEAN: [&str; 7] = [
        "consistent",
        "included",
        "tied",
        "tie_needs_decision",
        "same_members",
        "same_winner",
        "needs_fgd_decision",
    ];
    const DOUBLE: [&str; 27] = [
        "local_weight",
        "global_weight",
        "lambda_max",
        "ci",
        "ri",
        "cr",
        "given",
        "consistent_value",
        "suggested_saaty",
        "error_ratio",
        "score",
        "d_plus",
        "d_minus",
        "spearman",
        "kendall_tau_b",
        "ws",
        "base_weight",
        "critical_weight",
        "change",
        "confidence",
        "central_weight",
        "elicited_weight",
        "share_above",
        "first_rank_acceptability",
        "weight_change",
        "weight",
        "base_score",
    ];
    if INTEGER.contains(&header) {
        ColumnType::Integer
    } else if BOOLEAN.contains(&header) {
        ColumnType::Boolean
    } else if DOUBLE.contains(&header) || header.starts_with("score_") {
        ColumnType::Double
    } else if let Some(rest) = header.strip_prefix("rank_") {
        // rank_1, rank_2 ... are acceptability shares; rank_<scenario> a scenario's rank.
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            ColumnType::Double
        } else {
            ColumnType::Integer
        }
    } else if is_coefficient(header) {
        ColumnType::Double
    } else {
        ColumnType::Text
    }
}

/// The sweep curves' end values (`d_plus_sq_0`, `d_minus_sq_1`; `score_0` is a score).
fn is_coefficient(header: &str) -> bool {
    header.starts_with("d_plus_sq_") || header.starts_with("d_minus_sq_")
}

/// The bytes the Parquet writer has written, passed on to the real file after each row
/// group (the writer needs a `Send` sink it owns).
#[derive(Clone, Default)]
struct Spill(Arc<Mutex<Vec<u8>>>);

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A [`Write`] that takes a table's CSV bytes and writes it as Parquet into `out`. Call
/// [`ParquetTable::finish`] at the end: dropping it loses the last row group.
pub struct ParquetTable<'a> {
    out: &'a mut dyn Write,
    /// CSV bytes not yet converted.
    pending: Vec<u8>,
    /// Started on the header line.
    writer: Option<(SerializedFileWriter<Spill>, Vec<ColumnType>)>,
    spill: Spill,
    /// CSV bytes per row group ([`ROW_GROUP_BYTES`] but in tests).
    row_group_bytes: usize,
}

fn other(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl<'a> ParquetTable<'a> {
    /// Starts a table written into `out`.
    pub fn new(out: &'a mut dyn Write) -> Self {
        Self {
            out,
            pending: Vec::new(),
            writer: None,
            spill: Spill::default(),
            row_group_bytes: ROW_GROUP_BYTES,
        }
    }

    /// Converts the last records and closes the file.
    ///
    /// # Errors
    /// The CSV is malformed, or `out` fails.
    pub fn finish(mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.convert(&rest)?;
        if let Some((writer, _)) = self.writer.take() {
            writer.close().map_err(other)?;
        }
        self.pass_on()
    }

    fn pass_on(&mut self) -> std::io::Result<()> {
        let bytes = std::mem::take(
            &mut *self
                .spill
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        self.out.write_all(&bytes)
    }

    /// Converts complete CSV records (the header first, on the first call).
    fn convert(&mut self, csv_bytes: &[u8]) -> std::io::Result<()> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv_bytes);
        if self.writer.is_none() {
            let mut header = csv::StringRecord::new();
            if !reader.read_record(&mut header).map_err(other)? {
                return Ok(());
            }
            let types: Vec<ColumnType> = header.iter().map(column_type).collect();
            let fields = header
                .iter()
                .zip(&types)
                .map(|(name, &t)| field(name, t).map(Arc::new))
                .collect::<Result<Vec<_>, _>>()
                .map_err(other)?;
            let schema = Type::group_type_builder("schema")
                .with_fields(fields)
                .build()
                .map_err(other)?;
            let properties = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("unggul {}", env!("CARGO_PKG_VERSION")))
                .build();
            let writer =
                SerializedFileWriter::new(self.spill.clone(), Arc::new(schema), properties.into())
                    .map_err(other)?;
            self.writer = Some((writer, types));
        }
        let Some((writer, types)) = self.writer.as_mut() else {
            return Ok(());
        };
        let mut columns: Vec<ColumnBuffer> = types.iter().map(|&t| ColumnBuffer::new(t)).collect();
        let mut record = csv::ByteRecord::new();
        let mut rows = 0usize;
        while reader.read_byte_record(&mut record).map_err(other)? {
            for (column, cell) in columns.iter_mut().zip(record.iter()) {
                column.push(cell)?;
            }
            rows += 1;
        }
        if rows == 0 {
            return Ok(());
        }
        let mut group = writer.next_row_group().map_err(other)?;
        let mut buffers = columns.into_iter();
        while let Some(mut column) = group.next_column().map_err(other)? {
            let Some(buffer) = buffers.next() else {
                return Err(other("more Parquet columns than CSV columns"));
            };
            match buffer {
                ColumnBuffer::Text { bytes, ends } => {
                    // One allocation for the column; every value is a slice of it.
                    let bytes = bytes::Bytes::from(bytes);
                    let mut start = 0;
                    let values: Vec<ByteArray> = ends
                        .iter()
                        .map(|&end| {
                            let value = ByteArray::from(bytes.slice(start..end));
                            start = end;
                            value
                        })
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, None, None)
                        .map_err(other)?;
                }
                ColumnBuffer::Double { values, present } => {
                    column
                        .typed::<DoubleType>()
                        .write_batch(&values, Some(&present), None)
                        .map_err(other)?;
                }
                ColumnBuffer::Integer { values, present } => {
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, Some(&present), None)
                        .map_err(other)?;
                }
                ColumnBuffer::Boolean { values, present } => {
                    column
                        .typed::<BoolType>()
                        .write_batch(&values, Some(&present), None)
                        .map_err(other)?;
                }
            }
            column.close().map_err(other)?;
        }
        group.close().map_err(other)?;
        self.pass_on()
    }
}

/// One row group's values of a column, typed as they are read: text as one byte buffer with
/// the end of each value, numbers with their definition levels (0 for an empty cell, null).
enum ColumnBuffer {
    Text {
        bytes: Vec<u8>,
        ends: Vec<usize>,
    },
    Double {
        values: Vec<f64>,
        present: Vec<i16>,
    },
    Integer {
        values: Vec<i64>,
        present: Vec<i16>,
    },
    Boolean {
        values: Vec<bool>,
        present: Vec<i16>,
    },
}

impl ColumnBuffer {
    fn new(t: ColumnType) -> Self {
        match t {
            ColumnType::Text => ColumnBuffer::Text {
                bytes: Vec::new(),
                ends: Vec::new(),
            },
            ColumnType::Double => ColumnBuffer::Double {
                values: Vec::new(),
                present: Vec::new(),
            },
            ColumnType::Integer => ColumnBuffer::Integer {
                values: Vec::new(),
                present: Vec::new(),
            },
            ColumnType::Boolean => ColumnBuffer::Boolean {
                values: Vec::new(),
                present: Vec::new(),
            },
        }
    }

    fn push(&mut self, cell: &[u8]) -> std::io::Result<()> {
        match self {
            ColumnBuffer::Text { bytes, ends } => {
                bytes.extend_from_slice(cell);
                ends.push(bytes.len());
            }
            ColumnBuffer::Double { values, present } => push_parsed(values, present, cell)?,
            ColumnBuffer::Integer { values, present } => push_parsed(values, present, cell)?,
            ColumnBuffer::Boolean { values, present } => push_parsed(values, present, cell)?,
        }
        Ok(())
    }
}

/// Appends a typed cell: a value, or a null for an empty cell.
fn push_parsed<T: std::str::FromStr>(
    values: &mut Vec<T>,
    present: &mut Vec<i16>,
    cell: &[u8],
) -> std::io::Result<()> {
    if cell.is_empty() {
        present.push(0);
        return Ok(());
    }
    let value = std::str::from_utf8(cell)
        .ok()
        .and_then(|s| s.parse::<T>().ok())
        .ok_or_else(|| {
            other(format!(
                "{:?} is not a value of its typed column",
                String::from_utf8_lossy(cell)
            ))
        })?;
    values.push(value);
    present.push(1);
    Ok(())
}

/// The schema field of a column: text is required (an empty text is ""), the others
/// optional (an empty cell is null).
fn field(name: &str, t: ColumnType) -> parquet::errors::Result<Type> {
    let (physical, logical, repetition) = match t {
        ColumnType::Text => (
            PhysicalType::BYTE_ARRAY,
            Some(LogicalType::String),
            Repetition::REQUIRED,
        ),
        ColumnType::Double => (PhysicalType::DOUBLE, None, Repetition::OPTIONAL),
        ColumnType::Integer => (PhysicalType::INT64, None, Repetition::OPTIONAL),
        ColumnType::Boolean => (PhysicalType::BOOLEAN, None, Repetition::OPTIONAL),
    };
    Type::primitive_type_builder(name, physical)
        .with_repetition(repetition)
        .with_logical_type(logical)
        .build()
}

impl Write for ParquetTable<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= self.row_group_bytes
            && let Some(end) = last_record_end(&self.pending)
        {
            let rest = self.pending.split_off(end);
            let complete = std::mem::replace(&mut self.pending, rest);
            self.convert(&complete)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Just past the last line end outside quotes: the end of the last complete record. A
/// quote toggles the quoted state (a doubled quote toggles it twice).
fn last_record_end(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    let mut end = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => end = Some(i + 1),
            _ => {}
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn rows(bytes: Vec<u8>) -> Vec<Vec<(String, Field)>> {
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("parquet");
        reader
            .get_row_iter(None)
            .expect("rows")
            .map(|r| {
                r.expect("row")
                    .get_column_iter()
                    .map(|(n, f)| (n.clone(), f.clone()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn types_nulls_and_quoted_text_survive() {
        let csv = "kelurahan_code,name,rank,score,tied,critical_weight\n\
                   0101,\"Batik \"\"Sari\"\", Jl. 1\nRT 2\",1,0.25,true,\n\
                   0102,Kopi,2,0.125,false,0.5\n";
        let mut out = Vec::new();
        let mut t = ParquetTable::new(&mut out);
        t.write_all(csv.as_bytes()).expect("write");
        t.finish().expect("finish");
        let r = rows(out);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0][0].1, Field::Str("0101".into()));
        assert_eq!(r[0][1].1, Field::Str("Batik \"Sari\", Jl. 1\nRT 2".into()));
        assert_eq!(r[0][2].1, Field::Long(1));
        assert_eq!(r[0][3].1, Field::Double(0.25));
        assert_eq!(r[0][4].1, Field::Bool(true));
        assert_eq!(r[0][5].1, Field::Null);
        assert_eq!(r[1][5].1, Field::Double(0.5));
    }

    #[test]
    fn many_row_groups_give_the_rows_in_order_and_the_same_bytes_each_time() {
        let mut csv = String::from("id,score\n");
        for i in 0..100_000 {
            csv.push_str(&format!("\"C{i:06}\",{}\n", f64::from(i) / 7.0));
        }
        let write = |chunk: usize| {
            let mut out = Vec::new();
            let mut t = ParquetTable::new(&mut out);
            t.row_group_bytes = 256 << 10;
            for piece in csv.as_bytes().chunks(chunk) {
                t.write_all(piece).expect("write");
            }
            t.finish().expect("finish");
            out
        };
        let a = write(100_000);
        assert_eq!(a, write(100_000));
        let reader = SerializedFileReader::new(bytes::Bytes::from(a.clone())).expect("parquet");
        assert!(reader.metadata().num_row_groups() > 1);
        let r = rows(a);
        assert_eq!(r.len(), 100_000);
        assert_eq!(r[99_999][0].1, Field::Str("C099999".into()));
        assert_eq!(r[12_345][1].1, Field::Double(12_345.0 / 7.0));
    }

    #[test]
    fn column_types_by_name() {
        assert_eq!(column_type("kelurahan_code"), ColumnType::Text);
        assert_eq!(column_type("rank_3"), ColumnType::Double);
        assert_eq!(column_type("rank_bobot-sama"), ColumnType::Integer);
        assert_eq!(column_type("score_entropi"), ColumnType::Double);
        assert_eq!(column_type("d_minus_sq_1"), ColumnType::Double);
        assert_eq!(column_type("score_0"), ColumnType::Double);
        assert_eq!(column_type("needs_fgd_decision"), ColumnType::Boolean);
    }
}
