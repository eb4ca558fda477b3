import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/platform/errors.js';
import type { AnyWorkflow } from '../../src/platform/workflow/index.js';

/**
 * The exhaustive check every declared workflow gets (one call per workflow in `test/<m>/<m>-workflow.test.ts`):
 * - the declaration is whole: every status has a Chinese label, is reachable from the initial status, and every
 *   non-terminal status has an action leading on; every party acts somewhere; every action names its article;
 * - every status × action pair outside the table is refused with 409 and a Chinese message naming the current
 *   status, and nothing else is refused by the table alone;
 * - `availableActions` and `abilities` agree with the table (and with the gates when `facts` are given);
 * - with `facts` that meet every gate (`met`), each allowed action passes; for each gate a fact set that fails it
 *   (`failing[gateName]`) is refused with the gate's status (409 order / 422 content) and its article.
 */
export function exhaustiveWorkflowTest<F>(
  wf: AnyWorkflow,
  opts: {
    /** Statuses where the procedure ends (no action leads on). */
    terminal: readonly string[];
    /** Facts meeting every gate, per status (or one set for all). */
    met?: F | ((status: string) => F);
    /** For each gate name, facts (in a status its action starts from) that fail exactly that gate. */
    failing?: Record<string, { status: string; facts: F }>;
  },
): void {
  const metFor = (s: string) => (typeof opts.met === 'function' ? (opts.met as (s: string) => F)(s) : opts.met);

  test(`${wf.name}: the declaration is whole`, () => {
    for (const s of wf.statuses)
      assert.match(wf.statusLabels[s] ?? '', /\p{Script=Han}/u, `status ${s} has no Chinese label`);
    const reached = new Set([wf.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of wf.actionNames)
        for (const from of wf.actions[a].from)
          if (reached.has(from))
            for (const to of wf.targets(a, from))
              if (!reached.has(to)) {
                reached.add(to);
                grew = true;
              }
    }
    assert.deepEqual(
      wf.statuses.filter((s) => !reached.has(s)),
      [],
      'every status is reachable from the initial status',
    );
    for (const s of wf.statuses) {
      const leadsOn = wf.actionNames.some((a) => wf.allows(s, a) && wf.targets(a, s).some((t) => t !== s));
      assert.equal(
        leadsOn,
        !opts.terminal.includes(s),
        `status ${s}: ${leadsOn ? 'declared terminal but has an action leading on' : 'has no action leading on'}`,
      );
    }
    const used = new Set(wf.actionNames.flatMap((a) => wf.actions[a].by));
    assert.deepEqual(
      Object.keys(wf.parties).filter((p) => !used.has(p)),
      [],
      'every party acts somewhere',
    );
    for (const a of wf.actionNames) {
      assert.match(wf.actions[a].label, /\p{Script=Han}/u, `action ${a} has a Chinese label`);
      assert.ok(wf.actions[a].basis || (wf.actions[a].gates ?? []).length, `action ${a} names its legal basis`);
      for (const g of wf.actions[a].gates ?? []) assert.ok(g.basis, `gate ${g.name} of ${a} names its article`);
    }
  });

  test(`${wf.name}: every status × action pair outside the table is a 409 naming the status`, () => {
    for (const s of wf.statuses)
      for (const a of wf.actionNames) {
        if (wf.allows(s, a)) {
          const facts = metFor(s);
          if (facts !== undefined)
            assert.doesNotThrow(() => wf.assertTransition(s, a, facts), `${a} from ${s} with every gate met`);
          continue;
        }
        assert.throws(
          () => wf.assertTransition(s, a, metFor(s)),
          // A workflow with its own order message (describeOrder) words it its own way; the kernel's names the status.
          (e: unknown) =>
            e instanceof AppError &&
            e.status === 409 &&
            (wf.describeOrder !== undefined || e.message.includes(wf.statusLabels[s])),
          `${a} from ${s} is refused with 409`,
        );
      }
  });

  test(`${wf.name}: availableActions and abilities follow the table`, () => {
    for (const s of wf.statuses) {
      const byTable = wf.actionNames.filter((a) => wf.allows(s, a));
      assert.deepEqual(wf.availableActions(s), byTable, `available in ${s}`);
      const none = wf.abilities(s, undefined, () => false);
      assert.ok(
        Object.values(none).every((v) => v === false),
        'no ability without the party',
      );
      const all = wf.abilities(s, undefined, () => true);
      assert.deepEqual(
        Object.keys(all).filter((a) => all[a]),
        byTable,
      );
    }
  });

  if (opts.failing)
    test(`${wf.name}: each gate refuses with its status and article`, () => {
      for (const [gate, { status, facts }] of Object.entries(opts.failing ?? {})) {
        const action = wf.actionNames.find((a) => (wf.actions[a].gates ?? []).some((g) => g.name === gate));
        assert.ok(action, `gate ${gate} is declared`);
        const g = (wf.actions[action].gates ?? []).find((x) => x.name === gate)!;
        assert.throws(
          () => wf.assertTransition(status, action, facts),
          (e: unknown) =>
            e instanceof AppError &&
            e.status === (g.refusal === 'content' ? 422 : 409) &&
            e.message.includes(g.basis.replace(/^《[^》]*》/, '')),
          `gate ${gate}`,
        );
      }
    });
}
