// Organisations as an Excel list (组织机构名单): the list units exchange, exported, and imported all-or-nothing
// with row-level errors. One sheet, one row per unit; a unit names its parent by the parent's unit code, which
// may be an existing unit or one earlier or later in the same file.
import ExcelJS from 'exceljs';
import type { RequestCtx } from '../../platform/access/actor.js';
import type { Db } from '../../platform/db/engine.js';
import { AppError } from '../../platform/errors.js';
import { insertOrg } from './commands/create-org.js';
import { ORG_KIND_LABELS, type OrgKindCode } from './identity.contract.js';

const COLUMNS = [
  { key: 'name', header: '单位名称', width: 30 },
  { key: 'shortName', header: '简称', width: 14 },
  { key: 'kind', header: '类型', width: 10 },
  { key: 'code', header: '单位代码', width: 14 },
  { key: 'parentCode', header: '上级单位代码', width: 14 },
  { key: 'sortOrder', header: '排序', width: 8 },
] as const;

const KIND_BY_LABEL = new Map(Object.entries(ORG_KIND_LABELS).map(([k, v]) => [v, k as OrgKindCode]));
const CODE = /^[A-Za-z0-9_-]{2,32}$/;
export const MAX_IMPORT_ROWS = 5000;

async function book(rows: (string | number | null)[][], withHelp: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位名单');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  if (withHelp) {
    const help = wb.addWorksheet('填写说明');
    for (const line of [
      '每行一个单位。单位名称、类型、单位代码、上级单位代码必填（本级政府已存在，不在此表中导入）。',
      `类型填写：${Object.values(ORG_KIND_LABELS).join('、')}。`,
      '单位代码：2–32 位字母、数字、下划线或连字符，全系统唯一。',
      '上级单位代码：已有单位的代码，或本表中另一行的单位代码。',
      '导入时逐行校验：任何一行有错误，整个文件都不导入，并列出出错的行号和原因。',
    ])
      help.addRow([line]);
    help.getColumn(1).width = 90;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import template: the header row, one example row, and the instructions. */
export function orgTemplate(): Promise<Buffer> {
  return book([['区司法局', '司法局', '部门', 'SFJ', 'ROOT', 10]], true);
}

/** Every unit, in tree order, with its parent's code. */
export async function exportOrgs(db: Db): Promise<Buffer> {
  const rows = await db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['o.name', 'o.short_name', 'o.kind', 'o.code', 'p.code as parent_code', 'o.sort_order'])
    .orderBy('o.path')
    .execute();
  return book(
    rows.map((r) => [
      r.name,
      r.short_name,
      ORG_KIND_LABELS[r.kind as OrgKindCode] ?? r.kind,
      r.code,
      r.parent_code,
      r.sort_order,
    ]),
    false,
  );
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};

/**
 * Imports the units of an Excel file, all or nothing: every row is checked first (name, type, code, parent; codes
 * unique in the file and in the system), and any error refuses the whole file (422) with each row's number and
 * reason; otherwise every unit is created in one transaction, parents before children, each audited.
 */
