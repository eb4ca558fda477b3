import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../src/platform/errors.js';
import { assignedReplyWorkflow, type ReplyFacts } from '../../src/procedures/assigned-reply/index.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';

const wf = assignedReplyWorkflow({
  name: 'test.assigned-reply',
  entity: '交办件',
  basis: { reply: '示例条例第一条', return: '示例条例第二条', feedback: '示例条例第三条' },
});
const met: ReplyFacts = { coHandlersPending: [], feedback: '请补充整改时限和责任人' };

describe('assigned reply kernel', () => {
  exhaustiveWorkflowTest(wf, {
    terminal: ['closed', 'returned'],
    met,
    failing: {
      coHandlersHeard: { status: 'issued', facts: { coHandlersPending: ['区财政局'] } },
      feedbackGiven: { status: 'answered', facts: { coHandlersPending: [], feedback: '  ' } },
    },
  });

  test('issued → answered → rehandling → answered → closed; the handler may ask to hand it back', () => {
    assert.equal(wf.assertTransition('issued', 'answer', met), 'answered');
    assert.equal(wf.assertTransition('answered', 'require_rehandling', met), 'rehandling');
    assert.equal(wf.assertTransition('rehandling', 'answer', met), 'answered');
    assert.equal(wf.assertTransition('answered', 'accept', met), 'closed');
    assert.equal(wf.assertTransition('issued', 'request_return', met), 'return_requested');
    assert.deepEqual(wf.targets('approve_return'), ['returned']);
    assert.deepEqual(wf.actions.answer.by, ['handler']);
    assert.deepEqual(wf.actions.accept.by, ['assigner']);
  });

  test('the lead replies only when every co-handler has given its view (409); sending back needs reasons (422)', () => {
    try {
      wf.assertTransition('issued', 'answer', { coHandlersPending: ['区财政局'] });
      assert.fail('refused');
    } catch (e) {
      assert.equal((e as AppError).status, 409);
      assert.match((e as AppError).message, /区财政局/);
    }
    try {
      wf.assertTransition('answered', 'require_rehandling', { coHandlersPending: [], feedback: '不行' });
      assert.fail('refused');
    } catch (e) {
      assert.equal((e as AppError).status, 422);
      assert.match((e as AppError).message, /示例条例第三条/);
    }
  });
});
