import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../src/platform/errors.js';
import {
  acceptSubmission,
  dispositionReportLines,
  admitComment,
  assertAllDisposed,
  assertDisposable,
  assertModeration,
  assertPeriodOpen,
  maskedSubmitter,
  tally,
  cleanText,
  commenterKey,
  receiptNo,
  safeFileName,
} from '../../src/procedures/public-comment/index.js';

const status = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof AppError);
    return `${e.code}:${(e.details as { field?: string } | undefined)?.field ?? ''}`;
  }
};

describe('public comment intake shared by every comment period', () => {
  test('the period is open from its first to its last Beijing day inclusive', () => {
    const period = { open: true, opensOn: '2026-11-01', closesOn: '2026-11-30' };
    // 2026-10-31T16:30Z is 00:30 on 1 November in Beijing: already open.
    assert.equal(
      status(() => assertPeriodOpen(period, new Date('2026-10-31T16:30:00Z'))),
      'ok',
    );
    assert.equal(
      status(() => assertPeriodOpen(period, new Date('2026-10-31T15:59:00Z'))),
      'conflict:',
    );
    // 2026-11-30T15:59Z is 23:59 on the last day: still open; a minute later it has closed.
    assert.equal(
      status(() => assertPeriodOpen(period, new Date('2026-11-30T15:59:00Z'))),
      'ok',
    );
    assert.equal(
      status(() => assertPeriodOpen(period, new Date('2026-11-30T16:00:00Z'))),
      'conflict:',
    );
    assert.equal(
      status(() => assertPeriodOpen({ ...period, open: false }, new Date('2026-11-10T00:00:00Z'))),
      'conflict:',
    );
  });

  test('submitter identity, honeypot and body are checked; text is cleaned, markup kept as text', () => {
    assert.equal(
      status(() => acceptSubmission({ submitterKind: 'individual', body: '建议延长开放时间。' })),
      'bad_request:name',
    );
    assert.equal(
      status(() => acceptSubmission({ submitterKind: 'organization', name: '  ', body: '建议延长开放时间。' })),
      'bad_request:name',
    );
    assert.equal(
      status(() => acceptSubmission({ submitterKind: 'anonymous', body: '\u0000\u0001好的\u0007' })),
      'bad_request:body',
    );
    assert.equal(
      status(() => acceptSubmission({ submitterKind: 'anonymous', body: '建议延长开放时间。', website: 'x' })),
      'bad_request:',
    );
    const ok = acceptSubmission({
      submitterKind: 'anonymous',
      name: '张三',
      contact: ' 138\u0000 ',
      body: '<b>建议</b>延长时间。',
    });
    assert.deepEqual(ok, { name: null, contact: '138', body: '<b>建议</b>延长时间。' });
    assert.equal(cleanText('a\tb\nc\u001b'), 'a\tb\nc');
    assert.equal(safeFileName('../../etc/passwd'), '.._.._etc_passwd');
    assert.equal(safeFileName('\u0000'), '附件');
  });

  test('receipt numbers carry the Beijing date; client keys never contain the address', () => {
    assert.match(receiptNo('YJ', new Date('2026-12-31T16:30:00Z')), /^YJ20270101-[0-9A-F]{10}$/);
    const k = commenterKey('decisions', '203.0.113.9');
    assert.match(k, /^[0-9a-f]{32}$/);
    assert.notEqual(k, commenterKey('normative', '203.0.113.9'));
  });
});

describe('public comment kernel: admission, disposition and the adoption statement', () => {
  const period = { open: true, opensOn: '2026-11-01', closesOn: '2026-11-30' };
  const at = new Date('2026-11-10T02:00:00Z');

  test('admission: open period and no duplicate → a receipt dated by the Beijing day; a duplicate → 409 naming the first receipt', async () => {
    const no = await admitComment({ period, now: at, prefix: 'GF', duplicateOf: async () => undefined });
    assert.match(no, /^GF20261110-[0-9A-F]{10}$/);
    await assert.rejects(
      admitComment({ period, now: at, prefix: 'GF', duplicateOf: async () => 'GF20261109-AAAAAAAAAA' }),
      (e: AppError) => e.code === 'conflict' && /GF20261109-AAAAAAAAAA/.test(e.message),
    );
    await assert.rejects(
      admitComment({ period, now: new Date('2026-12-01T02:00:00Z'), prefix: 'GF', duplicateOf: async () => undefined }),
      (e: AppError) => e.code === 'conflict' && /已于 2026-11-30 截止/.test(e.message),
    );
  });

  test('moderation needs a reason to withhold (422); a withheld comment is not disposed of (409)', () => {
    assert.equal(
      status(() => assertModeration('rejected', '  ')),
      'unprocessable:reason',
    );
    assert.equal(
      status(() => assertModeration('rejected', '含有个人隐私')),
      'ok',
    );
    assert.equal(
      status(() => assertModeration('published', null)),
      'ok',
    );
    assert.equal(
      status(() => assertDisposable({ moderation: 'rejected' })),
      'conflict:',
    );
    assert.equal(
      status(() => assertDisposable({ moderation: 'published' })),
      'ok',
    );
  });

  test('a period closes only when every comment is moderated and every published one disposed of (422 listing them)', () => {
    const cs = [
      { receiptNo: 'A', moderation: 'published' as const, disposition: 'adopted' as const },
      { receiptNo: 'B', moderation: 'published' as const, disposition: null },
      { receiptNo: 'C', moderation: 'rejected' as const, disposition: null },
    ];
    try {
      assertAllDisposed(cs);
      assert.fail('should refuse');
    } catch (e) {
      assert.equal((e as AppError).code, 'unprocessable');
      assert.deepEqual((e as AppError).details, { undisposed: ['B'], pending: 0 });
    }
    assert.equal(
      status(() => assertAllDisposed([cs[0], cs[2]])),
      'ok',
    );
  });

  test('the adoption statement counts published comments by disposition and explains each one not adopted', () => {
    const lines = dispositionReportLines({ title: '草案', opensOn: '2026-11-01', closesOn: '2026-11-30' }, [
      { receiptNo: 'A', moderation: 'published', disposition: 'adopted', dispositionReason: '已吸收', body: '意见一' },
      {
        receiptNo: 'B',
        moderation: 'published',
        disposition: 'not_adopted',
        dispositionReason: '与上位法不符',
        body: '意见二',
      },
      { receiptNo: 'C', moderation: 'rejected', disposition: null, body: '无关内容' },
    ]);
    assert.equal(
      lines[0],
      '公开征求意见「草案」（2026-11-01至2026-11-30）：收到有效意见2条，采纳1条，部分采纳0条，不予采纳1条。',
    );
    assert.deepEqual(lines.slice(1), ['  · 意见二——不予采纳，理由：与上位法不符']);
    assert.deepEqual(tally([]), { valid: 0, adopted: 0, partlyAdopted: 0, notAdopted: 0 });
  });

  test('the portal shows an individual by surname only, never the full name', () => {
    assert.equal(maskedSubmitter('individual', '张三丰'), '张**');
    assert.equal(maskedSubmitter('anonymous', '张三丰'), '匿名');
    assert.equal(maskedSubmitter('organization', '某某协会'), '某某协会');
  });
});
