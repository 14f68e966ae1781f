//! Comparing weighting scenarios: how far apart two rankings are.
//!
//! A planner asks "what if jobs weigh more than turnover?" and gets a second ranking of the same
//! UMKM. This module supplies the pure maths for that comparison, with no files or terminal:
//! rank correlation between two rankings of the same alternatives ([`correlation`]):
//! Spearman's r_s, Kendall's tau-b, the weighted Spearman r_w (Pinto da Costa & Soares 2005)
//! and the WS similarity coefficient (Salabun & Urbaniak 2020). The last two weigh
//! disagreement near the top of the ranking more, which is where a PUD decision is made.
//! The weights a scenario uses (explicit, equal, or objective ones computed from the data) come
//! from [`crate::weights`]; running every scenario over a study is [`crate::study`]'s job.
//!
//! Every function defines its degenerate cases (tied or constant rankings) explicitly; no NaN
//! is returned.

pub mod correlation;

pub use correlation::{average_ranks, kendall_tau_b, spearman, weighted_spearman, ws_coefficient};
