//! Comparing weighting scenarios: how far apart two rankings are, and which weights the data
//! itself would suggest.
//!
//! A planner asks "what if jobs weigh more than turnover?" and gets a second ranking of the same
//! UMKM. This module supplies the pure maths for that comparison, with no files or terminal:
//!
//! - [`correlation`]: rank correlation between two rankings of the same alternatives:
//!   Spearman's r_s, Kendall's tau-b, the weighted Spearman r_w (Pinto da Costa & Soares 2005)
//!   and the WS similarity coefficient (Salabun & Urbaniak 2020). The last two weigh
//!   disagreement near the top of the ranking more, which is where a PUD decision is made.
//! - [`objective`]: objective ("data-driven") criteria weights computed from the decision matrix:
//!   Shannon entropy, CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995), standard deviation on
//!   min-max normalised data, and equal weights. They serve as reference scenarios against which
//!   AHP weights from an FGD can be compared.
//!
//! Every function defines its degenerate cases (constant columns, a single alternative, tied or
//! constant rankings) explicitly; no NaN is returned.

pub mod correlation;
pub mod objective;
pub mod study;

pub use correlation::{average_ranks, kendall_tau_b, spearman, weighted_spearman, ws_coefficient};
pub use objective::{
    ObjectiveError, critic_weights, entropy_weights, equal_weights, standard_deviation_weights,
};
