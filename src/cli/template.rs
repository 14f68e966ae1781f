//! `unggul template`: the forms a study is filled in with (candidates and questionnaires).

use std::path::PathBuf;

use clap::Args;
use unggul::model::{Level, RegionRef, WeightSource};
use unggul::template::{Respondent, candidates_workbook, questionnaire_workbook};

use super::{Failure, print, resolve_study};

#[derive(Args, Debug)]
pub struct TemplateArgs {
    /// The study (a study.toml or its folder): its criteria, regions and panels.
    study: PathBuf,
    /// The folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Participants (sheets) per questionnaire.
    #[arg(long, default_value_t = 5)]
    participants: usize,
}

/// The customary FGD roles (DOMAIN.md section 1), given to the sheets in turn; editable.
const ROLES: [&str; 5] = ["camat", "lurah", "kasi_pemmas", "lpm", "umkm"];

/// Writes `kandidat.xlsx` and `kuesioner/kuesioner-<panel code>.xlsx` for every panel a
/// level takes its weights from, and prints the study-file lines that read them back.
pub fn template(args: TemplateArgs) -> Result<(), Failure> {
    if !(1..=99).contains(&args.participants) {
        return Err(Failure::Input("--participants must be 1 to 99".to_string()));
    }
    let path = resolve_study(Some(args.study))?;
    let study = unggul::input::read_study(&path)?;
    let fail =
        |e: &dyn std::fmt::Display| Failure::Other(format!("cannot write the template: {e}"));
    let dir = args.out.join("kuesioner");
    std::fs::create_dir_all(&dir).map_err(|e| fail(&e))?;
    let mut columns = Vec::new();
    for spec in &study.levels {
        for &leaf in &spec.criteria.leaves {
            let c = &spec.criteria.criteria[leaf];
            if let Some(scale) = &c.scale
                && !columns
                    .iter()
                    .any(|(id, _, _): &(String, String, _)| id == &c.id)
            {
                columns.push((c.id.clone(), c.name_id.clone(), scale.clone()));
            }
        }
    }
    let bytes =
        candidates_workbook(&columns, &study.regions, &study.categories).map_err(|e| fail(&e))?;
    let kandidat = args.out.join("kandidat.xlsx");
    std::fs::write(&kandidat, bytes).map_err(|e| fail(&e))?;
    let mut written = vec![kandidat.display().to_string()];
    for spec in &study.levels {
        let regions: Vec<RegionRef> = match &spec.weights {
            WeightSource::OwnPanel => match spec.level {
                Level::Kelurahan => (0..study.regions.kelurahan.len())
                    .map(RegionRef::Kelurahan)
                    .collect(),
                Level::Kecamatan => (0..study.regions.kecamatan.len())
                    .map(RegionRef::Kecamatan)
                    .collect(),
                Level::Kota => vec![RegionRef::Kota],
            },
            WeightSource::Panel(r) => vec![*r],
            _ => Vec::new(),
        };
        for r in regions {
            let code = study.regions.code_of(r);
            let respondents: Vec<Respondent> = (1..=args.participants)
                .map(|k| Respondent {
                    id: format!("P{k:02}"),
                    role: ROLES[(k - 1) % ROLES.len()].to_string(),
                    answers: Vec::new(),
                })
                .collect();
            let bytes = questionnaire_workbook(
                &spec.criteria,
                code,
                study.regions.name_of(r),
                &respondents,
                study.method.ri_table,
            )
            .map_err(|e| fail(&e))?;
            let file = dir.join(format!("kuesioner-{code}.xlsx"));
            std::fs::write(&file, bytes).map_err(|e| fail(&e))?;
            written.push(file.display().to_string());
        }
    }
    print(&format!(
        "wrote {} files into {}\nto read them back once filled, in study.toml:\n  [inputs]\n  candidates = \"kandidat.xlsx\"\n  judgments = {{ file = \"kuesioner/*.xlsx\", sheet = \"*\" }}\n",
        written.len(),
        args.out.display()
    ))
}
