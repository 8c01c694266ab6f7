// A .json transfer file read item by item (json-items.ts): the same items as JSON.parse of the
// whole text however the text is cut into pieces, both shapes, other keys read past, and a clear
// message where the text is not a list of items.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { JsonItems, JsonItemsError } from '../../src/modules/publication/json-items.ts';
import { openTransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
import { TransferFileError } from '../../src/modules/publication/publication.transfer-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'gk-json-items-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function scan(pieces: string[]): unknown[] {
  const s = new JsonItems();
  const texts: string[] = [];
  for (const p of pieces) texts.push(...s.push(p));
  texts.push(...s.end());
  return texts.map((t) => JSON.parse(t) as unknown);
}

const ITEMS = [
  { title: '关于["括号"]与{花括号}的通知', body: '<p>引号 \\" 反斜杠 \\\\ 结尾\\</p>', keywords: ['甲', '乙'] },
  { title: '第二条', nested: { a: [1, 2, { b: '}]' }] }, n: -1.5e3 },
  42,
  'a string item',
  null,
  { title: '😀 emoji and \u2028 line separator', empty: {} },
];

describe('JSON items as the text arrives', () => {
  const texts = [
    JSON.stringify(ITEMS),
    `\uFEFF${JSON.stringify({ publications: ITEMS }, null, 2)}\n`,
    JSON.stringify({
      version: 2,
      meta: { note: '"publications": [1]', list: [{}, []] },
      publications: ITEMS,
      tail: [1],
    }),
    ' [ ] ',
    '{"publications":[]}',
  ];
  test('every cut of the text into two pieces gives the items of JSON.parse', () => {
    for (const text of texts) {
      const whole = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
      const expected = Array.isArray(whole) ? whole : (whole as { publications: unknown[] }).publications;
      for (let cut = 0; cut <= text.length; cut++)
        assert.deepEqual(
          scan([text.slice(0, cut), text.slice(cut)]),
          expected,
          `cut at ${cut} of ${text.slice(0, 40)}`,
        );
      assert.deepEqual(scan([...text]), expected, 'one character a piece');
    }
  });

  test('a text that is no list of items, or ends too soon, is refused with a message that says so', () => {
    const refused = (text: string, message: RegExp) =>
      assert.throws(
        () => scan([text]),
        (e: unknown) => e instanceof JsonItemsError && message.test(e.message),
        text,
      );
    refused('', /文件是空的/);
    refused('   ', /文件是空的/);
    refused('{"items": [1, 2]}', /JSON 文件应为信息的数组，或 \{"publications": \[\.\.\.\]\}/);
    refused('{"publications": {"a": 1}}', /JSON 文件应为信息的数组/);
    refused('"just text"', /JSON 文件应为信息的数组/);
    refused('[{"title": "一"}, {"title": "二"', /文件在第 2 条处意外结束/);
    refused('[{"title": "一"} {"title": "二"}]', /第 2 条处不是正确的 JSON/);
    refused('{"publications": [1, 2', /文件在第 3 条处意外结束/);
  });

  test('a .json file is read a row at a time: an item that is not correct JSON is its own problem', async () => {
    const file = join(dir, 'items.json');
    writeFileSync(
      file,
      `{"publications": [\n{"title": "一", "other": "ignored"},\n{"title": "二", "bad": tru},\n7,\n{"标题": "四"}\n]}\n`,
    );
    const source = openTransferRows(file);
    const rows = [];
    for await (const r of source.rows) rows.push(r);
    assert.equal(source.unit, '条');
    assert.deepEqual(
      rows.map((r) => [r.row, r.values.title ?? '', r.problem ?? '']),
      [
        [1, '一', ''],
        [2, '', rows[1]!.problem],
        [3, '', '每一条应为一条信息的 JSON 对象 {…}'],
        [4, '四', ''],
      ],
    );
    assert.match(rows[1]!.problem!, /^不是正确的 JSON/);
    assert.equal(source.bytesRead(), source.size);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"publications": [{"title": "一"}, {"title": "二"');
    const read = async () => {
      for await (const r of openTransferRows(broken).rows) void r;
    };
    await assert.rejects(read, (e: unknown) => e instanceof TransferFileError && /意外结束/.test(e.message));
  });
});
