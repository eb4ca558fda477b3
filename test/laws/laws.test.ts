import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseLawMarkdown } from '../../src/modules/laws/laws.parser.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

const GOOD = `# 示例消费者权益保护条例

2021年3月1日 示例市人民代表大会常务委员会通过

2024年5月10日 修正

<!-- INFO END -->

## 第一章 总 则

第一条 为了保护消费者的合法权益，制定本条例。

第二条 消费者为生活消费需要购买、使用商品或者接受服务，适用本条例。

经营者应当依法提供商品或者服务。

## 第二章 附则

### 第一节 施行

第三条 本条例自公布之日起施行。
`;

describe('law parser', () => {
  test('title, history, chapters, sections, multi-paragraph articles, version from the history', () => {
    const r = parseLawMarkdown('示例消费者权益保护条例.md', GOOD);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.law.title, '示例消费者权益保护条例');
    assert.equal(r.law.versionDate, '2024-05-10');
    assert.equal(r.law.articles.length, 3);
    assert.equal(r.law.articles[1]!.number, '第二条');
    assert.match(r.law.articles[1]!.text, /\n经营者应当/);
    assert.equal(r.law.articles[2]!.chapter, '第二章 附则 第一节 施行');
  });

  test('the file name date wins; a bad date is reported', () => {
    const r = parseLawMarkdown('示例(2023-02-30).md', GOOD);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.errors[0]!.message, /不是有效日期/);
  });

  test('malformed files are reported line by line', () => {
    const noTitle = parseLawMarkdown('a.md', '示例条例\n\n第一条 内容。');
    assert.equal(noTitle.ok, false);
    if (!noTitle.ok) assert.deepEqual(noTitle.errors[0], { line: 1, message: '第一行应为“# 法规标题”' });
    const disorder = parseLawMarkdown('b.md', '# 示例\n\n第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n\n# 又一个标题\n');
    assert.equal(disorder.ok, false);
    if (!disorder.ok) {
      assert.deepEqual(
        disorder.errors.map((e) => e.line),
        [7, 9],
      );
      assert.match(disorder.errors[0]!.message, /重复或倒序/);
    }
    const empty = parseLawMarkdown('c.md', '   \n');
    assert.equal(empty.ok, false);
    const notMd = parseLawMarkdown('d.txt', GOOD);
    assert.equal(notMd.ok, false);
    const bodyless = parseLawMarkdown('e.md', '# 示例\n\n2020年1月1日 通过\n');
    assert.equal(bodyless.ok, false);
  });
});

describe('law import over HTTP', () => {
  let t: TestApp;
  let reviewer: Session;
  let liaison: Session;
  before(async () => {
    t = await createTestApp();
    reviewer = await t.loginAs('reviewer');
    liaison = await t.loginAs('liaison');
  });
  after(() => t.close());
  const files = [{ name: '示例消费者权益保护条例(2024-05-10).md', content: GOOD, category: '地方性法规' }];

  test('401 anonymous, 403 for a liaison, 400 on an empty batch', async () => {
    assert.equal((await t.call(null, { method: 'POST', url: '/api/laws/import', payload: { files } })).statusCode, 401);
    assert.equal(
      (await t.call(liaison, { method: 'POST', url: '/api/laws/import', payload: { files } })).statusCode,
      403,
    );
    const empty = await t.call(reviewer, { method: 'POST', url: '/api/laws/import', payload: { files: [] } });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().message, /至少选择一个/);
  });

  test('one malformed file rejects the batch with line numbers; nothing is imported', async () => {
    const res = await t.call(reviewer, {
      method: 'POST',
      url: '/api/laws/import',
      payload: { files: [...files, { name: '坏文件(2024-01-01).md', content: '坏文件\n第一条 甲。' }] },
    });
    assert.equal(res.statusCode, 422);
    const b = res.json();
    assert.match(b.message, /本次未导入任何内容/);
    assert.equal(b.details.files[0].name, '坏文件(2024-01-01).md');
    assert.equal(b.details.files[0].errors[0].line, 1);
    assert.equal((await t.db.selectFrom('laws').select('id').execute()).length, 0);
    assert.equal((await t.db.selectFrom('search_entries').select('id').execute()).length, 0);
  });

  test('a good batch imports, lists, shows articles, and is audited', async () => {
    const res = await t.call(reviewer, { method: 'POST', url: '/api/laws/import', payload: { files } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().imported, 1);
    const list = await t.call(liaison, { method: 'GET', url: '/api/laws?q=消费者' });
    assert.equal(list.json().total, 1);
    const id = list.json().items[0].id;
    const detail = await t.call(null, { method: 'GET', url: `/api/public/laws/${id}` });
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().articles.length, 3);
    assert.equal(
      (await t.call(null, { method: 'GET', url: '/api/public/laws/00000000-0000-4000-8000-000000000000' })).statusCode,
      404,
    );
    const audit = await t.db.selectFrom('audit_events').select('data').where('action', '=', 'law.imported').execute();
    assert.equal(audit.length, 1);
    const again = await t.call(reviewer, {
      method: 'POST',
      url: '/api/laws/import',
      payload: { files: [{ ...files[0]!, content: GOOD.replace('制定本条例', '特制定本条例') }] },
    });
    assert.equal(again.statusCode, 422, 'same version with a different text');
  });
});
