#!/usr/bin/env python3
"""Independent check of unggul's AHP on a real survey: datasets/edible-cities.

Reads the survey as its authors published it (datasets/edible-cities/original/: the signed
answers they decoded, rdata_all_{crit,env,soc,eco}_*.csv, and the SoSci export for each
respondent's CASE number and target group), NOT unggul's converted judgments_wide.csv, and
computes with numpy alone:

* every respondent's priorities and CR per node: the principal eigenvector from
  numpy.linalg.eig (LAPACK, not unggul's power iteration), lambda_max its eigenvalue,
  CI = (lambda_max - n)/(n - 1), CR = CI/RI with Saaty's RI(3) = 0.58;
* each panel's AIJ weights (element-wise geometric mean of the respondents' matrices, every
  respondent included, then the eigenvector) and the aggregated matrix's CR; global weight of
  a sub-criterion = local weight x its main criterion's local weight;
* the AIP weights unggul computes for aggregation = "aip-geometric" (normalised geometric mean
  of the respondents' global weight vectors; local weights per node likewise);
* the authors' own aggregation (per node, respondents with CR <= 0.1 only, geometric mean of
  their eigenvector priorities, ahpsurvey's ahp.aggpref(method = "eigen", aggmethod =
  "geometric"), then normalised).

It compares them with the authors' published values: every respondent's eigenvector weights
and CRs (output_data_AHP/rdata_{all,CA,NGO,PE}_eigentrue_CRs.csv, R's ahpsurvey 0.4.1 output,
15 significant digits) and the aggregated weights printed in their notebook
(edible_Cities_AHP_Survey.ipynb, "Calculate aggregated preference weights for consistent
datasets", 7 decimals). Given unggul's report folder it also compares weights.csv and
consistency.csv with its own numbers. Exit 1 on any disagreement beyond the tolerances.

    python3 benches/peer/check_survey.py                     # the survey alone
    unggul run --no-charts --no-sensitivity --out /tmp/survey-out datasets/edible-cities
    python3 benches/peer/check_survey.py /tmp/survey-out     # and unggul's outputs
    (a copy of the study with aggregation = "aip-geometric" is checked the same way)
    python3 benches/peer/check_survey.py --rust              # the values tests/cli/survey.rs holds
"""

import csv
import pathlib
import sys

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[2]
ORIG = REPO / "datasets" / "edible-cities" / "original"
STAMP = "2022-03-18_09-53"
RI3 = 0.58
BLOCKS = [  # (file key, node parent, attributes in the authors' order)
    ("crit", None, ["Envi", "Soci", "Econ"]),
    ("env", "Envi", ["Clim", "BDiv", "CiEc"]),
    ("soc", "Soci", ["KEdu", "Comm", "Part"]),
    ("eco", "Econ", ["Qual", "LVCs", "Affo"]),
]
PAIRS = [(0, 1), (0, 2), (1, 2)]
GROUPS = {"FB1": "CA", "FB2": "NGO", "FB3": "PE"}
PANELS = [("EC.ALL", None), ("EC.ALL.CA", "CA"), ("EC.ALL.NGO", "NGO"), ("EC.ALL.PE", "PE")]
LEAVES = [a for _, p, atts in BLOCKS if p for a in atts]
ALL_CRITERIA = [a for _, _, atts in BLOCKS for a in atts]
PARENT = {a: p for _, p, atts in BLOCKS for a in atts}

# The authors' aggregated weights of all 141 respondents (consistent ones per node), as printed
# in their notebook (gmean.norm column, 7 decimals).
PUBLISHED_AGG = {
    "Envi": 0.4179807, "Soci": 0.3380094, "Econ": 0.2440099,
    "Clim": 0.3089871, "BDiv": 0.3710277, "CiEc": 0.3199852,
    "KEdu": 0.3512801, "Comm": 0.3738480, "Part": 0.2748719,
    "Qual": 0.2625724, "LVCs": 0.4131498, "Affo": 0.3242777,
}


def tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r]


