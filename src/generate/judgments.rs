//! Pairwise judgments of the FGD panels (`penilaian_ahp.csv`).

use std::fmt::Write as _;

use rand::RngExt;
use rand::rngs::ChaCha8Rng;

use super::candidates::round1;
use super::regions::*;
use super::*;

/// A pairwise judgment as written: Saaty integer `k`, reciprocal `1/k`, or an aggregated decimal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Judgment {
    Saaty(u8),
    Reciprocal(u8),
    Decimal(f64),
}

impl Judgment {
    pub(super) fn value(self) -> f64 {
        match self {
            Judgment::Saaty(k) => f64::from(k),
            Judgment::Reciprocal(k) => 1.0 / f64::from(k),
            Judgment::Decimal(x) => x,
        }
    }

    /// The nearest value of Saaty's 1-9 scale in log space (so 2.5 and 1/2.5 round alike):
    /// the boundary between k and k + 1 is their geometric mean sqrt(k (k + 1)). Values beyond
    /// 9 or 1/9 (and 0) give 9 or 1/9.
    pub(super) fn nearest_saaty(x: f64) -> Judgment {
        let y = if x >= 1.0 { x } else { 1.0 / x };
        let k = (1u8..9)
            .find(|&k| y < (f64::from(k) * f64::from(k + 1)).sqrt())
            .unwrap_or(9);
        if k == 1 || x >= 1.0 {
            Judgment::Saaty(k)
        } else {
            Judgment::Reciprocal(k)
        }
    }

    pub(super) fn reciprocal(self) -> Judgment {
        match self {
            Judgment::Saaty(1) => Judgment::Saaty(1),
            Judgment::Saaty(k) => Judgment::Reciprocal(k),
            Judgment::Reciprocal(k) => Judgment::Saaty(k),
            Judgment::Decimal(x) => Judgment::Decimal(1.0 / x),
        }
    }

    pub(super) fn write_to(self, out: &mut String) {
        out.clear();
        let _ = match self {
            Judgment::Saaty(k) => write!(out, "{k}"),
            Judgment::Reciprocal(k) => write!(out, "1/{k}"),
            Judgment::Decimal(x) => write!(out, "{x:.1}"),
        };
    }
}

/// Relative base importance per criterion: labour and local raw materials weigh most in the
/// published studies (DOMAIN.md section 2); unknown criteria weigh 1.
pub(super) fn base_weight(id: &str) -> f64 {
    match id {
        "lapangan_kerja" | "penyerapan_tenaga_kerja" => 2.4,
        "sumber_daya_lokal" | "bahan_baku" | "ketersediaan_bahan_baku" => 2.2,
        "nilai_tambah"
        | "pertumbuhan_ekonomi"
        | "sumbangan_perekonomian"
        | "kontribusi_perekonomian" => 1.2,
        _ => 1.0,
    }
}

/// Log-space spread of panel profiles around the base, of participants around their panel, and
/// of single judgments around the participant's ratio.
pub(super) const PANEL_SD: f64 = 0.25;
pub(super) const PARTICIPANT_SD: f64 = 0.2;
pub(super) const JUDGMENT_SD: f64 = 0.15;
/// Planted participants state their reversed judgments with at least this intensity.
pub(super) const PLANTED_MIN_INTENSITY: u8 = 5;
/// Reversed judgments per planted participant.
pub(super) const PLANTED_REVERSALS: usize = 3;
/// Aggregated (non-Saaty decimal) answers written by each kecamatan panel's bappeda member in
/// the preset.
pub(super) const DECIMALS_PER_BAPPEDA: usize = 2;

/// Participants of one panel, in id order: `(role)`, ids are `P01`, `P02`, ...
pub(super) fn panel_roles(
    kelurahan_panel: bool,
    rng: &mut ChaCha8Rng,
    roles: &mut Vec<&'static str>,
) {
    roles.clear();
    if kelurahan_panel {
        roles.extend(["camat", "lurah", "kasi_pemmas", "lpm"]);
        let umkm = rng.random_range(1..=2);
        roles.extend(std::iter::repeat_n("umkm", umkm));
    } else {
        roles.extend(["camat", "sekcam"]);
        let lurah = rng.random_range(2..=3);
        roles.extend(std::iter::repeat_n("lurah", lurah));
        let umkm = rng.random_range(1..=2);
        roles.extend(std::iter::repeat_n("umkm", umkm));
        roles.push("bappeda");
    }
}

