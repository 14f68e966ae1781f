//! Kota Probolinggo's regions and local products, and synthetic layouts.

use std::fmt::Write as _;

use super::*;

/// The three PUD categories of Perwali Kota Probolinggo 39/2019.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Category {
    Agro,
    Kerajinan,
    Budaya,
}

pub(super) const CATEGORIES: [Category; 3] =
    [Category::Agro, Category::Kerajinan, Category::Budaya];

impl Category {
    pub(super) fn key(self) -> &'static str {
        match self {
            Category::Agro => "agro",
            Category::Kerajinan => "kerajinan",
            Category::Budaya => "budaya",
        }
    }
    pub(super) fn abbrev(self) -> &'static str {
        match self {
            Category::Agro => "AGR",
            Category::Kerajinan => "KRJ",
            Category::Budaya => "BDY",
        }
    }
    pub(super) fn index(self) -> usize {
        match self {
            Category::Agro => 0,
            Category::Kerajinan => 1,
            Category::Budaya => 2,
        }
    }
}

/// A product and the name prefixes that fit a business making it.
#[derive(Debug)]
pub(super) struct Product {
    pub(super) name: &'static str,
    pub(super) prefixes: &'static [&'static str],
}

pub(super) const P_AGRO: &[&str] = &["UD", "UMKM", "KWT", "Kelompok Tani", "Koperasi"];
pub(super) const P_FOOD: &[&str] = &["UD", "UMKM", "Dapur", "KWT", "Rumah Produksi"];
pub(super) const P_FISH: &[&str] = &["Poklahsar", "UD", "UMKM", "Dapur"];
pub(super) const P_BATIK: &[&str] = &["Batik", "Griya Batik", "Sanggar Batik"];
pub(super) const P_CRAFT: &[&str] = &["Griya", "Rumah Kreatif", "UD", "Kerajinan"];
pub(super) const P_BLANGKON: &[&str] = &["Blangkon", "UD", "Griya"];
pub(super) const P_ART: &[&str] = &["Sanggar", "Paguyuban", "Kelompok Seni"];
pub(super) const P_TOUR: &[&str] = &["Pokdarwis", "Komunitas"];
pub(super) const P_EVENT: &[&str] = &["Komunitas", "Paguyuban", "EO"];
pub(super) const P_BRUJUL: &[&str] = &["Paguyuban", "Kelompok"];

pub(super) const fn p(name: &'static str, prefixes: &'static [&'static str]) -> Product {
    Product { name, prefixes }
}

/// City-wide (and synthetic) product pools per category.
pub(super) const POOL_AGRO: &[Product] = &[
    p("Mangga arumanis", P_AGRO),
    p("Mangga manalagi", P_AGRO),
    p("Mangga gadung", P_AGRO),
    p("Anggur Probolinggo Biru", P_AGRO),
    p("Dodol mangga", P_FOOD),
    p("Keripik mangga", P_FOOD),
    p("Sirup anggur", P_FOOD),
    p("Keripik singkong", P_FOOD),
    p("Rengginang", P_FOOD),
    p("Jamu tradisional", P_FOOD),
    p("Kue kering", P_FOOD),
    p("Kopi bubuk", P_FOOD),
];
pub(super) const POOL_AGRO_COAST: &[Product] = &[
    p("Sambal ikan", P_FISH),
    p("Amplang", P_FISH),
    p("Kerupuk tenggiri", P_FISH),
    p("Abon tuna", P_FISH),
    p("Petis ikan", P_FISH),
    p("Terasi", P_FISH),
];
pub(super) const POOL_KERAJINAN: &[Product] = &[
    p("Batik Manggur", P_BATIK),
    p("Tas anyaman", P_CRAFT),
    p("Kerajinan bambu", P_CRAFT),
    p("Sulam dan bordir", P_CRAFT),
    p("Kerajinan kayu", P_CRAFT),
    p("Keset dan kain perca", P_CRAFT),
    p("Kerajinan eceng gondok", P_CRAFT),
    p("Aksesori manik-manik", P_CRAFT),
    p("Lampu hias", P_CRAFT),
];
pub(super) const POOL_KERAJINAN_COAST: &[Product] = &[
    p("Kerajinan kerang", P_CRAFT),
    p("Miniatur perahu", P_CRAFT),
];
pub(super) const POOL_BUDAYA: &[Product] = &[
    p("Seni Pendhalungan", P_ART),
    p("Sanggar tari Pendhalungan", P_ART),
    p("Tari Jaran Bodhag", P_ART),
    p("Musik patrol", P_ART),
    p("Hadrah al-Banjari", P_ART),
    p("Ludruk", P_ART),
    p("Karawitan", P_ART),
];

/// Products known to be made in a kelurahan (DOMAIN.md section 3); empty slices fall back to
/// the city-wide pools.
pub(super) struct Signature {
    pub(super) agro: &'static [Product],
    pub(super) kerajinan: &'static [Product],
    pub(super) budaya: &'static [Product],
}

pub(super) const NO_SIG: Signature = Signature {
    agro: &[],
    kerajinan: &[],
    budaya: &[],
};

pub(super) struct KelSeed {
    pub(super) suffix: &'static str,
    pub(super) name: &'static str,
    pub(super) abbrev: &'static str,
    pub(super) aliases: &'static [&'static str],
    pub(super) coastal: bool,
    pub(super) sig: Signature,
}

