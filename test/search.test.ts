import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importLaws } from '../src/modules/laws/commands/import-laws.js';
import { readLawDir } from '../src/modules/laws/laws.files.js';
import { systemCtx } from '../src/platform/access/actor.js';
import { buildTsQuery, makeSnippet, queryWords, searchEntries, segmentForIndex } from '../src/platform/search/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const LAWS = path.resolve(import.meta.dirname, '../../shared/laws');

describe('search: segmentation and snippets (pure)', () => {
  test('legal terms stay whole; punctuation never reaches the tsquery', () => {
    assert.ok(segmentForIndex('行政规范性文件的合法性审查').split(' ').includes('规范性文件'));
    assert.ok(segmentForIndex('行政规范性文件的合法性审查').split(' ').includes('合法性审查'));
    assert.deepEqual(queryWords("行政复议'); drop table x; --"), ['行政复议', 'drop', 'table', 'x']);
    assert.equal(buildTsQuery('，。！'), null);
    assert.match(buildTsQuery('行政复议')!, /^\('行政复议' \| \('行政' & '复议'\)\)$/);
  });

  test('snippet: a window around the first hit, hits marked, text never interpreted as HTML', () => {
    const body = `${'前'.repeat(200)}申请<b>行政复议</b>的期限${'后'.repeat(200)}`;
    const parts = makeSnippet(body, ['行政复议', '复议'], 60);
    assert.equal(parts[0]!.text, '…');
    assert.ok(parts.some((p) => p.hit && p.text === '行政复议'));
    assert.ok(parts.some((p) => p.text.includes('<b>')));
    assert.equal(parts.at(-1)!.text, '…');
  });
});

describe('search relevance on real statutes (../shared/laws)', {
  skip: fs.existsSync(LAWS) ? false : `跳过：未找到法规语料目录 ${LAWS}`,
}, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    const files = [
      ...readLawDir(path.join(LAWS, '诉讼与非诉讼程序法')),
      ...readLawDir(path.join(LAWS, '行政法')),
      ...readLawDir(path.join(LAWS, '行政法规'), (rel) => /复议|信息公开|重大行政决策|优化营商/.test(rel)),
    ];
    const s = await importLaws(t.db, systemCtx('test'), files, 'test');
    assert.ok(s.imported > 120, `imported ${s.imported}`);
  });
  after(() => t.close());

  test('行政复议 ranks the current 行政复议法 first, its earlier version and implementing regulation next', async () => {
    const r = await searchEntries(t.db, { q: '行政复议', limit: 5 });
    assert.ok(r.total > 20, `total ${r.total}`);
    assert.equal(r.items[0]!.title, '中华人民共和国行政复议法');
    assert.equal(r.items[0]!.status, 'current');
    assert.equal(r.items[0]!.year, 2023);
    const top3 = r.items.slice(0, 3).map((i) => i.title);
    assert.ok(top3.includes('中华人民共和国行政复议法实施条例'), top3.join('、'));
    assert.ok(r.items[0]!.snippet.some((p) => p.hit && p.text.includes('复议')));
  });

  test('other statutes are found by their subject; the plain scan agrees on the match set', async () => {
    const r = await searchEntries(t.db, { q: '政府信息公开', limit: 3 });
    assert.equal(r.items[0]!.title, '中华人民共和国政府信息公开条例');
    const acts = await searchEntries(t.db, { q: '重大行政决策 程序', limit: 3 });
    assert.equal(acts.items[0]!.title, '重大行政决策程序暂行条例');
    const none = await searchEntries(t.db, { q: '量子纠缠通信协议', limit: 3 });
    assert.equal(none.total, 0);
  });

  test('public search endpoint: timing, pagination, kind filter, 400 on an empty query', async () => {
    const res = await t.call(null, {
      method: 'GET',
      url: `/api/public/search?q=${encodeURIComponent('行政复议')}&kind=law&pageSize=2&page=2`,
    });
    assert.equal(res.statusCode, 200);
    const b = res.json();
    assert.equal(b.items.length, 2);
    assert.ok(typeof b.tookMs === 'number');
    assert.equal((await t.call(null, { method: 'GET', url: '/api/public/search?q=%20' })).statusCode, 400);
  });
});
