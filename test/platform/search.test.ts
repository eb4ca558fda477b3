import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { importLaws } from '../../src/modules/laws/commands/import-laws.js';
import { readLawDir } from '../../src/modules/laws/laws.files.js';
import { systemCtx } from '../../src/platform/access/actor.js';
import {
  buildTsQuery,
  makeSnippet,
  queryWords,
  searchEntries,
  segmentForIndex,
} from '../../src/platform/search/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const LAWS = path.resolve(import.meta.dirname, '../../../shared/laws');

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

  /** Every match of the indexed search, page by page. */
  async function allMatches(q: string): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await searchEntries(t.db, { q, limit: 100, offset, countCap: 100_000 });
      ids.push(...page.items.map((i) => i.refId));
      if (page.items.length < 100) {
        assert.equal(page.totalCapped, false);
        assert.equal(ids.length, page.total, `${q}: total equals the matches listed`);
        return ids.sort();
      }
    }
  }

  /**
   * The same question answered without the index: an ILIKE scan of every entry's title and text. `whole`: each
   * query word occurs literally. Otherwise each word occurs literally or all of its sub-words do (the documented
   * matching rule, see buildTsQuery). The index matches tokens, the scan substrings, so the index must find
   * every `whole` match and nothing outside the sub-word scan.
   */
  async function scanMatches(q: string, whole: boolean): Promise<string[]> {
    const like = (w: string) => sql<boolean>`(e.title ilike ${`%${w}%`} or e.body ilike ${`%${w}%`})`;
    const conds = queryWords(q).map((w) => {
      const subs = segmentForIndex(w)
        .split(' ')
        .filter((x) => x !== w && x.length > 1);
      return subs.length > 1 && !whole ? sql`(${like(w)} or (${sql.join(subs.map(like), sql` and `)}))` : like(w);
    });
    const rows = await sql<{ ref_id: string }>`
      select e.ref_id from search_entries e where ${sql.join(conds, sql` and `)}`.execute(t.db);
    return rows.rows.map((r) => r.ref_id).sort();
  }

  test('other statutes are found by their subject; the plain scan agrees on the match set', async () => {
    const r = await searchEntries(t.db, { q: '政府信息公开', limit: 3 });
    assert.equal(r.items[0]!.title, '中华人民共和国政府信息公开条例');
    const acts = await searchEntries(t.db, { q: '重大行政决策 程序', limit: 3 });
    assert.equal(acts.items[0]!.title, '重大行政决策程序暂行条例');
    const none = await searchEntries(t.db, { q: '量子纠缠通信协议', limit: 3 });
    assert.equal(none.total, 0);
    for (const q of ['政府信息公开', '重大行政决策 程序', '行政复议', '听证 期限', '量子纠缠通信协议']) {
      const indexed = await allMatches(q);
      const whole = await scanMatches(q, true);
      const loose = await scanMatches(q, false);
      const has = new Set(indexed);
      assert.deepEqual(
        whole.filter((id) => !has.has(id)),
        [],
        `${q}: every entry containing the words literally is found`,
      );
      assert.deepEqual(
        indexed.filter((id) => !loose.includes(id)),
        [],
        `${q}: nothing is found that the scan does not contain`,
      );
      // What the scan finds beyond the index only has a sub-word as part of another word (重大行政处罚 has the
      // characters 大行 but not the word): check it against the stored tokens.
      for (const id of loose.filter((x) => !has.has(x))) {
        const e = await t.db
          .selectFrom('search_entries')
          .select(['title_tokens', 'body_tokens'])
          .where('ref_id', '=', id)
          .executeTakeFirstOrThrow();
        const tokens = new Set(`${e.title_tokens} ${e.body_tokens}`.split(' '));
        const wordMatches = (w: string) => {
          const subs = segmentForIndex(w)
            .split(' ')
            .filter((x) => x !== w && x.length > 1);
          return tokens.has(w) || (subs.length > 1 && subs.every((x) => tokens.has(x)));
        };
        assert.ok(!queryWords(q).every(wordMatches), `${q}: ${id} has every word as tokens but was not found`);
      }
      if (q !== '重大行政决策 程序') assert.deepEqual(indexed, loose, `${q}: index and scan agree`);
    }
    assert.ok((await allMatches('行政复议')).length > 20, 'the comparison is not between two empty sets');
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
