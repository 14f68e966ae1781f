//! How typed facts and notes read in each language: the one place where a value the engine
//! computed becomes a sentence. Renderers (Markdown, HTML, charts, documents) call these and add
//! only their own syntax.

use crate::calendar::CalendarDate;
use crate::model::{FgdRound, Level, SamplerKind, Study};
use crate::report::Lang;
use crate::study::sensitivity::SensitivityNote;
use crate::weights::WeightOrigin;

/// Where a group's weights came from, in words: "bobot panel FGD Kanigaran (35.74.04.1003)".
pub fn origin(study: &Study, origin: &WeightOrigin, lang: Lang) -> String {
    match origin {
        WeightOrigin::Panel(p) => {
            let r = study.panels[*p].region;
            format!(
                "{} {} ({})",
                lang.pick("bobot panel FGD", "weights of the FGD panel"),
                study.regions.name_of(r),
                study.regions.code_of(r)
            )
        }
        WeightOrigin::Explicit => lang
            .pick(
                "bobot ditetapkan dalam berkas studi",
                "weights given in the study file",
            )
            .to_string(),
        WeightOrigin::Equal => lang.pick("bobot sama", "equal weights").to_string(),
        WeightOrigin::Objective(m) => format!(
            "{} ({})",
            lang.pick(
                "bobot objektif dari data",
                "objective weights from the data"
            ),
            m.id()
        ),
    }
}

/// The weight sampler in a few words.
pub fn sampler(kind: SamplerKind, lang: Lang) -> &'static str {
    match kind {
        SamplerKind::Dirichlet => lang.pick(
            "sebaran Dirichlet di sekitar bobot",
            "Dirichlet sampling around the weights",
        ),
        SamplerKind::Uniform => lang.pick("seragam pada simpleks", "uniform on the simplex"),
        SamplerKind::Participants => lang.pick(
            "bobot masing-masing peserta",
            "the participants' own weights",
        ),
        SamplerKind::Judgments => lang.pick(
            "penilaian peserta digeser satu langkah skala Saaty",
            "participants' judgments moved one step of Saaty's scale",
        ),
    }
}

/// A note of the sensitivity stage as one sentence.
pub fn sensitivity_note(study: &Study, note: &SensitivityNote, lang: Lang) -> String {
    match note {
        SensitivityNote::DirichletInstead {
            sampler: kind,
            origin: o,
        } => match lang {
            Lang::Id => format!(
                "Kelompok yang bobotnya tidak berasal dari panel ({}) tidak punya peserta untuk cara sampel \"{}\"; bobotnya disampel dengan sebaran Dirichlet di sekitar bobot tersebut.",
                origin(study, o, lang),
                sampler(*kind, lang)
            ),
            Lang::En => format!(
                "Groups whose weights do not come from a panel ({}) have no participants for the sampler \"{}\"; their weights were sampled with Dirichlet around those weights.",
                origin(study, o, lang),
                sampler(*kind, lang)
            ),
        },
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u8, lang: Lang) -> &'static str {
    let i = usize::from(month - 1);
    lang.pick(MONTHS_ID[i], MONTHS_EN[i])
}

/// A date as a letter writes it: "4 Oktober 2021", or "Oktober 2021" for a month.
pub fn date(day: CalendarDate, lang: Lang) -> String {
    match day.day {
        Some(d) => format!("{d} {} {}", month_name(day.month, lang), day.year),
        None => format!("{} {}", month_name(day.month, lang), day.year),
    }
}

/// A span of days, shortened where month and year repeat: "4–15 Oktober 2021",
/// "28 September – 8 Oktober 2021".
pub fn date_span(first: CalendarDate, last: CalendarDate, lang: Lang) -> String {
    if first == last {
        return date(first, lang);
    }
    match (first.day, last.day) {
        (Some(a), Some(_)) if (first.year, first.month) == (last.year, last.month) => {
            format!("{a}–{}", date(last, lang))
        }
        (Some(a), Some(_)) if first.year == last.year => format!(
            "{a} {} – {}",
            month_name(first.month, lang),
            date(last, lang)
        ),
        _ => format!("{} – {}", date(first, lang), date(last, lang)),
    }
}