def matrix(signed):
    """ahpsurvey's ahp.mat(negconvert = TRUE): -v puts the left attribute v times the right."""
    a = np.eye(3)
    for (i, j), v in zip(PAIRS, signed):
        x = float(-v) if v != 1 else 1.0
        a[i, j] = x if x >= 1 else 1.0 / -x
        a[j, i] = 1.0 / a[i, j]
    return a


def eigen(a):
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    w = w / w.sum()
    lam = float(vals[k].real)
    n = a.shape[0]
    ci = (lam - n) / (n - 1)
    return w, lam, ci, ci / RI3


def ahpsurvey_eigen(a):
    """ahpsurvey 0.4.1's ahp.indpref(method = "eigen"): 11 power steps from the row sums, each
    scaled by its maximum, the last normalised to sum 1. Not iterated to convergence, so it
    differs from the principal eigenvector where the matrix is far from consistent."""
    x = a.sum(axis=1) / a.shape[0]
    for _ in range(11):
        x = a @ x
        x = x / x.max()
    return x / x.sum()


def gmean_norm(vectors):
    g = np.exp(np.mean(np.log(np.array(vectors)), axis=0))
    return g / g.sum()


def load():
    raw = tsv(ORIG / f"rdata_all_AHP_edible_Cities_{STAMP}.csv")
    col = {h: i for i, h in enumerate(raw[0])}
    people = [{"case": r[col["CASE"]], "group": GROUPS[r[col["QUESTNNR"]]], "m": {}} for r in raw[1:]]
    for key, _, atts in BLOCKS:
        t = tsv(ORIG / f"rdata_all_{key}_AHP_edible_Cities_{STAMP}.csv")
        assert [h.strip('"') for h in t[0]] == [f"{atts[i]}_{atts[j]}" for i, j in PAIRS]
        assert len(t) - 1 == len(people)
        for p, row in zip(people, t[1:]):
            p["m"][key] = matrix([int(x) for x in row])
    for p in people:
        local, trunc = {}, {}
        p["nodes"] = {}
        for key, _, atts in BLOCKS:
            w, lam, ci, cr = eigen(p["m"][key])
            p["nodes"][key] = (w, lam, ci, cr)
            local.update(zip(atts, w))
            trunc.update(zip(atts, ahpsurvey_eigen(p["m"][key])))
        p["local"] = local
        p["ahpsurvey"] = trunc
        p["global"] = np.array([local[c] * local[PARENT[c]] for c in LEAVES])
    return people


def panel(people):
    """AIJ and AIP results of a set of respondents."""
    out = {"n": len(people), "aij_local": {}, "aij_nodes": {}, "aip_local": {}}
    for key, _, atts in BLOCKS:
        g = np.exp(np.mean([np.log(p["m"][key]) for p in people], axis=0))
        w, lam, ci, cr = eigen(g)
        out["aij_nodes"][key] = (w, lam, ci, cr)
        out["aij_local"].update(zip(atts, w))
        out["aip_local"].update(zip(atts, gmean_norm([p["nodes"][key][0] for p in people])))
    out["aij_global"] = {c: out["aij_local"][c] * out["aij_local"][PARENT[c]] for c in LEAVES}
    out["aip_global"] = dict(zip(LEAVES, gmean_norm([p["global"] for p in people])))
    return out


def authors_aggregation(people, field):
    """Per node, respondents with CR <= 0.1 only; normalised geometric mean of their priorities
    (`field`: "ahpsurvey" for the package's truncated iteration, "local" for the eigenvector)."""
    local = {}
    for key, _, atts in BLOCKS:
        keep = [[p[field][c] for c in atts] for p in people if p["nodes"][key][3] <= 0.1]
        local.update(zip(atts, gmean_norm(keep)))
    return local


