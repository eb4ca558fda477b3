import { sql } from 'kysely';
import type { IndicatorDef } from '../../platform/manifest.js';
import { subtreeOrgIds } from '../../platform/access/scope.js';

/** Platform-level figures: statutory deadlines from the calendar engine, and the audit trail. */
export const platformIndicators: IndicatorDef[] = [
  {
    code: 'calendar.deadline_met_pct',
    label: '法定期限按期办结率',
    unit: '%',
    async compute(db, p) {
      const rows = await db
        .selectFrom('deadlines')
        .select(['id', 'entity_kind', 'entity_id', 'label', 'rule_id', 'met', 'due_date', 'closed_on'])
        .where('org_id', 'in', subtreeOrgIds(db, p.orgId))
        .where('status', '=', 'closed')
        .where('due_date', 'is not', null)
        .where('closed_on', '>=', `${p.year}-01-01`)
        .where('closed_on', '<=', `${p.year}-12-31`)
        .execute();
      const met = rows.filter((r) => r.met === true).length;
      return {
        value: rows.length ? Math.round((met / rows.length) * 1000) / 10 : null,
        records: rows.map((r) => ({
          kind: 'deadline',
          id: r.id,
          label: `${r.label ?? r.entity_kind}（${r.rule_id}）${r.met ? '按期' : '超期'}办结`,
          link: `/admin/calendar/deadlines?entityKind=${encodeURIComponent(r.entity_kind)}&entityId=${encodeURIComponent(r.entity_id)}`,
        })),
        basis: `当年办结的法定期限中按期办结的比例：${met}/${rows.length}`,
      };
    },
  },
  {
    code: 'calendar.deadlines_overdue',
    label: '超期未办结的法定期限数',
    unit: '项',
    async compute(db, p) {
      const cut = [p.today, `${p.year}-12-31`].sort()[0];
      const rows = await db
        .selectFrom('deadlines')
        .select(['id', 'entity_kind', 'entity_id', 'label', 'rule_id', 'due_date'])
        .where('org_id', 'in', subtreeOrgIds(db, p.orgId))
        // Open at the cut: not closed, or closed only after it (a deadline met late next year was overdue then).
        .where((eb) => eb.or([eb('status', '!=', 'closed'), eb('closed_on', '>', cut)]))
        .where('due_date', '>=', `${p.year}-01-01`)
        .where('due_date', '<', cut)
        .execute();
      return {
        value: rows.length,
        records: rows.map((r) => ({
          kind: 'deadline',
          id: r.id,
          label: `${r.label ?? r.entity_kind}（${r.rule_id}）届满日 ${r.due_date}`,
          link: `/admin/calendar/deadlines?entityKind=${encodeURIComponent(r.entity_kind)}&entityId=${encodeURIComponent(r.entity_id)}`,
        })),
        basis: `届满日在当年、截至${cut}仍未办结的法定期限`,
      };
    },
  },
  {
    code: 'audit.recorded_actions',
    label: '系统留痕的业务操作数',
    unit: '次',
    async compute(db, p) {
      const r = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', 'in', subtreeOrgIds(db, p.orgId))
        .where(
          sql<boolean>`(at at time zone 'Asia/Shanghai')::date between ${`${p.year}-01-01`}::date and ${`${p.year}-12-31`}::date`,
        )
        .where('action', 'not like', 'session.%')
        .executeTakeFirstOrThrow();
      return { value: Number(r.n), records: [], basis: '当年审计日志中的业务操作事件数（不含登录、退出）' };
    },
  },
];