pub(super) struct KecSeed {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    pub(super) kelurahan: &'static [KelSeed],
}

pub(super) const fn kel(suffix: &'static str, name: &'static str, abbrev: &'static str) -> KelSeed {
    KelSeed {
        suffix,
        name,
        abbrev,
        aliases: &[],
        coastal: false,
        sig: NO_SIG,
    }
}

pub(super) const SIG_ANGGUR: &[Product] = &[
    p("Anggur Probolinggo Biru", P_AGRO),
    p("Anggur Jestro", P_AGRO),
    p("Anggur Prabu Bestari", P_AGRO),
    p("Bibit anggur", P_AGRO),
];
pub(super) const SIG_OLAHAN_MANGGA: &[Product] = &[
    p("Dodol mangga", P_FOOD),
    p("Sari buah mangga", P_FOOD),
    p("Keripik mangga", P_FOOD),
    p("Manisan mangga", P_FOOD),
    p("Mangga arumanis", P_AGRO),
];
pub(super) const SIG_KEDUNGASEM: &[Product] = &[
    p("Bawang merah", P_AGRO),
    p("Tahu", P_FOOD),
    p("Tahu kuning", P_FOOD),
];
pub(super) const SIG_KEDOPOK: &[Product] = &[p("Telur asin", P_FOOD), p("Lontong", P_FOOD)];
pub(super) const SIG_FISH: &[Product] = &[
    p("Sambal ikan", P_FISH),
    p("Amplang", P_FISH),
    p("Kerupuk tenggiri", P_FISH),
    p("Abon tuna", P_FISH),
];
pub(super) const SIG_BATIK: &[Product] = &[
    p("Batik Manggur tulis", P_BATIK),
    p("Batik Manggur cap", P_BATIK),
    p("Batik Manggur kombinasi", P_BATIK),
];
pub(super) const SIG_BLANGKON: &[Product] = &[
    p("Blangkon", P_BLANGKON),
    p("Blangkon Pendhalungan", P_BLANGKON),
];
// Kerapan Sapi Brujul is raced on the field of Jl. KH Syafi'i, Jrebeng Kidul (Wonoasih); teams
// come from several kelurahan (Kota Probolinggo press releases, 2019).
pub(super) const SIG_BRUJUL: &[Product] = &[p("Kerapan Sapi Brujul", P_BRUJUL)];
pub(super) const SIG_MANGROVE: &[Product] = &[p("Ekowisata mangrove", P_TOUR)];
pub(super) const SIG_KANIGARAN: &[Product] = &[
    p("Festival budaya", P_EVENT),
    p("Pemandu wisata museum", P_TOUR),
    p("Sanggar tari Pendhalungan", P_ART),
];