def compare_published(people, report):
    worst_w = worst_cr = worst_t = worst_wc = 0.0
    for name, only in [("all", None), ("CA", "CA"), ("NGO", "NGO"), ("PE", "PE")]:
        t = tsv(ORIG / f"rdata_{name}_eigentrue_CRs.csv")
        head = [h.strip('"') for h in t[0]]
        mine = [p for p in people if only is None or p["group"] == only]
        assert len(t) - 1 == len(mine), name
        for p, row in zip(mine, t[1:]):
            for key, _, atts in BLOCKS:
                worst_cr = max(worst_cr, abs(float(row[head.index(f"CR_{key}")]) - p["nodes"][key][3]))
                for c in atts:
                    d = abs(float(row[head.index(c)]) - p["local"][c])
                    worst_w = max(worst_w, d)
                    if p["nodes"][key][3] <= 0.1:
                        worst_wc = max(worst_wc, d)
                    worst_t = max(worst_t, abs(float(row[head.index(c)]) - p["ahpsurvey"][c]))
    report(f"respondents' CRs vs the authors' rdata_{{all,CA,NGO,PE}}_eigentrue_CRs.csv: "
           f"max |diff| {worst_cr:.3e}", worst_cr <= 1e-12)
    report(f"respondents' weights by ahpsurvey's 11-step iteration vs the authors' files: "
           f"max |diff| {worst_t:.3e}", worst_t <= 1e-12)
    print(f"      (the principal eigenvector differs from the authors' weights by up to {worst_w:.3e}, "
          f"{worst_wc:.3e} where CR <= 0.1: ahpsurvey stops after 11 power steps)")
    for field, what in (("ahpsurvey", "ahpsurvey's iteration"), ("local", "the principal eigenvector")):
        agg = authors_aggregation(people, field)
        d = max(abs(agg[c] - PUBLISHED_AGG[c]) for c in ALL_CRITERIA)
        report(f"authors' aggregation (CR <= 0.1 per node, geometric mean of priorities) with {what} "
               f"vs their printed table: max |diff| {d:.3e} (printed to 7 decimals)", d <= 5.0000001e-8)
    return agg


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def compare_unggul(out_dir, people, panels, report):
    out_dir = pathlib.Path(out_dir)
    rows = read_csv(out_dir / "weights.csv")
    worst, seen, aggs = 0.0, 0, set()
    for r in rows:
        code = r["panel_code"]
        agg = {"aij": "aij", "aip-geometric": "aip"}.get(r["aggregation"])
        if code not in panels or agg is None:
            continue
        aggs.add(r["aggregation"])
        pr = panels[code]
        c = r["criterion"]
        worst = max(worst, abs(float(r["local_weight"]) - pr[f"{agg}_local"][c]))
        if c in LEAVES:
            worst = max(worst, abs(float(r["global_weight"]) - pr[f"{agg}_global"][c]))
        seen += 1
    report(f"unggul weights.csv ({seen} rows, {'/'.join(sorted(aggs))}, local and global) vs numpy: "
           f"max |diff| {worst:.3e}", seen == len(panels) * len(ALL_CRITERIA) and worst <= 1e-12)
    by_case = {p["case"]: p for p in people}
    node_of = {p or "goal": k for k, p, _ in BLOCKS}  # unggul names the main node "goal"
    rows = read_csv(out_dir / "consistency.csv")
    worst = {"cr": 0.0, "lambda_max": 0.0, "ci": 0.0}
    counted = {"participant": 0, "panel": 0}
    for r in rows:
        code = r["panel_code"]
        key = node_of[r["node"]]
        if r["participant"] != "(group)":
            got = by_case[r["participant"]]["nodes"][key]
            counted["participant"] += 1
        else:
            got = panels[code]["aij_nodes"][key]
            counted["panel"] += 1
        for name, idx in (("lambda_max", 1), ("ci", 2), ("cr", 3)):
            worst[name] = max(worst[name], abs(float(r[name]) - got[idx]))
    n_part = sum(pr["n"] for pr in panels.values()) * len(BLOCKS)
    report(f"unggul consistency.csv ({counted['participant']} respondent-node rows, {counted['panel']} "
           f"panel-node rows) vs numpy: max |diff| lambda_max {worst['lambda_max']:.3e}, CI "
           f"{worst['ci']:.3e}, CR {worst['cr']:.3e}",
           counted["participant"] == n_part and counted["panel"] == len(panels) * len(BLOCKS)
           and max(worst.values()) <= 1e-12)


