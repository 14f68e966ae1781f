//! Sensitivity settings from the study file and from command-line flags, as one value with one
//! validation (as ripgrep turns its config file and flags into one argument stream): the
//! study's `[sensitivity]` table is applied to the defaults, then the flags to the result, and
//! both are checked by [`SensitivityOverrides::check`].

use crate::model::{MAX_RATING_STEPS, SamplerKind, SensitivitySpec};

/// Where a setting was given, so that a message names it the way the user wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsSource {
    /// The study file's `[sensitivity]` table: `[sensitivity] samples`.
    StudyFile,
    /// A command-line flag: `--samples`.
    Flags,
}

impl SettingsSource {
    /// How the user wrote a setting, e.g. `[sensitivity] quantity_noise = 1.5` or
    /// `--quantity-noise 1.5`.
    fn written(self, key: &str, value: impl std::fmt::Display) -> String {
        match self {
            SettingsSource::StudyFile => format!("[sensitivity] {key} = {value}"),
            SettingsSource::Flags => format!("--{} {value}", key.replace('_', "-")),
        }
    }

    /// The setting's name as the user wrote it, e.g. `[sensitivity] samples` or `--samples`.
    fn key(self, key: &str) -> String {
        match self {
            SettingsSource::StudyFile => format!("[sensitivity] {key}"),
            SettingsSource::Flags => format!("--{}", key.replace('_', "-")),
        }
    }
}

/// Sensitivity settings that override what came before; `None` keeps the earlier value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SensitivityOverrides {
    /// Run the Monte Carlo part (SMAA).
    pub enabled: Option<bool>,
    /// Samples per group.
    pub samples: Option<usize>,
    /// Seed of the random streams.
    pub seed: Option<u64>,
    /// Dirichlet concentration.
    pub concentration: Option<f64>,
    /// How weights are sampled.
    pub sampler: Option<SamplerKind>,
    /// Points of each weight sweep.
    pub sweep_points: Option<usize>,
    /// Relative noise on quantities.
    pub quantity_noise: Option<f64>,
    /// Whole steps a rating may move; a float so that `1.5` or `-1` get a message naming the
    /// setting rather than a type error.
    pub rating_steps: Option<f64>,
}

impl SensitivityOverrides {
    /// Every problem with the given values, each naming the setting as the user wrote it.
    pub fn check(&self, source: SettingsSource) -> Vec<String> {
        let mut problems = Vec::new();
        if self.samples == Some(0) {
            problems.push(format!(
                "{} must be at least 1 (10000 is the default)",
                source.key("samples")
            ));
        }
        if let Some(c) = self.concentration
            && !(c.is_finite() && c > 0.0)
        {
            problems.push(format!(
                "{} is invalid: use a positive number (100 is the default; larger is tighter around the elicited weights)",
                source.written("concentration", c)
            ));
        }
        if let Some(n) = self.sweep_points
            && n < 2
        {
            problems.push(format!(
                "{} must be at least 2 (21 is the default)",
                source.key("sweep_points")
            ));
        }
        if let Some(q) = self.quantity_noise
            && !(q.is_finite() && (0.0..1.0).contains(&q))
        {
            problems.push(format!(
                "{} is invalid: use a share from 0 (exact values) up to but not including 1, e.g. 0.10 for up to 10 %",
                source.written("quantity_noise", q)
            ));
        }
        if let Some(n) = self.rating_steps
            && !(n.fract() == 0.0 && (0.0..=f64::from(MAX_RATING_STEPS)).contains(&n))
        {
            problems.push(format!(
                "{} is invalid: use a whole number of steps from 0 (exact ratings) to {MAX_RATING_STEPS}, e.g. 1",
                source.written("rating_steps", n)
            ));
        }
        problems
    }

    /// Applies the overrides to `spec`. Ratings move one step by default once quantities are
    /// noisy, unless the rating noise is chosen here or was already chosen in `spec`. Call
    /// [`SensitivityOverrides::check`] first: invalid values are not applied.
    pub fn apply(&self, spec: &mut SensitivitySpec) {
        let valid = self.check(SettingsSource::Flags).is_empty();
        if !valid {
            return;
        }
        if let Some(q) = self.quantity_noise {
            if self.rating_steps.is_none() && !spec.matrix_noise() && q > 0.0 {
                spec.rating_steps = 1;
            }
            spec.quantity_noise = q;
        }
        if let Some(n) = self.rating_steps {
            spec.rating_steps = n as u32;
        }
        spec.enabled = self.enabled.unwrap_or(spec.enabled);
        spec.samples = self.samples.unwrap_or(spec.samples);
        spec.seed = self.seed.unwrap_or(spec.seed);
        spec.concentration = self.concentration.unwrap_or(spec.concentration);
        spec.sampler = self.sampler.unwrap_or(spec.sampler);
        spec.sweep_points = self.sweep_points.unwrap_or(spec.sweep_points);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_names_the_setting_as_written() {
        let bad = SensitivityOverrides {
            samples: Some(0),
            quantity_noise: Some(1.5),
            rating_steps: Some(-1.0),
            ..Default::default()
        };
        let file = bad.check(SettingsSource::StudyFile);
        let flags = bad.check(SettingsSource::Flags);
        assert_eq!(file.len(), 3);
        assert!(file[1].starts_with("[sensitivity] quantity_noise = 1.5 is invalid"));
        assert!(flags[1].starts_with("--quantity-noise 1.5 is invalid"));
        assert!(flags[2].starts_with("--rating-steps -1 is invalid"));
        let mut spec = SensitivitySpec::default();
        bad.apply(&mut spec);
        assert_eq!(
            spec,
            SensitivitySpec::default(),
            "invalid values are not applied"
        );
    }

    #[test]
    fn quantity_noise_brings_one_rating_step_unless_chosen() {
        let mut spec = SensitivitySpec::default();
        let noisy = SensitivityOverrides {
            quantity_noise: Some(0.1),
            ..Default::default()
        };
        noisy.apply(&mut spec);
        assert_eq!((spec.quantity_noise, spec.rating_steps), (0.1, 1));
        let mut exact_ratings = SensitivitySpec::default();
        SensitivityOverrides {
            quantity_noise: Some(0.1),
            rating_steps: Some(0.0),
            ..Default::default()
        }
        .apply(&mut exact_ratings);
        assert_eq!(exact_ratings.rating_steps, 0);
        // Flags after a study that chose 3 steps keep them.
        let mut chosen = SensitivitySpec {
            rating_steps: 3,
            ..Default::default()
        };
        noisy.apply(&mut chosen);
        assert_eq!(chosen.rating_steps, 3);
    }
}
