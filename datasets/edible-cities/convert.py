#!/usr/bin/env python3
"""Converts the Edible Cities AHP survey (Kasper & John 2023) to unggul's wide judgments layout.

Reads, from original/ (files copied unchanged from github.com/urmel79/edible_Cities_AHP_Survey
at commit 58ffd15c3f5308a07447d91ee9af135c6025410b, GPL-3.0):

* rdata_all_AHP_edible_Cities_2022-03-18_09-53.csv: the SoSci Survey export of all 141
  respondents (tab-separated). Per pair it holds a stage-1 code A<b><k> (-1 equal, 1 left
  attribute more important, 2 right attribute more important) and stage-2 strengths
  R<b><2k-1>_01 (left) / R<b><2k>_01 (right), 1..8 standing for Saaty's 2..9. Blocks: K main
  criteria, U environmental, S social, W economic sub-criteria. QUESTNNR names the target
  group's questionnaire: FB1 City Administrations (CA), FB2 Non-Governmental Organisations
  (NGO), FB3 Practitioners and Experts (PE) (checked against the authors' per-group exports).
* rdata_all_{crit,env,soc,eco}_AHP_edible_Cities_2022-03-18_09-53.csv: the authors' own
  decoding of that export to Saaty's signed scale (their func_adaptData2SaatyScale), where a
  negative value -v means the LEFT attribute is v times as important as the right one
  (ahpsurvey's ahp.mat(..., negconvert = TRUE)), and 1 means equal.

It decodes the export itself with the authors' rule, checks that the result equals their
decoded files cell for cell (stops otherwise), and writes judgments_wide.csv:

    panel,participant,role,Envi vs Soci,Envi vs Econ,Soci vs Econ,Clim vs BDiv,...

with unggul's signed questionnaire scale: v >= 1 means the first-named criterion is v times as
important as the second, v <= -1 the reverse. So unggul's value is the authors' value with
the sign flipped (their 1, "equal", stays 1; the survey has no -1 and no 0).

Panels: EC.ALL (all 141 respondents, the authors' "all") and one panel per target group,
EC.ALL.CA, EC.ALL.NGO, EC.ALL.PE. Participant = the respondent's SoSci CASE number; role =
the target group. Run from anywhere: python3 datasets/edible-cities/convert.py
"""

import csv
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
ORIG = HERE / "original"
STAMP = "2022-03-18_09-53"
RAW = ORIG / f"rdata_all_AHP_edible_Cities_{STAMP}.csv"

# (authors' file key, SoSci block letter, attributes in the authors' order)
BLOCKS = [
    ("crit", "K", ["Envi", "Soci", "Econ"]),
    ("env", "U", ["Clim", "BDiv", "CiEc"]),
    ("soc", "S", ["KEdu", "Comm", "Part"]),
    ("eco", "W", ["Qual", "LVCs", "Affo"]),
]
# Pair k of a block, in the authors' column order: A_B, A_C, B_C.
PAIRS = [(0, 1), (0, 2), (1, 2)]
GROUPS = {"FB1": "CA", "FB2": "NGO", "FB3": "PE"}


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t"))


def decode(row, col, block):
    """The authors' func_adaptData2SaatyScale for one respondent and block."""
    out = []
    for k in range(1, 4):
        a = int(row[col[f"A{block}0{k}"]])
        if a == -1:
            out.append(1)
        elif a == 1:
            out.append(-int(row[col[f"R{block}0{2 * k - 1}_01"]]) - 1)
        elif a == 2:
            out.append(int(row[col[f"R{block}0{2 * k}_01"]]) + 1)
        else:
            sys.exit(f"{RAW.name}: CASE {row[col['CASE']]}: A{block}0{k} = {a}, not -1, 1 or 2")
    return out


def main():
    raw = read_tsv(RAW)
    col = {name: i for i, name in enumerate(raw[0])}
    rows = [r for r in raw[1:] if r]
    answers = []  # per respondent: (case, group, {(a, b): authors' signed value})
    for r in rows:
        vals = {}
        for _, letter, atts in BLOCKS:
            for (i, j), v in zip(PAIRS, decode(r, col, letter)):
                vals[(atts[i], atts[j])] = v
        answers.append((r[col["CASE"]], GROUPS[r[col["QUESTNNR"]]], vals))

    # The authors' decoded files must agree cell for cell.
    for key, _, atts in BLOCKS:
        table = read_tsv(ORIG / f"rdata_all_{key}_AHP_edible_Cities_{STAMP}.csv")
        header = [h.strip('"') for h in table[0]]
        expect = [f"{atts[i]}_{atts[j]}" for i, j in PAIRS]
        if header != expect:
            sys.exit(f"rdata_all_{key}: header {header}, expected {expect}")
        body = [t for t in table[1:] if t]
        if len(body) != len(answers):
            sys.exit(f"rdata_all_{key}: {len(body)} rows, the export has {len(answers)}")
        for n, (t, (case, _, vals)) in enumerate(zip(body, answers), start=2):
            for (i, j), cell in zip(PAIRS, t):
                if int(cell) != vals[(atts[i], atts[j])]:
                    sys.exit(f"rdata_all_{key}:{n}: {cell}, decoded {vals[(atts[i], atts[j])]} (CASE {case})")
        for case, _, vals in answers:
            for i, j in PAIRS:
                if vals[(atts[i], atts[j])] in (0, -1) or abs(vals[(atts[i], atts[j])]) > 9:
                    sys.exit(f"CASE {case}: value {vals[(atts[i], atts[j])]} off Saaty's signed scale")

    pairs = [(atts[i], atts[j]) for _, _, atts in BLOCKS for i, j in PAIRS]
    out = HERE / "judgments_wide.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["panel", "participant", "role"] + [f"{a} vs {b}" for a, b in pairs])
        panels = [("EC.ALL", None)] + [(f"EC.ALL.{g}", g) for g in ("CA", "NGO", "PE")]
        for code, only in panels:
            for case, group, vals in answers:
                if only is None or group == only:
                    # authors: -v = left (a) v times b; unggul: +v = a v times b.
                    w.writerow([code, case, group] + [v if v == 1 else -v for v in (vals[p] for p in pairs)])
    counts = {g: sum(1 for _, x, _ in answers if x == g) for g in ("CA", "NGO", "PE")}
    print(f"{out.relative_to(HERE.parent.parent)}: {len(answers)} respondents {counts}, "
          f"{len(pairs)} pairs each, decoding equal to the authors' files")


if __name__ == "__main__":
    main()
