// Golden test (issue 5 acceptance): a fixture set of records for 灵溪镇 and 2025 produces tables
// 二/三/四 with the labels, order and merged structure of RULES.md §3 and hand-computed numbers;
// the roll-up of three agencies equals the cell-wise sum of their tables.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { findAgencyById } from '../../src/modules/agency/agency.repository.ts';
import {
  computeReport,
  previousCarriedForward,
  rollupFigures,
} from '../../src/modules/annual-report/annual-report.compute.ts';
import { openReport, saveFigures } from '../../src/modules/annual-report/annual-report.service.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { importReport } from '../../src/modules/annual-report/annual-report.import.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { sourceNotes, Table2, Table3, Table4 } from '../../src/modules/annual-report/annual-report.document.tsx';
import {
  checkAnnualReport,
  TABLE3_2021_ROW_KEYS,
  TABLE3_COLUMN_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
} from '../../src/modules/annual-report/index.ts';
import { emptyTable3Row } from '../../src/modules/annual-report/queries/table3.query.ts';
import { breakdownQuery } from '../../src/modules/annual-report/queries/breakdown.query.ts';
import { breakdownRow } from '../../src/modules/annual-report/annual-report.presenter.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { insertAppeal, insertApplication, insertDocument } from './fixtures.ts';

let env: TestEnv;
let ids: { lingxi: number; gaoping: number; shouche: number };

before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  const a = env.county.agencyIds;
  ids = { lingxi: a.lingxi ?? 0, gaoping: a.gaoping ?? 0, shouche: a.shouche ?? 0 };
  const db = env.database.db;
  const L = ids.lingxi;
  const app = (
    applicantKind: string,
    receivedOn: string,
    concludedOn: string | null,
    outcome: string | null,
    extra: { feePaidOn?: string; feePaidAmount?: number } = {},
  ) => insertApplication(db, { agencyId: L, applicantKind, receivedOn, concludedOn, outcome, ...extra });
  await app('naturalPerson', '2024-12-20', '2025-01-10', 'disclosed'); // 二 + （一）
  await app('naturalPerson', '2024-11-01', '2024-11-20', 'disclosed'); // not in 2025
  await app('naturalPerson', '2025-03-01', '2025-03-20', 'disclosed');
  await app('naturalPerson', '2025-04-01', '2025-04-25', 'partlyDisclosed');
  const ce = await app('commercialEnterprise', '2025-05-10', '2025-06-01', 'unavailable.notHeld', {
    feePaidOn: '2025-05-20',
    feePaidAmount: 30,
  });
  await app('commercialEnterprise', '2025-12-20', null, null); // 一 + 四
  await app('legalServiceProvider', '2025-07-01', '2025-07-15', 'withheld.thirdPartyRights');
  await app('naturalPerson', '2025-12-25', '2026-01-10', 'disclosed'); // concluded after the year: 四
  await app('otherOrganisation', '2025-02-02', '2025-02-20', 'notProcessed.repeated');
  await app('researchInstitution', '2024-12-28', null, null); // 二 + 四
  await app('naturalPerson', '2026-01-05', null, null); // next year
  await app('publicInterestOrganisation', '2025-08-08', '2025-08-30', 'otherOutcome.noCorrection');
  await insertApplication(db, {
    agencyId: ids.gaoping,
    applicantKind: 'naturalPerson',
    receivedOn: '2025-03-03',
    concludedOn: '2025-03-10',
    outcome: 'disclosed',
  });

  await insertAppeal(db, {
    infoRequestId: ce,
    agencyId: L,
    kind: 'reconsideration',
    filedOn: '2025-03-01',
    result: 'upheld',
    concludedOn: '2025-05-01',
  });
  await insertAppeal(db, {
    infoRequestId: ce,
    agencyId: L,
    kind: 'reconsideration',
    filedOn: '2025-09-01',
    result: 'pending',
  });
  await insertAppeal(db, {
    infoRequestId: ce,
    agencyId: L,
    kind: 'lawsuit',
    filedOn: '2025-06-01',
    result: 'corrected',
    concludedOn: '2025-08-01',
  });
  await insertAppeal(db, {
    infoRequestId: ce,
    agencyId: L,
    kind: 'lawsuit',
    afterReconsideration: true,
    filedOn: '2025-10-01',
    result: 'upheld',
    concludedOn: '2026-02-01',
  });
  await insertAppeal(db, {
    infoRequestId: ce,
    agencyId: L,
    kind: 'reconsideration',
    filedOn: '2024-05-01',
    result: 'upheld',
    concludedOn: '2024-06-01',
  });

  await insertDocument(db, { agencyId: L, docKind: 'normativeDocument', issuedOn: '2025-03-01' });
  await insertDocument(db, {
    agencyId: L,
    docKind: 'normativeDocument',
    issuedOn: '2023-05-05',
    repealedOn: '2025-06-30',
  });
  await insertDocument(db, { agencyId: L, docKind: 'normativeDocument', issuedOn: '2024-01-01' });
  await insertDocument(db, { agencyId: L, docKind: 'normativeDocument', issuedOn: '2025-04-04', published: false });
});
after(() => env.close());

