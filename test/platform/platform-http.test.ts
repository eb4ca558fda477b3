import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

describe('platform HTTP: auth, identity, audit, errors', () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await createTestApp();
    admin = await t.loginAs('admin');
  });
  after(() => t.close());

  test('health reports engine, version and migrations', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.ok(['pglite', 'postgres'].includes(body.engine));
    assert.equal(body.migrations.pending, 0);
    assert.ok(body.migrations.applied >= 1);
  });

  test('401 without a session, with a Chinese message and request id', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/orgs' });
    assert.equal(res.statusCode, 401);
    const b = res.json();
    assert.equal(b.error, 'unauthenticated');
    assert.match(b.message, /请先登录/);
    assert.ok(b.requestId);
    assert.equal(res.headers['x-request-id'], b.requestId);
  });

  test('wrong password is 401 and audited; the response never echoes the password', async () => {
    const res = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: 'Wrong-Pass-123' },
    });
    assert.equal(res.statusCode, 401);
    assert.doesNotMatch(res.body, /Wrong-Pass-123/);
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'session.login_failed')
      .execute();
    assert.ok(events.some((e) => (e.data as { username: string }).username === 'staff'));
    assert.doesNotMatch(JSON.stringify(events), /Wrong-Pass-123/);
  });

  test('login throttling per account: the 6th try in the window is 429 even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.call(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'adviser', password: `bad-${i}` },
      });
      assert.equal(r.statusCode, 401);
    }
    const blocked = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'adviser', password: 'Fazhi@2026' },
    });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.json().message, /锁定/);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
  });

  test('login throttling per IP: 30 failures from one address block it for every account, other addresses unaffected', async () => {
    const from = (remoteAddress: string, username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
    for (let i = 0; i < 30; i++) {
      const r = await from('10.9.9.9', `nobody-${i}`, 'Wrong-Pass-123');
      assert.equal(r.statusCode, 401, `try ${i + 1}`);
    }
    const blocked = await from('10.9.9.9', 'head', 'Fazhi@2026');
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.json().message, /您所在网络/);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    const elsewhere = await from('10.9.9.10', 'head', 'Fazhi@2026');
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
  });

  test('a mistyped limit in the environment stops start-up with the variable named instead of disabling it', async () => {
    const { throttleSettings } = await import('../../src/platform/auth/throttle.js');
    const { loadConfig } = await import('../../src/platform/config.js');
    assert.deepEqual(throttleSettings({}), { windowMinutes: 15, maxPerAccount: 5, maxPerIp: 30 });
    assert.equal(throttleSettings({ FAZHI_LOGIN_MAX_PER_IP: '50' }).maxPerIp, 50);
    assert.throws(() => throttleSettings({ FAZHI_LOGIN_MAX_PER_ACCOUNT: 'five' }), /FAZHI_LOGIN_MAX_PER_ACCOUNT.*整数/);
    assert.throws(() => throttleSettings({ FAZHI_LOGIN_WINDOW_MINUTES: '0' }), /FAZHI_LOGIN_WINDOW_MINUTES/);
    assert.throws(() => loadConfig({ PORT: '80x' }), /PORT/);
    assert.equal(loadConfig({ FAZHI_SESSION_TTL_MINUTES: '' }).sessionTtlMinutes, 480);
  });

  test('malformed JSON, unknown fields, wrong types and oversize bodies are rejected and change nothing', async () => {
    const before = await t.db.selectFrom('organizations').select('id').execute();
    const bad = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /JSON/);
    const root = await t.orgId('SLQ');
    const unknown = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: '测试单位', kind: 'department', colour: 'red' },
    });
    assert.equal(unknown.statusCode, 400);
    const wrongType = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: 12345, kind: 'department' },
    });
    assert.equal(wrongType.statusCode, 400);
    assert.match(wrongType.json().message, /name/);
    const badEnum = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: '测试单位', kind: 'ministry' },
    });
    assert.equal(badEnum.statusCode, 400);
    const huge = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: 'x'.repeat(2_000_000), kind: 'department' },
    });
    assert.equal(huge.statusCode, 413);
    const afterRows = await t.db.selectFrom('organizations').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });

  test('a cookie-authenticated write without the CSRF token is 403', async () => {
    const root = await t.orgId('SLQ');
    const res = await t.call(null, {
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin.cookie },
      payload: { parentId: root, name: '无令牌单位', kind: 'department' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().details.reason, 'csrf');
    const wrong = await t.call(null, {
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' },
      payload: { parentId: root, name: '无令牌单位', kind: 'department' },
    });
    assert.equal(wrong.statusCode, 403);
  });

  test('create a unit: 201, audited in the same transaction; duplicate 409; non-admin 403; bad parent 422', async () => {
    const root = await t.orgId('SLQ');
    const res = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: '区数据局', kind: 'department', code: 'SJJ' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const org = res.json();
    const events = await auditFor(t.db, 'org', org.id);
    assert.equal(events.length, 1);
    assert.equal(events[0].action, 'org.created');
    assert.equal(events[0].actor_name, '系统管理员');
    const dup = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: '区数据局', kind: 'department' },
    });
    assert.equal(dup.statusCode, 409);
    const liaison = await t.loginAs('liaison');
    const denied = await t.call(liaison, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: root, name: '越权单位', kind: 'department' },
    });
    assert.equal(denied.statusCode, 403);
    const badParent = await t.call(admin, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: '00000000-0000-4000-8000-000000000000', name: '孤儿单位', kind: 'department' },
    });
    assert.equal(badParent.statusCode, 422);
    const missing = await t.call(admin, {
      method: 'PATCH',
      url: '/api/orgs/00000000-0000-4000-8000-000000000000',
      payload: { name: '不存在' },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal((await auditFor(t.db, 'org', org.id)).length, 1);
  });

  test('a new user gets a generated password that must be changed before anything else', async () => {
    const orgId = await t.orgId('STJ');
    const res = await t.call(admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'newbie', displayName: '新同事', orgId, grants: [{ role: 'staff', orgId }] },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { user, initialPassword } = res.json();
    assert.equal(user.mustChangePassword, true);
    assert.ok((await auditFor(t.db, 'user', user.id)).some((e) => e.action === 'user.created'));
    const stored = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(stored.password_hash, /^\$argon2id\$/);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'newbie', password: initialPassword },
    });
    assert.equal(login.statusCode, 200);
    const s: Session = {
      cookie: `fazhi_session=${login.cookies[0].value}`,
      csrf: login.json().csrfToken,
      userId: user.id,
      orgId,
    };
    const blocked = await t.call(s, { method: 'GET', url: '/api/orgs' });
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().details.reason, 'must_change_password');
    const weak = await t.call(s, {
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: initialPassword, newPassword: 'short' },
    });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.json().message, /至少 10 位/);
    const ok = await t.call(s, {
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: initialPassword, newPassword: 'Better-Passw0rd' },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal((await t.call(s, { method: 'GET', url: '/api/orgs' })).statusCode, 200);
    const dup = await t.call(admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'NEWBIE', displayName: 'x', orgId },
    });
    assert.equal(dup.statusCode, 409);
  });

  test('cross-organization isolation: a unit liaison sees only users of its own unit; others are 404', async () => {
    const liaison = await t.loginAs('liaison');
    const list = await t.call(liaison, { method: 'GET', url: '/api/users' });
    assert.equal(list.statusCode, 200);
    const scj = await t.orgId('SCJ');
    const scjPaths = await t.db.selectFrom('organizations').select('id').where('path', 'like', `%${scj}%`).execute();
    const allowed = new Set(scjPaths.map((o) => o.id));
    assert.ok(list.json().items.length >= 3);
    for (const u of list.json().items) assert.ok(allowed.has(u.orgId), `liaison saw ${u.username}`);
    const other = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'liaison2')
      .executeTakeFirstOrThrow();
    const res = await t.call(liaison, { method: 'GET', url: `/api/users/${other.id}` });
    assert.equal(res.statusCode, 404);
    const adminSees = await t.call(admin, { method: 'GET', url: `/api/users/${other.id}` });
    assert.equal(adminSees.statusCode, 200);
  });

  test('audit search and export (CSV with BOM, Excel); non-admins are refused', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/audit?action=org.created&pageSize=5' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(body.total >= 20);
    assert.equal(body.items.length, 5);
    assert.equal(body.items[0].actionLabel, '新建单位');
    const csv = await t.call(admin, { method: 'GET', url: '/api/audit/export?format=csv&action=org.created' });
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.body.startsWith('\uFEFF序号'));
    assert.match(csv.body, /区司法局/);
    const xlsx = await t.call(admin, { method: 'GET', url: '/api/audit/export?format=xlsx' });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    const bad = await t.call(admin, { method: 'GET', url: '/api/audit?from=2026-13-45' });
    assert.equal(bad.statusCode, 400);
    const staff = await t.loginAs('staff');
    assert.equal((await t.call(staff, { method: 'GET', url: '/api/audit' })).statusCode, 403);
  });

  test('API tokens: stored hashed, usable as Bearer without CSRF, 401 once revoked', async () => {
    const created = await t.call(admin, { method: 'POST', url: '/api/account/tokens', payload: { name: '数据对接' } });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    const row = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    assert.doesNotMatch(JSON.stringify(await auditFor(t.db, 'api_token', id)), new RegExp(token));
    const root = await t.orgId('SLQ');
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { authorization: `Bearer ${token}` },
      payload: { parentId: root, name: '令牌创建的单位', kind: 'other' },
    });
    assert.equal(viaToken.statusCode, 201, viaToken.body);
    assert.equal((await t.call(admin, { method: 'DELETE', url: `/api/account/tokens/${id}` })).statusCode, 200);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/orgs',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(revoked.statusCode, 401);
  });

  test('an expired session is 401 with reason session_expired; logout ends the session', async () => {
    const s = await t.loginAs('head');
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', s.userId)
      .execute();
    const res = await t.call(s, { method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().details.reason, 'session_expired');
    const s2 = await t.loginAs('head');
    assert.equal((await t.call(s2, { method: 'POST', url: '/api/auth/logout' })).statusCode, 200);
    assert.equal((await t.call(s2, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  });

  test('disabling a user ends their sessions; a reset password is forced to change; both audited', async () => {
    const s = await t.loginAs('liaison2');
    const off = await t.call(admin, { method: 'PATCH', url: `/api/users/${s.userId}`, payload: { active: false } });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().active, false);
    assert.equal((await t.call(s, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    const relog = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'liaison2', password: 'Fazhi@2026' },
    });
    assert.equal(relog.statusCode, 401);
    await t.call(admin, { method: 'PATCH', url: `/api/users/${s.userId}`, payload: { active: true } });
    const reset = await t.call(admin, { method: 'POST', url: `/api/users/${s.userId}/reset-password` });
    assert.equal(reset.statusCode, 200);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'liaison2', password: reset.json().initialPassword },
    });
    assert.equal(login.statusCode, 200);
    assert.equal(login.json().mustChangePassword, true);
    const actions = (await auditFor(t.db, 'user', s.userId)).map((e) => e.action);
    assert.ok(actions.includes('user.updated'));
    assert.ok(actions.includes('user.password_reset'));
    const selfOff = await t.call(admin, {
      method: 'PATCH',
      url: `/api/users/${admin.userId}`,
      payload: { active: false },
    });
    assert.equal(selfOff.statusCode, 422);
    const liaison = await t.loginAs('liaison');
    assert.equal(
      (await t.call(liaison, { method: 'PATCH', url: `/api/users/${s.userId}`, payload: { active: false } }))
        .statusCode,
      404,
    );
  });

  test('OpenAPI document lists the routes', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.ok(doc.paths['/api/orgs']);
    assert.ok(doc.paths['/api/auth/login']);
  });

  test('security headers are set', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/health' });
    assert.ok(res.headers['content-security-policy']);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });
});
