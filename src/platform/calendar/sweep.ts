import { systemCtx } from '../access/actor.js';
import { recordAudit } from '../audit/index.js';
import type { Db, Executor } from '../db/engine.js';
import { getCalendar } from './active.js';
import { type DeadlineRow, responsibleOf } from './deadlines.js';
import { formatZh, type LocalDate, toLocalDate } from './localdate.js';
import { getRule } from './rules.js';

export interface SweepSettings {
  /** Working days before the due date at which a deadline becomes "due soon". */
  leadWorkingDays: number;
}

/**
 * Documented default: 3 working days of warning, overridable with FAZHI_DEADLINE_LEAD_WORKING_DAYS
 * (an integer 0–30; anything else falls back to the default so a typo cannot silence all warnings).
 */
export function sweepSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SweepSettings {
  const v = Number(env.FAZHI_DEADLINE_LEAD_WORKING_DAYS);
  return { leadWorkingDays: Number.isInteger(v) && v >= 0 && v <= 30 ? v : 3 };
}

export interface SweepResult {
  today: LocalDate;
  dueSoon: number;
  overdue: number;
  notifications: number;
}

/** Who hears about a deadline: the people named on it, else the unit's rule-of-law liaisons. */
async function recipients(trx: Executor, row: DeadlineRow): Promise<string[]> {
  const named = responsibleOf(row);
  if (named.length) return named;
  const rows = await trx
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select('users.id')
    .where('role_assignments.org_id', '=', row.org_id)
    .where('role_assignments.role', '=', 'liaison')
    .where('users.active', '=', true)
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/**
 * Mark open deadlines due-soon and overdue and notify the responsible people. Idempotent: a deadline is
 * flagged once per state and due date (the alert column), and notifications carry a dedupe key
 * `deadline:<id>:<state>:<due>` that the unique (user_id, dedupe_key) index makes single. Runs under the
 * job lease, so several instances never double-run it; each deadline is updated in its own transaction.
 */
export async function runDeadlineSweep(
  db: Db,
  now: Date,
  settings: SweepSettings = sweepSettingsFromEnv(),
): Promise<SweepResult> {
  const cal = getCalendar();
  const day = toLocalDate(now);
  const soonLimit = cal.addWorkingDays(day, settings.leadWorkingDays);
  const candidates = await db
    .selectFrom('deadlines')
    .select(['id', 'due_date', 'alert'])
    .where('status', '=', 'open')
    .where('due_date', '<=', soonLimit)
    .where((eb) => eb.or([eb('alert', '=', 'none'), eb.and([eb('alert', '=', 'due_soon'), eb('due_date', '<', day)])]))
    .orderBy('due_date')
    .execute();
  const result: SweepResult = { today: day, dueSoon: 0, overdue: 0, notifications: 0 };
  for (const c of candidates) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('deadlines').selectAll().where('id', '=', c.id).forUpdate().executeTakeFirst();
      if (row?.status !== 'open' || !row.due_date) return;
      const next = row.due_date < day ? 'overdue' : row.due_date <= soonLimit ? 'due_soon' : null;
      if (!next || next === row.alert || (row.alert === 'overdue' && next === 'due_soon')) return;
      await trx.updateTable('deadlines').set({ alert: next, updated_at: now }).where('id', '=', row.id).execute();
      await recordAudit(trx, systemCtx('deadline-sweep'), {
        action: 'deadline.flagged',
        entityKind: row.entity_kind,
        entityId: row.entity_id,
        orgId: row.org_id,
        data: { ruleId: row.rule_id, alert: next, dueDate: row.due_date },
      });
      if (next === 'overdue') result.overdue++;
      else result.dueSoon++;
      const rule = getRule(row.rule_id);
      const what = row.label ? `“${row.label}”的${rule.label}` : rule.label;
      const title = next === 'overdue' ? `已超期：${what}` : `即将到期：${what}`;
      const body =
        next === 'overdue'
          ? `${what}已于${formatZh(row.due_date)}届满，至今未办结，请立即处理并说明情况。依据：${rule.legalBasis}。`
          : `${what}将于${formatZh(row.due_date)}届满，请在期限内办理。依据：${rule.legalBasis}。`;
      for (const userId of await recipients(trx, row)) {
        const ins = await trx
          .insertInto('notifications')
          .values({
            user_id: userId,
            kind: next === 'overdue' ? 'deadline.overdue' : 'deadline.due_soon',
            title,
            body,
            link: `/admin/calendar/deadlines?entityKind=${encodeURIComponent(row.entity_kind)}&entityId=${encodeURIComponent(row.entity_id)}`,
            entity_kind: row.entity_kind,
            entity_id: row.entity_id,
            dedupe_key: `deadline:${row.id}:${next}:${row.due_date}`,
            read_at: null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
          .returning('id')
          .execute();
        result.notifications += ins.length;
      }
    });
  }
  return result;
}
