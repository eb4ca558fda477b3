import { canSeeOrg } from '../../platform/access/scope.js';
import type { RecordVoucher } from '../../platform/access/vouchers.js';
import type { FigureSnapshot } from './reports.tables.js';

const VOUCHER = /^report:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * `report:<id>` vouches for the records behind the report's figures: the actor must be able to read the report
 * (its unit, or its approver above it), and the path must be the API of a record one of its figures lists.
 */
export const reportVoucher: RecordVoucher = async (db, actor, voucher, apiPath) => {
  const m = VOUCHER.exec(voucher);
  if (!m) return false;
  const r = await db
    .selectFrom('annual_reports as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.figures', 'o.path'])
    .where('r.id', '=', m[1]!)
    .executeTakeFirst();
  if (!r || !canSeeOrg(actor, r.path)) return false;
  const figures = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as FigureSnapshot[];
  return figures.some((f) => f.records.some((rec) => rec.api === apiPath));
};
