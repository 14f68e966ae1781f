//! Input stage: parse and validate every file of a study, locating every problem.
//!
//! Tables may be comma-, semicolon- or tab-separated (Indonesian Excel writes `;` with decimal
//! commas), with or without a byte-order mark. Problems are collected per file and reported
//! together, each as `file:line:column: column 'name': what is wrong and what to do`.

pub mod candidates;
pub mod criteria;
pub mod diagnostic;
pub mod documents;
pub mod judgments;
pub mod ods_extent;
pub mod raw;
pub mod regions;
pub mod settings;
pub mod source;
pub mod study;
pub mod table;
pub mod toml_file;
pub mod weights;
pub mod workbook;

pub use diagnostic::{Diagnostic, InputError};
pub use study::{BUNDLED_STUDY, read_study, read_study_with, study_path};
