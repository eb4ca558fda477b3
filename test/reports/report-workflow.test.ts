import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ABILITY_ACTION } from '../../src/modules/reports/reports.compare.js';
import { assertTransition, reportWorkflow } from '../../src/modules/reports/reports.workflow.js';
import { AppError } from '../../src/platform/errors.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';

describe('reports.annual-report workflow', () => {
  // No gates: the required contents (422, sections named) and the end of the year are the commands' own checks.
  exhaustiveWorkflowTest(reportWorkflow, { terminal: ['published'] });

  test('draft → awaiting_approval → approved → submitted → published; returns go back to draft', () => {
    assert.equal(assertTransition('draft', 'edit'), 'draft');
    assert.equal(assertTransition('draft', 'request_approval'), 'awaiting_approval');
    assert.equal(assertTransition('awaiting_approval', 'approve'), 'approved');
    assert.equal(assertTransition('approved', 'submit'), 'submitted');
    assert.equal(assertTransition('submitted', 'publish'), 'published');
    for (const s of ['awaiting_approval', 'approved', 'submitted'] as const)
      assert.equal(assertTransition(s, 'return'), 'draft');
  });

  test('out of order is a 409 naming the status and the step it waits for', () => {
    assert.throws(
      () => assertTransition('draft', 'publish'),
      (e: unknown) =>
        e instanceof AppError &&
        e.status === 409 &&
        e.message === '年度报告当前状态为“起草中”，不能向社会公开：该操作只能在「已报送」状态下进行。',
    );
    assert.throws(
      () => assertTransition('published', 'edit'),
      (e: unknown) => e instanceof AppError && e.status === 409,
    );
  });

  test('every ability of the API stands for a declared action', () => {
    // The 依法治区办's send-back is offered through the same `return` ability (and route) as the head's return.
    assert.deepEqual([...Object.values(ABILITY_ACTION), 'send_back'].sort(), [...reportWorkflow.actionNames].sort());
  });
});
