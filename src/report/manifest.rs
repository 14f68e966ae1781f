//! The run manifest: what was run, on which inputs, with which choices, producing what.

use serde_json::{Value, json};

use crate::model::Study;

/// Builds the manifest. `outputs` are (file name, SHA-256) of the other report files.
pub fn manifest(
    study: &Study,
    command_line: &[String],
    outputs: &[(String, String)],
    extra: Value,
) -> String {
    let levels: Vec<Value> = study
        .levels
        .iter()
        .map(|l| {
            json!({
                "level": l.level,
                "criteria_set": l.criteria.id,
                "criteria_file": l.criteria_path.display().to_string(),
                "criteria": l.criteria.leaves.iter().map(|&c| l.criteria.criteria[c].id.clone()).collect::<Vec<_>>(),
                "weights": l.weights,
            })
        })
        .collect();
    let m = &study.method;
    let value = json!({
        "tool": "unggul",
        "version": env!("CARGO_PKG_VERSION"),
        "study": {
            "id": study.id,
            "name": study.name,
            "illustrative": study.illustrative,
            "dates": study.dates,
            "legal_basis": study.legal_basis,
        },
        "command_line": command_line,
        "inputs": study.inputs,
        "method": {
            "scoring": m.scoring,
            "normalization": m.normalization.to_string(),
            "reference": m.reference,
            "ahp_method": m.ahp_method.to_string(),
            "lambda_max": "principal eigenvalue for eigenvector; mean of (Aw)_i / w_i for geometric and column-mean",
            "ri_table": m.ri_table.to_string(),
            "ri_table_source": m.ri_table.citation(),
            "aggregation": m.aggregation.to_string(),
            "consistency_threshold": m.consistency_threshold,
            "inconsistent_participants": m.inconsistent_participants,
            "winners": m.winners,
            "tie_rule": format!("scores within {} are tied; ties go to the candidate listed first in the candidates file and are flagged", m.tie_tolerance),
        },
        "levels": levels,
        "extra": extra,
        "outputs": outputs.iter().map(|(f, h)| json!({"file": f, "sha256": h})).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&value).expect("a JSON value always serialises");
    s.push('\n');
    s
}
