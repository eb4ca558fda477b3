import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

const HEADER = ['单位名称', '简称', '类型', '单位代码', '上级单位代码', '排序'];

async function xlsx(rows: (string | number)[][], header = HEADER): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('organisations import and export as Excel: a template, row-level errors, all or nothing', () => {
  let t: TestApp;
  let admin: Session;
  let liaison: Session;
  let rootCode: string;
  before(async () => {
    t = await createTestApp();
    admin = await t.loginAs('admin');
    liaison = await t.loginAs('liaison');
    rootCode = (
      await t.db.selectFrom('organizations').select('code').where('parent_id', 'is', null).executeTakeFirstOrThrow()
    ).code!;
  });
  after(() => t?.close());
  const count = async () => (await t.db.selectFrom('organizations').select('id').execute()).length;
  const upload = (s: Session, contentBase64: string) =>
    t.call(s, { method: 'POST', url: '/api/orgs/import', payload: { fileName: '单位.xlsx', contentBase64 } });

  test('the template and the export are real workbooks with the list’s columns', async () => {
    for (const url of ['/api/orgs/template.xlsx', '/api/orgs/export.xlsx']) {
      const r = await t.call(admin, { method: 'GET', url });
      assert.equal(r.statusCode, 200, url);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), HEADER);
      if (url.includes('export')) assert.equal(ws.rowCount - 1, await count());
    }
  });

  test('one bad row refuses the whole file, naming every row and column at fault; nothing is written', async () => {
    const before = await count();
    const file = await xlsx([
      ['区档案馆', '档案馆', '部门', 'DAG', rootCode, 1],
      ['区档案馆一科', '', '科室', 'DAG1', 'DAG', 2],
      ['区档案馆二科', '', '内设机构', 'DAG', 'DAG', 3],
      ['区某中心', '', '部门', 'MZX', 'NOPE', 4],
    ]);
    const r = await upload(admin, file);
    assert.equal(r.statusCode, 422, r.body);
    const errors = r.json().details.errors as { row: number; column: string }[];
    assert.deepEqual(
      errors.map((e) => `${e.row}:${e.column}`),
      ['3:类型', '4:单位代码', '5:上级单位代码'],
    );
    assert.equal(await count(), before);
  });

  test('a valid file: every unit created under its parent, children before or after their parents in the file', async () => {
    const before = await count();
    const r = await upload(
      admin,
      await xlsx([
        ['区档案馆一科', '', '内设机构', 'DAG1', 'DAG', 2],
        ['区档案馆', '档案馆', '部门', 'DAG', rootCode, 1],
      ]),
    );
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().created, 2);
    assert.equal(await count(), before + 2);
    const child = await t.db
      .selectFrom('organizations as c')
      .innerJoin('organizations as p', 'p.id', 'c.parent_id')
      .select(['p.code'])
      .where('c.code', '=', 'DAG1')
      .executeTakeFirstOrThrow();
    assert.equal(child.code, 'DAG');
    const audited = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'org.created').execute();
    assert.ok(audited.length >= 2);
  });

  test('refusals: not an administrator 403, not a workbook 422, wrong header 422', async () => {
    assert.equal((await upload(liaison, await xlsx([]))).statusCode, 403);
    const junk = await upload(admin, Buffer.from('not a workbook').toString('base64'));
    assert.equal(junk.statusCode, 422);
    assert.match(junk.json().message, /无法读取文件/);
    const header = await upload(admin, await xlsx([['x', '', '部门', 'XX', rootCode, 1]], ['名称', '类型']));
    assert.equal(header.statusCode, 422);
    assert.match(header.json().message, /表头与模板不一致/);
  });
});
