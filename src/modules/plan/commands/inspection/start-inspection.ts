import type { RequestCtx } from '../../../../platform/access/actor.js';
import type { Db } from '../../../../platform/db/engine.js';
import { inspectionStep } from './frames.js';

/** Starts an approved inspection (Arts 11, 15): from now on orders may be issued and conclusions served. */
export async function startInspection(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await inspectionStep(db, ctx, id, 'start');
}
