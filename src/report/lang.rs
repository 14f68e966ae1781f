//! Report language and number formatting (Indonesian writes 0,85 and 1.250.000).

use serde::Serialize;

/// The language of human-readable reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia (the default).
    #[default]
    Id,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "id" | "indonesia" | "bahasa" => Ok(Lang::Id),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language \"{other}\": use id or en")),
        }
    }
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// A share as a percentage with `decimals` decimals: "24 %", "18,2 %".
    pub fn percent(self, share: f64, decimals: usize) -> String {
        format!("{} %", self.num(share * 100.0, decimals))
    }

    /// A number with `decimals` decimals in this language's style: `1.250.000,5` in
    /// Indonesian, `1,250,000.5` in English.
    pub fn num(self, x: f64, decimals: usize) -> String {
        let (group_mark, decimal_mark) = match self {
            Lang::Id => ('.', ','),
            Lang::En => (',', '.'),
        };
        let s = format!("{x:.decimals$}");
        let (int, frac) = s
            .split_once('.')
            .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(group_mark);
            }
            grouped.push(ch);
        }
        match frac {
            Some(f) => format!("{sign}{grouped}{decimal_mark}{f}"),
            None => format!("{sign}{grouped}"),
        }
    }
}

/// `s` with its first letter upper-cased: "overview" reads "Overview".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_numbers() {
        assert_eq!(Lang::Id.num(0.8523, 4), "0,8523");
        assert_eq!(Lang::Id.num(1_250_000.0, 0), "1.250.000");
        assert_eq!(Lang::Id.num(-1234.5, 1), "-1.234,5");
        assert_eq!(Lang::En.num(0.8523, 2), "0.85");
        assert_eq!(Lang::En.num(10_000.0, 0), "10,000");
        assert_eq!(Lang::En.num(-1234.5, 1), "-1,234.5");
    }
}
