// CSV parsing and writing (RFC 4180) for the item import/export, and the monthly counting rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsv, toCsv } from './csv.ts';
import { countCases, type CountableCase } from './service-hall.stats.ts';

describe('CSV', () => {
  test('quoted commas, quotes and line breaks survive a round trip; BOM and CRLF are handled', () => {
    const rows = [
      ['名称', '材料'],
      ['甲,乙', '身份证\n户口簿'],
      ['说"明"', ''],
    ];
    const text = toCsv(rows);
    assert.ok(text.startsWith('\ufeff'));
    assert.deepEqual(parseCsv(text), rows);
  });
  test('blank lines are dropped; an unclosed quote is refused in Chinese', () => {
    assert.deepEqual(parseCsv('a,b\r\n\r\nc,d\n'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.throws(() => parseCsv('a,"b\n'), /未闭合的引号/);
  });
  test('cells that a spreadsheet would run as formulas are defused on export', () => {
    assert.ok(toCsv([['=HYPERLINK("x")']]).includes(`"'=HYPERLINK(""x"")"`));
  });
});

describe('counting a month', () => {
  const base: CountableCase = {
    status: 'received',
    acceptedOn: null,
    dueOn: null,
    decidedOn: null,
    deemed: 0,
    rating: null,
  };
  test('in time, late, open past due, not yet due, deemed, not accepted', () => {
    const cases: CountableCase[] = [
      { ...base, status: 'decided', acceptedOn: '2025-06-03', dueOn: '2025-06-10', decidedOn: '2025-06-10' },
      { ...base, status: 'decided', acceptedOn: '2025-06-03', dueOn: '2025-06-10', decidedOn: '2025-06-11' },
      { ...base, status: 'inProcess', acceptedOn: '2025-06-03', dueOn: '2025-06-10' },
      { ...base, status: 'accepted', acceptedOn: '2025-06-20', dueOn: '2025-07-04' },
      {
        ...base,
        status: 'delivered',
        acceptedOn: '2025-06-03',
        dueOn: '2025-06-10',
        decidedOn: '2025-06-10',
        deemed: 1,
      },
      { ...base, status: 'notAccepted' },
      { ...base },
    ];
    assert.deepEqual(countCases(cases, '2025-07-01'), {
      received: 7,
      accepted: 5,
      completedInTime: 1,
      acceptedAndDue: 4,
      overdue: 2,
      deemedApprovals: 1,
    });
    assert.deepEqual(countCases([], '2025-07-01'), {
      received: 0,
      accepted: 0,
      completedInTime: 0,
      acceptedAndDue: 0,
      overdue: 0,
      deemedApprovals: 0,
    });
  });
});
