//! Reading TOML files with errors that point at the line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, InputError, Quoted};

/// Reads and deserialises a TOML file, returning its bytes too (for hashing).
///
/// # Errors
/// The file cannot be read or does not match the expected shape; the error names the line
/// and column of the offending key.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<(T, Vec<u8>), InputError> {
    let bytes =
        std::fs::read(path).map_err(|e| InputError::one(super::table::unreadable(path, &e)))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| InputError::one(Diagnostic::file(path, "the file is not UTF-8 text")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match toml::from_str::<T>(text) {
        Ok(v) => Ok((v, bytes)),
        Err(e) => {
            // serde quotes the offending value (`invalid type: string "..."`), however long.
            let message = shorten_quoted(e.message().trim());
            let d = match e.span() {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    let key = text
                        .lines()
                        .nth(line - 1)
                        .and_then(|l| l.split_once('='))
                        .map(|(k, _)| k.trim().to_string());
                    let advice = type_advice(&message, key.as_deref()).unwrap_or_default();
                    Diagnostic {
                        file: path.to_path_buf(),
                        sheet: None,
                        line: Some(line),
                        column: None,
                        message: format!("(column {col}) {message}{advice}"),
                    }
                }
                None => Diagnostic::file(path, message),
            };
            Err(InputError::one(d))
        }
    }
}

/// A parser's message with every double-quoted run in it quoted as [`Quoted`] does (a long
/// value cut to a prefix and its length); an unterminated quote is cut the same way.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(256));
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        // The closing quote is the first one not escaped by a backslash.
        let mut escaped = false;
        let close = inner.char_indices().find_map(|(i, c)| match c {
            '\\' if !escaped => {
                escaped = true;
                None
            }
            '"' if !escaped => Some(i),
            _ => {
                escaped = false;
                None
            }
        });
        match close {
            Some(i) => {
                out.push_str(&Quoted::double(&inner[..i]).to_string());
                rest = &inner[i + 1..];
            }
            None => {
                out.push('"');
                out.push_str(&Quoted::bare(inner).to_string());
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What to write instead, for serde's type errors ("expected usize"), which name Rust types.
fn type_advice(message: &str, key: Option<&str>) -> Option<String> {
    let what = if ["expected usize", "expected u64", "expected u32"]
        .iter()
        .any(|t| message.contains(t))
    {
        "a whole number, 0 or more, without sign or decimals (e.g. 10000)"
    } else if message.contains("expected f64") {
        "a number (e.g. 0.1)"
    } else if message.contains("expected a boolean") || message.contains("expected bool") {
        "true or false"
    } else if message.contains("expected a string") || message.contains("expected string") {
        "text in double quotes"
    } else {
        return None;
    };
    Some(match key {
        Some(k) if !k.is_empty() && !k.starts_with('[') => {
            format!("; write {} as {what}", Quoted::bare(k))
        }
        _ => format!("; write {what}"),
    })
}

/// Gives a line to the problems of a TOML file that were found after parsing (a value out of
/// range, an unknown name) and so carry none. A message that starts `[section] key ...` (or
/// `[[section]] #N: key ...`) is placed on that key's line in that section (the line that also
/// holds the value the message quotes, when there are several), or on the section's header
/// when the key is absent. Other messages are left as they are.
pub fn locate_in_toml(path: &Path, text: &str, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.file == path && d.line.is_none())
    {
        d.line = locate(text, &d.message);
    }
}

/// The 1-based line of the key (or section) a message names; see [`locate_in_toml`].
fn locate(text: &str, message: &str) -> Option<usize> {
    let (section, rest) = if let Some(r) = message.strip_prefix("[[") {
        r.split_once("]]")?
    } else {
        message.strip_prefix('[')?.split_once(']')?
    };
    let rest = rest.trim_start();
    // `#N:` picks the N-th table of an array of tables; without it every table counts.
    let (nth, rest) = match rest.strip_prefix('#') {
        Some(r) => {
            let (n, r) = r.split_once(':')?;
            (Some(n.trim().parse::<usize>().ok()?), r.trim_start())
        }
        None => (None, rest),
    };
    let key: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    // The quoted value, as in `sampler = "foo"`, or the bare one, as in `samples = 0`.
    let value = rest[key.len()..]
        .trim_start()
        .strip_prefix('=')
        .map(|v| v.split_whitespace().next().unwrap_or("").to_string());
    let mut header = None;
    let mut seen = 0;
    let mut in_section = false;
    let mut first_key_line = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            let name = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            in_section = name == section && {
                seen += 1;
                nth.is_none_or(|n| seen == n)
            };
            if in_section && header.is_none() {
                header = Some(i + 1);
            }
            continue;
        }
        if !in_section || key.is_empty() {
            continue;
        }
        let is_key = t
            .strip_prefix(key.as_str())
            .is_some_and(|r| r.trim_start().starts_with('='));
        if is_key {
            if value
                .as_deref()
                .is_some_and(|v| !v.is_empty() && t.contains(v))
            {
                return Some(i + 1);
            }
            first_key_line.get_or_insert(i + 1);
        }
    }
    first_key_line.or(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUDY: &str = "[study]\nid = \"x\"\n\n[[levels]]\nlevel = \"kelurahan\"\ncriteria = \"a.toml\"\n\n[[levels]]\nlevel = \"kecamatan\"\ncriteria = \"b.toml\"\n\n[sensitivity]\nsamples = 0\nsampler = \"foo\"\n\n[[scenarios]]\nid = \"a\"\n[[scenarios]]\nid = \"a\"\n";

    #[test]
    fn messages_are_placed_on_their_key() {
        assert_eq!(
            locate(STUDY, "[sensitivity] samples must be at least 1"),
            Some(13)
        );
        assert_eq!(
            locate(STUDY, "[sensitivity] sampler = \"foo\" is not known"),
            Some(14)
        );
        // The key whose line holds the quoted value, among several tables.
        assert_eq!(
            locate(STUDY, "[[levels]] criteria = \"b.toml\" cannot be read"),
            Some(10)
        );
        assert_eq!(
            locate(STUDY, "[[scenarios]] #2: id \"a\" must be unique"),
            Some(19)
        );
        // An absent key: the section's header.
        assert_eq!(locate(STUDY, "[sensitivity] seed is odd"), Some(12));
        assert_eq!(locate(STUDY, "[inputs] judgments is missing"), None);
        assert_eq!(locate(STUDY, "level kecamatan is declared twice"), None);
    }

    #[test]
    fn a_long_quoted_value_is_cut() {
        let long = "x".repeat(5000);
        let m = shorten_quoted(&format!("invalid type: string \"{long}\", expected usize"));
        assert_eq!(
            m,
            format!(
                "invalid type: string \"{}…\" (5000 characters), expected usize",
                "x".repeat(48)
            )
        );
        assert_eq!(
            shorten_quoted(r#"expected one of "a", "b\"c""#),
            r#"expected one of "a", "b\"c""#
        );
    }

    #[test]
    fn type_errors_say_what_to_write() {
        assert_eq!(
            type_advice(
                "invalid value: integer `-5`, expected usize",
                Some("samples")
            )
            .unwrap(),
            "; write samples as a whole number, 0 or more, without sign or decimals (e.g. 10000)"
        );
        assert!(type_advice("invalid type: string \"a\", expected f64", None).is_some());
        assert_eq!(type_advice("unknown field `sample`", Some("sample")), None);
    }
}
