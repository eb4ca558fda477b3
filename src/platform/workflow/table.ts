import fs from 'node:fs';
import type { AnyWorkflow } from './define.js';

/**
 * The state table of a workflow, generated from its declaration. docs/modules/<module>.md carries it between
 * `<!-- workflow:<name> -->` and `<!-- /workflow:<name> -->`; `npm run docs` rewrites the blocks and a test
 * fails when a block differs from the declaration, so the documentation cannot drift from the code.
 */
const esc = (s: string) => s.replace(/\|/g, '\\|');

export function stateTableMarkdown(wf: AnyWorkflow): string {
  const st = (s: string) => `${wf.statusLabels[s] ?? s}（\`${s}\`）`;
  const head = ['| 操作 | action | 起始状态 | 结果状态 | 办理方 | 关口（不满足时） | 依据 |', '|---|---|---|---|---|---|---|'];
  const rows = wf.actionNames.map((a) => {
    const s = wf.actions[a];
    const to = s.to === 'same' ? '（不变）' : wf.targets(a).map(st).join(' / ');
    const gates = (s.gates ?? [])
      .map((g: { name: string; basis: string; refusal?: string }) => `\`${g.name}\`（${g.refusal === 'content' ? '422' : '409'}，${g.basis}）`)
      .join('；');
    return `| ${esc(s.label)} | \`${a}\` | ${s.from.map(st).join('、')} | ${to} | ${s.by.map((p: string) => wf.parties[p]).join('、')} | ${esc(gates || '—')} | ${esc(s.basis ?? '—')} |`;
  });
  return [...head, ...rows].join('\n');
}

export function mermaidDiagram(wf: AnyWorkflow): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${wf.initial}`];
  for (const s of wf.statuses) lines.push(`  ${s}: ${wf.statusLabels[s]}`);
  for (const a of wf.actionNames) {
    const s = wf.actions[a];
    for (const from of s.from)
      for (const to of wf.targets(a, from)) if (to !== from || s.to !== 'same') lines.push(`  ${from} --> ${to}: ${a}`);
  }
  return lines.join('\n');
}

/** The generated block for one workflow, with its markers. */
export function workflowDocBlock(wf: AnyWorkflow): string {
  return [
    `<!-- workflow:${wf.name} -->`,
    `<!-- 由 ${wf.name} 的流程声明生成（npm run docs），请勿手工修改 -->`,
    '',
    stateTableMarkdown(wf),
    '',
    '```mermaid',
    mermaidDiagram(wf),
    '```',
    `<!-- /workflow:${wf.name} -->`,
  ].join('\n');
}

/**
 * Rewrites (write = true) or compares the generated blocks of `workflows` in a Markdown file. Returns the names
 * whose block is missing or differs. A missing block is appended when writing.
 */
export function syncWorkflowDocs(file: string, workflows: AnyWorkflow[], write: boolean): string[] {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const stale: string[] = [];
  for (const wf of workflows) {
    const block = workflowDocBlock(wf);
    const re = new RegExp(`<!-- workflow:${wf.name.replace(/\./g, '\\.')} -->[\\s\\S]*?<!-- /workflow:${wf.name.replace(/\./g, '\\.')} -->`);
    const m = text.match(re);
    if (m?.[0] === block) continue;
    stale.push(wf.name);
    text = m ? text.replace(re, () => block) : `${text.trimEnd()}\n\n## 状态表：${wf.entity}\n\n${block}\n`;
  }
  if (write && stale.length) fs.writeFileSync(file, text);
  return stale;
}