/// Kota Probolinggo, exactly as DOMAIN.md section 3.
pub(super) const PROBOLINGGO: &[KecSeed] = &[
    KecSeed {
        code: "35.74.01",
        name: "Kademangan",
        kelurahan: &[
            KelSeed {
                sig: Signature {
                    agro: SIG_ANGGUR,
                    ..NO_SIG
                },
                ..kel("1001", "Ketapang", "KTP")
            },
            kel("1002", "Triwung Lor", "TWL"),
            KelSeed {
                sig: Signature {
                    kerajinan: SIG_BATIK,
                    budaya: SIG_BRUJUL,
                    ..NO_SIG
                },
                ..kel("1003", "Triwung Kidul", "TWK")
            },
            kel("1007", "Pohsangit Kidul", "PSK"),
            KelSeed {
                sig: Signature {
                    budaya: SIG_BRUJUL,
                    ..NO_SIG
                },
                ..kel("1008", "Kademangan", "KDM")
            },
            kel("1009", "Pilang", "PLG"),
        ],
    },
    KecSeed {
        code: "35.74.02",
        name: "Wonoasih",
        kelurahan: &[
            KelSeed {
                sig: Signature {
                    budaya: SIG_BRUJUL,
                    ..NO_SIG
                },
                ..kel("1001", "Jrebeng Kidul", "JKD")
            },
            KelSeed {
                sig: Signature {
                    agro: SIG_OLAHAN_MANGGA,
                    ..NO_SIG
                },
                ..kel("1002", "Pakistaji", "PKT")
            },
            KelSeed {
                aliases: &["Kedung Galeng"],
                ..kel("1003", "Kedunggaleng", "KDG")
            },
            KelSeed {
                aliases: &["Kedung Asem"],
                sig: Signature {
                    agro: SIG_KEDUNGASEM,
                    ..NO_SIG
                },
                ..kel("1005", "Kedungasem", "KDA")
            },
            KelSeed {
                aliases: &["Sumber Taman"],
                sig: Signature {
                    agro: SIG_OLAHAN_MANGGA,
                    ..NO_SIG
                },
                ..kel("1006", "Sumbertaman", "SBT")
            },
            kel("1007", "Wonoasih", "WNA"),
        ],
    },
    KecSeed {
        code: "35.74.03",
        name: "Mayangan",
        kelurahan: &[
            KelSeed {
                coastal: true,
                sig: Signature {
                    agro: SIG_FISH,
                    budaya: SIG_MANGROVE,
                    ..NO_SIG
                },
                ..kel("1001", "Mayangan", "MYG")
            },
            KelSeed {
                coastal: true,
                ..kel("1002", "Mangunharjo", "MGH")
            },
            KelSeed {
                sig: Signature {
                    kerajinan: SIG_BATIK,
                    ..NO_SIG
                },
                ..kel("1004", "Jati", "JTI")
            },
            KelSeed {
                coastal: true,
                sig: Signature {
                    agro: SIG_FISH,
                    ..NO_SIG
                },
                ..kel("1007", "Sukabumi", "SKB")
            },
            kel("1010", "Wiroborang", "WRB"),
        ],
    },
    KecSeed {
        code: "35.74.04",
        name: "Kanigaran",
        kelurahan: &[
            kel("1001", "Tisnonegaran", "TSN"),
            kel("1002", "Sukoharjo", "SKH"),
            KelSeed {
                sig: Signature {
                    budaya: SIG_KANIGARAN,
                    ..NO_SIG
                },
                ..kel("1003", "Kanigaran", "KNG")
            },
            kel("1004", "Kebonsari Wetan", "KSW"),
            KelSeed {
                aliases: &["Curah Grinting"],
                ..kel("1005", "Curahgrinting", "CRG")
            },
            KelSeed {
                sig: Signature {
                    kerajinan: SIG_BLANGKON,
                    ..NO_SIG
                },
                ..kel("1006", "Kebonsari Kulon", "KSK")
            },
        ],
    },
    KecSeed {
        code: "35.74.05",
        name: "Kedopok",
        kelurahan: &[
            kel("1001", "Jrebeng Kulon", "JKL"),
            kel("1002", "Kareng Lor", "KRL"),
            KelSeed {
                aliases: &["Sumberwetan"],
                ..kel("1003", "Sumber Wetan", "SBW")
            },
            kel("1004", "Jrebeng Lor", "JLR"),
            KelSeed {
                aliases: &["Kedupok"],
                sig: Signature {
                    agro: SIG_KEDOPOK,
                    ..NO_SIG
                },
                ..kel("1005", "Kedopok", "KDP")
            },
            kel("1006", "Jrebeng Wetan", "JWT"),
        ],
    },
];

/// Kelurahan whose first craft candidate names its kelurahan by name rather than by code, so
/// the loader's name lookup is exercised (alias lookup is exercised by every aliased kelurahan).
pub(super) const REFERENCED_BY_NAME: &[&str] = &["Ketapang", "Jati", "Kanigaran"];

/// One kelurahan as the writers see it, whatever the layout.
pub(super) struct KelView<'a> {
    pub(super) kec_code: &'a str,
    pub(super) kec_name: &'a str,
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    pub(super) aliases: &'a [&'static str],
    /// Prefix of candidate ids, unique per kelurahan.
    pub(super) id_prefix: &'a str,
    pub(super) coastal: bool,
    pub(super) sig: &'a Signature,
}

/// The validated shape of a layout.
#[derive(Debug, Clone, Copy)]
pub(super) enum Shape {
    Probolinggo,
    Synthetic { kecamatan: usize, per: usize },
}