pub(super) fn write_judgments(
    spec: &GeneratorSpec,
    shape: Shape,
    leaves: &[Leaf],
    path: &Path,
) -> Result<(usize, Vec<Planted>), GenerateError> {
    let mut rng = rng_for(spec.seed, STREAM_JUDGMENTS);
    let preset = matches!(shape, Shape::Probolinggo);
    let n = leaves.len();
    let panels = shape.kelurahan_count() + shape.kecamatan_count();

    // Which panels get a planted participant: a partial Fisher-Yates shuffle, sorted so the
    // lookup below walks it in panel order.
    let mut planted_panels: Vec<usize> = Vec::new();
    let mut plant_rng = rng_for(spec.seed, STREAM_PLANTING);
    if preset {
        let mut idx: Vec<usize> = (0..panels).collect();
        let take = PLANTED_INCONSISTENT.min(panels);
        for i in 0..take {
            let j = plant_rng.random_range(i..panels);
            idx.swap(i, j);
        }
        planted_panels = idx[..take].to_vec();
        planted_panels.sort_unstable();
    }

    let mut w = csv_writer(path)?;
    w.write_record([
        "panel",
        "participant",
        "role",
        "criterion_a",
        "criterion_b",
        "value",
    ])
    .map_err(csv_err(path))?;

    let base: Vec<f64> = leaves.iter().map(|l| base_weight(&l.id).ln()).collect();
    let mut state = PanelWriter {
        rng: &mut rng,
        plant_rng: &mut plant_rng,
        w: &mut w,
        path,
        leaves,
        base: &base,
        panel_ln: vec![0.0; n],
        part_ln: vec![0.0; n],
        matrix: vec![Judgment::Saaty(1); n * (n - 1) / 2],
        raw: vec![1.0; n * (n - 1) / 2],
        roles: Vec::new(),
        text: String::new(),
        pid: String::new(),
        rows: 0,
        planted: Vec::new(),
        preset,
    };
    let mut panel_index = 0usize;
    let mut next_planted = planted_panels.iter().peekable();
    let mut is_planted = |i: usize| {
        if next_planted.peek() == Some(&&i) {
            next_planted.next();
            true
        } else {
            false
        }
    };
    shape.for_each_kelurahan(|k| {
        let plant = is_planted(panel_index);
        panel_index += 1;
        state.panel(k.code, true, plant)
    })?;
    let mut code = String::new();
    for k in 0..shape.kecamatan_count() {
        shape.kecamatan(k, &mut code);
        let plant = is_planted(panel_index);
        panel_index += 1;
        state.panel(&code, false, plant)?;
    }
    let (rows, planted) = (state.rows, std::mem::take(&mut state.planted));
    finish_csv(w, path)?;
    Ok((rows, planted))
}

/// Reusable buffers for writing panels one after another.
pub(super) struct PanelWriter<'a> {
    pub(super) rng: &'a mut ChaCha8Rng,
    pub(super) plant_rng: &'a mut ChaCha8Rng,
    pub(super) w: &'a mut CsvOut,
    pub(super) path: &'a Path,
    pub(super) leaves: &'a [Leaf],
    pub(super) base: &'a [f64],
    pub(super) panel_ln: Vec<f64>,
    pub(super) part_ln: Vec<f64>,
    /// Upper triangle (i < j, row-major) of the current participant's judgments.
    pub(super) matrix: Vec<Judgment>,
    /// The unrounded ratios behind `matrix`.
    pub(super) raw: Vec<f64>,
    pub(super) roles: Vec<&'static str>,
    pub(super) text: String,
    pub(super) pid: String,
    pub(super) rows: usize,
    pub(super) planted: Vec<Planted>,
    pub(super) preset: bool,
}

