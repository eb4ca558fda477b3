import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../src/platform/errors.js';
import {
  assertIndependent,
  assertLevelOrder,
  assertMinimumAllowed,
  assertOpinionDate,
  lackingOpinions,
  pendingReview,
  type ReviewRow,
  sendsBack,
} from '../../src/procedures/legality-review/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof AppError);
    return e.code;
  }
};

const LEVELS = [
  { level: 'unit', opinion: '初审意见' },
  { level: 'justice', opinion: '审查意见' },
] as const;

describe('legality review kernel', () => {
  test('levels in order: the second level is asked only after the first passed the current draft (409 otherwise)', () => {
    const msg = (m: string[]) => `缺少：${m.join('、')}`;
    assert.equal(
      code(() => assertLevelOrder([], 'unit', LEVELS, msg)),
      'ok',
    );
    assert.equal(
      code(() => assertLevelOrder([], 'justice', LEVELS, msg)),
      'conflict',
    );
    const unlawful: ReviewRow[] = [{ level: 'unit', conclusion: 'unlawful' }];
    assert.equal(
      code(() => assertLevelOrder(unlawful, 'justice', LEVELS, msg)),
      'conflict',
      'an unlawful first level is not a pass',
    );
    assert.equal(
      code(() => assertLevelOrder([{ level: 'unit', conclusion: 'lawful_with_changes' }], 'justice', LEVELS, msg)),
      'ok',
    );
  });

  test('what is lacking before the act may go on, in level order; the pending review', () => {
    assert.deepEqual(lackingOpinions([], LEVELS), ['初审意见', '审查意见']);
    assert.deepEqual(lackingOpinions([{ level: 'unit', conclusion: 'lawful' }], LEVELS), ['审查意见']);
    assert.deepEqual(
      lackingOpinions(
        [
          { level: 'unit', conclusion: 'lawful' },
          { level: 'justice', conclusion: 'lawful' },
        ],
        LEVELS,
      ),
      [],
    );
    const rows: ReviewRow[] = [
      { level: 'unit', conclusion: 'lawful' },
      { level: 'justice', conclusion: null },
    ];
    assert.equal(pendingReview(rows)?.level, 'justice');
    assert.equal(pendingReview([rows[0]]), null);
  });

  test('independence: the same person or organisation cannot give both levels (403)', () => {
    const earlier: ReviewRow = { level: 'unit', conclusion: 'lawful', reviewerId: 'u1', reviewerOrgId: 'o1' };
    const explain = (same: boolean) => (same ? '本人' : '本单位');
    assert.equal(
      code(() => assertIndependent(earlier, { userId: 'u1', orgId: 'o9' }, explain)),
      'forbidden',
    );
    assert.equal(
      code(() => assertIndependent(earlier, { userId: 'u2', orgId: 'o1' }, explain)),
      'forbidden',
    );
    assert.equal(
      code(() => assertIndependent(earlier, { userId: 'u2', orgId: 'o2' }, explain)),
      'ok',
    );
    assert.equal(
      code(() => assertIndependent(null, { userId: 'u1', orgId: 'o1' }, explain)),
      'ok',
    );
  });

  test('the reviewing body keeps its minimum time by calendar rule (422 with the earliest date); opinion dates', () => {
    // 'decision.legality_review': 7 working days by default (Art 26).
    try {
      assertMinimumAllowed('decision.legality_review', '2026-03-02', '2026-03-04', (end) => `最早 ${end}`);
      assert.fail('should refuse');
    } catch (e) {
      assert.equal((e as AppError).code, 'unprocessable');
      assert.equal(((e as AppError).details as { field?: string }).field, 'replyBy');
      assert.match((e as AppError).message, /^最早 2026-03-1\d$/);
    }
    assert.equal(
      code(() => assertMinimumAllowed('decision.legality_review', '2026-03-02', '2026-04-30', (e) => e)),
      'ok',
    );
    const now = new Date('2026-03-20T02:00:00Z');
    assert.equal(
      code(() => assertOpinionDate('2026-03-02', '2026-03-01', now)),
      'unprocessable',
    );
    assert.equal(
      code(() => assertOpinionDate('2026-03-02', '2026-03-21', now)),
      'unprocessable',
    );
    assert.equal(
      code(() => assertOpinionDate('2026-03-02', '2026-03-20', now)),
      'ok',
    );
    assert.equal(sendsBack('unlawful'), true);
    assert.equal(sendsBack('lawful_with_changes'), false);
  });
});
