import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setupToken } from '../../src/modules/identity/commands/initialize.js';
import { startBanner } from '../../src/platform/seed/demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('a real first install: an empty database is initialised once, with a token, and the banner says so', () => {
  let t: TestApp;
  const body = {
    governmentName: '某某区人民政府',
    governmentCode: 'MMQ',
    adminUsername: 'zhangsan',
    adminName: '张三',
  };
  before(async () => {
    t = await createTestApp({ empty: true });
  });
  after(() => t?.close());

  test('the banner of an empty installation gives the first-run page and its token, and no demo account', async () => {
    const text = await startBanner(t.db, 3000, '0.0.0.0', { needed: true, token: setupToken() });
    assert.match(text, /尚未初始化/);
    assert.match(text, new RegExp(`首次安装令牌：${setupToken()}`));
    assert.doesNotMatch(text, /演示账号/);
  });

  test('GET /api/setup says it is needed; bad input is 400, a wrong token 403, and nothing is written', async () => {
    assert.deepEqual((await t.call(null, { method: 'GET', url: '/api/setup' })).json(), { needsSetup: true });
    const bad = await t.call(null, {
      method: 'POST',
      url: '/api/setup',
      payload: { ...body, governmentCode: '某', token: 'x' },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.json().message, /单位代码/);
    const wrong = await t.call(null, {
      method: 'POST',
      url: '/api/setup',
      payload: { ...body, token: 'not-the-token' },
    });
    assert.equal(wrong.statusCode, 403, wrong.body);
    assert.match(wrong.json().message, /首次安装令牌不正确/);
    const orgs = await t.db.selectFrom('organizations').select('id').execute();
    assert.equal(orgs.length, 0);
  });

  test('with the token: the government and its system administrator, a one-time password, audited; then 409', async () => {
    const r = await t.call(null, { method: 'POST', url: '/api/setup', payload: { ...body, token: setupToken() } });
    assert.equal(r.statusCode, 201, r.body);
    const created = r.json();
    assert.equal(created.orgName, '某某区人民政府');
    assert.match(created.initialPassword, /.{10,}/);
    const grants = await t.db
      .selectFrom('role_assignments as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['u.username', 'u.must_change_password', 'g.role', 'g.include_subtree'])
      .execute();
    assert.deepEqual(grants, [
      { username: 'zhangsan', must_change_password: true, role: 'system_admin', include_subtree: true },
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('action', '=', 'system.initialized')
      .execute();
    assert.equal(audit.length, 1);
    // The administrator signs in with the one-time password (and must change it).
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zhangsan', password: created.initialPassword },
    });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(login.json().mustChangePassword, true);
    // Once is enough.
    const again = await t.call(null, { method: 'POST', url: '/api/setup', payload: { ...body, token: setupToken() } });
    assert.equal(again.statusCode, 409);
    assert.deepEqual((await t.call(null, { method: 'GET', url: '/api/setup' })).json(), { needsSetup: false });
  });

  test('after initialisation the banner lists no demo accounts that do not exist', async () => {
    const text = await startBanner(t.db, 3000, '0.0.0.0', { needed: false, token: setupToken() });
    assert.doesNotMatch(text, /演示账号/);
    assert.match(text, /工作台：http:\/\/localhost:3000\/admin/);
  });
});
