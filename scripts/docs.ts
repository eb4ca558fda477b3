// `npm run docs`: rewrites the generated state-table blocks in each module's documentation from the workflow
// declarations (src/platform/workflow/table.ts). `--check` only reports blocks that differ (exit 1), which is
// what test/docs-workflows.test.ts asserts.
import path from 'node:path';
import { MODULES } from '../src/modules/index.js';
import { syncWorkflowDocs } from '../src/platform/workflow/index.js';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const m of MODULES) {
  if (!m.workflows?.length) continue;
  const file = path.join(root, m.doc ?? `docs/modules/${m.name}.md`);
  const names = syncWorkflowDocs(file, m.workflows, !check);
  stale += names.length;
  for (const n of names) console.log(`${check ? '过期' : '已更新'}：${path.relative(root, file)} ← ${n}`);
}
if (check && stale) process.exit(1);
console.log(stale ? `共 ${stale} 个状态表${check ? '与流程声明不一致' : '已重新生成'}` : '状态表与流程声明一致');
