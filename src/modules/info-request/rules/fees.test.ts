import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../../calendar/index.ts';
import { FeeMethodConflictError, InfoRequestRuleError } from './errors.ts';
import {
  assertSingleFeeMethod,
  feePaymentDueOn,
  marginalPerItemFee,
  quotePerItem,
  quotePerItemUnits,
  quotePerPage,
} from './fees.ts';

const cal = bundledWorkCalendar();

describe('国办函〔2020〕109号第四条 — 按件计收 per applicant per calendar month (RULES rule 23)', () => {
  const marginal: [number, number][] = [
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [35, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [61, 500],
  ];
  for (const [n, price] of marginal) {
    test(`RULES rule 23: application no. ${n} of the month costs ${price} 元`, () => {
      assert.equal(marginalPerItemFee(n), price);
    });
  }

  test('RULES rule 23: 35 applications in a month total 3 000 元 (20 × 100 + 5 × 200)', () => {
    const q = quotePerItem(35);
    assert.equal(q.method, 'perItem');
    assert.equal(q.amount, 3000);
    assert.deepEqual(q.bands, [
      { from: 1, to: 10, count: 10, unitPrice: 0, amount: 0 },
      { from: 11, to: 30, count: 20, unitPrice: 100, amount: 2000 },
      { from: 31, to: 35, count: 5, unitPrice: 200, amount: 1000 },
    ]);
    assert.match(q.basis, /第四条/);
  });

  test('RULES rule 23: the 35th application alone costs 200 元; units of a split request are priced in sequence', () => {
    assert.equal(quotePerItemUnits(34, 1).amount, 200);
    assert.equal(quotePerItemUnits(8, 4).amount, 200);
    assert.equal(quotePerItem(10).amount, 0);
    assert.deepEqual(quotePerItem(0).bands, []);
  });

  test('109号第四条: the total is the sum of the marginal prices (超额累进)', () => {
    for (let n = 0; n <= 80; n++) {
      let total = 0;
      for (let i = 1; i <= n; i++) total += marginalPerItemFee(i);
      assert.equal(quotePerItem(n).amount, total, `n = ${n}`);
    }
  });
});

describe('国办函〔2020〕109号第五条 — 按量计收 per application (RULES rule 24)', () => {
  const cases: [number, number][] = [
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ];
  for (const [pages, amount] of cases) {
    test(`RULES rule 24: ${pages} pages ⇒ ${amount} 元`, () => {
      assert.equal(quotePerPage(pages).amount, amount);
    });
  }

  test('RULES rule 24: 250 pages = 70 × 10 + 100 × 20 + 50 × 40, shown by band', () => {
    const q = quotePerPage(250);
    assert.equal(q.method, 'perPage');
    assert.deepEqual(q.bands, [
      { from: 1, to: 30, count: 30, unitPrice: 0, amount: 0 },
      { from: 31, to: 100, count: 70, unitPrice: 10, amount: 700 },
      { from: 101, to: 200, count: 100, unitPrice: 20, amount: 2000 },
      { from: 201, to: 250, count: 50, unitPrice: 40, amount: 2000 },
    ]);
    assert.ok(Number.isInteger(q.amount));
  });

  const invalid: [string, () => unknown][] = [
    ['negative pages', () => quotePerPage(-1)],
    ['fractional pages', () => quotePerPage(2.5)],
    ['application number 0', () => marginalPerItemFee(0)],
    ['negative monthly count', () => quotePerItem(-3)],
  ];
  for (const [name, fn] of invalid) {
    test(`109号: ${name} is refused with a Chinese message`, () => {
      assert.throws(
        fn,
        (e: unknown) =>
          e instanceof InfoRequestRuleError && e.code === 'fee.invalidQuantity' && /[\u4e00-\u9fff]/.test(e.message),
      );
    });
  }
});

describe('国办函〔2020〕109号第三条 — one method per application (RULES rule 25)', () => {
  test('RULES rule 25: an application cannot carry both a 按件 and a 按量 charge', () => {
    assert.throws(() => assertSingleFeeMethod([quotePerItem(12), quotePerPage(40)]), FeeMethodConflictError);
  });
  test('RULES rule 25: one method is accepted, no charge gives null', () => {
    assert.equal(assertSingleFeeMethod([quotePerPage(40)]), 'perPage');
    assert.equal(assertSingleFeeMethod([{ method: 'perItem' }, { method: 'perItem' }]), 'perItem');
    assert.equal(assertSingleFeeMethod([]), null);
  });
});

describe('信息处理费 payment window — 20 working days after the notice is received (RULES rule 26)', () => {
  const cases = [
    {
      name: 'RULES rule 26: notice received 2025-01-20 ⇒ pay by 2025-02-21 (Spring Festival skipped)',
      on: '2025-01-20',
      due: '2025-02-21',
    },
    {
      name: 'RULES rule 26: notice received 2025-09-26 ⇒ pay by 2025-10-30 (National Day skipped)',
      on: '2025-09-26',
      due: '2025-10-30',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = feePaymentDueOn(cal, c.on);
      assert.equal(d.dueOn, c.due);
      assert.equal(d.workingDays, 20);
      assert.match(d.explanation, /第20个工作日/);
    });
  }
});