def rust(people, panels):
    """The values tests/cli/survey.rs holds."""
    f = lambda x: repr(float(x))
    print("// Generated by benches/peer/check_survey.py --rust from datasets/edible-cities/original.")
    print("const LEAVES: [&str; 9] = [" + ", ".join(f'"{c}"' for c in LEAVES) + "];")
    print("const CRITERIA: [&str; 12] = [" + ", ".join(f'"{c}"' for c in ALL_CRITERIA) + "];")
    print("/// (panel, local weight of CRITERIA..., global weight of LEAVES...), AIJ, every respondent.")
    print("const AIJ: [(&str, [f64; 12], [f64; 9]); 4] = [")
    for code, _ in PANELS:
        pr = panels[code]
        print(f'    ("{code}", [' + ", ".join(f(pr["aij_local"][c]) for c in ALL_CRITERIA) + "], ["
              + ", ".join(f(pr["aij_global"][c]) for c in LEAVES) + "]),")
    print("];")
    print("/// (panel, CR of the aggregated matrix per node: main, Envi, Soci, Econ).")
    print("const AIJ_CR: [(&str, [f64; 4]); 4] = [")
    for code, _ in PANELS:
        print(f'    ("{code}", [' + ", ".join(f(panels[code]["aij_nodes"][k][3]) for k, _, _ in BLOCKS) + "]),")
    print("];")
    print("/// (panel, global weight of LEAVES...), aggregation = \"aip-geometric\", every respondent.")
    print("const AIP: [(&str, [f64; 9]); 4] = [")
    for code, _ in PANELS:
        print(f'    ("{code}", [' + ", ".join(f(panels[code]["aip_global"][c]) for c in LEAVES) + "]),")
    print("];")
    print("/// (respondent CASE, group, CR per node: main, Envi, Soci, Econ), in the survey's order.")
    print(f"const RESPONDENT_CR: [(&str, &str, [f64; 4]); {len(people)}] = [")
    for p in people:
        print(f'    ("{p["case"]}", "{p["group"]}", [' + ", ".join(f(p["nodes"][k][3]) for k, _, _ in BLOCKS) + "]),")
    print("];")


def main():
    args = sys.argv[1:]
    people = load()
    panels = {code: panel([p for p in people if only is None or p["group"] == only]) for code, only in PANELS}
    if "--rust" in args:
        rust(people, panels)
        return 0
    failures = []

    def report(msg, ok):
        print(("ok    " if ok else "FAIL  ") + msg)
        if not ok:
            failures.append(msg)

    np.set_printoptions(precision=15)
    for code, _ in PANELS:
        pr = panels[code]
        print(f"\npanel {code}: {pr['n']} respondents, AIJ (eigenvector, RI(3) = 0.58)")
        print(f"  {'criterion':10} {'local':>20} {'global':>20} {'AIP-geometric global':>22}")
        for c in ALL_CRITERIA:
            g = f"{pr['aij_global'][c]:20.15f}" if c in LEAVES else " " * 20
            a = f"{pr['aip_global'][c]:22.15f}" if c in LEAVES else ""
            print(f"  {c:10} {pr['aij_local'][c]:20.15f} {g} {a}")
        for key, parent, _ in BLOCKS:
            w, lam, ci, cr = pr["aij_nodes"][key]
            print(f"  node {parent or 'main':5}: lambda_max {lam:.15f}  CI {ci:.15e}  CR {cr:.15e}")
    inconsistent = {k: sum(p["nodes"][k][3] > 0.1 for p in people) for k, _, _ in BLOCKS}
    print(f"\nrespondents with CR > 0.1 per node: {inconsistent}")
    print("first respondents (CASE, group, CR per node main/env/soc/eco):")
    for p in people[:5]:
        print(f"  {p['case']} {p['group']:3} " + "  ".join(f"{p['nodes'][k][3]:.15e}" for k, _, _ in BLOCKS))
    print()
    agg = compare_published(people, report)
    print("  authors' aggregation recomputed: " + ", ".join(f"{c} {agg[c]:.10f}" for c in ALL_CRITERIA))
    if args:
        compare_unggul(args[0], people, panels, report)
    if failures:
        print(f"\n{len(failures)} check(s) failed")
        return 1
    print("\nevery check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
