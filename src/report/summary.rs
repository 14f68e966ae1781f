//! Sentences of the report that several documents share (the sensitivity opening and verdicts,
//! the scenario comparison, the participants), in Bahasa Indonesia or English.

use super::lang::Lang;
use crate::Analysis;
use crate::model::{Level, SamplerKind, SensitivitySpec};
use crate::report::facts::Facts;
use crate::select::Group;
use crate::study::sensitivity::{
    CLOSE_ACCEPTABILITY, SENSITIVE_CHANGE, STABLE_ACCEPTABILITY, Verdict,
};

/// The decision-matrix noise as a sentence (summary), `None` when the values are exact. Says
/// what the confidence factor then means (Lahdelma & Salminen 2001, eq. 8).
pub fn matrix_noise_sentence(spec: &SensitivitySpec, lang: Lang) -> Option<String> {
    let (quantities, ratings) = matrix_noise_parts(spec, lang)?;
    Some(format!(
        "{}: {}; {}",
        lang.pick(
            "Setiap sampel juga mengacak nilai kriteria",
            "Each sample also perturbs the criteria values"
        ),
        [quantities, ratings].into_iter().flatten().collect::<Vec<_>>().join(", "),
        lang.pick(
            "faktor keyakinan adalah bagian undian nilai yang dimenangkan kandidat bila semua kandidat dinilai dengan bobot sentralnya.",
            "the confidence factor is the share of value draws a candidate wins when every candidate is scored with its central weights."
        )
    ))
}

