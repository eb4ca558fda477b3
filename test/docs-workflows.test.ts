import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { MODULES } from '../src/modules/index.js';
import { syncWorkflowDocs } from '../src/platform/workflow/index.js';

// The state tables in docs/modules/*.md are generated from the workflow declarations (`npm run docs`):
// a declaration changed without regenerating its documentation fails here.
test('every declared workflow has its generated state table in the module documentation, unchanged', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const withWorkflows = MODULES.filter((m) => m.workflows?.length);
  for (const m of withWorkflows) {
    const file = path.join(root, m.doc ?? `docs/modules/${m.name}.md`);
    assert.deepEqual(syncWorkflowDocs(file, m.workflows ?? [], false), [], `${path.relative(root, file)}: run npm run docs`);
  }
});
