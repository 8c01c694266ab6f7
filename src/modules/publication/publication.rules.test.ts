// Pure rules of the publication module: the state machine, the 20-working-day due date across
// a holiday, file types by content, CSV parsing and the default taxonomy by agency kind.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildWorkCalendar } from '../calendar/index.ts';
import { defaultTaxonomy } from '../catalog/index.ts';
import { parseCsv, toCsv } from './csv.ts';
import { checkUpload, FileTypeError, sniffFileKind } from './file-type.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { isLateRelease, releaseDueOn } from './publication.rules.ts';
import { eventsFrom, nextState, TransitionError } from './publication.states.ts';
import { sanitizeBody } from './sanitize.ts';

describe('state machine', () => {
  test('the happy path and the returns', () => {
    assert.equal(nextState('draft', 'submit'), 'submitted');
    assert.equal(nextState('submitted', 'passReview'), 'reviewed');
    assert.equal(nextState('submitted', 'returnReview'), 'draft');
    assert.equal(nextState('reviewed', 'returnSignOff'), 'draft');
    assert.equal(nextState('reviewed', 'approve'), 'published');
    assert.equal(nextState('published', 'revise'), 'published');
    assert.equal(nextState('published', 'withdraw'), 'withdrawn');
  });
  test('anything else is refused with the current state named', () => {
    assert.throws(
      () => nextState('draft', 'approve'),
      (e: unknown) => e instanceof TransitionError && /“草稿”.*“签发”/.test(e.message),
    );
    assert.throws(() => nextState('withdrawn', 'revise'), TransitionError);
    assert.throws(() => nextState('submitted', 'edit'), TransitionError);
    assert.deepEqual(eventsFrom('withdrawn'), []);
  });
});

describe('due date (条例 第二十六条)', () => {
  // 2025 National Day: 10-01 … 10-08 off; Sunday 09-28 and Saturday 10-11 are working days.
  const cal = buildWorkCalendar(
    [2025],
    [
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
        date: `2025-10-${d}`,
        kind: 'holiday' as const,
        name: '国庆节、中秋节',
      })),
      { date: '2025-09-28', kind: 'adjustedWorkday' as const, name: '国庆节、中秋节' },
      { date: '2025-10-11', kind: 'adjustedWorkday' as const, name: '国庆节、中秋节' },
    ],
  );
  test('20 working days after the formed-on date skip the holiday and count the adjusted days', () => {
    assert.equal(releaseDueOn(cal, '2025-09-26'), '2025-10-30');
    assert.equal(releaseDueOn(cal, '2025-06-02'), '2025-06-30');
  });
  test('late only after the due date', () => {
    assert.equal(isLateRelease('2025-10-30', '2025-10-30'), false);
    assert.equal(isLateRelease('2025-10-30', '2025-10-31'), true);
  });
});

describe('file types by content', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  test('magic bytes', () => {
    assert.equal(sniffFileKind(Buffer.from('%PDF-1.7')), 'pdf');
    assert.equal(sniffFileKind(png), 'png');
    assert.equal(sniffFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
    assert.equal(sniffFileKind(Buffer.from('GIF89a')), 'gif');
    assert.equal(sniffFileKind(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
    assert.equal(sniffFileKind(Buffer.from('<html>')), null);
  });
  test('a .pdf name with PNG content is refused in Chinese; extensions are case-insensitive', () => {
    assert.throws(
      () => checkUpload('通知.pdf', png),
      (e: unknown) =>
        e instanceof FileTypeError &&
        e.message === '文件“通知.pdf”的扩展名表示PDF 文件，但内容实际是PNG 图片，请检查后重新上传。',
    );
    assert.deepEqual(checkUpload('扫描件.PNG', png), { kind: 'png', mime: 'image/png' });
    assert.throws(() => checkUpload('无扩展名', png), /不支持/);
    assert.throws(() => checkUpload('空.pdf', Buffer.alloc(0)), /空文件/);
  });
  test('Content-Disposition carries the Chinese name (RFC 5987) with an ASCII fallback', () => {
    assert.equal(
      contentDisposition('预算 (2025).pdf'),
      `attachment; filename="__ (2025).pdf"; filename*=UTF-8''%E9%A2%84%E7%AE%97%20%282025%29.pdf`,
    );
    assert.equal(contentDisposition('a"b.pdf', 'inline'), `inline; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});

describe('CSV', () => {
  test('quotes, doubled quotes, line breaks inside fields and line numbers', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","he said ""hi"""\n"two\nlines",z\n\nlast,1');
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 3, 6],
    );
    assert.deepEqual(rows[1]!.fields, ['x, y', 'he said "hi"']);
    assert.deepEqual(rows[2]!.fields, ['two\nlines', 'z']);
    assert.throws(() => parseCsv('a,"b\n'), /引号没有闭合/);
  });
  test('round trip', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['逗号,在内', '引号"在内'],
        ['换行\n在内', ' 空格'],
      ],
    );
    assert.deepEqual(
      parseCsv(text).map((r) => r.fields),
      [
        ['a', 'b'],
        ['逗号,在内', '引号"在内'],
        ['换行\n在内', ' 空格'],
      ],
    );
  });
});

describe('sanitising', () => {
  test('scripts, handlers and javascript: links go; structure stays', () => {
    const out = sanitizeBody(
      '<h2 style="color:red">标题</h2><p onclick="x()">段落<script>alert(1)</script></p><a href="javascript:alert(1)">x</a><iframe src="https://e.example"></iframe><table><tr><td colspan="2">1</td></tr></table>',
    );
    assert.equal(out, '<h2>标题</h2><p>段落</p><a>x</a><table><tr><td colspan="2">1</td></tr></table>');
  });
});

describe('default taxonomy', () => {
  const names = (kind: Parameters<typeof defaultTaxonomy>[0]) => JSON.stringify(defaultTaxonomy(kind));
  test('four columns; 15 items of 第二十条; the town list for towns and townships, the county list otherwise', () => {
    const t = defaultTaxonomy('town');
    assert.deepEqual(
      t.map((c) => c.columnKey),
      ['guide', 'system', 'statutory', 'reports'],
    );
    assert.equal(t[2]!.children![0]!.children!.length, 15);
    for (const k of ['town', 'township'] as const) assert.match(names(k), /农村土地承包经营权流转/);
    for (const k of ['countyGovernment', 'department', 'subDistrict'] as const) {
      assert.match(names(k), /市政建设/);
      assert.doesNotMatch(names(k), /宅基地/);
    }
  });
  test('第二十一条 names 设区的市级、县级人民政府及其部门 and 乡镇: no list at the province level', () => {
    assert.match(JSON.stringify(defaultTaxonomy('prefectureGovernment')), /设区的市级、县级人民政府及其部门.*市政建设/);
    assert.match(JSON.stringify(defaultTaxonomy('department', 'prefecture')), /市政建设/);
    for (const t of [defaultTaxonomy('provinceGovernment'), defaultTaxonomy('department', 'province')]) {
      const json = JSON.stringify(t);
      assert.doesNotMatch(json, /statutory\.a21|市政建设|第二十一条/);
      assert.equal(t[2]!.children!.length, 1);
      assert.equal(t[2]!.children![0]!.children!.length, 15);
    }
  });
});
