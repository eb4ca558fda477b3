import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../src/platform/errors.js';
import { contentHash, nextVersion } from '../../src/procedures/public-list/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof AppError);
    return e.code;
  }
};

describe('versioned public list kernel', () => {
  const content = { items: [{ title: '甲' }, { title: '乙' }] };

  test('the first publication is version 1; the hash is of the canonical JSON (key order does not matter)', () => {
    const v = nextVersion({ prev: undefined, content, label: '目录' });
    assert.equal(v.version, 1);
    assert.equal(v.contentHash, contentHash({ items: [{ title: '甲' }, { title: '乙' }] }));
    assert.equal(contentHash({ a: 1, b: 2 }), contentHash({ b: 2, a: 1 }));
    assert.notEqual(contentHash({ a: 1 }), contentHash({ a: 2 }));
  });

  test('a republication is a correction: unchanged → 409; without a reason → 422 naming reason; else the next version', () => {
    const prev = { version: 2, contentHash: contentHash(content) };
    assert.equal(
      code(() => nextVersion({ prev, content, label: '目录', reason: '更正错漏事项' })),
      'conflict',
    );
    const changed = { items: [{ title: '甲' }] };
    assert.equal(
      code(() => nextVersion({ prev, content: changed, label: '目录', reason: ' 更正 ' })),
      'unprocessable',
    );
    const v = nextVersion({ prev, content: changed, label: '目录', reason: '删除已撤回事项' });
    assert.deepEqual([v.version, v.reason], [3, '删除已撤回事项']);
  });

  test('a list adjusted as circumstances change may take neither rule', () => {
    const prev = { version: 1, contentHash: contentHash(content) };
    const v = nextVersion({
      prev,
      content,
      label: '目录',
      correction: { requireReason: false, refuseUnchanged: false },
    });
    assert.equal(v.version, 2);
  });
});
