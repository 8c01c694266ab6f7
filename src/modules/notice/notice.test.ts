// Pure rules of the publicity notices (公示): the notice period, the table parser, the masked table
// and the CSV export.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ValidationError } from '../../platform/errors.ts';
import { bundledWorkCalendar } from '../calendar/index.ts';
import { computeEndDate, noticeRowsMasked, parseColumns, parseRows, toCsv } from './notice.service.ts';

const cal = bundledWorkCalendar();

describe('publicity period and table', () => {
  test('calendar days count the start day', () =>
    assert.equal(computeEndDate(cal, '2025-06-03', 7, 'calendar'), '2025-06-09'));
  test('working days start on the first working day on or after the start', () => {
    assert.equal(computeEndDate(cal, '2025-06-02', 5, 'working'), '2025-06-09'); // 06-02 is 端午
    assert.equal(computeEndDate(cal, '2025-06-03', 1, 'working'), '2025-06-03');
    assert.equal(computeEndDate(cal, '2025-09-29', 5, 'working'), '2025-10-11'); // 10-11 is an adjusted working Saturday
  });
  test('columns need a known kind; rows need the right number of cells', () => {
    assert.deepEqual(parseColumns('户主|姓名\n住址|地址\n金额'), [
      { label: '户主', kind: 'name' },
      { label: '住址', kind: 'address' },
      { label: '金额', kind: 'plain' },
    ]);
    assert.throws(
      () => parseColumns('户主|名字'),
      (e: ValidationError) => /类型为 姓名、身份证号、电话、银行卡号、地址 或 其他/.test(e.fields?.columns ?? ''),
    );
    assert.deepEqual(parseRows('张三\t灵溪镇A村1组\t100\n李四，灵溪镇B村，200', 3), [
      ['张三', '灵溪镇A村1组', '100'],
      ['李四', '灵溪镇B村', '200'],
    ]);
    assert.throws(
      () => parseRows('张三,1', 3),
      (e: ValidationError) => e.fields?.rows === '第 1 行有 2 个单元格，应为 3 个。',
    );
  });
  test('the masked table and a CSV that spreadsheets cannot execute', () => {
    const row = {
      tableColumns: JSON.stringify([
        { label: '姓名', kind: 'name' },
        { label: '住址', kind: 'address' },
        { label: '备注', kind: 'plain' },
      ]),
      tableRows: JSON.stringify([['欧阳娜娜', '永顺县灵溪镇司城村3组21号', '=1+1']]),
    };
    const masked = noticeRowsMasked(row);
    assert.deepEqual(masked, [['欧***', '永顺县灵溪镇司城村', '=1+1']]);
    assert.equal(toCsv(['姓名', '住址', '备注'], masked), "\uFEFF姓名,住址,备注\r\n欧***,永顺县灵溪镇司城村,'=1+1\r\n");
  });
});
