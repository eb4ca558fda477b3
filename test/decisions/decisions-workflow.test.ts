import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { judgeMajor } from '../../src/modules/decisions/commands/assess.js';
import { meetingProblems } from '../../src/modules/decisions/commands/collective-decision.js';
import { weightedProgress } from '../../src/modules/decisions/commands/execution.js';
import { yoyPct } from '../../src/modules/decisions/decisions.queries.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';
import {
  ACTIONS,
  ADJUSTABLE_STAGES,
  ADJUSTMENT_RERUN,
  STATUSES,
  canTransition,
  type DecisionFacts,
  decisionWorkflow,
  planAdjustment,
  requiredStages,
  triggeredStages,
} from '../../src/modules/decisions/decisions.workflow.js';

const met = (f: DecisionFacts['flags']): DecisionFacts => ({ flags: f, legalityLacking: [], participationDone: true });
const assertTransition = (s: (typeof STATUSES)[number], a: (typeof ACTIONS)[number], f: DecisionFacts['flags']) =>
  decisionWorkflow.assertTransition(s, a, met(f));

exhaustiveWorkflowTest(decisionWorkflow, {
  terminal: ['archived', 'withdrawn'],
  met: met({ isTechnical: true, affectsStability: true, confidential: false }),
  failing: {
    legalityPassed: {
      status: 'collective_discussion',
      facts: { flags: { isTechnical: false, affectsStability: false, confidential: false }, legalityLacking: ['司法局的合法性审查意见'], participationDone: true },
    },
    participationStudied: {
      status: 'collective_discussion',
      facts: { flags: { isTechnical: false, affectsStability: false, confidential: false }, legalityLacking: [], participationDone: false },
    },
  },
});

const flags = fc.record({ isTechnical: fc.boolean(), affectsStability: fc.boolean(), confidential: fc.boolean() });

describe('decisions workflow (pure)', () => {
  test('every (status, action) pair: allowed exactly when the table says so; refusals are 409 in Chinese', () => {
    const f = { isTechnical: true, affectsStability: true, confidential: false };
    for (const s of STATUSES) {
      for (const a of ACTIONS) {
        if (decisionWorkflow.actions[a].from.includes(s)) {
          assert.ok(canTransition(s, a));
          assert.doesNotThrow(() => assertTransition(s, a, f));
        } else {
          assert.throws(
            () => assertTransition(s, a, f),
            (e: { code: string; message: string }) =>
              e.code === 'conflict' && /当前处于「.+」阶段，不能/.test(e.message),
          );
        }
      }
    }
  });

  test('legality review and collective discussion are never skipped; conditional stages follow their triggers', () => {
    fc.assert(
      fc.property(flags, (f) => {
        const req = requiredStages(f);
        assert.ok(req.indexOf('legality_review') < req.indexOf('collective_discussion'));
        assert.ok(req.indexOf('collective_discussion') < req.indexOf('publication'));
        assert.equal(req.includes('participation'), !f.confidential);
        assert.equal(req.includes('expert_review'), f.isTechnical);
        assert.equal(req.includes('risk_assessment'), f.affectsStability);
      }),
    );
  });

  test('adjustment rounds (Art 37): hard gates always re-run; a conditional stage only when triggered and chosen', () => {
    for (const s of ['drafting', 'legality_review', 'collective_discussion', 'party_report', 'publication'] as const)
      assert.equal(ADJUSTMENT_RERUN[s].rule, 'always', s);
    for (const s of ADJUSTABLE_STAGES) assert.equal(ADJUSTMENT_RERUN[s].rule, 'if_touched', s);
    fc.assert(
      fc.property(flags, fc.subarray([...ADJUSTABLE_STAGES]), (f, rerun) => {
        const req = requiredStages({ ...f, rerun });
        for (const s of [
          'drafting',
          'legality_review',
          'collective_discussion',
          'party_report',
          'publication',
        ] as const)
          assert.ok(req.includes(s), s);
        for (const s of ADJUSTABLE_STAGES)
          assert.equal(req.includes(s), triggeredStages(f).includes(s) && rerun.includes(s), s);
        // A round that re-runs everything is the original procedure.
        assert.deepEqual(requiredStages({ ...f, rerun: triggeredStages(f) }), requiredStages(f));
      }),
    );
  });

  test('planAdjustment: default re-runs every triggered procedure; leaving one out needs a reason; untriggered refused', () => {
    const f = { isTechnical: true, affectsStability: true, confidential: false };
    assert.deepEqual(planAdjustment(f, undefined), {
      rerun: ['participation', 'expert_review', 'risk_assessment'],
      carried: [],
    });
    assert.deepEqual(planAdjustment(f, ['risk_assessment', 'participation'], { expert_review: '不涉及技术方案' }), {
      rerun: ['participation', 'risk_assessment'],
      carried: [{ stage: 'expert_review', reason: '不涉及技术方案' }],
    });
    assert.throws(
      () => planAdjustment(f, ['participation'], { expert_review: '不涉及技术方案', risk_assessment: '  ' }),
      (e: { code: string; message: string; details: { field: string } }) =>
        e.code === 'unprocessable' &&
        e.details.field === 'carryReasons.risk_assessment' &&
        /不重新履行「风险评估」的，请说明理由/.test(e.message),
    );
    assert.throws(
      () => planAdjustment({ ...f, confidential: true, isTechnical: false }, ['participation', 'expert_review']),
      (e: { details: { field: string; stages: string[] } }) =>
        e.details.field === 'rerun' && e.details.stages.join() === 'participation,expert_review',
    );
    assert.deepEqual(planAdjustment({ isTechnical: false, affectsStability: false, confidential: true }, []), {
      rerun: [],
      carried: [],
    });
  });

  test('skipping to collective discussion names every missing stage', () => {
    assert.throws(
      () =>
        assertTransition('drafting', 'recordCollectiveDecision', {
          isTechnical: true,
          affectsStability: false,
          confidential: false,
        }),
      /尚需依次完成：拟定决策草案、公众参与、专家论证、合法性审查。/,
    );
  });

  test('major assessment, meeting record, progress and year-on-year figures', () => {
    assert.equal(judgeMajor(['public_policy'], []).isMajor, true);
    assert.equal(judgeMajor([], []).isMajor, false);
    assert.equal(judgeMajor(['public_policy'], ['emergency']).isMajor, false);
    assert.equal(yoyPct(20, 11), 81.8);
    assert.equal(yoyPct(5, null), null);
    assert.equal(
      weightedProgress([
        { weight: 30, progress: 100 },
        { weight: 70, progress: 50 },
      ]),
      65,
    );
    const m = {
      meeting: '常务会议',
      meetingKind: 'executive' as const,
      heldOn: '2026-03-01',
      headName: '区长',
      outcome: 'approved' as const,
      headReasons: '',
      minutes: '会议纪要内容',
      members: [
        { name: '甲', title: '副区长', view: 'disagree' as const, remarks: '' },
        { name: '乙', title: '副区长', view: 'disagree' as const, remarks: '理由充分' },
        { name: '区长', title: '区长', view: 'agree' as const, remarks: '' },
      ],
    };
    const p = meetingProblems(m);
    assert.equal(p.length, 2);
    assert.match(p.join(), /甲/);
    assert.deepEqual(
      meetingProblems({
        ...m,
        members: [{ ...m.members[0], remarks: '存在风险' }, m.members[1], m.members[2]],
        headReasons: '情况紧急，需尽快实施。',
      }),
      [],
    );
  });
});