export async function importOrgs(db: Db, ctx: RequestCtx, file: Buffer): Promise<{ created: number }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('unprocessable', '无法读取文件：请上传 Excel（.xlsx）文件，可先下载导入模板。', {
      field: 'file',
    });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('unprocessable', '文件中没有工作表。', { field: 'file' });
  const header = COLUMNS.map((_, i) => text(ws.getRow(1).getCell(i + 1).value));
  const missing = COLUMNS.filter((c, i) => header[i] !== c.header).map((c) => c.header);
  if (missing.length)
    throw new AppError(
      'unprocessable',
      `表头与模板不一致（应依次为：${COLUMNS.map((c) => c.header).join('、')}），请使用导入模板。`,
      {
        field: 'file',
      },
    );
  const existing = await db.selectFrom('organizations').select(['id', 'code', 'name', 'parent_id']).execute();
  const byCode = new Map(existing.filter((o) => o.code).map((o) => [o.code!.toUpperCase(), o.id]));
  const errors: ImportError[] = [];
  const rows: {
    row: number;
    name: string;
    shortName: string | null;
    kind: OrgKindCode;
    code: string;
    parentCode: string;
    sortOrder: number;
  }[] = [];
  const seen = new Map<string, number>();
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cell = (i: number) => text(r.getCell(i + 1).value);
    const [name, shortName, kindLabel, code, parentCode, sortText] = COLUMNS.map((_, i) => cell(i));
    if (![name, shortName, kindLabel, code, parentCode, sortText].some(Boolean)) return; // an empty line
    const err = (column: string, message: string) => errors.push({ row: n, column, message });
    if (name!.length < 2 || name!.length > 60) err('单位名称', '单位名称应为 2–60 个字');
    const kind = KIND_BY_LABEL.get(kindLabel!);
    if (!kind) err('类型', `类型“${kindLabel}”无效，应为：${Object.values(ORG_KIND_LABELS).join('、')}`);
    else if (kind === 'government') err('类型', '本级政府已存在，不能导入另一个政府');
    if (!CODE.test(code!)) err('单位代码', '单位代码应为 2–32 位字母、数字、下划线或连字符');
    else if (byCode.has(code!.toUpperCase())) err('单位代码', `单位代码“${code}”已被现有单位使用`);
    else if (seen.has(code!.toUpperCase()))
      err('单位代码', `单位代码“${code}”与第 ${seen.get(code!.toUpperCase())} 行重复`);
    else seen.set(code!.toUpperCase(), n);
    if (!parentCode) err('上级单位代码', '请填写上级单位代码');
    const sortOrder = sortText ? Number(sortText) : 0;
    if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 100000) err('排序', '排序应为 0–100000 的整数');
    if (shortName && shortName.length > 20) err('简称', '简称不能超过 20 个字');
    rows.push({
      row: n,
      name: name!,
      shortName: shortName || null,
      kind: kind ?? 'other',
      code: code!,
      parentCode: parentCode!,
      sortOrder,
    });
  });
  if (rows.length === 0 && errors.length === 0)
    throw new AppError('unprocessable', '文件中没有单位数据（第 2 行起每行一个单位）。', { field: 'file' });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError('unprocessable', `一次最多导入 ${MAX_IMPORT_ROWS} 个单位，本文件有 ${rows.length} 个。`, {
      field: 'file',
    });
  for (const r of rows)
    if (r.parentCode && !byCode.has(r.parentCode.toUpperCase()) && !seen.has(r.parentCode.toUpperCase()))
      errors.push({
        row: r.row,
        column: '上级单位代码',
        message: `上级单位代码“${r.parentCode}”既不是现有单位，也不在本表中`,
      });
  if (errors.length)
    throw new AppError(
      'unprocessable',
      `有 ${errors.length} 处错误，整个文件未导入：${errors
        .slice(0, 5)
        .map((e) => `第 ${e.row} 行${e.column}：${e.message}`)
        .join('；')}${errors.length > 5 ? '……' : ''}`,
      {
        field: 'file',
        errors,
      },
    );
  // Parents first: a row waits until its parent exists (in the system or created earlier in this transaction).
  await db.transaction().execute(async (trx) => {
    const ids = new Map(byCode);
    let pending = rows;
    while (pending.length) {
      const ready = pending.filter((r) => ids.has(r.parentCode.toUpperCase()));
      if (ready.length === 0)
        throw new AppError(
          'unprocessable',
          `第 ${pending.map((r) => r.row).join('、')} 行的上级单位互相引用，无法确定层级。`,
          {
            field: 'file',
            errors: pending.map((r) => ({ row: r.row, column: '上级单位代码', message: '上级单位互相引用' })),
          },
        );
      for (const r of ready) {
        const o = await insertOrg(trx, ctx, {
          parentId: ids.get(r.parentCode.toUpperCase())!,
          name: r.name,
          shortName: r.shortName,
          kind: r.kind,
          code: r.code,
          sortOrder: r.sortOrder,
        }).catch((e: unknown) => {
          // e.g. a unit of the same name under the same parent: the whole file is refused, naming the row.
          if (!(e instanceof AppError)) throw e;
          throw new AppError('unprocessable', `第 ${r.row} 行：${e.message}整个文件未导入。`, {
            field: 'file',
            errors: [{ row: r.row, column: '单位名称', message: e.message }],
          });
        });
        ids.set(r.code.toUpperCase(), o.id);
      }
      pending = pending.filter((r) => !ready.includes(r));
    }
  });
  return { created: rows.length };
}