impl Shape {
    pub(super) fn from_spec(spec: &GeneratorSpec) -> Result<Shape, GenerateError> {
        let (lo, hi) = spec.candidates_per_group;
        if lo == 0 || lo > hi || hi > MAX_CANDIDATES_PER_GROUP {
            return Err(GenerateError::InvalidSpec(format!(
                "candidates per group must satisfy 1 <= min <= max <= {MAX_CANDIDATES_PER_GROUP}, got {lo}..={hi}"
            )));
        }
        match spec.layout {
            Layout::Probolinggo => Ok(Shape::Probolinggo),
            Layout::Synthetic {
                kecamatan,
                kelurahan_per_kecamatan,
            } => {
                if kecamatan == 0 || kecamatan > MAX_SYNTHETIC_KECAMATAN {
                    return Err(GenerateError::InvalidSpec(format!(
                        "a synthetic layout needs 1 to {MAX_SYNTHETIC_KECAMATAN} kecamatan, got {kecamatan}"
                    )));
                }
                if kelurahan_per_kecamatan == 0
                    || kelurahan_per_kecamatan > MAX_SYNTHETIC_KELURAHAN_PER_KECAMATAN
                {
                    return Err(GenerateError::InvalidSpec(format!(
                        "a synthetic layout needs 1 to {MAX_SYNTHETIC_KELURAHAN_PER_KECAMATAN} kelurahan per kecamatan, got {kelurahan_per_kecamatan}"
                    )));
                }
                Ok(Shape::Synthetic {
                    kecamatan,
                    per: kelurahan_per_kecamatan,
                })
            }
        }
    }

    pub(super) fn kecamatan_count(self) -> usize {
        match self {
            Shape::Probolinggo => PROBOLINGGO.len(),
            Shape::Synthetic { kecamatan, .. } => kecamatan,
        }
    }

    pub(super) fn kelurahan_count(self) -> usize {
        match self {
            Shape::Probolinggo => PROBOLINGGO.iter().map(|k| k.kelurahan.len()).sum(),
            Shape::Synthetic { kecamatan, per } => kecamatan * per,
        }
    }

    /// Code and number of kelurahan of kecamatan `k` (0-based).
    pub(super) fn kecamatan(self, k: usize, code: &mut String) -> usize {
        code.clear();
        match self {
            Shape::Probolinggo => {
                code.push_str(PROBOLINGGO[k].code);
                PROBOLINGGO[k].kelurahan.len()
            }
            Shape::Synthetic { per, .. } => {
                // 99 kecamatan per synthetic regency keeps the two-digit Kemendagri pattern.
                let _ = write!(code, "99.{:02}.{:02}", k / 99 + 1, k % 99 + 1);
                per
            }
        }
    }

    /// Call `f` for every kelurahan in layout order, reusing string buffers (a national layout
    /// is never held in memory).
    pub(super) fn for_each_kelurahan(
        self,
        mut f: impl FnMut(&KelView<'_>) -> Result<(), GenerateError>,
    ) -> Result<(), GenerateError> {
        match self {
            Shape::Probolinggo => {
                let mut code = String::new();
                for kec in PROBOLINGGO {
                    for k in kec.kelurahan {
                        code.clear();
                        let _ = write!(code, "{}.{}", kec.code, k.suffix);
                        f(&KelView {
                            kec_code: kec.code,
                            kec_name: kec.name,
                            code: &code,
                            name: k.name,
                            aliases: k.aliases,
                            id_prefix: k.abbrev,
                            coastal: k.coastal,
                            sig: &k.sig,
                        })?;
                    }
                }
            }
            Shape::Synthetic { kecamatan, per } => {
                let kw = digits(kecamatan).max(3);
                let lw = digits(per).max(2);
                let (mut kec_code, mut kec_name) = (String::new(), String::new());
                let (mut code, mut name, mut prefix) =
                    (String::new(), String::new(), String::new());
                for k in 0..kecamatan {
                    self.kecamatan(k, &mut kec_code);
                    kec_name.clear();
                    let _ = write!(kec_name, "Kecamatan {:0kw$}", k + 1);
                    for l in 0..per {
                        code.clear();
                        let _ = write!(code, "{kec_code}.{}", 1001 + l);
                        name.clear();
                        let _ = write!(name, "Kelurahan {:0kw$}-{:0lw$}", k + 1, l + 1);
                        prefix.clear();
                        let _ = write!(prefix, "S{:0kw$}-{:0lw$}", k + 1, l + 1);
                        f(&KelView {
                            kec_code: &kec_code,
                            kec_name: &kec_name,
                            code: &code,
                            name: &name,
                            aliases: &[],
                            id_prefix: &prefix,
                            coastal: false,
                            sig: &NO_SIG,
                        })?;
                    }
                }
            }
        }
        Ok(())
    }
}

pub(super) fn digits(n: usize) -> usize {
    n.to_string().len()
}
