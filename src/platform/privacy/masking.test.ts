import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FULL_MASK,
  maskBankCard,
  findUnmaskedPersonalData,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhone,
  maskRow,
} from './masking.ts';
import type { CellValue, ColumnKind } from './masking.ts';

test('maskName keeps the first character and hides each other one', () => {
  const cases: Array<[string, string]> = [
    ['张', '*'],
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['张三丰一', '张***'],
    ['  李四  ', '李*'],
    ['张　三', '张*'],
    ['王 小 明', '王**'],
    ['𠀀小明', '𠀀**'],
    ['', ''],
    ['   ', ''],
  ];
  for (const [input, expected] of cases) assert.equal(maskName(input), expected, input);
});

test('maskName keeps one character of compound surnames too', () => {
  const cases: Array<[string, string]> = [
    ['欧阳娜娜', '欧***'],
    ['欧阳明', '欧**'],
    ['欧阳', '欧*'],
    ['司马光', '司**'],
    ['诸葛亮', '诸**'],
    ['上官婉儿', '上***'],
    ['东方明', '东**'],
    ['皇甫嵩', '皇**'],
    ['尉迟恭', '尉**'],
    ['公孙胜', '公**'],
    ['慕容复', '慕**'],
    ['长孙无忌', '长***'],
    ['宇文泰', '宇**'],
    ['司徒雷', '司**'],
    ['令狐冲', '令**'],
    ['夏侯惇', '夏**'],
    ['轩辕明', '轩**'],
    ['端木赐', '端**'],
  ];
  for (const [input, expected] of cases) assert.equal(maskName(input), expected, input);
});