/// "quantities ±10 %" and "ratings ±1 step", each `None` when that kind is exact; `None` for
/// no noise at all (or no SMAA).
fn matrix_noise_parts(
    spec: &SensitivitySpec,
    lang: Lang,
) -> Option<(Option<String>, Option<String>)> {
    if !(spec.enabled && spec.matrix_noise()) {
        return None;
    }
    let p = spec.quantity_noise * 100.0;
    // As many decimals as the setting has (10 %, 2.5 %), at most two.
    let decimals = (0..2)
        .find(|&d| {
            let scaled = p * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(2) as usize;
    let quantities = (spec.quantity_noise > 0.0).then(|| {
        format!(
            "{} ±{} %",
            lang.pick("kuantitas", "quantities"),
            lang.num(p, decimals)
        )
    });
    let ratings = (spec.rating_steps > 0).then(|| {
        format!(
            "{} ±{} {}",
            lang.pick("penilaian (rating)", "ratings"),
            spec.rating_steps,
            match (lang, spec.rating_steps) {
                (Lang::Id, _) => "langkah",
                (Lang::En, 1) => "step",
                (Lang::En, _) => "steps",
            }
        )
    });
    Some((quantities, ratings))
}

/// The plain-language verdict of a group, as plain text (each format escapes it).
pub fn verdict_text(analysis: &Analysis, group: &Group, verdict: &Verdict, lang: Lang) -> String {
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    // "55 kali dari 100 percobaan": a share of weight samples as a planner repeats it.
    let trials = |a: f64| match lang {
        Lang::Id => format!(
            "unggul {} kali dari 100 percobaan bobot acak",
            lang.num(a * 100.0, 0)
        ),
        Lang::En => format!(
            "wins {} of 100 trials with random weights",
            lang.num(a * 100.0, 0)
        ),
    };
    match verdict {
        Verdict::Empty => l("tidak ada kandidat", "no candidates").into(),
        Verdict::Unopposed => l(
            "satu-satunya kandidat, tanpa pembanding",
            "only candidate, nothing to compare",
        )
        .into(),
        Verdict::TooClose { acceptability } => format!(
            "{} ({})",
            l("persaingan terlalu ketat", "too close to call"),
            trials(*acceptability)
        ),
        Verdict::Sensitive {
            criterion,
            change,
            acceptability,
        } => {
            let set = &analysis.study.levels[group.level_index].criteria;
            let c = &set.criteria[set.leaves[*criterion]];
            let name = lang.pick(&c.name_id, &c.name_en);
            let share = acceptability.map_or_else(String::new, |a| match lang {
                Lang::Id => format!(
                    "; unggulan sekarang menang {} kali dari 100 percobaan bobot acak",
                    lang.num(a * 100.0, 0)
                ),
                Lang::En => format!(
                    "; the present unggulan wins {} of 100 trials with random weights",
                    lang.num(a * 100.0, 0)
                ),
            });
            // The crossing the verdict names: from which weight to which, and who wins then.
            let crossing = analysis.sensitivity.as_ref().and_then(|s| {
                // Found by bisection (both lists are in selection order): a national study's
                // pages name thousands of verdicts each.
                let gi = analysis
                    .selection
                    .find_index(group.region, group.category)
                    .filter(|&i| std::ptr::eq(&analysis.selection.groups[i], group))?;
                let gs = &s.groups[s.groups.binary_search_by_key(&gi, |gs| gs.group).ok()?];
                gs.thresholds
                    .iter()
                    .filter(|t| t.criterion == *criterion)
                    .filter_map(|t| Some((t.base_weight, t.critical_weight?, t.new_winner)))
                    .min_by(|a, b| (a.1 - a.0).abs().total_cmp(&(b.1 - b.0).abs()))
            });
            match crossing {
                Some((base, critical, new_winner)) => {
                    let rises = critical > base;
                    let successor = new_winner
                        .and_then(|e| group.entries.get(e))
                        .map(|e| &analysis.study.candidates.list[e.candidate]);
                    let to = successor.map_or_else(String::new, |c| match lang {
                        Lang::Id => format!(", unggulan berganti ke {} ({})", c.name, c.product),
                        Lang::En => format!(", the unggulan becomes {} ({})", c.name, c.product),
                    });
                    match lang {
                        Lang::Id => format!(
                            "peka terhadap bobot {name}: bila bobotnya {} dari {} menjadi {}{to}{share}",
                            if rises { "naik" } else { "turun" },
                            lang.percent(base, 1),
                            lang.percent(critical, 1)
                        ),
                        Lang::En => format!(
                            "sensitive to the weight of {name}: if it {} from {} to {}{to}{share}",
                            if rises { "rises" } else { "falls" },
                            lang.percent(base, 1),
                            lang.percent(critical, 1)
                        ),
                    }
                }
                None => format!(
                    "{} {name}: {} {} {}{share}",
                    l("peka terhadap bobot", "sensitive to the weight of"),
                    if *change > 0.0 {
                        l("menaikkan bobotnya", "raising it by")
                    } else {
                        l("menurunkan bobotnya", "lowering it by")
                    },
                    lang.percent(change.abs(), 1),
                    l("sudah mengubah unggulan", "changes the unggulan")
                ),
            }
        }
        Verdict::Stable { acceptability } => match acceptability {
            Some(a) => format!("{} ({})", l("stabil", "stable"), trials(*a)),
            None => l("stabil", "stable").into(),
        },
        Verdict::FairlyStable { acceptability } => {
            format!(
                "{} ({})",
                l("cukup stabil", "fairly stable"),
                trials(*acceptability)
            )
        }
    }
}

/// A verdict id in words.
pub fn verdict_word(id: &str, lang: Lang) -> &'static str {
    match id {
        "stable" => lang.pick("stabil", "stable"),
        "fairly-stable" => lang.pick("cukup stabil", "fairly stable"),
        "sensitive" => lang.pick("peka", "sensitive"),
        "too-close" => lang.pick("terlalu ketat", "too close to call"),
        "unopposed" => lang.pick("tanpa pembanding", "unopposed"),
        _ => lang.pick("kosong", "empty"),
    }
}

/// The opening of the sensitivity section, shared by `summary.md` and `index.html`: how the
/// analysis was run, what each verdict means, the stage's notes, and the groups per verdict.
/// Plain text; the verdict words are kept apart so each format can emphasise them.
pub struct SensitivityIntro {
    /// Sampling, seed, matrix noise and the threshold method, or that SMAA was not run.
    pub method: String,
    /// "Verdicts, checked in this order (the first that applies holds)".
    pub rules_label: &'static str,
    /// Each verdict word with the condition that gives it ("bila ..." / "when ...").
    pub rules: Vec<(&'static str, String)>,
    /// Notes of the sensitivity stage (e.g. groups left out), one per line.
    pub notes: Vec<String>,
    /// "Jumlah kelompok per putusan: stabil 71, peka 27".
    pub counts: String,
}

/// The opening of the sensitivity section; `None` when sensitivity was not run.
pub fn sensitivity_intro(analysis: &Analysis, lang: Lang) -> Option<SensitivityIntro> {
    let s = analysis.sensitivity.as_ref()?;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let sampler = match s.spec.sampler {
        SamplerKind::Dirichlet => format!("Dirichlet (c = {})", lang.num(s.spec.concentration, 0)),
        other => crate::report::wording::sampler(other, lang).to_string(),
    };
    let method = if s.spec.enabled {
        format!(
            "{} {} {}, {}: {}, seed {}. {}{}",
            l(
                "Monte Carlo SMAA-2 (Lahdelma & Salminen 2001) dengan",
                "Monte Carlo SMAA-2 (Lahdelma & Salminen 2001) with"
            ),
            lang.num(s.spec.samples as f64, 0),
            l("sampel bobot per kelompok", "weight samples per group"),
            l("pengambilan sampel", "sampling"),
            sampler,
            s.spec.seed,
            matrix_noise_sentence(&s.spec, lang)
                .map(|t| format!("{t} "))
                .unwrap_or_default(),
            l(
                "Ambang kritis dihitung tepat: perubahan terkecil satu bobot (bobot lain diskalakan proporsional) yang mengubah unggulan.",
                "Critical thresholds are exact: the smallest change of one weight (the others rescaled proportionally) that changes the unggulan."
            ),
        )
    } else {
        l(
            "Monte Carlo SMAA-2 tidak dijalankan: putusan hanya dari ambang kritis (perubahan terkecil satu bobot, bobot lain diskalakan proporsional, yang mengubah unggulan, dihitung tepat).",
            "Monte Carlo SMAA-2 was not run: the verdicts rest on the critical thresholds alone (the smallest change of one weight, the others rescaled proportionally, that changes the unggulan, computed exactly).",
        )
        .to_string()
    };
    let stable = lang.percent(STABLE_ACCEPTABILITY, 1);
    let close = lang.percent(CLOSE_ACCEPTABILITY, 1);
    let change = lang.num(SENSITIVE_CHANGE, 2);
    // In the order `study::sensitivity::verdict` checks them: the first that applies holds.
    let rules = match (lang, s.spec.enabled) {
        (Lang::Id, true) => vec![
            (
                "terlalu ketat",
                format!("bila unggul pada < {close} sampel"),
            ),
            (
                "peka",
                format!("bila perubahan satu bobot < {change} sudah mengubah unggulan"),
            ),
            (
                "cukup stabil",
                format!("bila unggul pada {close}–{stable} sampel"),
            ),
            (
                "stabil",
                format!(
                    "bila unggul pada ≥ {stable} sampel dan tidak ada perubahan bobot < {change} yang mengubah unggulan"
                ),
            ),
        ],
        (Lang::En, true) => vec![
            (
                "too close to call",
                format!("when the unggulan wins in < {close} of the samples"),
            ),
            (
                "sensitive",
                format!("when changing one weight by < {change} changes the unggulan"),
            ),
            (
                "fairly stable",
                format!("when it wins in {close}–{stable} of the samples"),
            ),
            (
                "stable",
                format!(
                    "when it wins in ≥ {stable} of the samples and no weight change < {change} changes it"
                ),
            ),
        ],
        (Lang::Id, false) => vec![
            (
                "peka",
                format!("bila perubahan satu bobot < {change} sudah mengubah unggulan"),
            ),
            (
                "stabil",
                format!("bila tidak ada perubahan bobot < {change} yang mengubah unggulan"),
            ),
        ],
        (Lang::En, false) => vec![
            (
                "sensitive",
                format!("when changing one weight by < {change} changes the unggulan"),
            ),
            (
                "stable",
                format!("when no weight change < {change} changes the unggulan"),
            ),
        ],
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for gs in &s.groups {
        let id = gs.verdict.id();
        match counts.iter_mut().find(|(k, _)| *k == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id, 1)),
        }
    }
    let listed: Vec<String> = counts
        .iter()
        .map(|(id, n)| format!("{} {n}", verdict_word(id, lang)))
        .collect();
    Some(SensitivityIntro {
        method,
        rules_label: l(
            "Putusan, diperiksa berurutan (yang pertama terpenuhi berlaku)",
            "Verdicts, checked in this order (the first that applies holds)",
        ),
        rules,
        notes: s
            .notes
            .iter()
            .map(|n| crate::report::wording::sensitivity_note(&analysis.study, n, lang))
            .collect(),
        counts: format!(
            "{}: {}.",
            l("Jumlah kelompok per putusan", "Groups per verdict"),
            listed.join(", ")
        ),
    })
}

/// The scenario comparison, shared by `summary.md` and `index.html`. Plain text.
pub struct ScenarioOverview {
    /// "In 45 of 102 groups the unggulan is the same under every scenario."
    pub headline: String,
    /// Column headings of the table.
    pub header: [&'static str; 6],
    /// Per scenario: name, same unggulan ("80 / 102"), groups correlated (same candidates as
    /// the base, at least two), mean Spearman, mean Kendall tau-b, mean WS.
    pub rows: Vec<[String; 6]>,
    /// Why the correlations cover fewer groups than the unggulan count.
    pub note: &'static str,
    /// "Unggulan that change:".
    pub changes_label: &'static str,
    /// "Scenario: kelurahan Jati / agro: A (id) → B (id)".
    pub changes: Vec<String>,
}

/// The scenario comparison; `None` when scenarios were not run.
pub fn scenario_overview(analysis: &Analysis, lang: Lang) -> Option<ScenarioOverview> {
    let sc = analysis.scenarios.as_ref()?;
    let study = &analysis.study;
    let l = |id: &'static str, en: &'static str| lang.pick(id, en);
    let headline = match lang {
        Lang::Id => format!(
            "Pada {} dari {} kelompok, unggulannya sama pada semua skenario.",
            sc.same_everywhere, sc.groups
        ),
        Lang::En => format!(
            "In {} of {} groups the unggulan is the same under every scenario.",
            sc.same_everywhere, sc.groups
        ),
    };
    let rows = sc
        .scenarios
        .iter()
        .map(|r| {
            let spec = &study.scenarios[r.scenario];
            let same = r.comparisons.iter().filter(|c| c.same_winner).count();
            let correlated = r
                .comparisons
                .iter()
                .filter(|c| c.spearman.is_some())
                .count();
            let mean = |f: &dyn Fn(&crate::study::scenarios::GroupComparison) -> Option<f64>| {
                let v: Vec<f64> = r.comparisons.iter().filter_map(f).collect();
                if v.is_empty() {
                    "—".to_string()
                } else {
                    lang.num(v.iter().sum::<f64>() / v.len() as f64, 3)
                }
            };
            [
                lang.pick(&spec.name_id, &spec.name_en).to_string(),
                format!("{same} / {}", r.comparisons.len()),
                correlated.to_string(),
                mean(&|c| c.spearman),
                mean(&|c| c.kendall_tau_b),
                mean(&|c| c.ws),
            ]
        })
        .collect();
    let mut changes = Vec::new();
    for r in &sc.scenarios {
        let spec = &study.scenarios[r.scenario];
        for c in r.comparisons.iter().filter(|c| !c.same_winner) {
            let base = &analysis.selection.groups[c.group];
            let other = &r.selection.groups[c.group];
            let name = |g: &Group| {
                g.winners().next().map_or_else(
                    || "—".to_string(),
                    |e| {
                        let c = &study.candidates.list[e.candidate];
                        format!("{} ({})", c.name, c.id)
                    },
                )
            };
            changes.push(format!(
                "{}: {} {} / {}: {} → {}",
                lang.pick(&spec.name_id, &spec.name_en),
                base.level.id(),
                study.regions.name_of(base.region),
                study.categories[base.category],
                name(base),
                name(other)
            ));
        }
    }
    Some(ScenarioOverview {
        headline,
        header: [
            l("Skenario", "Scenario"),
            l("Unggulan sama", "Same unggulan"),
            l("Kelompok dikorelasikan", "Groups correlated"),
            l("Rata-rata Spearman", "Mean Spearman"),
            l("Rata-rata Kendall tau-b", "Mean Kendall tau-b"),
            l("Rata-rata WS", "Mean WS"),
        ],
        rows,
        note: l(
            "Korelasi peringkat dirata-rata atas kelompok yang kandidatnya sama dengan skenario dasar (minimal dua kandidat); di tingkat kecamatan skenario lain bisa mengirim nominasi kelurahan yang berbeda.",
            "Rank correlations are averaged over the groups whose candidates are the same as in the base (at least two); at kecamatan level another scenario can send different kelurahan nominees.",
        ),
        changes_label: l("Unggulan yang berubah:", "Unggulan that change:"),
        changes,
    })
}

/// "Kelurahan", "Kecamatan" or the city's word, as a label before a region's name.
pub fn level_word(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Kelurahan => "Kelurahan",
        Level::Kecamatan => "Kecamatan",
        Level::Kota => lang.pick("Kota/Kabupaten", "City/regency"),
    }
}

/// The FGD participants in one phrase: people, judgment sets, and how many sets were
/// inconsistent (and left out, under the exclude policy).
pub fn participants_sentence(facts: &Facts, threshold: f64, lang: Lang) -> String {
    let p = facts.people;
    let excluded = if facts.excluded.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::Id => format!(", {} tidak diikutkan", facts.excluded.len()),
            Lang::En => format!(", {} left out", facts.excluded.len()),
        }
    };
    match lang {
        Lang::Id => format!(
            "{} orang mengisi {} set penilaian di {} panel; {} set tidak konsisten (CR di atas {}){excluded}",
            p.count,
            p.seats,
            facts.panels,
            facts.inconsistent.len(),
            lang.num(threshold, 2)
        ),
        Lang::En => {
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            format!(
                "{} filled in {} of judgments in {}; {} inconsistent (CR above {}){excluded}",
                plural(p.count, "person", "people"),
                plural(p.seats, "set", "sets"),
                plural(facts.panels, "panel", "panels"),
                plural(facts.inconsistent.len(), "set", "sets"),
                lang.num(threshold, 2)
            )
        }
    }
}

/// A judgment as planners write it: `3`, `1/5`, or a decimal for non-Saaty values.
pub fn fraction(x: f64, lang: Lang) -> String {
    let r = x.round();
    if (x - r).abs() < 1e-9 && r >= 1.0 {
        return format!("{r}");
    }
    let inv = (1.0 / x).round();
    if (1.0 / x - inv).abs() < 1e-9 && inv >= 2.0 {
        return format!("1/{inv}");
    }
    lang.num(x, 2)
}
