//! How typed facts and notes read in each language: the one place where a value the engine
//! computed becomes a sentence. Renderers (Markdown, HTML, charts, documents) call these and add
//! only their own syntax.

use crate::model::{SamplerKind, Study};
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
