import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type GateFacts,
  availableActions,
  normativeWorkflow,
} from '../../src/modules/normative-docs/normative.workflow.js';
import { AppError } from '../../src/platform/errors.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';

/** Every step taken: each gate of the actions after drafting is met. */
const done = (status: GateFacts['status']): GateFacts => ({
  status,
  commentRequired: true,
  commentDone: true,
  affectsMarket: true,
  fairReviewDone: true,
  legalityPassed: true,
  deliberationHeld: true,
  registrationNo: '示STJ规〔2026〕1号',
  hasInterpretation: true,
});
const draft = (f: Partial<GateFacts>): GateFacts => ({ ...done('draft'), ...f });

const refusal = (fn: () => unknown) => {
  try {
    fn();
    return { status: 200, message: '' };
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return { status: e.status, message: e.message };
  }
};

describe('normative-docs.document workflow', () => {
  exhaustiveWorkflowTest<GateFacts | undefined>(normativeWorkflow, {
    terminal: ['expired', 'repealed'],
    // In drafting the gates of the three next steps exclude one another (comment first, then fair-competition
    // review, then legality review): no one set of facts opens all three; they are taken one by one below.
    met: (s) => (s === 'draft' ? undefined : done(s as GateFacts['status'])),
    failing: {
      commentRequired: { status: 'draft', facts: draft({ commentRequired: false }) },
      commentNotYetDone: { status: 'draft', facts: draft({ commentDone: true }) },
      affectsMarket: { status: 'draft', facts: draft({ affectsMarket: false }) },
      fairReviewNotYetDone: { status: 'draft', facts: draft({ fairReviewDone: true }) },
      commentBeforeFairReview: { status: 'draft', facts: draft({ commentDone: false, fairReviewDone: false }) },
      commentBeforeLegalityReview: { status: 'draft', facts: draft({ commentDone: false }) },
      fairReviewBeforeLegalityReview: { status: 'draft', facts: draft({ fairReviewDone: false }) },
      legalityPassed: { status: 'deliberation', facts: { ...done('deliberation'), legalityPassed: false } },
      legalityBeforeRegistration: { status: 'approved', facts: { ...done('approved'), legalityPassed: false } },
      deliberationBeforeRegistration: { status: 'approved', facts: { ...done('approved'), deliberationHeld: false } },
      registeredBeforePublication: { status: 'registered', facts: { ...done('registered'), registrationNo: null } },
      interpretationPublished: { status: 'registered', facts: { ...done('registered'), hasInterpretation: false } },
    },
  });

  test('drafting: comment, then fair-competition review, then legality review, each when it applies', () => {
    const wf = normativeWorkflow;
    const commenting = draft({ commentDone: false, fairReviewDone: false });
    assert.deepEqual(availableActions(commenting), ['start_comment']);
    assert.equal(wf.assertTransition('draft', 'start_comment', commenting), 'commenting');
    const fair = draft({ fairReviewDone: false });
    assert.deepEqual(availableActions(fair), ['submit_fair_review']);
    assert.equal(wf.assertTransition('draft', 'submit_fair_review', fair), 'fair_review');
    assert.deepEqual(availableActions(draft({})), ['submit_legality_review']);
    assert.equal(wf.assertTransition('draft', 'submit_legality_review', draft({})), 'legality_review');
    // A document neither put to comment nor touching the market goes straight to legality review.
    const plain = draft({ commentRequired: false, commentDone: false, affectsMarket: false, fairReviewDone: false });
    assert.deepEqual(availableActions(plain), ['submit_legality_review']);
  });

  test('the order gates (409) name what is missing and its article; the content gates are the documented ones', () => {
    const r = refusal(() =>
      normativeWorkflow.assertTransition(
        'draft',
        'submit_legality_review',
        draft({ commentDone: false, fairReviewDone: false }),
      ),
    );
    assert.equal(r.status, 409);
    assert.match(r.message, /须先完成公开征求意见；涉及市场主体经济活动，须先通过公平竞争审查/);
    assert.match(r.message, /《优化营商环境条例》第六十三条/);
    // Content gates (422): what the unit must supply before the document leaves the draft or is published.
    const content = normativeWorkflow.actionNames.flatMap((a) =>
      (normativeWorkflow.actions[a].gates ?? []).filter((g) => g.refusal === 'content').map((g) => `${a}.${g.name}`),
    );
    assert.deepEqual(content.sort(), [
      'publish.commentHeldOrWaived',
      'publish.legalBasesBeforePublication',
      'submit_legality_review.legalBasesBeforeLegalityReview',
    ]);
    const noBases = refusal(() =>
      normativeWorkflow.assertTransition('draft', 'submit_legality_review', { ...draft({}), hasBases: false }),
    );
    assert.equal(noBases.status, 422);
    assert.match(noBases.message, /未载明制定依据/);
  });

  test('out of order keeps the procedure’s wording, with the road to publication for register and publish', () => {
    const r = refusal(() => normativeWorkflow.assertTransition('draft', 'publish', done('draft')));
    assert.equal(r.status, 409);
    assert.equal(
      r.message,
      '当前状态为“起草中”，不能执行“公布施行”；公布前须依次完成合法性审核、集体审议和统一登记编号。',
    );
    assert.equal(
      refusal(() => normativeWorkflow.assertTransition('registered', 'register', done('registered'))).message,
      '当前状态为“已统一登记编号”，不能执行“统一登记编号”；公布前须依次完成合法性审核、集体审议和统一登记编号。',
    );
    assert.equal(
      refusal(() => normativeWorkflow.assertTransition('in_force', 'adopt')).message,
      '当前状态为“现行有效”，不能执行“集体审议通过”。',
    );
  });

  test('the legality opinion is the legality-review body’s; every other step the document’s own unit’s', () => {
    for (const a of normativeWorkflow.actionNames) {
      const by = normativeWorkflow.actions[a].by;
      assert.equal(by.includes('legality_reviewer'), a === 'pass_legality_review' || a === 'fail_legality_review', a);
    }
  });
});
