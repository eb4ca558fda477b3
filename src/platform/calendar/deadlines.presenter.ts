import type { Actor } from '../access/actor.js';
import { deadlineAbilities } from './calendar.policy.js';
import { type DeadlineRow, extensionsOf, pausesOf } from './deadlines.js';
import { getRule } from './rules.js';

/** Row → staff DTO (explicit whitelist), with the abilities the server will honour. */
export function toDeadlineDto(row: DeadlineRow, actor: Actor, orgPath: string) {
  const rule = getRule(row.rule_id);
  return {
    id: row.id,
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    ruleId: row.rule_id,
    ruleLabel: rule.label,
    legalBasis: rule.legalBasis,
    label: row.label,
    orgId: row.org_id,
    triggerDate: row.trigger_date,
    dueDate: row.due_date,
    trace: row.trace,
    provisional: row.provisional,
    status: row.status,
    alert: row.alert,
    extensionDays: row.extension_days,
    pauses: pausesOf(row),
    extensions: extensionsOf(row).map((e) => ({
      days: e.days,
      approverName: e.approverName,
      reason: e.reason,
      at: e.at,
    })),
    closedOn: row.closed_on,
    met: row.met,
    abilities: deadlineAbilities(actor, { orgPath, ruleId: row.rule_id, status: row.status }),
  };
}

/** Row → public DTO: no people, no org ids, no internal notes. */
export function toPublicDeadline(row: DeadlineRow) {
  const rule = getRule(row.rule_id);
  return {
    ruleId: row.rule_id,
    ruleLabel: rule.label,
    legalBasis: rule.legalBasis,
    label: row.label,
    triggerDate: row.trigger_date,
    dueDate: row.due_date,
    trace: row.trace
      .split('\n')
      .filter((l) => !l.startsWith('延长依据：'))
      .join('\n'),
    provisional: row.provisional,
    status: row.status,
  };
}
