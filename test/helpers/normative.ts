import { upsertIssuingBody } from '../../src/modules/normative-docs/commands/drafting.js';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { loadActor } from '../../src/platform/auth/actor-loader.js';
import type { TestApp } from './app.js';

/** A demo user's request context, for calling commands directly (as a seed or a job would). */
export async function ctxOf(t: TestApp, username: string): Promise<RequestCtx> {
  const u = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { actor: await loadActor(t.db, u.id, 'session'), requestId: 'test', ip: null };
}

/** Put the market regulator (示市监规) and 江川街道 (江川规) on the issuing-body list; returns their org ids. */
export async function listDemoIssuingBodies(t: TestApp, by: RequestCtx): Promise<{ SCJ: string; JCJ: string }> {
  const ids = { SCJ: await t.orgId('SCJ'), JCJ: await t.orgId('JCJ') };
  for (const [code, prefix] of [
    ['SCJ', '示市监规'],
    ['JCJ', '江川规'],
  ] as const) {
    await upsertIssuingBody(t.db, by, { orgId: ids[code], numberPrefix: prefix, basis: '制定主体清单', active: true });
  }
  return ids;
}
