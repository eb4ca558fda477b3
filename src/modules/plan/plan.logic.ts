/**
 * Pure rules of the plan module: matching responsible-unit names to the organization tree, validating a
 * progress report, and the weighted roll-up from tasks to items, chapters and the whole plan.
 */
import type { UnitResolution } from './plan.tables.js';

export interface OrgRef {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
}

/** Collective designations in plans and what they expand to when tasks are generated. */
export const UNIT_GROUPS: Record<string, { label: string; names: string[]; kinds: string[] }> = {
  subdistricts_towns: {
    label: '各街道、镇',
    names: ['各街镇', '各街道、镇', '各街道镇', '各街道', '各镇'],
    kinds: ['subdistrict', 'town'],
  },
  relevant_departments: {
    label: '各相关部门',
    names: ['各相关部门', '各有关部门', '各部门', '各委办局', '各部、委、办、局'],
    kinds: ['department', 'other'],
  },
  enforcement_departments: {
    label: '各执法部门',
    names: ['各执法部门', '各行政执法部门', '各行政执法单位'],
    kinds: ['department'],
  },
};

/** Long and short forms that name the same kind of body ("卫生健康委" = "卫健委"). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/卫生健康委员会|卫生健康委/g, '卫健委'],
  [/政府办公室/g, '府办'],
  [/市场监督管理局/g, '市场监管局'],
  [/人力资源和社会保障局/g, '人社局'],
  [/规划和自然资源局/g, '规划资源局'],
  [/发展和改革委员会/g, '发改委'],
  [/城市管理行政执法局|城管执法局/g, '城管执法局'],
  [/办事处$/g, ''],
  [/人民政府$/g, ''],
];

export const normalizeUnitName = (s: string) => {
  let n = s.replace(/\s+/g, '').replace(/^(上海市)?[\u4e00-\u9fa5]{1,3}区(?=区)/, '');
  for (const [re, to] of ABBREVIATIONS) n = n.replace(re, to);
  return n;
};

export interface UnitMatch {
  resolution: UnitResolution;
  orgId: string | null;
  groupKey: string | null;
}

/**
 * Match one responsible-unit name: a confirmed alias first, then the exact name or short name, then the
 * normalized forms; a collective designation ("各街镇") becomes a group. Anything else stays unmatched
 * for the review screen — never guessed.
 */
export function matchUnit(raw: string, orgs: OrgRef[], aliases: Map<string, string>): UnitMatch {
  const name = raw.trim();
  for (const [key, g] of Object.entries(UNIT_GROUPS)) {
    if (g.names.includes(name)) return { resolution: 'group', orgId: null, groupKey: key };
  }
  const alias = aliases.get(name);
  if (alias) return { resolution: 'org', orgId: alias, groupKey: null };
  const exact = orgs.filter((o) => o.name === name || o.shortName === name);
  if (exact.length === 1) return { resolution: 'org', orgId: exact[0].id, groupKey: null };
  const n = normalizeUnitName(name);
  const norm = orgs.filter(
    (o) => normalizeUnitName(o.name) === n || (o.shortName && normalizeUnitName(o.shortName) === n),
  );
  if (norm.length === 1) return { resolution: 'org', orgId: norm[0].id, groupKey: null };
  return { resolution: 'unmatched', orgId: null, groupKey: null };
}

export interface ProgressInput {
  current: number;
  next: number;
  reason?: string | null;
}

/** A progress report may not exceed 100 % and may go backwards only with a written reason. */
export function checkProgress(p: ProgressInput): { field: string; message: string } | null {
  if (!Number.isInteger(p.next) || p.next < 0 || p.next > 100) {
    return { field: 'progress', message: '进度应为 0 至 100 之间的整数（百分比），不能超过 100%' };
  }
  if (p.next < p.current && !(p.reason && p.reason.trim().length >= 4)) {
    return {
      field: 'reason',
      message: `进度从 ${p.current}% 回退到 ${p.next}%，请在“回退原因”中写明理由（至少 4 个字）`,
    };
  }
  return null;
}

export interface RollupTask {
  itemId: string;
  orgId: string;
  progress: number;
  weight: number;
}
export interface RollupItem {
  id: string;
  chapterId: string;
  weight: number;
}
export interface RollupChapter {
  id: string;
  weight: number;
}

const wavg = (xs: { v: number; w: number }[]) => {
  const tw = xs.reduce((s, x) => s + x.w, 0);
  return tw > 0 ? Math.round((xs.reduce((s, x) => s + x.v * x.w, 0) / tw) * 10) / 10 : null;
};

/**
 * Weighted roll-up: an item's progress is the weighted mean of its tasks, a chapter's the weighted mean of
 * its items that have tasks, the plan's the weighted mean of its chapters that have tasks. Items and
 * chapters without tasks (general provisions) are left out rather than counted as 0 or 100.
 */
export function rollup(chapters: RollupChapter[], items: RollupItem[], tasks: RollupTask[]) {
  const item = new Map<string, number | null>();
  for (const it of items) {
    item.set(it.id, wavg(tasks.filter((t) => t.itemId === it.id).map((t) => ({ v: t.progress, w: t.weight }))));
  }
  const chapter = new Map<string, number | null>();
  for (const c of chapters) {
    const xs = items
      .filter((it) => it.chapterId === c.id && item.get(it.id) !== null)
      .map((it) => ({ v: item.get(it.id)!, w: it.weight }));
    chapter.set(c.id, wavg(xs));
  }
  const plan = wavg(
    chapters.filter((c) => chapter.get(c.id) !== null).map((c) => ({ v: chapter.get(c.id)!, w: c.weight })),
  );
  const unit = new Map<string, number | null>();
  for (const orgId of new Set(tasks.map((t) => t.orgId))) {
    unit.set(orgId, wavg(tasks.filter((t) => t.orgId === orgId).map((t) => ({ v: t.progress, w: t.weight }))));
  }
  return { item, chapter, plan, unit };
}
