import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedClock, nowOf } from '../../src/platform/clock.js';
import type { AppError } from '../../src/platform/errors.js';
import { defineWorkflow, mermaidDiagram, stateTableMarkdown } from '../../src/platform/workflow/index.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';

interface Facts {
  reviewed: boolean;
  hasText: boolean;
}

// A toy procedure with one order gate and one content gate, to hold the kernel to the refusal rule.
const toy = defineWorkflow<'draft' | 'review' | 'done', 'submit' | 'approve' | 'return', 'unit' | 'reviewer', Facts>({
  name: 'toy.item',
  entity: '示例事项',
  statuses: ['draft', 'review', 'done'],
  statusLabels: { draft: '起草中', review: '审查中', done: '已完成' },
  initial: 'draft',
  parties: { unit: '承办单位', reviewer: '审查机构' },
  actions: {
    submit: {
      label: '提交审查',
      from: ['draft'],
      to: 'review',
      by: ['unit'],
      basis: '示例条例第一条',
      gates: [
        {
          name: 'hasText',
          basis: '示例条例第二条',
          refusal: 'content',
          check: (f) => (f.hasText ? null : '缺少草案文本'),
        },
      ],
    },
    approve: {
      label: '审查通过',
      from: ['review'],
      to: 'done',
      by: ['reviewer'],
      basis: '示例条例第三条',
      gates: [{ name: 'reviewed', basis: '示例条例第四条', check: (f) => (f.reviewed ? null : '未经审查') }],
    },
    return: { label: '退回修改', from: ['review'], to: ['draft', 'review'], by: ['reviewer'], basis: '示例条例第五条' },
  },
});

const ok: Facts = { reviewed: true, hasText: true };

describe('workflow kernel', () => {
  exhaustiveWorkflowTest(toy, {
    terminal: ['done'],
    met: ok,
    failing: {
      hasText: { status: 'draft', facts: { ...ok, hasText: false } },
      reviewed: { status: 'review', facts: { ...ok, reviewed: false } },
    },
  });

  test('out of order is 409 naming the allowed status; an order gate 409; a content gate 422', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
        return 200;
      } catch (e) {
        return (e as AppError).status;
      }
    };
    assert.equal(
      codeOf(() => toy.assertTransition('draft', 'approve', ok)),
      409,
    );
    assert.throws(() => toy.assertTransition('draft', 'approve', ok), /只能在「审查中」状态下进行/);
    assert.equal(
      codeOf(() => toy.assertTransition('review', 'approve', { ...ok, reviewed: false })),
      409,
    );
    assert.equal(
      codeOf(() => toy.assertTransition('draft', 'submit', { ...ok, hasText: false })),
      422,
    );
    assert.throws(
      () => toy.assertTransition('draft', 'submit', { ...ok, hasText: false }),
      /缺少草案文本（示例条例第二条）/,
    );
    assert.equal(toy.assertTransition('draft', 'submit', ok), 'review');
    assert.equal(toy.assertTransition('review', 'return', ok), null, 'an outcome-chosen target is the command’s');
  });

  test('an outcome outside the declared targets is a programming error, not a transition', () => {
    assert.equal(toy.resolveTarget('review', 'return', 'draft'), 'draft');
    assert.throws(() => toy.resolveTarget('review', 'return', 'done'), /may lead to draft\|review/);
  });

  test('a declaration naming an unknown status or party does not load', () => {
    assert.throws(
      () =>
        defineWorkflow({
          name: 'bad',
          entity: '坏',
          statuses: ['a'],
          statusLabels: { a: '甲' },
          initial: 'a',
          parties: { p: '甲方' },
          actions: { go: { label: '走', from: ['a'], to: 'b' as 'a', by: ['p'] } },
        }),
      /unknown status b/,
    );
  });

  test('the generated table and diagram carry every action, party and article', () => {
    const md = stateTableMarkdown(toy);
    for (const s of ['提交审查', '`submit`', '承办单位', '示例条例第二条', '422', '起草中（`draft`）'])
      assert.ok(md.includes(s), s);
    assert.match(mermaidDiagram(toy), /review --> draft: return/);
  });

  test('the injected clock: a command reads the context’s time', () => {
    const clock = fixedClock('2026-06-15T02:00:00Z');
    assert.equal(nowOf({ clock }).toISOString(), '2026-06-15T02:00:00.000Z');
    clock.advance(86_400_000);
    assert.equal(nowOf({ clock }).toISOString(), '2026-06-16T02:00:00.000Z');
  });
});
