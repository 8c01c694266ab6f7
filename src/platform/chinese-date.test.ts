import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beijingDate, beijingMinute, beijingSecond, chineseDate, withChineseDates } from './chinese-date.ts';

test('a date is written 2026年12月5日: year in full, no leading zeros', () => {
  for (const [iso, cn] of [
    ['2026-12-05', '2026年12月5日'],
    ['2027-01-05', '2027年1月5日'],
    ['2025-10-31', '2025年10月31日'],
    ['not a date', 'not a date'],
  ])
    assert.equal(chineseDate(iso as string), cn);
});

test('dates inside a text are converted, numbers that merely contain digits and dashes are not', () => {
  for (const [text, want] of [
    ['本机关将于2027-01-05前（含当日）作出答复。', '本机关将于2027年1月5日前（含当日）作出答复。'],
    ['自2026-12-07至2026-12-11', '自2026年12月7日至2026年12月11日'],
    ['申请编号 LINGXI-2025-0001', '申请编号 LINGXI-2025-0001'],
    ['电话 0743-5230501', '电话 0743-5230501'],
    ['编号 LINGXI-2025-12-01-7', '编号 LINGXI-2025-12-01-7'],
  ])
    assert.equal(withChineseDates(text as string), want);
});

test('a stored instant is shown in Beijing time to the minute, across midnight', () => {
  assert.equal(beijingMinute('2026-12-07T19:55:12.345Z'), '2026-12-08 03:55');
  assert.equal(beijingMinute('2026-01-15T02:00:00.000Z'), '2026-01-15 10:00');
  assert.equal(beijingSecond('2026-12-07T19:55:12.345Z'), '2026-12-08 03:55:12');
});

test('the Beijing day of a stored instant: a report published at 03:59 on the 8th is dated the 8th, not the UTC 7th', () => {
  assert.equal(beijingDate('2026-12-07T19:59:00.000Z'), '2026-12-08');
  assert.equal(beijingDate('2026-12-08T10:00:00.000Z'), '2026-12-08');
  assert.equal(beijingDate(null), '');
  assert.equal(beijingDate(''), '');
});
