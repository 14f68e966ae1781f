//! The study's method choices described in words, in Bahasa Indonesia or English.
//!
//! One description serves the summary, `index.html`, the berita acara and the chart captions,
//! so that they never describe the same choice differently. The texts are plain: each format
//! escapes them its own way.

use super::lang::Lang;
use crate::ahp::{Aggregation, PriorityMethod, RandomIndexTable};
use crate::model::{InconsistentPolicy, Method, ReferenceKind, Scoring};
use crate::score::Normalization;

/// One row of the method table.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodChoice {
    /// What was chosen ("Normalisasi").
    pub choice: &'static str,
    /// The choice in words.
    pub words: String,
    /// The value as written in the study file (`vector`), where the choice is one of a set,
    /// so that a reader can find it in `study.toml` and the manifest.
    pub id: Option<&'static str>,
}

/// Every method choice of a study, in the order of the report's method table.
pub fn method_choices(m: &Method, lang: Lang) -> Vec<MethodChoice> {
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let row = |choice, words: &str, id| MethodChoice {
        choice,
        words: words.to_string(),
        id,
    };
    vec![
        row(
            l("Metode penilaian", "Scoring method"),
            scoring_text(m.scoring, lang),
            Some(m.scoring.id()),
        ),
        row(
            l("Normalisasi", "Normalisation"),
            normalization_text(m.normalization, lang),
            Some(m.normalization.id()),
        ),
        row(
            l("Titik acuan", "Reference points"),
            reference_text(m.reference, lang),
            Some(m.reference.id()),
        ),
        row(
            l("Bobot AHP", "AHP priorities"),
            ahp_method_text(m.ahp_method, lang),
            Some(m.ahp_method.id()),
        ),
        row(
            l("Tabel Indeks Random (RI)", "Random Index (RI) table"),
            m.ri_table.citation(),
            Some(m.ri_table.id()),
        ),
        row(
            l("Agregasi kelompok", "Group aggregation"),
            aggregation_text(m.aggregation, lang),
            Some(m.aggregation.id()),
        ),
        row(
            l("Ambang rasio konsistensi", "Consistency ratio threshold"),
            &format!("CR ≤ {}", lang.num(m.consistency_threshold, 2)),
            None,
        ),
        row(
            l("Peserta tidak konsisten", "Inconsistent participants"),
            inconsistent_text(m.inconsistent_participants, lang),
            Some(m.inconsistent_participants.id()),
        ),
        row(
            l("Unggulan per kelompok", "Winners per group"),
            &m.winners.to_string(),
            None,
        ),
        row(
            l("Aturan seri", "Tie rule"),
            &tie_rule_text(m.tie_tolerance, lang),
            None,
        ),
    ]
}

/// How candidates are scored.
pub fn scoring_text(s: Scoring, lang: Lang) -> &'static str {
    match s {
        Scoring::Topsis => "TOPSIS (Hwang & Yoon 1981)",
        Scoring::WeightedSum => lang.pick("jumlah terbobot (SAW)", "weighted sum (SAW)"),
    }
}

/// How the decision matrix is normalised, with its formula.
pub fn normalization_text(n: Normalization, lang: Lang) -> &'static str {
    match n {
        Normalization::Vector => lang.pick(
            "vektor, x / √Σx² (Hwang & Yoon)",
            "vector, x / √Σx² (Hwang & Yoon)",
        ),
        Normalization::MinMax => lang.pick(
            "min-maks, (x − min) / (maks − min)",
            "min-max, (x − min) / (max − min)",
        ),
        Normalization::Max => lang.pick("maksimum, x / maks", "maximum, x / max"),
        Normalization::Sum => lang.pick("jumlah, x / Σx", "sum, x / Σx"),
    }
}

/// Where the ideal and anti-ideal points come from.
pub fn reference_text(r: ReferenceKind, lang: Lang) -> &'static str {
    match r {
        ReferenceKind::Relative => lang.pick(
            "relatif (A+ dan A− dari kandidat dalam kelompok)",
            "relative (A+ and A− from the group's candidates)",
        ),
        ReferenceKind::Fixed => lang.pick(
            "tetap (A+ dan A− dari batas skala kriteria)",
            "fixed (A+ and A− from the criteria scale bounds)",
        ),
    }
}