/// When the study's FGDs and analysis took place, as one line for a cover:
/// "FGD kelurahan 4–15 Oktober 2021; FGD kecamatan 20 Oktober 2021; analisis 3 Desember 2026".
pub fn timeline(study: &Study, lang: Lang) -> String {
    let level_name = |level: Level| match level {
        Level::Kelurahan => "kelurahan",
        Level::Kecamatan => "kecamatan",
        Level::Kota => lang.pick("kota/kabupaten", "city/regency"),
    };
    let mut parts: Vec<String> = study
        .dates
        .fgd
        .iter()
        .map(|&FgdRound { level, first, last }| {
            format!("FGD {} {}", level_name(level), date_span(first, last, lang))
        })
        .collect();
    parts.push(match study.dates.analysis {
        Some(day) => format!("{} {}", lang.pick("analisis", "analysis"), date(day, lang)),
        None => lang
            .pick(
                "tanggal analisis belum dicatat (isi analysis_date di study.toml)",
                "analysis date not recorded (set analysis_date in study.toml)",
            )
            .to_string(),
    });
    parts.join("; ")
}

const WEEKDAYS_ID: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// A whole number in Indonesian words, as official documents write dates: 12 "dua belas",
/// 2021 "dua ribu dua puluh satu" (1 before ratus and ribu is "se-": seratus, seribu).
pub fn number_words(n: u32) -> String {
    const UNITS: [&str; 12] = [
        "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
        "sepuluh", "sebelas",
    ];
    let join = |head: String, rest: u32| {
        if rest == 0 {
            head
        } else {
            format!("{head} {}", number_words(rest))
        }
    };
    match n {
        0..=11 => UNITS[n as usize].to_string(),
        12..=19 => format!("{} belas", UNITS[(n - 10) as usize]),
        20..=99 => join(format!("{} puluh", UNITS[(n / 10) as usize]), n % 10),
        100..=199 => join("seratus".into(), n - 100),
        200..=999 => join(format!("{} ratus", UNITS[(n / 100) as usize]), n % 100),
        1000..=1999 => join("seribu".into(), n - 1000),
        2000..=999_999 => join(format!("{} ribu", number_words(n / 1000)), n % 1000),
        _ => join(
            format!("{} juta", number_words(n / 1_000_000)),
            n % 1_000_000,
        ),
    }
}

/// The day of a berita acara's opening in words, a custom that makes the date hard to alter:
/// "Senin tanggal empat bulan Oktober tahun dua ribu dua puluh satu". None for a month.
pub fn date_words(day: CalendarDate) -> Option<String> {
    let d = day.day?;
    let weekday = WEEKDAYS_ID[usize::from(day.weekday()?)];
    Some(format!(
        "{weekday} tanggal {} bulan {} tahun {}",
        number_words(u32::from(d)),
        month_name(day.month, Lang::Id),
        number_words(day.year.unsigned_abs())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words_as_a_berita_acara_opens() {
        let d = |s: &str| CalendarDate::parse(s).unwrap();
        // 4 October 2021 was a Monday; 12 October 2021 a Tuesday.
        assert_eq!(
            date_words(d("2021-10-04")).unwrap(),
            "Senin tanggal empat bulan Oktober tahun dua ribu dua puluh satu"
        );
        assert_eq!(
            date_words(d("2021-10-12")).unwrap(),
            "Selasa tanggal dua belas bulan Oktober tahun dua ribu dua puluh satu"
        );
        assert_eq!(date_words(d("2021-10")), None);
        assert_eq!(number_words(11), "sebelas");
        assert_eq!(number_words(31), "tiga puluh satu");
        assert_eq!(number_words(1945), "seribu sembilan ratus empat puluh lima");
        assert_eq!(number_words(110), "seratus sepuluh");
    }

    #[test]
    fn dates_read_as_a_letter_writes_them() {
        let d = |s: &str| CalendarDate::parse(s).unwrap();
        assert_eq!(date(d("2021-10-04"), Lang::Id), "4 Oktober 2021");
        assert_eq!(date(d("2021-10"), Lang::En), "October 2021");
        assert_eq!(
            date_span(d("2021-10-04"), d("2021-10-15"), Lang::Id),
            "4–15 Oktober 2021"
        );
        assert_eq!(
            date_span(d("2021-09-28"), d("2021-10-08"), Lang::Id),
            "28 September – 8 Oktober 2021"
        );
        assert_eq!(
            date_span(d("2021-12-28"), d("2022-01-08"), Lang::En),
            "28 December 2021 – 8 January 2022"
        );
        assert_eq!(
            date_span(d("2021-10"), d("2021-10"), Lang::Id),
            "Oktober 2021"
        );
    }
}
