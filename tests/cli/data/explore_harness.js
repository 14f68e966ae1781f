// Appended to a copy of explore.html by tests/cli/explore.rs, after `const CASES = {...};`.
// Drives the page only through its documented console object `window.unggul` and writes what
// the page computed into a PRE element (id unggul-test-output) as JSON; the Rust test compares it with
// the engine. Nothing is compared here, so a broken page cannot pass by agreeing with itself.
(function () {
  'use strict';
  const out = { weights: [], crossings: [], edits: [], errors: [] };
  const u = window.unggul;
  try {
    // 1. Group scores at given weights (the page's state after setWeights).
    CASES.weights.forEach((c) => {
      const s = u.setWeights(c.group, c.weights);
      out.weights.push({ ids: s.ids, scores: s.scores, winner: s.winner });
      u.reset(c.group);
    });
    // 2. Each printed critical weight: just before it (panel side) and just beyond it.
    CASES.crossings.forEach((c) => {
      u.reset(c.group);
      const before = c.before === null ? null : u.setWeight(c.group, c.criterion, c.before).winner;
      u.reset(c.group);
      const beyond = u.setWeight(c.group, c.criterion, c.beyond).winner;
      u.reset(c.group);
      out.crossings.push({ before, beyond });
    });
    // 3. One judgment edited: the panel, and every group of the page (nominees included).
    CASES.edits.forEach((c) => {
      const panel = u.setJudgment(c.panel, c.participant, c.node, c.i, c.j, c.value);
      const groups = u.groups().map((g) => {
        const s = u.state(g.index);
        return { ids: s.ids, scores: s.scores, winner: s.winner };
      });
      out.edits.push({ panel, groups });
      u.resetJudgments(c.panel);
    });
    // 4. The page at rest equals the report: every group's state after all resets.
    out.rest = u.groups().map((g) => {
      const s = u.state(g.index);
      return { ids: s.ids, scores: s.scores, winner: s.winner, report_winner: s.report_winner };
    });
  } catch (e) {
    out.errors.push(String(e && e.stack ? e.stack : e));
  }
  const pre = document.createElement('pre');
  pre.id = 'unggul-test-output';
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
}());
