//! Candidate UMKM and their indicator values (`umkm.csv`).

use std::fmt::Write as _;

use rand::RngExt;
use rand::rngs::ChaCha8Rng;

use super::regions::*;
use super::*;

pub(super) const NAME_WORDS: &[&str] = &[
    "Sumber Rejeki",
    "Barokah",
    "Makmur Jaya",
    "Sekar Arum",
    "Bayuangga",
    "Mekar Sari",
    "Sido Mulyo",
    "Berkah Abadi",
    "Lestari",
    "Tunas Harapan",
    "Mandiri",
    "Sari Rasa",
    "Melati",
    "Arum Sari",
    "Cahaya Timur",
    "Putri Ayu",
    "Mutiara",
    "Dwi Jaya",
    "Sejahtera",
    "Rukun Santoso",
    "Bu Sri",
    "Bu Tutik",
    "Pak Hasan",
    "Cak Mad",
    "Ning Ayu",
    "Pendhalungan",
    "Manggala",
    "Sinar Bahari",
];

/// Latent traits of a candidate; the indicators are noisy monotone functions of them.
pub(super) struct Latent {
    pub(super) size: f64,
    pub(super) quality: f64,
    pub(super) signature: bool,
    pub(super) category: Category,
}

/// One indicator value, printed as an integer or with one decimal.
#[derive(Debug, Clone, Copy)]
pub(super) enum Value {
    Int(i64),
    Dec1(f64),
}

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Value of criterion `leaf` for a candidate. Known FGD indicators get realistic models; any
/// other criterion falls back to a draw over its scale. Every result is clamped to the scale.
pub(super) fn indicator(leaf: &Leaf, lat: &Latent, workers: i64, rng: &mut ChaCha8Rng) -> Value {
    let z = normal(rng);
    let cat = lat.category;
    let sig = if lat.signature { 1.0 } else { 0.0 };
    let raw = match leaf.id.as_str() {
        "sumber_daya_lokal" | "bahan_baku" | "ketersediaan_bahan_baku" => {
            let base = [75.0, 55.0, 80.0][cat.index()];
            Value::Dec1(round1(base + 8.0 * sig + 12.0 * z))
        }
        "kekhasan_daerah" => {
            let base = [3.0, 3.0, 3.4][cat.index()];
            Value::Int((base + 1.2 * sig + 0.3 * lat.quality + 0.8 * z).round() as i64)
        }
        "lapangan_kerja" | "penyerapan_tenaga_kerja" => Value::Int(workers),
        "wirausaha_baru" => {
            let x = (0.6 + 0.5 * lat.quality + 0.4 * lat.size + 0.6 * z).exp() - 1.0;
            Value::Int(x.round().clamp(0.0, 30.0) as i64)
        }
        "nilai_tambah" => {
            let base = [35.0, 50.0, 70.0][cat.index()];
            Value::Dec1(round1(
                (base + 4.0 * lat.quality + 10.0 * z).clamp(1.0, 95.0),
            ))
        }
        "daya_saing" | "ketersediaan_pasar" | "jangkauan_pasar" => {
            let s = 0.6 * lat.quality + 0.5 * lat.size + 0.7 * z + 0.3 * sig;
            Value::Int(if s < 0.0 {
                1
            } else if s < 1.0 {
                2
            } else if s < 1.9 {
                3
            } else {
                4
            })
        }
        "pertumbuhan_ekonomi" | "sumbangan_perekonomian" | "kontribusi_perekonomian" => {
            // Turnover grows a little less than proportionally with workers; performing groups
            // earn less per member than producers. Range: Rp 24 million to 3 billion a year.
            let per: f64 = [1.0, 1.0, 0.5][cat.index()];
            // The Rp 24 million floor is added, not clamped, so no values pile up on it.
            let ln_t = (50.0e6 * per).ln() + 0.9 * (workers as f64 / 3.0).ln() + 0.6 * z;
            let t = (24.0e6 + ln_t.exp()).min(3.0e9);
            Value::Int(((t / 1000.0).round() * 1000.0) as i64)
        }
        _ => generic(leaf.scale, z, rng),
    };
    clamp_to_scale(raw, leaf.scale)
}

/// Draw for a criterion with no specific model: uniform over a bounded scale, log-normal
/// above the minimum otherwise.
pub(super) fn generic(scale: ScaleDef, z: f64, rng: &mut ChaCha8Rng) -> Value {
    match scale {
        ScaleDef::Rating { min, max } => Value::Int(rng.random_range(min..=max.max(min))),
        ScaleDef::Quantity {
            min: Some(lo),
            max: Some(hi),
        } if hi > lo => Value::Dec1(round1(lo + (hi - lo) * rng.random::<f64>())),
        ScaleDef::Quantity { min, .. } => {
            Value::Dec1(round1(min.unwrap_or(0.0) + (10f64.ln() + z).exp()))
        }
    }
}