/// How AHP priorities are derived from a pairwise matrix.
pub fn ahp_method_text(p: PriorityMethod, lang: Lang) -> &'static str {
    lang.pick(p.description_id(), p.description_en())
}

/// The Random Index table by its authors and year, for running text; the method table
/// gives the full reference ([`RandomIndexTable::citation`]).
pub fn ri_table_name(t: RandomIndexTable) -> &'static str {
    match t {
        RandomIndexTable::SaatyClassic => "Saaty (1980)",
        RandomIndexTable::Saaty2005 => "Saaty (2005)",
        RandomIndexTable::AlonsoLamata => "Alonso & Lamata (2006)",
        RandomIndexTable::TummalaLing => "Tummala & Ling (1998)",
        RandomIndexTable::DoneganDodd => "Donegan & Dodd (1991)",
    }
}

/// How the participants' judgments are combined into the panel's weights.
pub fn aggregation_text(a: Aggregation, lang: Lang) -> &'static str {
    match a {
        Aggregation::Aij => lang.pick(
            "AIJ: rata-rata geometrik penilaian peserta",
            "AIJ: geometric mean of the participants' judgments",
        ),
        Aggregation::AipGeometric => lang.pick(
            "AIP: rata-rata geometrik bobot peserta",
            "AIP: geometric mean of the participants' weights",
        ),
        Aggregation::AipArithmetic => lang.pick(
            "AIP: rata-rata aritmetik bobot peserta",
            "AIP: arithmetic mean of the participants' weights",
        ),
    }
}

/// What happens to a participant whose consistency ratio is above the threshold.
pub fn inconsistent_text(p: InconsistentPolicy, lang: Lang) -> &'static str {
    match p {
        InconsistentPolicy::Flag => lang.pick(
            "ditandai, tetap diikutkan",
            "flagged, kept in the aggregation",
        ),
        InconsistentPolicy::Exclude => {
            lang.pick("dikeluarkan dari agregasi", "excluded from the aggregation")
        }
    }
}

/// When two scores count as a tie and what then happens.
pub fn tie_rule_text(tolerance: f64, lang: Lang) -> String {
    format!(
        "{} {tolerance:e}{}",
        lang.pick("selisih skor ≤", "score difference ≤"),
        lang.pick(
            ": urutan berkas kandidat, ditandai untuk FGD",
            ": candidates-file order, flagged for the FGD",
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids shown in brackets are the values a study file accepts.
    #[test]
    fn ids_are_the_study_file_values() {
        for s in [Scoring::Topsis, Scoring::WeightedSum] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.id());
        }
        for r in [ReferenceKind::Relative, ReferenceKind::Fixed] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.id());
        }
        for p in [InconsistentPolicy::Flag, InconsistentPolicy::Exclude] {
            assert_eq!(serde_json::to_value(p).unwrap(), p.id());
        }
    }

    #[test]
    fn every_choice_is_in_words() {
        let m = Method {
            scoring: Scoring::Topsis,
            normalization: Normalization::Vector,
            reference: ReferenceKind::Relative,
            ahp_method: PriorityMethod::Eigenvector,
            ri_table: RandomIndexTable::SaatyClassic,
            aggregation: Aggregation::Aij,
            consistency_threshold: 0.1,
            inconsistent_participants: InconsistentPolicy::Flag,
            winners: 1,
            tie_tolerance: crate::prec::TIE,
            missing_judgments: crate::model::MissingJudgments::Refuse,
        };
        for lang in [Lang::Id, Lang::En] {
            for c in method_choices(&m, lang) {
                if let Some(id) = c.id {
                    assert!(
                        c.words.len() > id.len() + 2,
                        "{}: {:?} is described, not named by its id",
                        c.choice,
                        c.words
                    );
                }
            }
        }
        let words = method_choices(&m, Lang::Id);
        assert_eq!(words[1].words, "vektor, x / √Σx² (Hwang & Yoon)");
        assert_eq!(words[5].words, "AIJ: rata-rata geometrik penilaian peserta");
    }
}
