mod common;
mod reports;
