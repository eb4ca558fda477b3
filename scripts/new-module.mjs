// `npm run new-module -- <name> [--label 中文名称] [--entity 事项名称]`: scaffolds a working empty module that
// follows the module anatomy (docs/CODE_STYLE.md, ARCHITECTURE §3a): contract, workflow declared with the kernel,
// table, repo, policy, presenter, schemas, two commands in the kernel's command frame, routes, manifest, public
// face, a migration, the module's documentation with its generated state table, the workflow and HTTP tests, and
// the workbench (and portal) pages — and registers it with one line in each route/module list.
//
// `npm run new-module -- --remove <name>` deletes exactly what the scaffold wrote and its registration lines
// (refused when the module's folders hold files the scaffold did not write, unless `--force`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Written into every generated file that --remove may delete without a folder of its own (the migration). */
const MARKER = 'scripts/new-module.mjs';

function fail(message) {
  console.error(`错误：${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const out = { remove: false, force: false, label: null, entity: null, name: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--remove') out.remove = true;
    else if (a === '--force') out.force = true;
    else if (a === '--label' || a === '--entity') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) fail(`${a} 后面需要给出中文名称。`);
      out[a.slice(2)] = v;
    } else if (a.startsWith('--')) fail(`不认识的选项 ${a}。用法：npm run new-module -- <模块名> [--label 中文名称] [--entity 事项名称]，或 --remove <模块名>`);
    else if (out.name) fail(`只能给出一个模块名（已有 ${out.name}，又给了 ${a}）。`);
    else out.name = a;
  }
  if (!out.name) fail('请给出模块名，例如：npm run new-module -- admin-review');
  if (!NAME.test(out.name))
    fail(`模块名“${out.name}”不合规：只能用小写字母、数字和连字符（kebab-case），以字母开头，例如 admin-review。`);
  for (const k of ['label', 'entity'])
    if (out[k] !== null && !/\p{Script=Han}/u.test(out[k])) fail(`--${k} 应为中文名称（给的是“${out[k]}”）。`);
  return out;
}

function namesOf(name, label, entity) {
  const parts = name.split('-');
  const camel = parts[0] + parts.slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  const snake = parts.join('_');
  return {
    name,
    camel,
    pascal: camel[0].toUpperCase() + camel.slice(1),
    snake,
    upper: snake.toUpperCase(),
    label: label ?? `${name}（待定名称）`,
    entity: entity ?? '事项',
  };
}

const rel = (p) => path.relative(root, p);
const abs = (p) => path.join(root, p);
const read = (p) => fs.readFileSync(abs(p), 'utf8');
const write = (p, text) => {
  fs.mkdirSync(path.dirname(abs(p)), { recursive: true });
  fs.writeFileSync(abs(p), text);
};

/** Migration names sort by file name and must come after every existing one (kysely refuses one out of order). */
function migrationName(snake) {
  const pad = (n) => String(n).padStart(2, '0');
  const stamp = (d) =>
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
  const existing = fs.readdirSync(abs('migrations')).filter((f) => /^\d{8}_\d{4}_/.test(f)).sort();
  let t = new Date();
  const last = existing.at(-1);
  if (last) {
    const m = last.match(/^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})/);
    const lastAt = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    if (t.getTime() <= lastAt + 60_000) t = new Date(lastAt + 60_000);
  }
  return `migrations/${stamp(t)}_${snake}.ts`;
}

function findMigration(n) {
  return fs
    .readdirSync(abs('migrations'))
    .filter((f) => f.endsWith(`_${n.snake}.ts`) && /^\d{8}_\d{4}_/.test(f))
    .map((f) => `migrations/${f}`)
    .filter((p) => read(p).includes(`${MARKER} for module \`${n.name}\``));
}

// ---------------------------------------------------------------------------------------------------------------
// Registration: one line in each list, removable exactly.

function registrations(n) {
  return [
    {
      file: 'src/modules/index.ts',
      importLine: `import { ${n.camel}Module } from './${n.name}/index.js';`,
      importAfter: /^import .* from '\.\/[^']+\/index\.js';$/,
      list: /export const MODULES[^=]*=\s*\[/,
      item: `${n.camel}Module`,
    },
    {
      file: 'web/src/admin/routes.tsx',
      importLine: `import { ${n.camel}AdminRoutes } from './${n.name}/routes';`,
      importAfter: /^import .* from '\.\/[^']+\/routes';$/,
      list: /export const ADMIN_ROUTES[^=]*=\s*\[/,
      item: `...${n.camel}AdminRoutes`,
    },
    {
      file: 'web/src/portal/routes.tsx',
      importLine: `import { ${n.camel}PortalRoutes } from './${n.name}/routes';`,
      importAfter: /^import .* from '\.\/[^']+\/routes';$/,
      list: /export const PORTAL_ROUTES[^=]*=\s*\[/,
      item: `...${n.camel}PortalRoutes`,
    },
  ];
}