pub(super) fn clamp_to_scale(v: Value, scale: ScaleDef) -> Value {
    match (v, scale) {
        (Value::Int(x), ScaleDef::Rating { min, max }) => Value::Int(x.clamp(min, max.max(min))),
        (Value::Dec1(x), ScaleDef::Rating { min, max }) => {
            Value::Int((x.round() as i64).clamp(min, max.max(min)))
        }
        (Value::Int(x), ScaleDef::Quantity { min, max }) => {
            // Integer indicators keep integer bounds (ceil/floor) so the clamp stays inside.
            let lo = min.map_or(i64::MIN, |m| m.ceil() as i64);
            let hi = max.map_or(i64::MAX, |m| m.floor() as i64);
            Value::Int(x.clamp(lo, hi.max(lo)))
        }
        (Value::Dec1(x), ScaleDef::Quantity { min, max }) => {
            let x = min.map_or(x, |m| x.max(m));
            Value::Dec1(max.map_or(x, |m| x.min(m)))
        }
    }
}

pub(super) fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

pub(super) fn write_candidates(
    spec: &GeneratorSpec,
    shape: Shape,
    leaves: &[Leaf],
    path: &Path,
) -> Result<usize, GenerateError> {
    let mut rng = rng_for(spec.seed, STREAM_CANDIDATES);
    let mut w = csv_writer(path)?;
    let mut header = vec!["id", "name", "product", "kelurahan", "category"];
    header.extend(leaves.iter().map(|l| l.id.as_str()));
    w.write_record(&header).map_err(csv_err(path))?;

    let preset = matches!(shape, Shape::Probolinggo);
    let (lo, hi) = spec.candidates_per_group;
    let mut rows = 0;
    let (mut id, mut name, mut num) = (String::new(), String::new(), String::new());
    shape.for_each_kelurahan(|k| {
        for cat in CATEGORIES {
            let (sig, pool, coast): (&[Product], &[Product], &[Product]) = match cat {
                Category::Agro => (k.sig.agro, POOL_AGRO, POOL_AGRO_COAST),
                Category::Kerajinan => (k.sig.kerajinan, POOL_KERAJINAN, POOL_KERAJINAN_COAST),
                Category::Budaya => (k.sig.budaya, POOL_BUDAYA, &[]),
            };
            let count = rng.random_range(lo..=hi);
            for n in 0..count {
                // The kelurahan's own products come first; later candidates mix in city-wide ones.
                let from_sig = !sig.is_empty() && (n == 0 || rng.random_bool(0.5));
                let product = if from_sig {
                    pick(&mut rng, sig)
                } else if k.coastal && !coast.is_empty() && rng.random_bool(0.5) {
                    pick(&mut rng, coast)
                } else {
                    pick(&mut rng, pool)
                };
                name.clear();
                let _ = write!(
                    name,
                    "{} {}",
                    pick(&mut rng, product.prefixes),
                    pick(&mut rng, NAME_WORDS)
                );
                id.clear();
                let _ = write!(id, "{}-{}-{:02}", k.id_prefix, cat.abbrev(), n + 1);
                let kel_ref = if preset && n == 0 && cat == Category::Agro && !k.aliases.is_empty()
                {
                    k.aliases[0]
                } else if preset
                    && n == 0
                    && cat == Category::Kerajinan
                    && REFERENCED_BY_NAME.contains(&k.name)
                {
                    k.name
                } else {
                    k.code
                };
                w.write_field(&id).map_err(csv_err(path))?;
                w.write_field(&name).map_err(csv_err(path))?;
                w.write_field(product.name).map_err(csv_err(path))?;
                w.write_field(kel_ref).map_err(csv_err(path))?;
                w.write_field(cat.key()).map_err(csv_err(path))?;

                let lat = Latent {
                    size: normal(&mut rng),
                    quality: normal(&mut rng),
                    signature: from_sig,
                    category: cat,
                };
                // Workers: log-normal around a category median, capped at 45 (micro and small).
                let median = [4.0f64, 3.0, 10.0][cat.index()];
                let workers = (median.ln() + 0.7 * lat.size)
                    .exp()
                    .round()
                    .clamp(1.0, 45.0) as i64;
                for leaf in leaves {
                    num.clear();
                    match indicator(leaf, &lat, workers, &mut rng) {
                        Value::Int(v) => write!(num, "{v}"),
                        Value::Dec1(v) => write!(num, "{v:.1}"),
                    }
                    .map_err(|e| GenerateError::Io {
                        path: path.to_path_buf(),
                        source: std::io::Error::other(e),
                    })?;
                    w.write_field(&num).map_err(csv_err(path))?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_err(path))?;
                rows += 1;
            }
        }
        Ok(())
    })?;
    finish_csv(w, path)?;
    Ok(rows)
}
