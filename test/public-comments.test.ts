import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../src/platform/errors.js';
import {
  acceptSubmission,
  assertPeriodOpen,
  cleanText,
  commenterKey,
  receiptNo,
  safeFileName,
} from '../src/platform/public-comments/intake.js';

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
