import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * No credential ever reaches the log: the server logs every request at debug level (JSON, with request ids)
 * while this test signs in, fails a sign-in, uses an API token and changes a password — then every secret it
 * handled is looked for in what was written.
 */
describe('logs carry request ids and never a credential', () => {
  let t: TestApp;
  const lines: string[] = [];
  before(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    });
    t = await createTestApp({ logger: { level: 'trace', stream } });
  });
  after(() => t.close());

  test('passwords, session cookies, CSRF tokens and API tokens are not in the log', async () => {
    const wrong = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: 'Wrong-Secret-987' },
    });
    assert.equal(wrong.statusCode, 401);
    const s = await t.loginAs('staff');
    const token = await t.call(s, { method: 'POST', url: '/api/account/tokens', payload: { name: '日志测试' } });
    assert.equal(token.statusCode, 201, token.body);
    const raw = token.json().token as string;
    const viaToken = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${raw}` },
    });
    assert.equal(viaToken.statusCode, 200);
    const changed = await t.call(s, {
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'New-Secret-Pass-2026' },
    });
    assert.ok([200, 204].includes(changed.statusCode), changed.body);

    const log = lines.join('\n');
    assert.ok(lines.length > 5, 'the server wrote request logs');
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string });
    assert.ok(
      entries.some((e) => typeof e.reqId === 'string'),
      'log lines carry the request id',
    );
    const sessionValue = s.cookie.split('=')[1];
    for (const [what, secret] of [
      ['wrong password', 'Wrong-Secret-987'],
      ['demo password', DEMO_PASSWORD],
      ['new password', 'New-Secret-Pass-2026'],
      ['session cookie', sessionValue],
      ['CSRF token', s.csrf],
      ['API token', raw],
    ] as const) {
      assert.ok(!log.includes(secret), `${what} appears in the log`);
    }
  });
});
