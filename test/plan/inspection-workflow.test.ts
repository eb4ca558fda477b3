import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertInspectionTransition, assertTargetTransition } from '../../src/modules/plan/commands/inspection.js';
import {
  INSPECTION_TRANSITIONS,
  inspectionTargetWorkflow,
  inspectionWorkflow,
  orderWorkflow,
} from '../../src/modules/plan/inspection.workflow.js';
import { AppError } from '../../src/platform/errors.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError && e.status === 409, String(e));
    return e.message;
  }
  assert.fail('not refused');
};

describe('plan.inspection workflow', () => {
  // No gates: the dates (422) and the recusal of the conclusion's authors (403) are the commands' own checks.
  exhaustiveWorkflowTest(inspectionWorkflow, { terminal: ['closed'] });

  test('planned → approved → in_progress → concluded → closed; orders and conclusions leave the status', () => {
    assert.equal(assertInspectionTransition('planned', 'approve'), 'approved');
    assert.equal(assertInspectionTransition('approved', 'start'), 'in_progress');
    assert.equal(assertInspectionTransition('in_progress', 'issue_order'), null);
    assert.equal(assertInspectionTransition('in_progress', 'serve_conclusion'), null);
    assert.equal(assertInspectionTransition('concluded', 'serve_conclusion'), null);
    assert.equal(assertInspectionTransition('in_progress', 'conclude'), 'concluded');
    assert.equal(assertInspectionTransition('concluded', 'close'), 'closed');
    assert.equal(INSPECTION_TRANSITIONS.start.to, 'in_progress');
    assert.equal(INSPECTION_TRANSITIONS.issue_order.to, null);
  });

  test('out of order keeps the inspection’s own wording, with the current status', () => {
    assert.equal(
      message(() => assertInspectionTransition('planned', 'start')),
      '督查方案经批准后才能开始督查（《政府督查工作条例》第十一条）（当前状态：方案待批准）',
    );
    assert.equal(
      message(() => assertInspectionTransition('approved', 'approve')),
      '只有“方案待批准”的督查方案可以批准（当前状态：方案已批准）',
    );
  });
});

describe('plan.inspection-target workflow', () => {
  exhaustiveWorkflowTest(inspectionTargetWorkflow, { terminal: ['verified'] });

  test('served → (re-examined) → rectified → verified, or sent back to rectify', () => {
    assert.equal(assertTargetTransition('pending', 'conclude'), 'concluded');
    assert.equal(assertTargetTransition('concluded', 'request_reexamination'), 'reexamination_requested');
    assert.equal(assertTargetTransition('reexamination_requested', 'decide_reexamination'), 'reexamined');
    for (const s of ['concluded', 'reexamined', 'rectifying'] as const)
      assert.equal(assertTargetTransition(s, 'submit_rectification'), 'rectified');
    assert.equal(assertTargetTransition('rectified', 'verify'), 'verified');
    assert.equal(assertTargetTransition('rectified', 'reject_rectification'), 'rectifying');
    assert.match(
      message(() => assertTargetTransition('verified', 'submit_rectification')),
      /当前状态为“整改已核查”/,
    );
  });
});

describe('plan.inspection-order workflow (the assigned-reply procedure)', () => {
  exhaustiveWorkflowTest(orderWorkflow, {
    terminal: ['closed', 'returned'],
    met: { coHandlersPending: [], feedback: '请补充公示信息的更新时间' },
    failing: {
      coHandlersHeard: { status: 'issued', facts: { coHandlersPending: ['区财政局'] } },
      feedbackGiven: { status: 'answered', facts: { coHandlersPending: [], feedback: null } },
    },
  });
});