/** The array's closing bracket: the first `]` after the list's opening at bracket depth 0. */
function closingOf(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

function register(reg) {
  let text = read(reg.file);
  const lines = text.split('\n');
  if (lines.includes(reg.importLine)) return `${reg.file}（已登记）`;
  const lastIndex = (pred) => lines.reduce((last, l, i) => (pred(l) ? i : last), -1);
  let at = lastIndex((l) => reg.importAfter.test(l));
  if (at < 0) at = lastIndex((l) => l.startsWith('import '));
  lines.splice(at + 1, 0, reg.importLine);
  text = lines.join('\n');
  const m = text.match(reg.list);
  if (!m) fail(`${reg.file} 中找不到登记列表（${reg.list}），请手工登记。`);
  const open = m.index + m[0].length - 1;
  const close = closingOf(text, open);
  const body = text.slice(open + 1, close);
  if (body.includes('\n')) {
    // One entry per line: a new line before the closing bracket, indented like the others.
    const lineStart = text.lastIndexOf('\n', close - 1) + 1;
    const indent = body.match(/\n(\s+)\S/)?.[1] ?? '  ';
    const before = text.slice(0, lineStart).replace(/,?\s*$/, (s) => (s.startsWith(',') ? s : `,${s}`));
    text = `${before}${indent}${reg.item},\n${text.slice(lineStart)}`;
  } else {
    text = `${text.slice(0, close)}${body.trim() ? ', ' : ''}${reg.item}${text.slice(close)}`;
  }
  fs.writeFileSync(abs(reg.file), text);
  return reg.file;
}

function unregister(reg) {
  const original = read(reg.file);
  let text = original
    .split('\n')
    .filter((l) => l !== reg.importLine)
    .join('\n');
  const esc = reg.item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  text = text
    .replace(new RegExp(`\\n[ \\t]*${esc},?(?=\\n)`), '')
    .replace(new RegExp(`,[ \\t]*${esc}(?=\\s*[\\],])`), '')
    .replace(new RegExp(`(\\[\\s*)${esc}\\s*,?[ \\t]*`), '$1');
  if (text === original) return null;
  fs.writeFileSync(abs(reg.file), text);
  return reg.file;
}

// ---------------------------------------------------------------------------------------------------------------

function listFiles(dir) {
  if (!fs.existsSync(abs(dir))) return [];
  return fs
    .readdirSync(abs(dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => rel(path.join(e.parentPath ?? e.path, e.name)));
}

function removeEmptyDirs(dir) {
  const d = abs(dir);
  if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) return;
  for (const e of fs.readdirSync(d)) removeEmptyDirs(path.join(dir, e));
  if (fs.readdirSync(d).length === 0) fs.rmdirSync(d);
}

function remove(n, force) {
  const generated = Object.keys(moduleFiles(n, 'x'))
    .filter((p) => !p.startsWith('migrations/'))
    .concat(findMigration(n));
  const folders = [`src/modules/${n.name}`, `test/${n.name}`, `web/src/admin/${n.name}`, `web/src/portal/${n.name}`];
  const foreign = folders.flatMap(listFiles).filter((f) => !generated.includes(f));
  if (foreign.length && !force)
    fail(`模块 ${n.name} 的目录中有脚手架之外的文件，未删除任何内容（确需删除请加 --force）：\n  ${foreign.join('\n  ')}`);
  const removed = [];
  for (const f of [...generated, ...(force ? foreign : [])])
    if (fs.existsSync(abs(f))) {
      fs.rmSync(abs(f));
      removed.push(f);
    }
  for (const d of folders) removeEmptyDirs(d);
  const unregistered = registrations(n).map(unregister).filter(Boolean);
  if (!removed.length && !unregistered.length) fail(`没有找到模块 ${n.name} 的脚手架文件或登记行。`);
  console.log(`已删除模块 ${n.name}：`);
  for (const f of removed) console.log(`  删除 ${f}`);
  for (const f of unregistered) console.log(`  取消登记 ${f}`);
}

/** The state table of the new module only: the other modules' documentation is theirs to regenerate. */
function generateDocs(n) {
  const code = [
    `import { syncWorkflowDocs } from './src/platform/workflow/index.ts';`,
    `import { ${n.camel}Workflow } from './src/modules/${n.name}/${n.name}.workflow.ts';`,
    `syncWorkflowDocs('docs/modules/${n.name}.md', [${n.camel}Workflow], true);`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

function create(n) {
  const modDir = `src/modules/${n.name}`;
  if (fs.existsSync(abs(modDir))) fail(`模块 ${n.name} 已存在（${modDir}），未做任何修改。`);
  const migration = migrationName(n.snake);
  const files = moduleFiles(n, migration);
  const clash = Object.keys(files).filter((f) => fs.existsSync(abs(f)));
  if (findMigration(n).length) clash.push(...findMigration(n));
  if (clash.length) fail(`以下文件已存在，未做任何修改：\n  ${clash.join('\n  ')}`);
  for (const [f, text] of Object.entries(files)) write(f, text);
  const registered = registrations(n).map(register);
  const docsOk = generateDocs(n);
  console.log(`已创建模块 ${n.name}（${n.label}）：`);
  for (const f of Object.keys(files)) console.log(`  新建 ${f}`);
  for (const f of registered) console.log(`  登记 ${f}`);
  console.log(docsOk ? `  状态表已生成：docs/modules/${n.name}.md` : '  状态表生成失败，请检查流程声明后运行 npm run docs');
  console.log(`
下一步：
  1. 在 ${modDir}/${n.name}.contract.ts 中按法规写明状态、操作及其中文名称；
  2. 在 ${n.name}.workflow.ts 中把每个「（填写法律依据条款）」换成具体条款，核对办理方和关口（次序 409，内容 422）；
     用 grep -rn 填写法律依据条款 src/modules/${n.name} 检查是否还有遗漏；
  3. 在 ${n.name}.policy.ts 中写明各办理方对应的角色；
  4. 在 ${n.name}.tables.ts 和 ${migration} 中补充本模块的字段（首次发布前可改，发布后只能新增迁移）；
  5. 每个法定行为一个 commands/<动词-名词>.ts，文档注释写明所依据的条款；
  6. 运行 npm run docs 重新生成状态表，并运行：
     node --import tsx --test test/architecture.test.ts test/docs-workflows.test.ts test/${n.name}/*.test.ts
  7. 在 docs/modules/${n.name}.md 中写明本模块办理什么、依据哪部法规。
仅用于试验时，可用 npm run new-module -- --remove ${n.name} 删除。`);
}

// ---------------------------------------------------------------------------------------------------------------
// The files of a new module. `n` holds the name in each spelling; `migration` is the migration's path.

function moduleFiles(n, migration) {
  const m = `src/modules/${n.name}`;
  return {
    [`${m}/${n.name}.contract.ts`]: contractTs(n),
    [`${m}/${n.name}.workflow.ts`]: workflowTs(n),
    [`${m}/${n.name}.tables.ts`]: tablesTs(n),
    [`${m}/${n.name}.repo.ts`]: repoTs(n),
    [`${m}/${n.name}.policy.ts`]: policyTs(n),
    [`${m}/${n.name}.presenter.ts`]: presenterTs(n),
    [`${m}/${n.name}.schemas.ts`]: schemasTs(n),
    [`${m}/commands/create-record.ts`]: createRecordTs(n),
    [`${m}/commands/transition.ts`]: transitionTs(n),
    [`${m}/${n.name}.routes.ts`]: routesTs(n),
    [`${m}/${n.name}.module.ts`]: moduleTs(n),
    [`${m}/index.ts`]: indexTs(n),
    [migration]: migrationTs(n),
    [`docs/modules/${n.name}.md`]: docMd(n, migration),
    [`test/${n.name}/${n.name}-workflow.test.ts`]: workflowTestTs(n),
    [`test/${n.name}/${n.name}-http.test.ts`]: httpTestTs(n),
    [`web/src/admin/${n.name}/routes.tsx`]: adminRoutesTsx(n),
    [`web/src/admin/${n.name}/${n.pascal}RecordsPage.tsx`]: adminPageTsx(n),
    [`web/src/portal/${n.name}/routes.tsx`]: portalRoutesTsx(n),
    [`web/src/portal/${n.name}/${n.pascal}PublicPage.tsx`]: portalPageTsx(n),
  };
}

const contractTs = (n) => `/**
 * The ${n.label} contract (module \`${n.name}\`): the statuses and actions of a ${n.entity} with their Chinese
 * names, and the record DTO the server returns and the workbench shows. Imports nothing (the web app bundles it).
 *
 * 待填写：the statuses and actions the statute names, in its own words.
 */
export const ${n.upper}_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type ${n.pascal}Status = (typeof ${n.upper}_STATUSES)[number];

export const ${n.upper}_STATUS_LABELS: Record<${n.pascal}Status, string> = {
  draft: '起草中',
  submitted: '待审核',
  approved: '已办结',
};

export const ${n.upper}_ACTIONS = ['submit', 'approve', 'return'] as const;
export type ${n.pascal}Action = (typeof ${n.upper}_ACTIONS)[number];

export const ${n.upper}_ACTION_LABELS: Record<${n.pascal}Action, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
};

/** Actions whose request must give a reason (the workflow's content gate \`reasonGiven\`: 422 without one). */
export const ${n.upper}_REASON_REQUIRED: readonly ${n.pascal}Action[] = ['return'];

/** One ${n.entity} as the workbench receives it; \`abilities\` says which actions the user may take now. */
export interface ${n.pascal}RecordDto {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  status: ${n.pascal}Status;
  createdAt: string;
  updatedAt: string;
  abilities: Record<${n.pascal}Action, boolean>;
}
`;

const workflowTs = (n) => `import { defineWorkflow } from '../../platform/workflow/index.js';
import {
  ${n.upper}_ACTION_LABELS,
  ${n.upper}_STATUS_LABELS,
  ${n.upper}_STATUSES,
  type ${n.pascal}Action,
  type ${n.pascal}Status,
} from './${n.name}.contract.js';

/**
 * The procedure of a ${n.entity}, declared once with the workflow kernel. Pure: no database, no clock. The state
 * table in docs/modules/${n.name}.md is generated from this declaration (\`npm run docs\`), the command frame
 * (commands/transition.ts) enforces it and the workbench's \`abilities\` come from it.
 *
 * 待填写：every \`basis\` below is a placeholder — replace each with the article the step implements, e.g.
 * '《……条例》第十条'. \`grep -rn 填写法律依据条款 src/modules/${n.name}\` lists what is left.
 */

/** What the gates look at: read inside the command's transaction (and, for the reason, from the request). */
export interface ${n.pascal}Facts {
  reason: string | null;
}

const PARTIES = {
  unit: '承办单位',
  reviewer: '审核机构',
} as const;
export type ${n.pascal}Party = keyof typeof PARTIES;

export const ${n.camel}Workflow = defineWorkflow<${n.pascal}Status, ${n.pascal}Action, ${n.pascal}Party, ${n.pascal}Facts>({
  name: '${n.name}.record',
  entity: '${n.entity}',
  statuses: ${n.upper}_STATUSES,
  statusLabels: ${n.upper}_STATUS_LABELS,
  initial: 'draft',
  parties: PARTIES,
  actions: {
    submit: {
      label: ${n.upper}_ACTION_LABELS.submit,
      from: ['draft'],
      to: 'submitted',
      by: ['unit'],
      basis: '（填写法律依据条款）',
    },
    approve: {
      label: ${n.upper}_ACTION_LABELS.approve,
      from: ['submitted'],
      to: 'approved',
      by: ['reviewer'],
      basis: '（填写法律依据条款）',
    },
    return: {
      label: ${n.upper}_ACTION_LABELS.return,
      from: ['submitted'],
      to: 'draft',
      by: ['reviewer'],
      basis: '（填写法律依据条款）',
      // A content gate: a missing artefact is a 422. An order gate (an earlier step missing) omits \`refusal\`: 409.
      gates: [
        {
          name: 'reasonGiven',
          basis: '（填写法律依据条款）',
          refusal: 'content',
          check: (f) => (f.reason?.trim() ? null : '请写明退回理由'),
        },
      ],
    },
  },
});
`;

const tablesTs = (n) => `import type { Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { ${n.pascal}Status } from './${n.name}.contract.js';

/** One ${n.entity} (migration ${n.snake}). 待填写：the module's own columns, here and in the migration. */
export interface ${n.pascal}RecordTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  status: Generated<${n.pascal}Status>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    ${n.snake}_records: ${n.pascal}RecordTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    '${n.snake}_record.created': { title: string };
    '${n.snake}_record.transitioned': { action: string; from: string; to: string; reason?: string };
  }
}

/** Chinese labels of the audit events (\`<entity>.<past-tense>\`), for the audit page and the manifest. */
export const ${n.upper}_AUDIT_LABELS: Record<string, string> = {
  '${n.snake}_record.created': '新建${n.entity}',
  '${n.snake}_record.transitioned': '${n.entity}办理',
};

registerAuditLabels(${n.upper}_AUDIT_LABELS);
`;

const repoTs = (n) => `import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { visibleOrgIds } from '../../platform/access/scope.js';
import type { Executor, Trx } from '../../platform/db/engine.js';
import type { ${n.pascal}Status } from './${n.name}.contract.js';
import type { ${n.pascal}RecordTable } from './${n.name}.tables.js';
import './${n.name}.tables.js';

/** A record with the path and name of its unit (the policy scopes by path). */
export interface Loaded${n.pascal}Record extends Selectable<${n.pascal}RecordTable> {
  org_path: string;
  org_name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const withOrg = (ex: Executor) =>
  ex
    .selectFrom('${n.snake}_records as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select(['o.path as org_path', 'o.name as org_name']);

/** Loads one record; \`lock\` takes FOR UPDATE on its row (inside the command's transaction). */
export async function loadRecord(ex: Executor, id: string, lock = false): Promise<Loaded${n.pascal}Record | undefined> {
  if (!UUID.test(id)) return undefined;
  if (lock) await ex.selectFrom('${n.snake}_records').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return withOrg(ex).where('r.id', '=', id).executeTakeFirst();
}

/** The records of the units the actor may see, newest first. */
export async function listRecords(ex: Executor, actor: Actor): Promise<Loaded${n.pascal}Record[]> {
  return withOrg(ex)
    .where('r.org_id', 'in', visibleOrgIds(ex, actor))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(500)
    .execute();
}

export async function insertRecord(
  trx: Trx,
  v: { org_id: string; title: string; status: ${n.pascal}Status; now: Date },
): Promise<string> {
  const row = await trx
    .insertInto('${n.snake}_records')
    .values({ org_id: v.org_id, title: v.title, status: v.status, created_at: v.now, updated_at: v.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function saveStatus(trx: Trx, id: string, status: ${n.pascal}Status, now: Date): Promise<void> {
  await trx.updateTable('${n.snake}_records').set({ status, updated_at: now }).where('id', '=', id).execute();
}
`;

const policyTs = (n) => `import type { Actor, Role } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole } from '../../platform/access/scope.js';
import type { ${n.pascal}Action, ${n.pascal}Status } from './${n.name}.contract.js';
import { type ${n.pascal}Party, ${n.camel}Workflow } from './${n.name}.workflow.js';

/**
 * Who is each party of the workflow, by role at the record's unit (or over it, through a subtree grant).
 * 待填写：the roles the statute and the local rules give each party.
 */
const PARTY_ROLES: Record<${n.pascal}Party, readonly Role[]> = {
  unit: ['staff', 'liaison', 'principal_head'],
  reviewer: ['principal_head'],
};

export const isParty = (a: Actor | null, party: ${n.pascal}Party, orgPath: string) =>
  hasAnyRole(a, PARTY_ROLES[party], orgPath);

/** Pure rules. What an actor may not see is a 404, never a 403. */
export const ${n.camel}Policy = {
  view: (a: Actor | null, orgPath: string) => canSeeOrg(a, orgPath),
  /** A record is created in the actor's own unit, by the unit. */
  create: (a: Actor | null) => !!a && isParty(a, 'unit', a.orgPath),
};

/** The abilities map the workbench reads: the table allows the action now and the actor is a party to it. */
export function ${n.camel}Abilities(
  a: Actor | null,
  r: { status: ${n.pascal}Status; orgPath: string },
): Record<${n.pascal}Action, boolean> {
  const wf = ${n.camel}Workflow;
  return wf.abilities(r.status, undefined, (action) => wf.actions[action].by.some((p) => isParty(a, p, r.orgPath)));
}
`;

const presenterTs = (n) => `import type { Actor } from '../../platform/access/actor.js';
import type { ${n.pascal}RecordDto } from './${n.name}.contract.js';
import { ${n.camel}Abilities } from './${n.name}.policy.js';
import type { Loaded${n.pascal}Record } from './${n.name}.repo.js';

/** Row → DTO: an explicit whitelist of fields, with the actor's abilities. No queries. */
export function presentRecord(actor: Actor | null, r: Loaded${n.pascal}Record): ${n.pascal}RecordDto {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    abilities: ${n.camel}Abilities(actor, { status: r.status, orgPath: r.org_path }),
  };
}
`;

const schemasTs = (n) => `import { z } from '../../platform/http/zod.js';
import { ${n.upper}_ACTIONS, ${n.upper}_STATUSES, type ${n.pascal}RecordDto } from './${n.name}.contract.js';

/** The request and response schemas of the module's routes: the API contract and the OpenAPI source. */
export const RecordDto = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  status: z.enum(${n.upper}_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.record(z.enum(${n.upper}_ACTIONS), z.boolean()),
}) satisfies z.ZodType<${n.pascal}RecordDto>;

export const RecordList = z.object({
  items: z.array(RecordDto),
  abilities: z.object({ create: z.boolean() }),
});

export const CreateRecordBody = z.strictObject({
  title: z
    .string({ error: '请填写标题' })
    .trim()
    .min(2, { error: '标题至少 2 个字' })
    .max(200, { error: '标题不能超过 200 个字' }),
});
export type CreateRecordInput = z.infer<typeof CreateRecordBody>;

export const TransitionBody = z.strictObject({
  action: z.enum(${n.upper}_ACTIONS, { error: '未知的操作' }),
  reason: z.string().trim().max(1000, { error: '理由不能超过 1000 个字' }).nullable().optional(),
});
export type TransitionInput = z.infer<typeof TransitionBody>;
`;

const createRecordTs = (n) => `import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { nowOf } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import { ${n.camel}Policy } from '../${n.name}.policy.js';
import { insertRecord, type Loaded${n.pascal}Record, loadRecord } from '../${n.name}.repo.js';
import type { CreateRecordInput } from '../${n.name}.schemas.js';
import { ${n.camel}Workflow } from '../${n.name}.workflow.js';

/**
 * Creates a ${n.entity} in the actor's own unit, in the workflow's initial status, and audits it in the same
 * transaction (403 unless the actor is the unit). 待填写：the article that opens the procedure.
 */
export async function createRecord(db: Db, ctx: RequestCtx, input: CreateRecordInput): Promise<Loaded${n.pascal}Record> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', '请先登录。');
  if (!${n.camel}Policy.create(actor))
    throw new AppError('forbidden', \`您没有新建${n.entity}的权限（由\${${n.camel}Workflow.parties.unit}办理）。\`);
  const now = nowOf(ctx);
  return db.transaction().execute(async (trx) => {
    const id = await insertRecord(trx, { org_id: actor.orgId, title: input.title, status: ${n.camel}Workflow.initial, now });
    await recordAudit(trx, ctx, {
      action: '${n.snake}_record.created',
      entityKind: '${n.snake}_record',
      entityId: id,
      orgId: actor.orgId,
      data: { title: input.title },
    });
    return (await loadRecord(trx, id)) as Loaded${n.pascal}Record;
  });
}
`;

const transitionTs = (n) => `import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import { transitionRunner } from '../../../platform/workflow/index.js';
import { ${n.camel}Policy, isParty } from '../${n.name}.policy.js';
import { type Loaded${n.pascal}Record, loadRecord, saveStatus } from '../${n.name}.repo.js';
import type { TransitionInput } from '../${n.name}.schemas.js';
import { ${n.camel}Workflow } from '../${n.name}.workflow.js';

/**
 * Takes one step of the procedure (submit, approve, return) in the kernel's command frame: transaction → lock and
 * re-read → 404 unless the actor sees the record → 403 unless the actor is a party the declaration names → 409 out
 * of order → 422 a content gate unmet (a return without its reason) → the status, \`updated_at\` from the injected
 * clock and the audit event, in one transaction. 待填写：the articles (see ${n.name}.workflow.ts).
 */
export async function transitionRecord(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: TransitionInput,
): Promise<Loaded${n.pascal}Record> {
  const reason = input.reason?.trim() || null;
  const run = transitionRunner({
    workflow: ${n.camel}Workflow,
    load: (trx, key) => loadRecord(trx, key, true),
    visible: (actor, r) => ${n.camel}Policy.view(actor, r.org_path),
    isParty: (actor, party, r) => isParty(actor, party, r.org_path),
    status: (r) => r.status,
    facts: () => ({ reason }),
    save: (trx, r, { to, now }) => saveStatus(trx, r.id, to, now),
    audit: (r, c) => ({
      action: '${n.snake}_record.transitioned',
      entityKind: '${n.snake}_record',
      entityId: r.id,
      orgId: r.org_id,
      data: { action: c.action, from: c.from, to: c.to, ...(reason ? { reason } : {}) },
    }),
  });
  return run(db, ctx, id, input.action);
}
`;

const routesTs = (n) => `import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { createRecord } from './commands/create-record.js';
import { transitionRecord } from './commands/transition.js';
import { ${n.camel}Policy } from './${n.name}.policy.js';
import { presentRecord } from './${n.name}.presenter.js';
import { listRecords, loadRecord } from './${n.name}.repo.js';
import { CreateRecordBody, RecordDto, RecordList, TransitionBody } from './${n.name}.schemas.js';
import { ${n.camel}Workflow } from './${n.name}.workflow.js';

/**
 * Thin routes: authenticate (401) → validate (400) → load through the visibility scope (404) → one command (403,
 * 409, 422 from the kernel) → present.
 */
export function ${n.camel}Routes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['${n.label}'];
  const entity = ${n.camel}Workflow.entity;

  r.get('/api/${n.name}/records', {
    schema: { tags, summary: '${n.entity}列表（按可见范围）', response: { 200: RecordList, ...errorResponses } },
    handler: async (req) => {
      const actor = requireActor(req);
      const rows = await listRecords(db, actor);
      return { items: rows.map((row) => presentRecord(actor, row)), abilities: { create: ${n.camel}Policy.create(actor) } };
    },
  });

  r.get('/api/${n.name}/records/:id', {
    schema: { tags, summary: '${n.entity}详情', params: UuidParam, response: { 200: RecordDto, ...errorResponses } },
    handler: async (req) => {
      const actor = requireActor(req);
      const row = await loadRecord(db, req.params.id);
      if (!row || !${n.camel}Policy.view(actor, row.org_path)) throw notFound(entity);
      return presentRecord(actor, row);
    },
  });

  r.post('/api/${n.name}/records', {
    schema: { tags, summary: '新建${n.entity}', body: CreateRecordBody, response: { 201: RecordDto, ...errorResponses } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const row = await createRecord(db, req.ctx, req.body);
      reply.status(201);
      return presentRecord(actor, row);
    },
  });

  r.post('/api/${n.name}/records/:id/transition', {
    schema: {
      tags,
      summary: '办理${n.entity}（提交、审核、退回）',
      params: UuidParam,
      body: TransitionBody,
      response: { 200: RecordDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const row = await transitionRecord(db, req.ctx, req.params.id, req.body);
      return presentRecord(actor, row);
    },
  });
}
`;

const moduleTs = (n) => `import type { ModuleManifest } from '../../platform/manifest.js';
import { ${n.camel}Routes } from './${n.name}.routes.js';
import { ${n.upper}_AUDIT_LABELS } from './${n.name}.tables.js';
import { ${n.camel}Workflow } from './${n.name}.workflow.js';

/**
 * ${n.label}（module \`${n.name}\`）. 待填写：one sentence — what the module runs, under which statute.
 * Everything the module contributes to the product is declared here (ARCHITECTURE §3a).
 */
export const ${n.camel}Module: ModuleManifest = {
  name: '${n.name}',
  label: '${n.label}',
  routes: ${n.camel}Routes,
  auditEvents: ${n.upper}_AUDIT_LABELS,
  workflows: [${n.camel}Workflow],
};
`;

const indexTs = (n) => `/**
 * The ${n.name} module's public face: the only file another module (or the module list) may import
 * (test/architecture.test.ts enforces it).
 */
export { ${n.camel}Module } from './${n.name}.module.js';
`;

const migrationTs = (n) => `import { type Kysely, sql } from 'kysely';

/**
 * ${n.label}（module \`${n.name}\`）: its records. Written by ${MARKER} for module \`${n.name}\`.
 * 待填写：the module's columns (and checks, indexes) — in this file until the first release, in a new migration
 * after it (migrations are forward-only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql\`
    create table ${n.snake}_records (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organizations(id),
      title text not null,
      status text not null default 'draft',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index ${n.snake}_records_org on ${n.snake}_records (org_id, created_at);
  \`.execute(db);
}
`;

const docMd = (n, migration) => `# ${n.label}（module \`${n.name}\`）

待填写：one paragraph — what this module runs, under which statute (full title and document number), for which
units, and what the public sees.

## What to fill in

1. \`src/modules/${n.name}/${n.name}.contract.ts\`: the statuses and actions with the statute's own Chinese names.
2. \`${n.name}.workflow.ts\`: replace every \`basis: '（填写法律依据条款）'\` with the article; check the parties and
   the gates (an earlier step missing: order gate, 409; a missing or invalid artefact: content gate, 422).
3. \`${n.name}.policy.ts\`: which roles make up each party.
4. \`${n.name}.tables.ts\` and \`${migration}\`: the module's columns.
5. \`commands/\`: one file per statutory act, run through the kernel's command frame, each with a doc comment
   naming its article; every write audited in the same transaction.
6. \`npm run docs\` to regenerate the table below; \`test/${n.name}/\` for the workflow and the HTTP story.

## 状态表：${n.entity}

<!-- workflow:${n.name}.record -->
<!-- /workflow:${n.name}.record -->
`;

const workflowTestTs = (n) => `import { describe } from 'node:test';
import { ${n.camel}Workflow } from '../../src/modules/${n.name}/${n.name}.workflow.js';
import { exhaustiveWorkflowTest } from '../helpers/workflow.js';

describe('${n.name}.record workflow', () => {
  exhaustiveWorkflowTest(${n.camel}Workflow, {
    terminal: ['approved'],
    met: { reason: '材料不全，请补正' },
    failing: { reasonGiven: { status: 'submitted', facts: { reason: '  ' } } },
  });
});
`;

const httpTestTs = (n) => `import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { refusalMatrix } from '../helpers/refusals.js';

/**
 * One ${n.entity} through the HTTP API: the unit creates and submits it, the reviewer approves it; then the
 * refusal rule, table-driven (test/helpers/refusals.ts). Demo users: staff and head (区市场监管局), leader (whole
 * district, read-only), liaison2 (江川街道, cannot see 区市场监管局's records).
 */
const clock = fixedClock('2026-06-15T02:00:00Z');
const base = '/api/${n.name}/records';
const step = (id: string, payload: Record<string, unknown>) => ({ method: 'POST' as const, url: \`\${base}/\${id}/transition\`, payload });

describe('${n.name}: create → list → transition over HTTP, and the refusal rule', () => {
  let t: TestApp;
  let staff: Session;
  let head: Session;
  let leader: Session;
  let other: Session;
  before(async () => {
    t = await createTestApp({ clock });
    [staff, head, leader, other] = await Promise.all(['staff', 'head', 'leader', 'liaison2'].map((u) => t.loginAs(u)));
  });
  after(() => t?.close());

  test('the unit creates and submits, the reviewer approves; each step audited at the clock’s time', async () => {
    const created = await t.call(staff, { method: 'POST', url: base, payload: { title: '示例${n.entity}一' } });
    assert.equal(created.statusCode, 201, created.body);
    const rec = created.json();
    assert.equal(rec.status, 'draft');
    assert.equal(rec.createdAt, '2026-06-15T02:00:00.000Z');
    assert.deepEqual(rec.abilities, { submit: true, approve: false, return: false });

    const list = await t.call(staff, { method: 'GET', url: base });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().items.map((i: { id: string }) => i.id),
      [rec.id],
    );
    assert.deepEqual((await t.call(other, { method: 'GET', url: base })).json().items, [], 'another unit sees nothing');

    clock.advance(3_600_000);
    const submitted = await t.call(staff, step(rec.id, { action: 'submit' }));
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, 'submitted');
    assert.equal(submitted.json().updatedAt, '2026-06-15T03:00:00.000Z');

    const approved = await t.call(head, step(rec.id, { action: 'approve' }));
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'approved');

    const events = await auditFor(t.db, '${n.snake}_record', rec.id);
    assert.deepEqual(
      events.map((e) => e.action),
      ['${n.snake}_record.created', '${n.snake}_record.transitioned', '${n.snake}_record.transitioned'],
    );
  });

  test('401 anonymous, 400 malformed, 404 invisible, 403 not a party, 409 out of order, 422 no reason; nothing written', async () => {
    const created = await t.call(staff, { method: 'POST', url: base, payload: { title: '示例${n.entity}二' } });
    const id = created.json().id as string;
    assert.equal((await t.call(staff, step(id, { action: 'submit' }))).statusCode, 200);
    await refusalMatrix(
      t,
      [
        { name: 'anonymous list', as: null, request: { method: 'GET', url: base }, status: 401, message: '登录' },
        { name: 'anonymous step', as: null, request: step(id, { action: 'approve' }), status: 401, message: '登录' },
        { name: 'unknown action', as: head, request: step(id, { action: 'publish' }), status: 400 },
        { name: 'title too short', as: staff, request: { method: 'POST', url: base, payload: { title: '甲' } }, status: 400 },
        { name: 'a record that does not exist', as: head, request: step(randomUUID(), { action: 'approve' }), status: 404 },
        { name: 'another unit’s record', as: other, request: step(id, { action: 'approve' }), status: 404 },
        { name: 'another unit’s record (detail)', as: other, request: { method: 'GET', url: \`\${base}/\${id}\` }, status: 404 },
        { name: 'read-only leader approves', as: leader, request: step(id, { action: 'approve' }), status: 403 },
        { name: 'the unit approves its own', as: staff, request: step(id, { action: 'approve' }), status: 403 },
        { name: 'read-only leader creates', as: leader, request: { method: 'POST', url: base, payload: { title: '示例' } }, status: 403 },
        { name: 'submit twice', as: staff, request: step(id, { action: 'submit' }), status: 409, message: '待审核' },
        { name: 'return without a reason', as: head, request: step(id, { action: 'return', reason: ' ' }), status: 422, message: '退回理由' },
      ],
      {
        tables: ['${n.snake}_records'],
        snapshot: () => t.db.selectFrom('${n.snake}_records').selectAll().where('id', '=', id).executeTakeFirst(),
      },
    );
    const back = await t.call(head, step(id, { action: 'return', reason: '材料不全，请补正' }));
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().status, 'draft');
  });
});
`;

const adminRoutesTsx = (n) => `import { AppstoreOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { ${n.pascal}RecordsPage } from './${n.pascal}RecordsPage';

export const ${n.camel}AdminRoutes: AdminRoute[] = [
  {
    path: '${n.name}',
    element: <${n.pascal}RecordsPage />,
    menu: { label: '${n.label}', group: '${n.label}', icon: <AppstoreOutlined />, order: 0 },
  },
];
`;

const adminPageTsx = (n) => `import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  ${n.upper}_ACTION_LABELS,
  ${n.upper}_ACTIONS,
  ${n.upper}_REASON_REQUIRED,
  ${n.upper}_STATUS_LABELS,
  type ${n.pascal}Action,
  type ${n.pascal}RecordDto,
} from '../../../../src/modules/${n.name}/${n.name}.contract';
import { fmtTime, get, post } from '../../shared/api';

interface Step {
  record: ${n.pascal}RecordDto;
  action: ${n.pascal}Action;
}

/** The ${n.entity} list: create one, and take the steps the server's abilities allow. */
export function ${n.pascal}RecordsPage() {
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [asking, setAsking] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({
    queryKey: ['${n.name}', 'records'],
    queryFn: () => get<{ items: ${n.pascal}RecordDto[]; abilities: { create: boolean } }>('/api/${n.name}/records'),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['${n.name}'] });
  const create = useMutation({
    mutationFn: (t: string) => post<${n.pascal}RecordDto>('/api/${n.name}/records', { title: t }),
    onSuccess: () => {
      setTitle('');
      refresh();
    },
  });
  const act = useMutation({
    mutationFn: (s: Step & { reason?: string }) =>
      post<${n.pascal}RecordDto>(\`/api/${n.name}/records/\${s.record.id}/transition\`, { action: s.action, reason: s.reason }),
    onSuccess: () => {
      setAsking(null);
      setReason('');
      refresh();
    },
  });
  const error = create.error ?? act.error ?? list.error;
  return (
    <>
      <Typography.Title level={2}>${n.label}</Typography.Title>
      {list.data?.abilities.create && (
        <Space.Compact style={{ marginBottom: 16, width: 480, maxWidth: '100%' }}>
          <Input placeholder="标题" aria-label="标题" value={title} onChange={(e) => setTitle(e.target.value)} />
          <Button type="primary" loading={create.isPending} onClick={() => create.mutate(title)}>
            新建${n.entity}
          </Button>
        </Space.Compact>
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={(error as Error).message} />}
      <Table<${n.pascal}RecordDto>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '所属单位', dataIndex: 'orgName' },
          { title: '状态', dataIndex: 'status', render: (s: ${n.pascal}RecordDto['status']) => <Tag>{${n.upper}_STATUS_LABELS[s]}</Tag> },
          { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => fmtTime(v) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, record: ${n.pascal}RecordDto) => (
              <Space wrap>
                {${n.upper}_ACTIONS.filter((a) => record.abilities[a]).map((action) => (
                  <Button
                    key={action}
                    size="small"
                    loading={act.isPending && act.variables?.record.id === record.id && act.variables.action === action}
                    onClick={() => (${n.upper}_REASON_REQUIRED.includes(action) ? setAsking({ record, action }) : act.mutate({ record, action }))}
                  >
                    {${n.upper}_ACTION_LABELS[action]}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={asking ? \`\${${n.upper}_ACTION_LABELS[asking.action]}：\${asking.record.title}\` : ''}
        open={asking !== null}
        okText="确定"
        cancelText="取消"
        confirmLoading={act.isPending}
        onOk={() => asking && act.mutate({ ...asking, reason })}
        onCancel={() => setAsking(null)}
      >
        <Input.TextArea aria-label="理由" placeholder="请写明理由" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
`;

const portalRoutesTsx = (n) => `import type { PortalRoute } from '../../admin/types';
import { ${n.pascal}PublicPage } from './${n.pascal}PublicPage';

// 待填写：add \`nav: { label: '${n.label}', order: 50 }\` once the page shows what the module publishes.
export const ${n.camel}PortalRoutes: PortalRoute[] = [{ path: '${n.name}', element: <${n.pascal}PublicPage /> }];
`;

const portalPageTsx = (n) => `import { Empty, Typography } from 'antd';

/** The public page of ${n.label}: empty until the module publishes something (read from /api/public/...). */
export function ${n.pascal}PublicPage() {
  return (
    <>
      <Typography.Title level={2}>${n.label}</Typography.Title>
      <Empty description="暂无公开信息" />
    </>
  );
}
`;

const args = parseArgs(process.argv.slice(2));
const names = namesOf(args.name, args.label, args.entity);
if (args.remove) remove(names, args.force);
else create(names);