test('maskIdNumber keeps the first 6 and the last 4 characters', () => {
  const cases: Array<[string, string]> = [
    ['110101199003071234', '110101********1234'],
    ['11010119900307123X', '110101********123X'],
    ['11010119900307123x', '110101********123X'],
    ['110101 19900307 1234', '110101********1234'],
    ['１１０１０１１９９００３０７１２３４', '110101********1234'],
    ['110101900307123', '110101*****7123'],
    ['11010119900307123', FULL_MASK],
    ['1101011990030712345', FULL_MASK],
    ['11010119900307X234', FULL_MASK],
    ['unknown', FULL_MASK],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(maskIdNumber(input), expected, input);
});

test('maskPhone keeps only the last 4 digits', () => {
  const cases: Array<[string, string]> = [
    ['13812345678', '*******5678'],
    ['138 1234 5678', '*** **** 5678'],
    ['+86 138 1234 5678', '+** *** **** 5678'],
    ['0571-87654321', '****-****4321'],
    ['(010) 6655 8899', '(***) **** 8899'],
    ['0398-5123456', '****-***3456'],
    ['0571-87654321转8001', '****-********转8001'],
    ['12345', '*****'],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(maskPhone(input), expected, input);
});

test('maskAddress stops at the village or community level', () => {
  const cases: Array<[string, string]> = [
    ['城关镇东关村3组15号', '城关镇东关村'],
    ['浙江省仙居县横溪镇横溪村五组', '浙江省仙居县横溪镇横溪村'],
    ['城关镇东关村村民委员会', '城关镇东关村'],
    ['胡集镇张庄村委会', '胡集镇张庄村'],
    ['城关街道西关社区幸福小区5号楼2单元301室', '城关街道西关社区'],
    ['城关街道西关社区居委会', '城关街道西关社区'],
    ['城关镇解放路居委会12号', '城关镇解放路居委会'],
    ['城关镇解放路居民委员会', '城关镇解放路居民委员会'],
    ['锡林浩特市宝力根苏木巴彦嘎查3号', '锡林浩特市宝力根苏木巴彦嘎查'],
    // A 村 that belongs to a township's name is not the village level.
    ['李村镇张家村3组', '李村镇张家村'],
    ['李村镇人民路8号', '李村镇'],
    ['普陀区曹杨新村街道兰溪路12号', '普陀区曹杨新村街道'],
    // No village: keep through the township.
    ['城关镇解放路12号', '城关镇'],
    ['朝阳街道建国路88号院3号楼', '朝阳街道'],
    ['白水乡河东组7号', '白水乡'],
    // Nothing to keep.
    ['解放路12号', FULL_MASK],
    ['北京市朝阳区建国路88号', FULL_MASK],
    ['  ', ''],
  ];
  for (const [input, expected] of cases) assert.equal(maskAddress(input), expected, input);
});

test('maskRow masks array rows by column kind', () => {
  const kinds: ColumnKind[] = ['plain', 'name', 'idNumber', 'phone', 'address', 'plain'];
  const cases: Array<[CellValue[], CellValue[]]> = [
    [
      [1, '张三', '110101199003071234', '13812345678', '城关镇东关村3组', 3],
      [1, '张*', '110101********1234', '*******5678', '城关镇东关村', 3],
    ],
    [
      [2, '欧阳娜娜', null, '0571-87654321', '城关镇解放路12号', '1 200.00'],
      [2, '欧***', null, '****-****4321', '城关镇', '1 200.00'],
    ],
    // Cells beyond the kinds are plain; numeric ID cells from spreadsheets are masked as text.
    [
      [3, '李四', 110101900307123, '', '', 2, '备注'],
      [3, '李*', '110101*****7123', '', '', 2, '备注'],
    ],
  ];
  for (const [row, expected] of cases) assert.deepEqual(maskRow(row, kinds), expected);
});

test('maskRow masks record rows by key and leaves unlisted keys alone', () => {
  const row = {
    seq: 1,
    name: '王小明',
    idNumber: '11010119900307123X',
    phone: '138 1234 5678',
    address: '西关社区7号',
    amount: 650,
  };
  const masked = maskRow(row, { name: 'name', idNumber: 'idNumber', phone: 'phone', address: 'address' });
  assert.deepEqual(masked, {
    seq: 1,
    name: '王**',
    idNumber: '110101********123X',
    phone: '*** **** 5678',
    address: '西关社区',
    amount: 650,
  });
  assert.deepEqual(row.name, '王小明', 'the input row is not changed');
});

test('findUnmaskedPersonalData reports raw values still visible on a page', () => {
  const raw = ['张三', '110101199003071234', '13812345678', '城关镇东关村3组15号', '李'];
  const cases: Array<[string, string[]]> = [
    ['<td>张*</td><td>110101********1234</td><td>*******5678</td><td>城关镇东关村</td>', []],
    ['<td>张三</td>', ['张三']],
    ['<p>联系人：<mark>张</mark>三</p>', ['张三']],
    ['<p>电话 138 1234 5678</p>', ['13812345678']],
    ['<p>电话 138-1234-5678</p>', ['13812345678']],
    ['<p>证件 １１０１０１１９９００３０７１２３４</p>', ['110101199003071234']],
    ['<p>&#x5F20;&#19977;</p>', ['张三']],
    ['<p>住址 城关镇东关村3组15号</p>', ['城关镇东关村3组15号']],
    // A one-character value (a masked one-character name) is not looked for.
    ['<p>李*</p>', []],
    // Separate cells are not read as one word.
    ['<td>张</td><td>三</td>', []],
  ];
  for (const [html, expected] of cases) assert.deepEqual(findUnmaskedPersonalData(html, raw), expected, html);
});

test('a masked row rendered as a table leaks none of its raw values', () => {
  const kinds: ColumnKind[] = ['name', 'idNumber', 'phone', 'address'];
  const rows: CellValue[][] = [
    ['张三', '110101199003071234', '13812345678', '城关镇东关村3组15号'],
    ['欧阳娜娜', '110101900307123', '0571-87654321', '城关街道西关社区幸福小区5号楼'],
    ['李四光', '44030119851231002X', '+86 139 0000 1111', '李村镇人民路8号'],
  ];
  const html = rows
    .map(
      (row) =>
        `<tr>${maskRow(row, kinds)
          .map((cell) => `<td>${String(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const rawValues = rows.flat().map(String);
  assert.deepEqual(findUnmaskedPersonalData(html, rawValues), []);
});

test('maskBankCard keeps the last 4 digits of a card number', () => {
  const cases: Array<[string, string]> = [
    ['6217000001234562', '************4562'],
    ['6222 0212 3456 7890 128', '**** **** **** ***0 128'],
    ['12345', '*****'],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(maskBankCard(input), expected, input);
});
