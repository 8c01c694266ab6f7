// Unit tests of the annual report's small pure pieces: last year's narrative carried over, the
// staff-figure form, output kinds, the export grids' merged cells and the workflow states.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { feesText, legacyFeeTerm } from './annual-report.legacy.ts';
import { carryNarrative } from './annual-report.service.ts';
import { parseFigures } from './annual-report.route-context.tsx';
import { outputKindOf } from './annual-report.build.tsx';
import { nextState } from './annual-report.states.ts';
import { table3Grid, table4Grid, table2Grid } from './exports/grid.ts';
import { emptyTable3 } from './queries/table3.query.ts';
import { emptyTable4 } from './queries/table4.query.ts';
import type { National2021ReportData } from './report-data.ts';

const data: National2021ReportData = {
  format: 'national2021',
  year: 2025,
  agency: { name: '永顺县灵溪镇人民政府', kind: 'town' },
  contact: {},
  narratives: {},
  table2: {
    regulation: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocument: { issued: 2, repealed: 1, inForce: 9 },
    administrativeLicensing: { decisions: 3 },
    administrativePenalty: { decisions: 0 },
    administrativeCoercion: { decisions: 0 },
    administrativeFee: { amount: 1.5 },
  },
  table3: emptyTable3(),
  table4: emptyTable4(),
};

describe('annual report units', () => {
  test("last year's narrative moves its years on by one", () => {
    assert.equal(carryNarrative('2024年，本镇……与2023年相比增加。', 2024), '2025年，本镇……与2024年相比增加。');
  });

  test('staff figures: non-negative numbers with a source note; 万元 may have decimals', () => {
    const ok = parseFigures({
      'v:table2.administrativeFee.amount': '1.25',
      'n:table2.administrativeFee.amount': '财政所票据',
    });
    assert.deepEqual(ok.errors, {});
    assert.deepEqual(ok.figures['table2.administrativeFee.amount'], { value: 1.25, note: '财政所票据' });
    const bad = parseFigures({
      'v:table2.administrativePenalty.decisions': '2.5',
      'n:table2.administrativePenalty.decisions': 'x',
      'v:table2.administrativeCoercion.decisions': '4',
    });
    assert.match(bad.errors['v:table2.administrativePenalty.decisions'] ?? '', /整数/);
    assert.match(bad.errors['n:table2.administrativeCoercion.decisions'] ?? '', /数据来源/);
    const noteOnly = parseFigures({ 'n:table2.administrativePenalty.decisions': '台账' });
    assert.match(noteOnly.errors['v:table2.administrativePenalty.decisions'] ?? '', /数值/);
  });

  test('output kinds by extension', () => {
    assert.equal(outputKindOf('a.HTML'), 'html');
    assert.equal(outputKindOf('a.htm'), 'html');
    assert.equal(outputKindOf('x/y.pdf'), 'pdf');
    assert.equal(outputKindOf('a.doc'), null);
  });

  test('export grids: every cell of the table is covered exactly once by one item', () => {
    for (const grid of [table2Grid(data), table3Grid(data), table4Grid(data)]) {
      const seen = new Map<string, number>();
      for (const it of grid.items) {
        for (let r = it.row; r < it.row + it.rowSpan; r++)
          for (let c = it.column; c < it.column + it.colSpan; c++)
            seen.set(`${r},${c}`, (seen.get(`${r},${c}`) ?? 0) + 1);
      }
      assert.equal(seen.size, grid.rowCount * grid.columnCount, grid.key);
      assert.ok(
        [...seen.values()].every((n) => n === 1),
        `${grid.key} has overlapping cells`,
      );
    }
    const t3 = table3Grid(data);
    assert.equal(t3.rowCount, 28);
    assert.equal(t3.columnCount, 10);
    assert.equal(table4Grid(data).columnCount, 15);
  });

  test('workflow: submit from draft or returned; review only when submitted; publish only when approved', () => {
    assert.equal(nextState('draft', 'submit'), 'submitted');
    assert.equal(nextState('returned', 'submit'), 'submitted');
    assert.equal(nextState('submitted', 'return'), 'returned');
    assert.equal(nextState('submitted', 'approve'), 'approved');
    assert.equal(nextState('approved', 'publish'), 'published');
    assert.equal(nextState('draft', 'publish'), null);
    assert.equal(nextState('published', 'submit'), null);
    assert.equal(nextState('imported', 'submit'), null);
  });
});

describe('legacy fees in the words of their year (2007 条例第二十七条; 2019 条例第四十二条, 国办函〔2020〕109号)', () => {
  const fees = (paidCount: number, charged = 0) => ({
    recorded: { informationProcessing: paidCount * 10, paidCount },
    charged,
    waived: 0,
    spending: 0,
    notes: { charged: '复印费台账', waived: '', spending: '' },
  });
  it('up to 2018: 检索、复制、邮寄等成本费用, never 信息处理费', () => {
    assert.equal(legacyFeeTerm(2018), '检索、复制、邮寄等成本费用');
    const paid = feesText(fees(2, 5), 2013);
    assert.match(
      paid,
      /按规定收取检索、复制、邮寄等成本费用20元（2件申请缴费）；缴费记录以外另收取检索、复制、邮寄等成本费用5元（复印费台账）/,
    );
    assert.match(feesText(fees(0), 2016), /没有收取检索、复制、邮寄等成本费用/);
    assert.doesNotMatch(`${paid}${feesText(fees(0), 2016)}`, /信息处理费/);
  });
  it('from 2021: 信息处理费', () => {
    assert.equal(legacyFeeTerm(2021), '信息处理费');
    assert.match(feesText(fees(1), 2025), /按规定收取信息处理费10元（1件申请缴费）/);
    assert.match(feesText(fees(0), 2025), /没有收取信息处理费/);
  });
});
