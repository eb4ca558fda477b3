import type { RequestCtx } from '../../platform/access/actor.js';
import type { Executor } from '../../platform/db/engine.js';

/** A newer version of a statute was imported: `previousIds` are the versions it replaces. */
export interface LawSupersededEvent {
  workKey: string;
  title: string;
  newLawId: string;
  newVersionDate: string | null;
  previousIds: string[];
}

type Hook = (trx: Executor, ctx: RequestCtx, e: LawSupersededEvent) => Promise<number>;

const hooks: Hook[] = [];

/**
 * Modules that cite statutes (normative documents' legal bases) register here to react, inside the import
 * transaction, when a statute they rely on gets a new version. The hook returns how many records it flagged.
 */
export function onLawSuperseded(hook: Hook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

export async function runLawSupersededHooks(trx: Executor, ctx: RequestCtx, e: LawSupersededEvent): Promise<number> {
  let n = 0;
  for (const h of hooks) n += await h(trx, ctx, e);
  return n;
}
