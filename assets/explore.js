/* unggul explore.html: what-if weights and judgments for the FGD room.
 *
 * The data (id="unggul-data") are written by src/report/explore.rs. Every formula below is
 * the engine's, step for step and in the same order of floating-point operations where that
 * matters, so the page gives the engine's numbers (the browser test checks within 1e-12):
 *   AHP priorities ......... src/ahp/priority.rs (eigenvector, geometric, column-mean; CI, CR)
 *   group AHP .............. src/ahp/group.rs, src/weights/mod.rs (AIJ, AIP, exclusion rule)
 *   normalisation, TOPSIS .. src/score/normalize.rs, topsis.rs, weighted_sum.rs
 *   ranking ................ src/score/mod.rs `ranking`, src/select.rs `rank_group`
 *   sweeps ................. src/sensitivity/sweep.rs `rescale`
 * The console object `window.unggul` (documented in README.md) exposes all of it.
 */
(function () {
  'use strict';

  const DATA = JSON.parse(document.getElementById('unggul-data').textContent);
  const M = DATA.method;

  // ------------------------------------------------------------------------------------------
  // Words. The page's wording lives here, in both languages.
  const WORDS = {
    id: {
      title: 'Jelajah bobot',
      illustrative: 'Data ilustratif',
      tabGroups: 'Bobot dan peringkat',
      tabPanels: 'Penilaian panel FGD',
      group: 'Kelompok',
      prev: '◀ Sebelumnya',
      next: 'Berikutnya ▶',
      weights: 'Bobot kriteria',
      weightsHelp: 'Geser satu bobot; bobot lain menyesuaikan secara proporsional, seperti dalam analisis sensitivitas laporan.',
      ranking: 'Peringkat',
      rank: 'Peringkat',
      candidate: 'Kandidat',
      closeness: 'Nilai preferensi',
      score: 'Skor',
      status: 'Status',
      unggulan: 'unggulan',
      considered: 'dipertimbangkan',
      tie: 'seri',
      reportWinner: 'Unggulan menurut laporan',
      nowWinner: 'Unggulan sekarang',
      changed: 'BERUBAH',
      same: 'sama dengan laporan',
      resetPanel: 'Bobot panel',
      setWeights: 'Pakai bobot',
      allGroups: 'untuk semua kelompok',
      critical: 'Bobot kritis (laporan)',
      criticalStale: 'Tanda bobot kritis berlaku bila hanya bobot ini yang digeser dari bobot panel hasil FGD.',
      criticalNone: 'Tidak ada bobot kritis: unggulan tidak berubah oleh bobot satu kriteria.',
      jumpTo: 'Pindah ke bobot kritis',
      takesOver: 'menjadi unggulan',
      cost: 'biaya',
      empty: 'Kelompok ini tidak mempunyai kandidat.',
      from: 'Bobot dari',
      panelOf: 'panel FGD',
      fixedWeights: 'bobot tetap (tidak dari panel)',
      edited: 'diubah di halaman ini',
      scenario: 'Skenario',
      panel: 'Panel FGD',
      participant: 'Peserta',
      role: 'Peran',
      node: 'Matriks',
      goal: 'Tujuan (kriteria utama)',
      pair: 'Pasangan',
      judgment: 'Ubah satu penilaian',
      moreImportant: 'lebih penting',
      equal: 'sama penting',
      resetJudgments: 'Kembalikan penilaian asli panel ini',
      cr: 'CR',
      consistent: 'konsisten',
      inconsistent: 'tidak konsisten',
      included: 'ikut agregasi',
      excluded: 'dikeluarkan',
      panelWeights: 'Bobot panel (agregat)',
      original: 'Asli',
      now: 'Sekarang',
      criterion: 'Kriteria',
      groupsUsing: 'Kelompok yang memakai panel ini',
      consistentValue: 'Nilai yang konsisten dengan bobot peserta ini',
      nobodyConsistent: 'Semua peserta tidak konsisten: semuanya tetap diikutkan, seperti di laporan.',
      unsupported: 'Metode AHP studi ini tidak dikenal halaman ini; penilaian tidak dapat diubah di sini.',
      pages: 'Halaman jelajah lain',
      method: 'Metode',
      level: { kelurahan: 'Kelurahan', kecamatan: 'Kecamatan', kota: 'Kota' },
      announceWinner: 'Unggulan sekarang',
    },
    en: {
      title: 'Weight explorer',
      illustrative: 'Illustrative data',
      tabGroups: 'Weights and ranking',
      tabPanels: 'FGD panel judgments',
      group: 'Group',
      prev: '◀ Previous',
      next: 'Next ▶',
      weights: 'Criteria weights',
      weightsHelp: 'Move one weight; the others follow proportionally, as in the report\'s sensitivity analysis.',
      ranking: 'Ranking',
      rank: 'Rank',
      candidate: 'Candidate',
      closeness: 'Closeness',
      score: 'Score',
      status: 'Status',
      unggulan: 'unggulan',
      considered: 'for consideration',
      tie: 'tie',
      reportWinner: 'Unggulan in the report',
      nowWinner: 'Unggulan now',
      changed: 'CHANGED',
      same: 'same as the report',
      resetPanel: 'Panel weights',
      setWeights: 'Use weights',
      allGroups: 'for every group',
      critical: 'Critical weights (report)',
      criticalStale: 'The critical-weight marks hold when only this weight has moved from the FGD panel\'s weights.',
      criticalNone: 'No critical weight: no single criterion\'s weight changes the unggulan.',
      jumpTo: 'Go to critical weight',
      takesOver: 'takes over',
      cost: 'cost',
      empty: 'This group has no candidates.',
      from: 'Weights from',
      panelOf: 'FGD panel',
      fixedWeights: 'fixed weights (not from a panel)',
      edited: 'changed on this page',
      scenario: 'Scenario',
      panel: 'FGD panel',
      participant: 'Participant',
      role: 'Role',
      node: 'Matrix',
      goal: 'Goal (main criteria)',
      pair: 'Pair',
      judgment: 'Change one judgment',
      moreImportant: 'more important',
      equal: 'equally important',
      resetJudgments: 'Restore this panel\'s judgments',
      cr: 'CR',
      consistent: 'consistent',
      inconsistent: 'inconsistent',
      included: 'in the aggregation',
      excluded: 'excluded',
      panelWeights: 'Panel weights (aggregated)',
      original: 'Original',
      now: 'Now',
      criterion: 'Criterion',
      groupsUsing: 'Groups using this panel',
      consistentValue: 'Value consistent with this participant\'s weights',
      nobodyConsistent: 'Every participant is inconsistent: all are kept, as in the report.',
      unsupported: 'This study\'s AHP method is unknown to this page; judgments cannot be edited here.',
      pages: 'Other explorer pages',
      method: 'Method',
      level: { kelurahan: 'Kelurahan', kecamatan: 'Kecamatan', kota: 'City' },
      announceWinner: 'Unggulan now',
    },
  };
  const W = WORDS[DATA.lang] || WORDS.id;

  function fmt(x, decimals) {
    if (x === null || x === undefined || !isFinite(x)) return '–';
    const s = x.toFixed(decimals);
    return DATA.lang === 'en' ? s : s.replace('.', ',');
  }

  // ------------------------------------------------------------------------------------------
  // AHP (src/ahp/priority.rs). Sums run left to right from 0, as Rust's iterator sums do.
  const EIGEN_NOISE_FLOOR = 1e-13;
  const EIGEN_STALL_STEPS = 64;
  const EIGEN_MAX_ITERATIONS = 100000;
  const LAMBDA_ROUNDING_TOLERANCE = 1e-9;
  const METHODS = ['eigenvector', 'geometric', 'column-mean'];
  const AGGREGATIONS = ['aij', 'aip-geometric', 'aip-arithmetic'];

  function sum(v) {
    let s = 0;
    for (let k = 0; k < v.length; k++) s += v[k];
    return s;
  }

  function normalise(v) {
    const s = sum(v);
    return v.map((x) => x / s);
  }

  function rowDot(a, i, w) {
    let s = 0;
    for (let j = 0; j < w.length; j++) s += a[i][j] * w[j];
    return s;
  }

  function rowGeometricMean(a) {
    const n = a.length;
    const v = [];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.log(a[i][j]);
      v.push(Math.exp(s / n));
    }
    return normalise(v);
  }

  function columnMean(a) {
    const n = a.length;
    const colSums = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += a[i][j];
      colSums.push(s);
    }
    const v = [];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i][j] / colSums[j];
      v.push(s / n);
    }
    return normalise(v);
  }

  function meanRatioLambda(a, w) {
    const n = w.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += rowDot(a, i, w) / w[i];
    return s / n;
  }

  function principalEigenvector(a) {
    const n = a.length;
    let w = rowGeometricMean(a);
    let best = Infinity;
    let stalled = 0;
    for (let step = 1; step <= EIGEN_MAX_ITERATIONS; step++) {
      const raw = [];
      for (let i = 0; i < n; i++) raw.push(rowDot(a, i, w));
      const next = normalise(raw);
      let change = 0;
      for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(next[i] - w[i]));
      w = next;
      if (change <= M.eigen_tolerance) return { w, steps: step };
      if (change < best) {
        best = change;
        stalled = 0;
      } else {
        stalled += 1;
        if (best <= EIGEN_NOISE_FLOOR && stalled >= EIGEN_STALL_STEPS) return { w, steps: step };
      }
    }
    throw new Error('power iteration did not converge');
  }

  function exactlyReciprocal(a) {
    const n = a.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (Math.abs(a[i][j] * a[j][i] - 1) > 1e-12) return false;
    }
    return true;
  }

  /** CI as the engine computes it; NaN where the engine reports lambda_max below n. */
  function consistencyIndex(lambda, n, reciprocal) {
    if (n <= 2) return 0;
    const excess = lambda - n;
    if (excess >= 0) return excess / (n - 1);
    if (-excess <= LAMBDA_ROUNDING_TOLERANCE * n || (!reciprocal && isFinite(lambda))) return 0;
    return NaN;
  }

  /**
   * Priorities of a pairwise matrix (rows): weights, lambda_max, CI, RI, CR.
   * `randomIndex[n]` is the study table's RI(n) (null where the table stops).
   */
  function priorities(a, method, randomIndex) {
    const n = a.length;
    let w;
    let lambda;
    if (method === 'eigenvector') {
      w = principalEigenvector(a).w;
      lambda = 0;
      for (let i = 0; i < n; i++) lambda += rowDot(a, i, w);
    } else if (method === 'geometric') {
      w = rowGeometricMean(a);
      lambda = meanRatioLambda(a, w);
    } else if (method === 'column-mean') {
      w = columnMean(a);
      lambda = meanRatioLambda(a, w);
    } else {
      throw new Error('unknown AHP method ' + method);
    }
    const ci = consistencyIndex(lambda, n, exactlyReciprocal(a));
    const ri = n <= 2 ? 0 : randomIndex && randomIndex[n] !== undefined ? randomIndex[n] : null;
    const cr = n <= 2 ? 0 : ri === null ? null : ci / ri;
    return { weights: w, lambda_max: lambda, ci, ri, cr };
  }

  function participantShares(weights) {
    const s = sum(weights);
    return weights.map((w) => w / s);
  }

  /** AIJ: element-wise weighted geometric mean of the upper triangle, exact reciprocals below. */
  function aggregateJudgments(matrices, weights) {
    const lambda = participantShares(weights);
    const n = matrices[0].length;
    const out = [];
    for (let i = 0; i < n; i++) out.push(new Array(n).fill(1));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let s = 0;
        for (let k = 0; k < matrices.length; k++) s += lambda[k] * Math.log(matrices[k][i][j]);
        const v = Math.exp(s);
        out[i][j] = v;
        out[j][i] = 1 / v;
      }
    }
    return out;
  }

  /** AIP: weighted geometric or arithmetic mean of priority vectors, renormalised. */
  function aggregatePriorities(vectors, weights, geometric) {
    const lambda = participantShares(weights);
    const n = vectors[0].length;
    const combined = [];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < vectors.length; k++) {
        s += geometric ? lambda[k] * Math.log(vectors[k][i]) : lambda[k] * vectors[k][i];
      }
      combined.push(geometric ? Math.exp(s) : s);
    }
    const total = sum(combined);
    return combined.map((x) => x / total);
  }

  function localFromNodes(level, nodeWeights) {
    const local = new Array(level.criteria.length).fill(0);
    level.nodes.forEach((node, k) => {
      node.children.forEach((c, i) => {
        local[c] = nodeWeights[k][i];
      });
    });
    return local;
  }

  function globalWeights(level, local) {
    return level.leaves.map((l) => {
      const p = level.criteria[l].parent;
      return local[l] * (p === null ? 1 : local[p]);
    });
  }

  function isConsistent(p) {
    return p.cr === null || p.cr <= M.consistency_threshold;
  }

  /** A panel's weights from its participants' matrices (src/weights/mod.rs `panel_weights`). */
  function panelWeights(panel, judgments) {
    const level = DATA.levels[panel.level];
    const ri = level.random_index;
    const participants = panel.participants.map((q, k) => {
      const nodes = judgments[k].map((a) => priorities(a, M.ahp_method, ri));
      const consistent = nodes.every(isConsistent);
      const local = localFromNodes(level, nodes.map((x) => x.weights));
      return {
        id: q.id,
        role: q.role,
        nodes,
        consistent,
        included: consistent || M.inconsistent_participants === 'flag',
        weights: globalWeights(level, local),
      };
    });
    const nobodyConsistent = participants.length > 0 && participants.every((p) => !p.included);
    if (nobodyConsistent) participants.forEach((p) => { p.included = true; });
    const used = [];
    participants.forEach((p, k) => { if (p.included) used.push(k); });
    const pw = used.map((k) => panel.participants[k].weight);
    const groupMatrices = level.nodes.map((_, n) => aggregateJudgments(used.map((k) => judgments[k][n]), pw));
    const groupNodes = groupMatrices.map((a) => priorities(a, M.ahp_method, ri));
    let local;
    let weights;
    if (M.aggregation === 'aij') {
      local = localFromNodes(level, groupNodes.map((x) => x.weights));
      weights = globalWeights(level, local);
    } else {
      const geometric = M.aggregation === 'aip-geometric';
      weights = aggregatePriorities(used.map((k) => participants[k].weights), pw, geometric);
      local = localFromNodes(
        level,
        level.nodes.map((_, n) => aggregatePriorities(used.map((k) => participants[k].nodes[n].weights), pw, geometric)),
      );
    }
    return { participants, groupNodes, local, weights, nobodyConsistent };
  }

  // ------------------------------------------------------------------------------------------
  // Scoring (src/score/normalize.rs, topsis.rs, weighted_sum.rs).
  const TINY_SUM_OF_SQUARES = 1e-200;

  function normalize(x, rows, cols, cost, bounds) {
    let offset;
    let divisor;
    if (bounds) {
      offset = bounds[0].slice();
      divisor = bounds[1].map((hi, j) => hi - bounds[0][j]);
    } else {
      const sumSq = new Array(cols).fill(0);
      const min = x.slice(0, cols);
      const max = x.slice(0, cols);
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < cols; k++) {
          const v = x[i * cols + k];
          sumSq[k] += v * v;
          min[k] = v < min[k] ? v : min[k];
          max[k] = v > max[k] ? v : max[k];
        }
      }
      const maxAbs = min.map((lo, k) => Math.max(Math.abs(lo), Math.abs(max[k])));
      offset = new Array(cols).fill(0);
      if (M.normalization === 'vector') {
        divisor = sumSq.map((s, j) => {
          if (s >= TINY_SUM_OF_SQUARES) return Math.sqrt(s);
          if (maxAbs[j] === 0) return 0;
          let scaled = 0;
          for (let i = 0; i < rows; i++) {
            const t = x[i * cols + j] / maxAbs[j];
            scaled += t * t;
          }
          return maxAbs[j] * Math.sqrt(scaled);
        });
      } else if (M.normalization === 'min-max') {
        offset = min;
        divisor = max.map((hi, k) => hi - min[k]);
      } else if (M.normalization === 'max') {
        divisor = maxAbs;
      } else if (M.normalization === 'sum') {
        divisor = [];
        for (let j = 0; j < cols; j++) {
          let s = 0;
          for (let i = 0; i < rows; i++) s += Math.abs(x[i * cols + j]);
          divisor.push(s);
        }
      } else {
        throw new Error('unknown normalisation ' + M.normalization);
      }
    }
    divisor = divisor.map((d) => (d > 0 ? d : 1));
    const r = x.map((v, k) => (v - offset[k % cols]) / divisor[k % cols]);
    let best;
    let worst;
    if (bounds) {
      best = cost.map((c) => (c ? 0 : 1));
      worst = cost.map((c) => (c ? 1 : 0));
    } else {
      const lo = r.slice(0, cols);
      const hi = r.slice(0, cols);
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < cols; k++) {
          lo[k] = Math.min(lo[k], r[i * cols + k]);
          hi[k] = Math.max(hi[k], r[i * cols + k]);
        }
      }
      best = cost.map((c, k) => (c ? lo[k] : hi[k]));
      worst = cost.map((c, k) => (c ? hi[k] : lo[k]));
    }
    return { r, best, worst };
  }

  /** The weight-independent part of a group: its normalised matrix and reference points. */
  function scoreModel(levelIndex, members) {
    const level = DATA.levels[levelIndex];
    const cols = level.leaves.length;
    const rows = members.length;
    const x = [];
    members.forEach((c) => {
      const values = DATA.candidates[c].values;
      level.columns.forEach((col) => x.push(values[col]));
    });
    const cost = level.leaves.map((l) => level.criteria[l].cost);
    const n = rows > 0 ? normalize(x, rows, cols, cost, level.bounds) : { r: [], best: [], worst: [] };
    return { rows, cols, cost, r: n.r, best: n.best, worst: n.worst };
  }

  /** Scores at weights `w`: TOPSIS closeness with D+ and D-, or the weighted sum. */
  function scoreWith(model, w) {
    const { rows, cols, r } = model;
    const scores = [];
    const dPlus = [];
    const dMinus = [];
    if (M.scoring === 'topsis') {
      const ideal = w.map((wj, j) => wj * model.best[j]);
      const anti = w.map((wj, j) => wj * model.worst[j]);
      for (let i = 0; i < rows; i++) {
        let p = 0;
        let m = 0;
        for (let j = 0; j < cols; j++) {
          const v = w[j] * r[i * cols + j];
          const a = v - ideal[j];
          const b = v - anti[j];
          p += a * a;
          m += b * b;
        }
        const dp = Math.sqrt(p);
        const dm = Math.sqrt(m);
        const total = dp + dm;
        dPlus.push(dp);
        dMinus.push(dm);
        scores.push(total > 0 ? dm / total : 0.5);
      }
    } else {
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let j = 0; j < cols; j++) {
          const u = model.cost[j] ? 1 - r[i * cols + j] : r[i * cols + j];
          s += w[j] * u;
        }
        scores.push(s);
        dPlus.push(null);
        dMinus.push(null);
      }
    }
    return { scores, dPlus, dMinus };
  }

  /** Best first; equal scores keep the members' order (the engine's tie-break). */
  function ranking(scores) {
    const order = scores.map((_, i) => i);
    order.sort((a, b) => {
      const sa = scores[a];
      const sb = scores[b];
      if (isNaN(sa) || isNaN(sb)) return isNaN(sa) - isNaN(sb);
      return sb > sa ? 1 : sb < sa ? -1 : 0;
    });
    return order;
  }

  /** One weight set to `t`, the others rescaled proportionally (src/sensitivity/sweep.rs). */
  function rescale(base, j, t) {
    if (t === base[j]) return base.slice();
    let others = 0;
    base.forEach((w, k) => { if (k !== j) others += w; });
    const nOthers = base.length - 1;
    return base.map((w, k) => {
      if (k === j) return t;
      if (others > 0) return (w * (1 - t)) / others;
      return (1 - t) / nOthers;
    });
  }

  // ------------------------------------------------------------------------------------------
  // State: judgments (editable copies), per-group weight overrides, and everything derived.
  const ORIGINAL = DATA.panels.map((p) => p.participants.map((q) => q.matrices));
  const judgments = ORIGINAL.map((p) => p.map((q) => q.map((a) => a.map((row) => row.slice()))));
  const editedPanels = new Set();
  const overrides = new Array(DATA.groups.length).fill(null);
  const overrideLabel = new Array(DATA.groups.length).fill(null);
  const basePanels = DATA.panels.map((p, k) => panelWeights(p, ORIGINAL[k]));
  let panels = basePanels.slice();
  let results = [];

  function weightsFromSource(source, live) {
    if (source.panel !== undefined) return (live ? panels : basePanels)[source.panel].weights.slice();
    return source.fixed.slice();
  }

  function currentWeights(g) {
    return overrides[g] ? overrides[g].slice() : weightsFromSource(DATA.groups[g].weights, true);
  }

  function baseWeights(g) {
    return weightsFromSource(DATA.groups[g].weights, false);
  }

  function evaluate(g, members, w) {
    const model = scoreModel(DATA.groups[g].level, members);
    const s = scoreWith(model, w);
    const order = ranking(s.scores);
    return { members, weights: w, scores: s.scores, dPlus: s.dPlus, dMinus: s.dMinus, order };
  }

  function recompute() {
    results = [];
    DATA.groups.forEach((group, g) => {
      let members = group.members;
      if (group.nominees_of) {
        members = [];
        group.nominees_of.forEach((l) => {
          results[l].order.slice(0, M.winners).forEach((i) => members.push(results[l].members[i]));
        });
      }
      results.push(evaluate(g, members, currentWeights(g)));
    });
  }

  function winnerOf(g) {
    const res = results[g];
    return res.order.length ? res.members[res.order[0]] : null;
  }

  function sameMembers(g) {
    const a = results[g].members;
    const b = DATA.groups[g].members;
    return a.length === b.length && a.every((x, k) => x === b[k]);
  }

  function panelEdited(g) {
    const src = DATA.groups[g].weights;
    return src.panel !== undefined && editedPanels.has(src.panel);
  }

  /** Whether the current weights lie on criterion j's sweep from the base weights. */
  function onSweep(g, j) {
    const w = currentWeights(g);
    const b = baseWeights(g);
    for (let k = 0; k < w.length; k++) {
      if (k !== j && Math.abs(w[k] * (1 - b[j]) - b[k] * (1 - w[j])) > 1e-9) return false;
    }
    return true;
  }

  function marksHold(g, j) {
    return sameMembers(g) && !panelEdited(g) && onSweep(g, j);
  }

  // ------------------------------------------------------------------------------------------
  // Rendering.
  const app = document.getElementById('app');
  let view = 'groups';
  let current = Math.max(0, DATA.groups.findIndex((g) => g.members.length > 1));
  let currentPanel = 0;
  const editor = { participant: 0, node: 0, pair: 0 };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => {
      if (c === null || c === undefined || c === false) return;
      e.append(c instanceof Node ? c : String(c));
    });
    return e;
  }

  function levelName(g) {
    const group = DATA.groups[g];
    return W.level[DATA.levels[group.level].level] || DATA.levels[group.level].level;
  }

  function capital(s) {
    return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
  }

  function groupTitle(g) {
    const group = DATA.groups[g];
    return levelName(g) + ' ' + group.name + ' · ' + capital(group.category);
  }

  function header() {
    const study = DATA.study;
    const links = DATA.pages.length
      ? el('nav', { class: 'pages', 'aria-label': W.pages },
        W.pages + ': ',
        DATA.pages.map((p) => el('a', { href: p.href }, p.label)))
      : null;
    return el('header', {},
      el('h1', {}, W.title + ': ' + study.name + (study.scope ? ' · ' + study.scope : '')),
      el('p', { class: 'method' },
        study.illustrative ? el('span', { class: 'note', title: study.note }, W.illustrative + '. ') : null,
        W.method + ': ' + [M.scoring, M.normalization, M.reference, M.ahp_method, M.ri_table, M.aggregation, M.inconsistent_participants].join(' · ')),
      links,
      el('div', { class: 'tabs', role: 'tablist' },
        el('button', { role: 'tab', 'aria-selected': String(view === 'groups'), onclick: () => { view = 'groups'; render(); } }, W.tabGroups),
        el('button', { role: 'tab', 'aria-selected': String(view === 'panels'), disabled: DATA.panels.length ? null : true, onclick: () => { view = 'panels'; render(); } }, W.tabPanels)));
  }

  function groupChooser() {
    const select = el('select', { id: 'group-select', onchange: (e) => { current = Number(e.target.value); render(); } });
    let lastLabel = null;
    let optgroup = null;
    DATA.groups.forEach((group, g) => {
      const label = levelName(g) + (group.kecamatan ? ' · Kec. ' + group.kecamatan : '');
      if (label !== lastLabel) {
        optgroup = el('optgroup', { label });
        select.append(optgroup);
        lastLabel = label;
      }
      optgroup.append(el('option', { value: g, selected: g === current }, group.name + ' · ' + capital(group.category) + (group.members.length ? '' : ' (–)')));
    });
    const step = (d) => () => {
      current = (current + d + DATA.groups.length) % DATA.groups.length;
      render();
    };
    return el('div', { class: 'chooser' },
      el('label', { for: 'group-select' }, W.group),
      select,
      el('button', { onclick: step(-1) }, W.prev),
      el('button', { onclick: step(1) }, W.next));
  }

  let everyGroup = false;

  function weightButtons(g) {
    const group = DATA.groups[g];
    const apply = (fn) => () => {
      (everyGroup ? DATA.groups.map((_, k) => k) : [g]).forEach(fn);
      recompute();
      render();
    };
    const toScenario = (s) => (k) => {
      overrides[k] = weightsFromSource(DATA.groups[k].scenarios[s], true);
      overrideLabel[k] = DATA.scenarios[s].name;
    };
    const toPanel = (k) => {
      overrides[k] = null;
      overrideLabel[k] = null;
    };
    return el('div', { class: 'buttons' },
      el('span', { class: 'buttons-label' }, W.setWeights + ':'),
      el('button', { onclick: apply(toPanel) }, W.resetPanel),
      DATA.scenarios.map((s, k) => (group.scenarios[k] ? el('button', { onclick: apply(toScenario(k)) }, s.name) : null)),
      el('label', { class: 'every' },
        el('input', { type: 'checkbox', id: 'every-group', checked: everyGroup, onchange: (e) => { everyGroup = e.target.checked; } }),
        ' ' + W.allGroups));
  }

  function sourceText(g) {
    const src = DATA.groups[g].weights;
    let text = W.from + ' ';
    if (overrideLabel[g]) text += W.scenario.toLowerCase() + ' “' + overrideLabel[g] + '”';
    else if (src.panel !== undefined) {
      const p = DATA.panels[src.panel];
      text += W.panelOf + ' ' + p.name + ' (' + p.code + ')';
    } else text += W.fixedWeights;
    if (overrides[g] && !overrideLabel[g]) text += ', ' + W.edited;
    else if (panelEdited(g) && !overrides[g]) text += ', ' + W.edited;
    return text;
  }

  // Slider geometry: the thumb is THUMB px wide (explore.css), so value t sits at
  // THUMB/2 + t (width - THUMB) px from the left of the track.
  const THUMB = 28;

  function markPosition(t) {
    return 'calc(' + THUMB / 2 + 'px + ' + t + ' * (100% - ' + THUMB + 'px))';
  }

  /** Just beyond a critical weight, on the side away from the panel weight. */
  function beyond(th) {
    const nudge = 1e-9;
    const t = th.direction === 'increase' ? th.critical_weight + nudge : th.critical_weight - nudge;
    return Math.min(1, Math.max(0, t));
  }

  function sliders(g) {
    const group = DATA.groups[g];
    const level = DATA.levels[group.level];
    const w = currentWeights(g);
    const list = el('div', { class: 'sliders' });
    level.leaves.forEach((leaf, j) => {
      const c = level.criteria[leaf];
      const id = 'w-' + j;
      const range = el('input', {
        type: 'range', id, min: 0, max: 1, step: 0.001, value: w[j],
        'aria-valuetext': fmt(w[j], 4),
        oninput: (e) => setWeight(g, j, Number(e.target.value), true),
      });
      const number = el('input', {
        type: 'text', inputmode: 'decimal', class: 'value', id: 'n-' + j, value: fmt(w[j], 4),
        'aria-label': c.name + ' (0–1)',
        onchange: (e) => {
          const t = Number(e.target.value.trim().replace(',', '.'));
          if (e.target.value.trim() !== '' && isFinite(t) && t >= 0 && t <= 1) setWeight(g, j, t, false);
          else e.target.value = fmt(currentWeights(g)[j], 4);
        },
      });
      const ticks = el('span', { class: 'ticks', 'aria-hidden': 'true' });
      const marks = el('div', { class: 'marks', id: 'marks-' + j });
      const hold = marksHold(g, j);
      group.thresholds.filter((th) => th.criterion === j).forEach((th) => {
        const arrow = th.direction === 'increase' ? '▲' : '▼';
        ticks.append(el('span', { class: 'tick ' + th.direction + (hold ? '' : ' stale'), style: 'left:' + markPosition(th.critical_weight) }));
        marks.append(el('button', {
          class: 'mark ' + th.direction + (hold ? '' : ' stale'),
          title: W.jumpTo + ': ' + DATA.candidates[th.new_winner].name + ' ' + W.takesOver,
          'aria-label': W.jumpTo + ' ' + fmt(th.critical_weight, 4) + ': ' + DATA.candidates[th.new_winner].name + ' ' + W.takesOver,
          onclick: () => { overrides[g] = rescale(baseWeights(g), j, beyond(th)); overrideLabel[g] = null; recompute(); render(); },
        }, arrow + ' ' + fmt(th.critical_weight, 4) + ' → ' + DATA.candidates[th.new_winner].name));
      });
      list.append(el('div', { class: 'slider' },
        el('label', { for: id }, c.name, c.cost ? el('span', { class: 'cost' }, ' (' + W.cost + ')') : null),
        el('div', { class: 'track' }, range, ticks),
        number,
        marks.childNodes.length ? marks : null));
    });
    return list;
  }

  function rankingTable(g) {
    const res = results[g];
    const group = DATA.groups[g];
    if (!res.members.length) return el('p', { class: 'empty' }, W.empty);
    const tol = M.tie_tolerance;
    const tied = new Set();
    for (let k = 1; k < res.order.length; k++) {
      const a = res.order[k - 1];
      const b = res.order[k];
      if (Math.abs(res.scores[a] - res.scores[b]) <= tol) { tied.add(a); tied.add(b); }
    }
    const body = el('tbody');
    res.order.forEach((i, pos) => {
      const c = res.members[i];
      const s = res.scores[i];
      const selected = pos < M.winners;
      body.append(el('tr', { class: selected ? 'winner' : '' },
        el('td', { class: 'num' }, pos + 1),
        el('td', {}, el('strong', {}, DATA.candidates[c].name), el('br'), el('span', { class: 'product' }, DATA.candidates[c].product + (group.level > 0 ? ' · ' + DATA.candidates[c].kelurahan : ''))),
        el('td', { class: 'scorecell' },
          el('span', { class: 'score' }, fmt(s, 4)),
          el('span', { class: 'barbox' }, el('span', { class: 'bar', style: 'width:' + Math.max(0, Math.min(1, s)) * 100 + '%' }))),
        el('td', { class: 'status' }, (selected ? W.unggulan : W.considered) + (tied.has(i) ? ' (' + W.tie + ')' : ''))));
    });
    return el('table', { class: 'ranking' },
      el('caption', { class: 'sr' }, W.ranking + ': ' + groupTitle(g)),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', class: 'num' }, '#'),
        el('th', { scope: 'col' }, W.candidate),
        el('th', { scope: 'col' }, M.scoring === 'topsis' ? W.closeness : W.score),
        el('th', { scope: 'col' }, W.status))),
      body);
  }

  function verdictLine(g) {
    const group = DATA.groups[g];
    if (group.report_winner === null) return null;
    const now = winnerOf(g);
    const changed = now !== group.report_winner;
    return el('p', { class: 'verdict' + (changed ? ' changed' : ''), id: 'verdict', 'aria-live': 'polite' },
      W.reportWinner + ': ', el('strong', {}, DATA.candidates[group.report_winner].name), '. ',
      W.nowWinner + ': ', el('strong', {}, now === null ? '–' : DATA.candidates[now].name),
      changed ? el('span', { class: 'flag' }, ' ' + W.changed) : ' (' + W.same + ')');
  }

  function groupView() {
    const g = current;
    const group = DATA.groups[g];
    const anyMarks = group.thresholds.length > 0;
    return el('section', { class: 'group', 'aria-label': groupTitle(g) },
      groupChooser(),
      el('h2', {}, groupTitle(g), el('span', { class: 'source', id: 'source' }, sourceText(g))),
      weightButtons(g),
      el('div', { class: 'columns' },
        el('div', { class: 'left' },
          el('h3', { class: 'sr' }, W.weights),
          sliders(g),
          el('p', { class: 'help' }, W.weightsHelp + ' ' + (anyMarks ? W.criticalStale : group.members.length > 1 ? W.criticalNone : ''))),
        el('div', { class: 'right', id: 'ranking' }, verdictLine(g), rankingTable(g))));
  }

  /** Updates the numbers of the group view in place, so a dragged slider keeps its focus. */
  function refreshGroup(g, fromSlider) {
    const w = currentWeights(g);
    const level = DATA.levels[DATA.groups[g].level];
    level.leaves.forEach((_, j) => {
      const range = document.getElementById('w-' + j);
      const number = document.getElementById('n-' + j);
      if (range && !(fromSlider === j)) range.value = w[j];
      if (range) range.setAttribute('aria-valuetext', fmt(w[j], 4));
      if (number && document.activeElement !== number) number.value = fmt(w[j], 4);
      const hold = marksHold(g, j);
      document.querySelectorAll('#marks-' + j + ' .mark, .slider:nth-child(' + (j + 1) + ') .tick').forEach((m) => m.classList.toggle('stale', !hold));
    });
    const right = document.getElementById('ranking');
    if (right) right.replaceChildren(...[verdictLine(g), rankingTable(g)].filter(Boolean));
    const source = document.getElementById('source');
    if (source) source.textContent = sourceText(g);
  }

  function setWeight(g, j, t, fromSlider) {
    overrides[g] = rescale(currentWeights(g), j, t);
    overrideLabel[g] = null;
    recompute();
    if (view === 'groups' && g === current) refreshGroup(g, fromSlider ? j : -1);
  }

  // ---- Panels view.
  const SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1];

  function judgmentOptions(value) {
    // A 9 .. 2 (A more important), 1, 2 .. 9 (B more important), and the given value if it is
    // not on the scale (aggregated questionnaires give e.g. 0.6).
    const options = [];
    SAATY.forEach((v) => options.push({ v, text: v === 1 ? '1 · ' + W.equal : v + ' · A ' + W.moreImportant }));
    SAATY.slice().reverse().slice(1).forEach((v) => options.push({ v: 1 / v, text: v + ' · B ' + W.moreImportant }));
    if (!options.some((o) => Math.abs(o.v - value) < 1e-12)) options.push({ v: value, text: fmt(value, 3) });
    return options;
  }

  function pairsOf(level, node) {
    const children = level.nodes[node].children;
    const pairs = [];
    for (let i = 0; i < children.length; i++) for (let j = i + 1; j < children.length; j++) pairs.push([i, j]);
    return pairs;
  }

  function panelView() {
    const p = currentPanel;
    const panel = DATA.panels[p];
    const level = DATA.levels[panel.level];
    const now = panels[p];
    const before = basePanels[p];
    const supported = METHODS.includes(M.ahp_method) && AGGREGATIONS.includes(M.aggregation);
    const chooser = el('div', { class: 'chooser' },
      el('label', { for: 'panel-select' }, W.panel),
      el('select', { id: 'panel-select', onchange: (e) => { currentPanel = Number(e.target.value); editor.participant = 0; editor.node = 0; editor.pair = 0; render(); } },
        DATA.panels.map((q, k) => el('option', { value: k, selected: k === p }, q.name + ' (' + q.code + ')'))));
    const nodeLabel = (n) => (level.nodes[n].criterion === null ? W.goal : level.criteria[level.nodes[n].criterion].name);
    const participantsTable = el('table', { class: 'participants' },
      el('caption', {}, W.participant + ' · ' + W.cr + ' (' + M.ri_table + ', ≤ ' + fmt(M.consistency_threshold, 2) + ')'),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, W.participant), el('th', { scope: 'col' }, W.role),
        level.nodes.map((_, n) => el('th', { scope: 'col' }, W.cr + (level.nodes.length > 1 ? ' · ' + nodeLabel(n) : ''))),
        el('th', { scope: 'col' }, W.status))),
      el('tbody', {}, now.participants.map((q, k) => el('tr', { class: k === editor.participant ? 'picked' : '' },
        el('td', {}, q.id), el('td', {}, q.role),
        q.nodes.map((x, n) => el('td', { class: 'num' + (isConsistent(x) ? '' : ' bad') }, fmt(x.cr, 4) + (Math.abs((x.cr || 0) - (before.participants[k].nodes[n].cr || 0)) > 1e-15 ? ' (' + W.original.toLowerCase() + ' ' + fmt(before.participants[k].nodes[n].cr, 4) + ')' : ''))),
        el('td', {}, (q.consistent ? W.consistent : W.inconsistent) + ', ' + (q.included ? W.included : W.excluded))))));
    const weightsTable = el('table', { class: 'panel-weights' },
      el('caption', {}, W.panelWeights),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, W.criterion), el('th', { scope: 'col' }, W.original), el('th', { scope: 'col' }, W.now), el('th', { scope: 'col', class: 'barcell' }, el('span', { class: 'sr' }, 'bar')))),
      el('tbody', {}, level.leaves.map((leaf, j) => el('tr', {},
        el('td', {}, level.criteria[leaf].name),
        el('td', { class: 'num' }, fmt(before.weights[j], 4)),
        el('td', { class: 'num' + (Math.abs(now.weights[j] - before.weights[j]) > 5e-5 ? ' moved' : '') }, fmt(now.weights[j], 4)),
        el('td', { class: 'barcell' }, el('span', { class: 'bar', style: 'width:' + now.weights[j] * 100 + '%' }))))));
    let editorBox;
    if (!supported) editorBox = el('p', { class: 'flag' }, W.unsupported);
    else {
      const q = editor.participant;
      const n = editor.node;
      const pairs = pairsOf(level, n);
      const [i, j] = pairs[Math.min(editor.pair, pairs.length - 1)] || [0, 0];
      const children = level.nodes[n].children;
      const value = judgments[p][q][n][i] ? judgments[p][q][n][i][j] : 1;
      const qw = now.participants[q].nodes[n].weights;
      const nameA = level.criteria[children[i]].name;
      const nameB = level.criteria[children[j]].name;
      editorBox = el('fieldset', { class: 'editor' },
        el('legend', {}, W.judgment),
        el('label', { for: 'ed-participant' }, W.participant),
        el('select', { id: 'ed-participant', onchange: (e) => { editor.participant = Number(e.target.value); render(); } },
          panel.participants.map((x, k) => el('option', { value: k, selected: k === q }, x.id + ' · ' + x.role))),
        level.nodes.length > 1 ? [el('label', { for: 'ed-node' }, W.node), el('select', { id: 'ed-node', onchange: (e) => { editor.node = Number(e.target.value); editor.pair = 0; render(); } },
          level.nodes.map((_, k) => el('option', { value: k, selected: k === n }, nodeLabel(k))))] : null,
        el('label', { for: 'ed-pair' }, W.pair),
        el('select', { id: 'ed-pair', onchange: (e) => { editor.pair = Number(e.target.value); render(); } },
          pairs.map(([a, b], k) => el('option', { value: k, selected: k === editor.pair }, 'A ' + level.criteria[children[a]].name + ' · B ' + level.criteria[children[b]].name))),
        el('label', { for: 'ed-value' }, 'A = ' + nameA + ', B = ' + nameB),
        el('select', { id: 'ed-value', onchange: (e) => { setJudgmentAt(p, q, n, i, j, Number(e.target.value)); render(); } },
          judgmentOptions(value).map((o) => el('option', { value: o.v, selected: Math.abs(o.v - value) < 1e-12 }, o.text))),
        el('p', { class: 'help' }, W.consistentValue + ': ' + describeValue(qw[i] / qw[j])),
        el('button', { onclick: () => { resetJudgments(p); render(); } }, W.resetJudgments));
    }
    const users = [];
    DATA.groups.forEach((group, g) => {
      if (group.weights.panel === p) users.push(g);
    });
    const usersList = el('ul', { class: 'users' }, users.map((g) => {
      const now2 = winnerOf(g);
      const changed = now2 !== DATA.groups[g].report_winner;
      return el('li', { class: changed ? 'changed' : '' },
        el('button', { class: 'link', onclick: () => { current = g; view = 'groups'; render(); } }, groupTitle(g)),
        ': ' + (now2 === null ? '–' : DATA.candidates[now2].name) + (changed ? ' · ' + W.changed + ' (' + DATA.candidates[DATA.groups[g].report_winner].name + ')' : ''));
    }));
    return el('section', { class: 'panels' },
      chooser,
      el('h2', {}, W.panel + ' ' + panel.name + ' (' + panel.code + ')'),
      now.nobodyConsistent ? el('p', { class: 'flag' }, W.nobodyConsistent) : null,
      el('div', { class: 'columns' },
        el('div', { class: 'left' }, editorBox, participantsTable),
        el('div', { class: 'right' }, weightsTable, el('h3', {}, W.groupsUsing), usersList)));
  }

  function describeValue(v) {
    return v >= 1 ? 'A ' + fmt(v, 2) : 'B ' + fmt(1 / v, 2);
  }

  function render() {
    const focused = document.activeElement && document.activeElement.id;
    app.replaceChildren(header(), view === 'groups' ? groupView() : panelView());
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Judgments.
  function setJudgmentAt(p, q, n, i, j, value) {
    const a = judgments[p][q][n];
    a[i][j] = value;
    a[j][i] = 1 / value;
    editedPanels.add(p);
    panels = panels.slice();
    panels[p] = panelWeights(DATA.panels[p], judgments[p]);
    recompute();
  }

  function resetJudgments(p) {
    const list = p === undefined ? DATA.panels.map((_, k) => k) : [p];
    list.forEach((k) => {
      judgments[k] = ORIGINAL[k].map((q) => q.map((a) => a.map((row) => row.slice())));
      editedPanels.delete(k);
      panels[k] = basePanels[k];
    });
    panels = panels.slice();
    recompute();
  }

  // ------------------------------------------------------------------------------------------
  // The console API (documented in README.md, "explore.html").
  function groupIndex(g) {
    if (typeof g === 'number' && g >= 0 && g < DATA.groups.length) return g;
    throw new Error('no group ' + g + ' (use unggul.groups())');
  }

  function panelIndex(p) {
    if (typeof p === 'number' && p >= 0 && p < DATA.panels.length) return p;
    const k = DATA.panels.findIndex((x) => x.code === p);
    if (k < 0) throw new Error('no panel ' + p + ' (use unggul.panels())');
    return k;
  }

  function criterionIndex(level, node, c) {
    if (typeof c === 'number') return c;
    const k = level.nodes[node].children.findIndex((x) => level.criteria[x].id === c);
    if (k < 0) throw new Error('criterion ' + c + ' is not compared under this node');
    return k;
  }

  function checkedWeights(g, w) {
    const n = DATA.levels[DATA.groups[g].level].leaves.length;
    if (!Array.isArray(w) || w.length !== n || w.some((x) => !(x >= 0 && isFinite(x)))) {
      throw new Error('give ' + n + ' non-negative weights');
    }
    const s = sum(w);
    return Math.abs(s - 1) <= 1e-9 ? w.slice() : w.map((x) => x / s);
  }

  function report(g) {
    const res = results[g];
    const ids = res.members.map((c) => DATA.candidates[c].id);
    return {
      ids,
      weights: res.weights.slice(),
      scores: res.scores.slice(),
      d_plus: res.dPlus.slice(),
      d_minus: res.dMinus.slice(),
      order: res.order.map((i) => ids[i]),
      winner: res.order.length ? ids[res.order[0]] : null,
      report_winner: DATA.groups[g].report_winner === null ? null : DATA.candidates[DATA.groups[g].report_winner].id,
    };
  }

  window.unggul = {
    /** The embedded data (read-only by convention). */
    data: DATA,
    /** Every group: index, level, region code and name, category, criteria ids, candidate ids. */
    groups: () => DATA.groups.map((group, g) => ({
      index: g,
      level: DATA.levels[group.level].level,
      code: group.code,
      name: group.name,
      category: group.category,
      criteria: DATA.levels[group.level].leaves.map((l) => DATA.levels[group.level].criteria[l].id),
      candidates: results[g].members.map((c) => DATA.candidates[c].id),
    })),
    /** Index of a group by level, region code and category. */
    findGroup: (level, code, category) => DATA.groups.findIndex((group) => DATA.levels[group.level].level === level && group.code === code && group.category === category),
    /** Scores of group g at weights w, without changing the page. */
    score: (g, w) => {
      g = groupIndex(g);
      const res = evaluate(g, results[g].members, checkedWeights(g, w));
      const ids = res.members.map((c) => DATA.candidates[c].id);
      return { ids, scores: res.scores, d_plus: res.dPlus, d_minus: res.dMinus, order: res.order.map((i) => ids[i]), winner: res.order.length ? ids[res.order[0]] : null };
    },
    /** Group g as the page shows it: weights, scores in member order, ranking, unggulan. */
    state: (g) => report(groupIndex(g)),
    /** Sets group g's weights (scaled to sum 1 if they do not). */
    setWeights: (g, w) => {
      g = groupIndex(g);
      overrides[g] = checkedWeights(g, w);
      overrideLabel[g] = null;
      recompute();
      render();
      return report(g);
    },
    /** Sets criterion j of group g to t, the others rescaled proportionally (as the sliders). */
    setWeight: (g, j, t) => {
      g = groupIndex(g);
      setWeight(g, j, t, false);
      render();
      return report(g);
    },
    /** The panel's (or scenario's) weights again for group g, or for every group without g. */
    reset: (g) => {
      (g === undefined ? DATA.groups.map((_, k) => k) : [groupIndex(g)]).forEach((k) => { overrides[k] = null; overrideLabel[k] = null; });
      recompute();
      render();
    },
    /** Scenario s (index or id) for group g, or for every group without g. */
    applyScenario: (s, g) => {
      const k = typeof s === 'number' ? s : DATA.scenarios.findIndex((x) => x.id === s);
      if (!DATA.scenarios[k]) throw new Error('no scenario ' + s);
      (g === undefined ? DATA.groups.map((_, x) => x) : [groupIndex(g)]).forEach((x) => {
        overrides[x] = weightsFromSource(DATA.groups[x].scenarios[k], true);
        overrideLabel[x] = DATA.scenarios[k].name;
      });
      recompute();
      render();
    },
    /** Every panel: index, code, name, participant ids. */
    panels: () => DATA.panels.map((p, k) => ({ index: k, code: p.code, name: p.name, participants: p.participants.map((q) => q.id) })),
    /** Panel p (index or code) now: weights, local weights, each participant's CR per node. */
    panel: (p) => {
      const r = panels[panelIndex(p)];
      return {
        weights: r.weights.slice(),
        local: r.local.slice(),
        nobody_consistent: r.nobodyConsistent,
        group: r.groupNodes.map((x) => ({ weights: x.weights, lambda_max: x.lambda_max, ci: x.ci, cr: x.cr })),
        participants: r.participants.map((q) => ({
          id: q.id, role: q.role, consistent: q.consistent, included: q.included, weights: q.weights,
          nodes: q.nodes.map((x) => ({ weights: x.weights, lambda_max: x.lambda_max, ci: x.ci, cr: x.cr })),
        })),
      };
    },
    /** Judgment a_ij of participant q (index or id) in node n of panel p; i, j by index or id. */
    judgment: (p, q, n, i, j) => {
      p = panelIndex(p);
      const level = DATA.levels[DATA.panels[p].level];
      const k = typeof q === 'number' ? q : DATA.panels[p].participants.findIndex((x) => x.id === q);
      return judgments[p][k][n][criterionIndex(level, n, i)][criterionIndex(level, n, j)];
    },
    /** Sets a_ij = value (and a_ji = 1/value); panel weights and its groups update. */
    setJudgment: (p, q, n, i, j, value) => {
      p = panelIndex(p);
      const level = DATA.levels[DATA.panels[p].level];
      const k = typeof q === 'number' ? q : DATA.panels[p].participants.findIndex((x) => x.id === q);
      if (!DATA.panels[p].participants[k]) throw new Error('no participant ' + q);
      if (!(value > 0 && isFinite(value))) throw new Error('a judgment is a positive number (1/9 .. 9 on Saaty\'s scale)');
      const [a, b] = [criterionIndex(level, n, i), criterionIndex(level, n, j)];
      setJudgmentAt(p, k, n, a, b, value);
      // The editor shows the judgment just changed.
      currentPanel = p;
      Object.assign(editor, { participant: k, node: n, pair: Math.max(0, pairsOf(level, n).findIndex(([x, y]) => (x === a && y === b) || (x === b && y === a))) });
      render();
      return window.unggul.panel(p);
    },
    /** The original judgments of panel p, or of every panel without p. */
    resetJudgments: (p) => {
      resetJudgments(p === undefined ? undefined : panelIndex(p));
      render();
    },
    /** Priorities of any pairwise matrix (rows) with the study's method and RI table. */
    priorities: (a, method) => {
      const ri = [];
      DATA.levels.forEach((l) => l.random_index.forEach((x, n) => { ri[n] = x; }));
      return priorities(a, method || M.ahp_method, ri);
    },
    /** The sweep rule: weight j set to t, the others rescaled proportionally. */
    rescale,
    /** Shows group g on the page. */
    show: (g) => {
      current = groupIndex(g);
      view = 'groups';
      render();
    },
  };

  recompute();
  render();
}());
