//! Integration tests: the real `unggul` binary on real files, one module per feature.

mod ahp;
mod bad_input;
mod common;
mod damaged_results;
mod documents;
mod explore;
mod raw_bad_input;
mod regenerate;
mod reports;
mod run;
mod scale;
mod sensitivity;
mod sheets;
mod survey;
mod ties;
mod topsis;
mod weights_table;
