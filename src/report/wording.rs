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

#[cfg(test)]
mod tests {
    use super::*;

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
