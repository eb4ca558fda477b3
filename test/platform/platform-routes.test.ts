import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

/**
 * Every route in the OpenAPI document, swept: the route-by-route tests of each module check meaning; this one
 * checks that no route was forgotten — each workbench route refuses an anonymous caller with 401, and none
 * answers a well-formed request for something that does not exist (or an empty body) with a 500.
 */

/** Routes meant for anonymous callers (the portal, login, health, the docs, the ledger's public proofs). */
const PUBLIC = [
  /^\/api\/public\//,
  /^\/api\/health$/,
  /^\/api\/auth\/login$/,
  /^\/api\/docs/,
  /^\/api\/modules$/,
  /^\/api\/setup$/,
  /^\/(?!api\/)/,
];

interface Route {
  method: string;
  url: string;
}

function fill(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

describe('every route: 401 for anonymous callers, never a 500', () => {
  let t: TestApp;
  let admin: Session;
  let routes: Route[] = [];
  before(async () => {
    t = await createTestApp();
    admin = await t.loginAs('admin');
    const doc = (await t.call(null, { method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([url, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), url })),
    );
  });
  after(() => t.close());

  test('the OpenAPI document lists the routes of every module', () => {
    assert.ok(routes.length > 80, `only ${routes.length} routes documented`);
    for (const prefix of [
      '/api/orgs',
      '/api/calendar',
      '/api/ledger',
      '/api/decisions',
      '/api/normative',
      '/api/plan',
      '/api/reports',
      '/api/indicators',
    ]) {
      assert.ok(
        routes.some((r) => r.url.startsWith(prefix)),
        `no documented route under ${prefix}`,
      );
    }
  });

  test('every workbench route answers an anonymous caller with 401 and a Chinese message', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (PUBLIC.some((p) => p.test(r.url))) continue;
      const res = await t.call(null, {
        method: r.method as 'GET',
        url: fill(r.url, randomUUID()),
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 401 || !/登录/.test(res.json().message ?? ''))
        wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('no route answers a request for a non-existent record, or an empty body, with a server error', async () => {
    const failed: string[] = [];
    for (const r of routes) {
      // Sign-out would end the session the rest of the sweep uses.
      if (/\/auth\/logout$/.test(r.url)) continue;
      for (const id of [randomUUID(), 'not-an-id']) {
        if (id === 'not-an-id' && !r.url.includes('{')) continue;
        const res = await t.call(admin, {
          method: r.method as 'GET',
          url: fill(r.url, id),
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
        });
        if (res.statusCode >= 500)
          failed.push(`${r.method} ${fill(r.url, id)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        else if (res.statusCode >= 400) {
          const b = res.json();
          if (!b.message || !/[\u4e00-\u9fff]/.test(b.message) || !b.requestId)
            failed.push(`${r.method} ${r.url}: 错误响应缺少中文说明或请求编号`);
        }
      }
    }
    assert.deepEqual(failed, []);
  });
});
