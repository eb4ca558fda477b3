import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { normativeIndicators } from '../../src/modules/normative-docs/normative.indicators.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeNormativeDoc } from '../factories/normative-docs.js';

/**
 * A stock is counted as of the end of the year from the documents' own dates (施行, 失效/废止, 有效期), never
 * from today's status: a document published in 2024 is not "in force" in 2023's figures.
 */
describe('normative figures are point-in-time: documents in force at the end of each year', () => {
  let t: TestApp;
  let orgId: string;
  const inForce = normativeIndicators.find((i) => i.code === 'normative.in_force_count')!;
  const figure = async (year: number) => {
    const r = await inForce.compute(t.db, { year, orgId, today: '2026-12-07' });
    return { value: r.value, titles: r.records.map((x) => x.label).sort() };
  };

  before(async () => {
    t = await createTestApp();
    orgId = await t.orgId('SCJ');
    const doc = (title: string, status: 'in_force' | 'expired' | 'repealed' | 'draft', columns: object) =>
      makeNormativeDoc(t, { status, title, columns });
    await doc('甲：2022年施行，有效期至2027年', 'in_force', {
      published_on: '2022-03-01',
      effective_on: '2022-04-01',
      valid_until: '2027-03-31',
      registration_no: null,
    });
    await doc('乙：2023年施行，2024年废止', 'repealed', {
      published_on: '2023-06-01',
      effective_on: '2023-07-01',
      valid_until: '2028-06-30',
      ended_on: '2024-05-01',
      registration_no: null,
    });
    await doc('丙：2024年底公布，2025年施行', 'in_force', {
      published_on: '2024-12-20',
      effective_on: '2025-01-01',
      valid_until: '2029-12-31',
      registration_no: null,
    });
    await doc('丁：有效期至2023年6月30日届满失效', 'expired', {
      published_on: '2021-01-05',
      effective_on: '2021-01-05',
      valid_until: '2023-06-30',
      ended_on: '2023-07-01',
      registration_no: null,
    });
    await doc('戊：仍在起草', 'draft', {});
  });
  after(() => t?.close());

  test('each year counts what was in force on 31 December of that year', async () => {
    assert.deepEqual(await figure(2022), {
      value: 2,
      titles: ['丁：有效期至2023年6月30日届满失效', '甲：2022年施行，有效期至2027年'],
    });
    assert.deepEqual(await figure(2023), {
      value: 2,
      titles: ['乙：2023年施行，2024年废止', '甲：2022年施行，有效期至2027年'],
    });
    assert.deepEqual(await figure(2024), { value: 1, titles: ['甲：2022年施行，有效期至2027年'] });
    assert.deepEqual(await figure(2025), {
      value: 2,
      titles: ['丙：2024年底公布，2025年施行', '甲：2022年施行，有效期至2027年'],
    });
  });

  test('the current year is counted as of today, and the basis says the date', async () => {
    const r = await inForce.compute(t.db, { year: 2026, orgId, today: '2026-12-07' });
    assert.equal(r.value, 2);
    assert.match(r.basis, /截至2026-12-07/);
  });
});