impl PanelWriter<'_> {
    pub(super) fn panel(
        &mut self,
        code: &str,
        kelurahan_panel: bool,
        plant: bool,
    ) -> Result<(), GenerateError> {
        let n = self.leaves.len();
        for (p, b) in self.panel_ln.iter_mut().zip(self.base) {
            *p = b + PANEL_SD * normal(self.rng);
        }
        panel_roles(kelurahan_panel, self.rng, &mut self.roles);
        let planted_member = if plant {
            Some(self.plant_rng.random_range(0..self.roles.len()))
        } else {
            None
        };
        for r in 0..self.roles.len() {
            for (q, p) in self.part_ln.iter_mut().zip(&self.panel_ln) {
                *q = p + PARTICIPANT_SD * normal(self.rng);
            }
            let mut t = 0;
            for i in 0..n {
                for j in i + 1..n {
                    let ratio =
                        (self.part_ln[i] - self.part_ln[j] + JUDGMENT_SD * normal(self.rng)).exp();
                    self.raw[t] = ratio;
                    self.matrix[t] = Judgment::nearest_saaty(ratio);
                    t += 1;
                }
            }
            self.pid.clear();
            let _ = write!(self.pid, "P{:02}", r + 1);
            if planted_member == Some(r) {
                plant_reversals(&mut self.matrix);
                self.planted.push((code.to_string(), self.pid.clone()));
            } else if self.preset && self.roles[r] == "bappeda" {
                aggregated_decimals(&mut self.matrix, &self.raw);
            }
            let mut t = 0;
            for i in 0..n {
                for j in i + 1..n {
                    self.matrix[t].write_to(&mut self.text);
                    let rec = [
                        code,
                        self.pid.as_str(),
                        self.roles[r],
                        self.leaves[i].id.as_str(),
                        self.leaves[j].id.as_str(),
                        self.text.as_str(),
                    ];
                    self.w.write_record(rec).map_err(csv_err(self.path))?;
                    t += 1;
                    self.rows += 1;
                }
            }
        }
        Ok(())
    }
}

/// Reverse the strongest judgments and state them with at least [`PLANTED_MIN_INTENSITY`]: a
/// respondent who answered those rows the wrong way round (the classic transposition slip).
pub(super) fn plant_reversals(matrix: &mut [Judgment]) {
    let mut order: Vec<usize> = (0..matrix.len()).collect();
    // Stable sort by decreasing strength keeps ties in criteria order, so output is deterministic.
    order.sort_by(|&a, &b| {
        matrix[b]
            .value()
            .ln()
            .abs()
            .total_cmp(&matrix[a].value().ln().abs())
    });
    for &t in order.iter().take(PLANTED_REVERSALS) {
        let strong = match matrix[t] {
            Judgment::Saaty(k) => Judgment::Saaty(k.max(PLANTED_MIN_INTENSITY)),
            Judgment::Reciprocal(k) => Judgment::Reciprocal(k.max(PLANTED_MIN_INTENSITY)),
            d @ Judgment::Decimal(_) => d,
        };
        matrix[t] = strong.reciprocal();
    }
}

/// Replace the first few judgments whose unrounded ratio is clearly not 1 by that ratio with one
/// decimal, as when a member brings an answer averaged over their office (e.g. `2.5`, `0.6`).
pub(super) fn aggregated_decimals(matrix: &mut [Judgment], raw: &[f64]) {
    let mut done = 0;
    for (m, &x) in matrix.iter_mut().zip(raw) {
        if done == DECIMALS_PER_BAPPEDA {
            break;
        }
        let x = round1(x.clamp(0.1, 9.0));
        // Skip values that would print as a Saaty value anyway.
        let is_saaty = (1..=9).any(|k| {
            (x - f64::from(k)).abs() < 1e-9 || (x - round1(1.0 / f64::from(k))).abs() < 1e-9
        });
        if !is_saaty {
            *m = Judgment::Decimal(x);
            done += 1;
        }
    }
}