async function compute(agencyIds: number[], figures = {}) {
  const agency = await findAgencyById(env.database.db, agencyIds[0] ?? 0);
  assert.ok(agency);
  return computeReport(env.database.db, { agency, year: 2025, agencyIds, figures, narratives: {}, drillBase: '/x' });
}

const row = (over: Partial<Record<string, number>>) => {
  const r = { ...emptyTable3Row(), ...over };
  r.total = TABLE3_COLUMN_KEYS.filter((k) => k !== 'total').reduce((a, k) => a + (r[k] ?? 0), 0);
  return r;
};

describe('annual report golden test (灵溪镇, 2025)', () => {
  test('table 三: hand-computed counts for every non-zero row, zeros elsewhere, identities hold', async () => {
    const { data } = await compute([ids.lingxi]);
    const expected: Record<string, ReturnType<typeof row>> = {
      newlyReceived: row({
        naturalPerson: 3,
        commercialEnterprise: 2,
        publicInterestOrganisation: 1,
        legalServiceProvider: 1,
        otherOrganisation: 1,
      }),
      carriedOver: row({ naturalPerson: 1, researchInstitution: 1 }),
      disclosed: row({ naturalPerson: 2 }),
      partlyDisclosed: row({ naturalPerson: 1 }),
      'withheld.thirdPartyRights': row({ legalServiceProvider: 1 }),
      'unavailable.notHeld': row({ commercialEnterprise: 1 }),
      'notProcessed.repeated': row({ otherOrganisation: 1 }),
      'otherOutcome.noCorrection': row({ publicInterestOrganisation: 1 }),
      total: row({
        naturalPerson: 3,
        commercialEnterprise: 1,
        legalServiceProvider: 1,
        otherOrganisation: 1,
        publicInterestOrganisation: 1,
      }),
      carriedForward: row({ naturalPerson: 1, commercialEnterprise: 1, researchInstitution: 1 }),
    };
    for (const key of TABLE3_2021_ROW_KEYS) assert.deepEqual(data.table3[key], expected[key] ?? row({}), `row ${key}`);
    assert.equal(data.table3.newlyReceived.total + data.table3.carriedOver.total, 10);
    assert.equal(data.table3.total.total + data.table3.carriedForward.total, 10);
    const identityErrors = checkAnnualReport(data).filter(
      (f) => f.code === 'table-identity' || f.code === 'invalid-number',
    );
    assert.deepEqual(identityErrors, []);
  });

  test('table 四: cases filed in the year by group and result at 31 December', async () => {
    const { data } = await compute([ids.lingxi]);
    assert.deepEqual(data.table4.reconsideration, { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    assert.deepEqual(data.table4.lawsuitDirect, { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    assert.deepEqual(data.table4.lawsuitAfterReconsideration, {
      upheld: 0,
      corrected: 0,
      other: 0,
      pending: 1,
      total: 1,
    });
  });

  test('table 二: released normative documents issued / repealed / in force; staff figures with their note', async () => {
    const c = await compute([ids.lingxi], {
      'table2.administrativeLicensing.decisions': { value: 12, note: '镇便民服务中心许可台账' },
      'table2.administrativeFee.amount': { value: 1.25, note: '财政所票据' },
    });
    assert.deepEqual(c.data.table2.normativeDocument, { issued: 1, repealed: 1, inForce: 2 });
    assert.deepEqual(c.data.table2.regulation, { issued: 0, repealed: 0, inForce: 0 });
    assert.equal(c.data.table2.administrativeLicensing.decisions, 12);
    assert.equal(c.data.table2.administrativeFee.amount, 1.25);
    assert.deepEqual(c.cells.table2['administrativeLicensing.decisions'], {
      source: 'staff',
      note: '镇便民服务中心许可台账',
    });
    assert.equal(c.cells.table2['administrativePenalty.decisions']?.source, 'none');
    // The report's footnote says which ※ figure each note explains.
    assert.deepEqual(sourceNotes(c.cells), [
      '行政许可本年处理决定数量：镇便民服务中心许可台账',
      '行政处罚本年处理决定数量：本系统尚无该项记录，工作人员未填报，按 0 计。',
      '行政强制本年处理决定数量：本系统尚无该项记录，工作人员未填报，按 0 计。',
      '行政事业性收费本年收费金额（单位：万元）：财政所票据',
    ]);
    // Without a staff figure, 行政许可 is the service hall's count of licence decisions (none here).
    const fromHall = await compute([ids.lingxi]);
    assert.equal(fromHall.data.table2.administrativeLicensing.decisions, 0);
    assert.equal(fromHall.cells.table2['administrativeLicensing.decisions']?.source, 'records');
    assert.equal(c.fees.informationProcessing, 30);
  });

  test('rendered tables: exact labels, order and merged cells of RULES.md §3', async () => {
    const { data } = await compute([ids.lingxi]);
    const t3 = renderToString(<Table3 data={data} labelledBy="t3" />);
    assert.match(
      t3,
      /<td rowspan="3" colspan="3" class="report-corner">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）<\/td>/,
    );
    assert.match(t3, /<th scope="colgroup" colspan="7">申请人情况<\/th>/);
    assert.match(
      t3,
      /<th scope="col" rowspan="2">自然人<\/th><th scope="colgroup" colspan="5">法人或其他组织<\/th><th scope="col" rowspan="2">总计<\/th>/,
    );
    assert.match(
      t3,
      /<th scope="col">商业企业<\/th><th scope="col">科研机构<\/th><th scope="col">社会公益组织<\/th><th scope="col">法律服务机构<\/th><th scope="col">其他<\/th>/,
    );
    assert.match(
      t3,
      /<th scope="row" colspan="3">一、本年新收政府信息公开申请数量<\/th><td>3<\/td><td>2<\/td><td>0<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>8<\/td>/,
    );
    assert.match(t3, /<th scope="rowgroup" rowspan="22">三、本年度办理结果<\/th>/);
    assert.match(t3, /<th scope="rowgroup" rowspan="8">（三）不予公开<\/th><th scope="row">1.属于国家秘密<\/th>/);
    const bodyRows = t3.split('<tbody>')[1]?.match(/<tr>/g)?.length;
    assert.equal(bodyRows, 25);
    const labels = [...t3.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(labels.slice(0, 4), [
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    ]);
    assert.equal(labels.at(-2), '（七）总计');
    assert.equal(labels.at(-1), '四、结转下年度继续办理');

    const t4 = renderToString(<Table4 data={data} labelledBy="t4" />);
    assert.match(
      t4,
      /<thead><tr><th scope="colgroup" colspan="5">行政复议<\/th><th scope="colgroup" colspan="10">行政诉讼<\/th><\/tr><tr><th scope="col" rowspan="2">结果维持<\/th>/,
    );
    assert.match(
      t4,
      /<th scope="colgroup" colspan="5">未经复议直接起诉<\/th><th scope="colgroup" colspan="5">复议后起诉<\/th>/,
    );
    assert.equal((t4.match(/<th scope="col"[^>]*>结果维持<\/th>/g) ?? []).length, 3);
    assert.match(
      t4,
      /<tbody><tr><td>1<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>2<\/td><td>0<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>1<\/td><\/tr><\/tbody>/,
    );

    const t2 = renderToString(<Table2 data={data} labelledBy="t2" />);
    const captions = [...t2.matchAll(/class="report-subcaption">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(captions, [
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
    ]);
    const rowLabels = [...t2.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(rowLabels, ['规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费']);
    assert.match(t2, /<th scope="row">行政规范性文件<\/th><td>1<\/td><td>1<\/td><td>2<\/td>/);
    assert.match(t2, /<th scope="col" colspan="3">本年收费金额（单位：万元）<\/th>/);
  });

  test('roll-up of staff figures: the sum, and a note saying how many agencies entered it', async () => {
    const ctx = systemContext(env.clock);
    for (const [id, value] of [
      [ids.lingxi, 5],
      [ids.gaoping, 2],
    ] as const) {
      const agency = await findAgencyById(env.database.db, id);
      await inTransaction(env.database.db, async (trx) => {
        const r = await openReport(trx, ctx, agency!, 2022);
        await saveFigures(trx, ctx, r, { 'table2.administrativePenalty.decisions': { value, note: '执法台账' } });
      });
    }
    const figures = await rollupFigures(env.database.db, [ids.lingxi, ids.gaoping, ids.shouche], 2022);
    assert.deepEqual(figures['table2.administrativePenalty.decisions'], {
      value: 7,
      note: '汇总范围内 2 个机构填报数之和，其余 1 个机构未填报，按 0 计',
    });
    const two = await rollupFigures(env.database.db, [ids.lingxi, ids.gaoping], 2022);
    assert.equal(two['table2.administrativePenalty.decisions']?.note, '汇总范围内 2 个机构填报数之和');
  });

  test('roll-up of three agencies equals the cell-wise sum of their tables', async () => {
    const db = env.database.db;
    await insertApplication(db, {
      agencyId: ids.shouche,
      applicantKind: 'commercialEnterprise',
      receivedOn: '2025-05-05',
      concludedOn: null,
      outcome: null,
    });
    const x = await insertApplication(db, {
      agencyId: ids.shouche,
      applicantKind: 'naturalPerson',
      receivedOn: '2024-10-05',
      concludedOn: '2025-02-02',
      outcome: 'withheld.stateSecret',
    });
    await insertAppeal(db, {
      infoRequestId: x,
      agencyId: ids.shouche,
      kind: 'reconsideration',
      filedOn: '2025-04-04',
      result: 'corrected',
      concludedOn: '2025-06-06',
    });
    await insertDocument(db, { agencyId: ids.gaoping, docKind: 'normativeDocument', issuedOn: '2025-09-09' });
    const parts = [await compute([ids.lingxi]), await compute([ids.gaoping]), await compute([ids.shouche])];
    const rollup = await compute([ids.lingxi, ids.gaoping, ids.shouche]);
    for (const r of TABLE3_2021_ROW_KEYS)
      for (const c of TABLE3_COLUMN_KEYS) {
        assert.equal(
          rollup.data.table3[r][c],
          parts.reduce((a, p) => a + p.data.table3[r][c], 0),
          `table3 ${r}.${c}`,
        );
      }
    for (const g of TABLE4_GROUP_KEYS)
      for (const o of TABLE4_OUTCOME_KEYS) {
        assert.equal(
          rollup.data.table4[g][o],
          parts.reduce((a, p) => a + p.data.table4[g][o], 0),
          `table4 ${g}.${o}`,
        );
      }
    for (const k of ['regulation', 'normativeDocument'] as const)
      for (const c of ['issued', 'repealed', 'inForce'] as const) {
        assert.equal(
          rollup.data.table2[k][c],
          parts.reduce((a, p) => a + p.data.table2[k][c], 0),
          `table2 ${k}.${c}`,
        );
      }
    assert.equal(rollup.fees.informationProcessing, 30);
    // The per-agency appendix (one GROUP BY per source) agrees with each agency's own tables.
    const names = new Map([
      [ids.lingxi, '灵溪镇'],
      [ids.gaoping, '高坪乡'],
      [ids.shouche, '首车镇'],
    ]);
    const appendix = await breakdownQuery(db, { agencyIds: [ids.lingxi, ids.gaoping, ids.shouche], year: 2025 }, names);
    assert.deepEqual(appendix, [
      breakdownRow('灵溪镇', parts[0] ?? rollup),
      breakdownRow('高坪乡', parts[1] ?? rollup),
      breakdownRow('首车镇', parts[2] ?? rollup),
    ]);
    // Non-trivial: each agency contributes something.
    assert.ok(parts.every((p) => p.data.table3.newlyReceived.total + p.data.table3.carriedOver.total > 0));
  });

  test('carry-over from an imported past report (rule 22): its 结转下年度 row is read from the text', async () => {
    const agency = await findAgencyById(env.database.db, ids.lingxi);
    assert.ok(agency);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(
      new URL('../fixtures/reports/clean-national2021-qingshi-town-2022.txt', import.meta.url),
      'utf8',
    );
    const r = await inTransaction(env.database.db, (trx) =>
      importReport(
        trx,
        { actorUserId: null, actorName: 'test', ip: '127.0.0.1', at: '2026-01-15T00:00:00.000Z' },
        agency,
        2024,
        text,
      ),
    );
    assert.deepEqual(r.figures.table3CarriedForward, { ...emptyTable3Row(), naturalPerson: 1, total: 1 });
    const prev = await previousCarriedForward(env.database.db, ids.lingxi, 2025);
    assert.deepEqual(prev, { ...emptyTable3Row(), naturalPerson: 1, total: 1 });
    // 2025's 上年结转 (1 自然人, 1 科研机构) differs from it: a carry-over warning.
    const { data } = await compute([ids.lingxi]);
    const findings = checkAnnualReport({ ...data, previousYearCarriedForward: prev });
    assert.ok(findings.some((f) => f.code === 'carry-over-mismatch' && f.severity === 'warning'));
  });
});
