import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, isFormulaLike, neutraliseCell, restoreNeutralisedCell, toSafeCsv } from './formula-injection.ts';

test('cells a spreadsheet would run as a formula get a leading quote', () => {
  const cases: Array<[string, string]> = [
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","点此")', `'=HYPERLINK("http://evil.example","点此")`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(1,1)', "'@SUM(1,1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-', "'-"],
    ['--', "'--"],
    ['- 无', "'- 无"],
  ];
  for (const [input, expected] of cases) {
    assert.equal(isFormulaLike(input), true, input);
    assert.equal(neutraliseCell(input), expected, input);
  }
});

test('ordinary text and plain numbers stay as they are', () => {
  for (const value of ['', '张三', 'a=b', ' =1', '1+1', "'=1", '0571-87654321', '12', '-12', '+3', '-0.5', '１＝１'])
    assert.equal(neutraliseCell(value), value, JSON.stringify(value));
});

test('a neutralised cell is restored on import; nothing else changes', () => {
  for (const value of ['=1+1', '@x', '-a', '\t=1', '张三', "'plain", "'-12", '-12', ''])
    assert.equal(restoreNeutralisedCell(neutraliseCell(value)), value, JSON.stringify(value));
});

test('CSV fields are neutralised before quoting', () => {
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('=1+1'), "'=1+1");
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('甲,乙'), '"甲,乙"');
  assert.equal(
    toSafeCsv([
      ['名称', '值'],
      ['@A1', '-5'],
    ]),
    "\uFEFF名称,值\r\n'@A1,-5\r\n",
  );
});
