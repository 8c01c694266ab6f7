// Unit tests of the text readers behind the checker: HTML to text, stated totals with both
// punctuation widths, the contact paragraph, titles and signatures, headings and format
// detection, and reading table 三/四 back from flattened text (rules 17–21 need the numbers).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseWidth } from '../plain-text.ts';
import { NATIONAL_2021_TABLE3 } from '../../format/national2021.ts';
import { checkReportText } from './check-report-text.ts';
import { extractContact, extractSignature, extractStatedTotals, extractTitles, parseCount } from './extract.ts';
import { htmlToText, looksLikeHtml } from './html-to-text.ts';
import { detectFormat, findHeadings } from './sections.ts';
import { readTable3, readTable4 } from './tables.ts';

describe('htmlToText', () => {
  it('strips tags, scripts and entities; table cells become tab-separated, rows become lines', () => {
    const html =
      '<html><head><script>var a=1;</script><style>p{}</style></head><body><p>地址：青石镇&nbsp;18号&amp;附楼</p>' +
      '<table><tr><td>规章</td><td>0</td><td>1</td></tr><tr><th>行政许可</th><td>12</td></tr></table><br>落款&#x4E00;</body></html>';
    const text = htmlToText(html);
    assert.ok(looksLikeHtml(html) && !looksLikeHtml('灵溪镇2013年度政府信息公开年度报告'));
    assert.ok(!text.includes('var a') && !text.includes('<'));
    assert.ok(text.includes('地址：青石镇 18号&附楼'));
    assert.ok(text.includes('规章\t0\t1'));
    assert.ok(text.includes('行政许可\t12'));
    assert.ok(text.endsWith('落款一'));
  });
});

describe('extractStatedTotals (full-width and ASCII punctuation, commas and 、)', () => {
  const cases: { text: string; total: number; parts: number[]; exhaustive: boolean }[] = [
    {
      text: '主动公开政府信息135条,其中组织机构类20条,计划总结类9条,政策法规类29条,工作动态类75条。',
      total: 135,
      parts: [20, 9, 29, 75],
      exhaustive: true,
    },
    {
      text: '主动公开政府信息135条，其中组织机构类20条，计划总结类9条。',
      total: 135,
      parts: [20, 9],
      exhaustive: true,
    },
    {
      text: '共主动公开信息86条（其中：工作动态42条、通知公告21条、政策文件15条）。',
      total: 86,
      parts: [42, 21, 15],
      exhaustive: true,
    },
    {
      text: '共受理申请６件，其中当面申请２件、网上申请３件和信函申请１件。',
      total: 6,
      parts: [2, 3, 1],
      exhaustive: true,
    },
    { text: '公开信息100条，其中工作动态50条、通知公告30条等。', total: 100, parts: [50, 30], exhaustive: false },
    { text: '公开信息100条，其中工作动态50条、通知公告等30条。', total: 100, parts: [50, 30], exhaustive: false },
    {
      text: '公开信息100条，其中工作动态60条、通知公告40条，较上年增加10条。',
      total: 100,
      parts: [60, 40],
      exhaustive: true,
    },
  ];
  for (const c of cases) {
    it(c.text, () => {
      const [t] = extractStatedTotals(normaliseWidth(c.text));
      assert.ok(t);
      assert.equal(t.total, c.total);
      assert.deepEqual(
        t.parts.map((p) => p.value),
        c.parts,
      );
      assert.equal(t.exhaustive, c.exhaustive);
    });
  }

  it('a single part or parts in another unit are not a breakdown', () => {
    assert.deepEqual(extractStatedTotals('收到申请5件，其中予以公开3件。'), []);
    assert.deepEqual(extractStatedTotals('收到申请5件，其中涉及信息12条、文件3份。'), []);
  });

  it('a non-exhaustive list (等) that adds up to less is not a mismatch; overlapping channels only warn', () => {
    const text = (body: string) => `青石镇2022年度政府信息公开工作年度报告\n${body}\n青石镇人民政府\n2023年1月10日`;
    assert.deepEqual(
      checkReportText(text('主动公开信息100条，其中工作动态50条、通知公告30条等。')).findings.filter(
        (f) => f.code === 'total-mismatch',
      ),
      [],
    );
    const channels = checkReportText(text('主动公开信息100条，其中网站公开100条、公开栏公开60条。')).findings.filter(
      (f) => f.code === 'total-mismatch',
    );
    assert.deepEqual(
      channels.map((f) => f.severity),
      ['warning'],
    );
  });
});

describe('extractContact', () => {
  it('reads 地址/邮编/电话/电子邮箱 with ASCII or full-width punctuation; an empty value is ""', () => {
    const seed = extractContact(
      normaliseWidth('(地址:永顺灵溪镇党政综合办公室;邮编:416700;电话:0743-5223701;电子邮箱:)。'),
    );
    assert.deepEqual(Object.fromEntries(Object.entries(seed).map(([k, v]) => [k, v.value])), {
      address: '永顺灵溪镇党政综合办公室',
      postcode: '416700',
      phone: '0743-5223701',
      email: '',
    });
    const full = extractContact(
      normaliseWidth('（地址：望溪县青石镇新街路18号；邮编：427100；电话：0744-6612305；电子邮箱：qsz@163.com）'),
    );
    assert.equal(full.email?.value, 'qsz@163.com');
    assert.equal(full.address?.value, '望溪县青石镇新街路18号');
  });

  it('下载地址 and 网址 are not the office address', () => {
    assert.equal(extractContact(normaliseWidth('下载地址：http://x.gov.cn；网址：http://y.gov.cn')).address, undefined);
  });
});

describe('titles and signatures', () => {
  const titles: [string, string | null, number][] = [
    ['永顺县人民政府-灵溪镇2013年度政府信息公开年度报告', '灵溪镇', 2013],
    ['2022年度青石镇政府信息公开工作年度报告', '青石镇', 2022],
    ['望溪县人民政府2023年政府信息公开工作年度报告', '望溪县', 2023],
    ['望溪县教育局2017年度政府信息公开工作年度报告', '望溪县教育局', 2017],
    ['2021年度政府信息公开工作年度报告', null, 2021],
  ];
  for (const [line, name, year] of titles) {
    it(`title: ${line}`, () => {
      const [t] = extractTitles(line);
      assert.equal(t?.name, name);
      assert.equal(t?.year, year);
    });
  }

  it('signature: the agency line above the last standalone date, skipping page junk after it', () => {
    const s = extractSignature('……\n\n灵溪镇人民政府\n\n2014年3月4日\n\n相关文档:\n关闭 打印');
    assert.deepEqual(s && { name: s.name, date: s.date }, { name: '灵溪镇', date: '2014-03-04' });
    const same = extractSignature('正文。\n望溪县柳塘街道办事处 2025年1月20日');
    assert.equal(same?.name, '望溪县柳塘街道');
  });
});

describe('headings and format detection', () => {
  it('the seed’s nine headings are found; table 三 label lines with numbers are not headings', () => {
    const norm = normaliseWidth(
      '一、概述\n正文\n三、依申请公开政府信息和不予公开政府信息的情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n一是加强领导。',
    );
    assert.deepEqual(
      findHeadings(norm).map((h) => h.title),
      ['概述', '依申请公开政府信息和不予公开政府信息的情况'],
    );
  });

  it('rule 20: a table 三 without 逾期不补正 rows and with 本年新制作数量 is the 2019 trial format', () => {
    const headings = findHeadings('一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n');
    assert.equal(detectFormat('本年新收政府信息公开申请数量 本年新制作数量', headings, 2020), 'national2019');
    assert.equal(detectFormat('本年新收政府信息公开申请数量 本年制发件数', headings, 2022), 'national2021');
    assert.equal(detectFormat('本年新收政府信息公开申请数量', headings, 2020), 'national2019');
    assert.equal(detectFormat('', [], 2020), 'unknown');
  });
});

describe('reading tables back from text', () => {
  const labels = NATIONAL_2021_TABLE3.rows.map((r) => r.label);
  const values = labels.map((_, i) => (i === 0 || i === 2 || i === 23 ? [1, 0, 0, 0, 0, 0, 1] : [0, 0, 0, 0, 0, 0, 0]));

  it('rules 17–19 need all 25 rows: one cell per line (flattened HTML) is read', () => {
    const text = labels.map((l, i) => [l, ...(values[i] ?? [])].join('\n')).join('\n');
    const reading = readTable3(`自然人\n其他\n总计\n${text}`, 0, NATIONAL_2021_TABLE3);
    assert.deepEqual(reading.missing, []);
    assert.equal(reading.rows.disclosed?.total, 1);
    assert.equal(reading.rows['otherOutcome.other']?.total, 0);
  });

  it('a row that cannot be read is reported missing instead of shifting the others', () => {
    const text = labels.map((l, i) => (i === 5 ? `${l}\t0\t0` : [l, ...(values[i] ?? [])].join('\t'))).join('\n');
    const reading = readTable3(text, 0, NATIONAL_2021_TABLE3);
    assert.deepEqual(reading.missing, ['withheld.prohibitedByLaw']);
    assert.equal(reading.rows.carriedForward?.total, 0);
    assert.equal(reading.rows.total?.total, 1);
  });

  it('rule 21 needs the 15 numbers of table 四 after its header', () => {
    const t4 = readTable4('行政复议\t行政诉讼\n结果维持\t总计\n2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t1\t0\t0\t0\t1', 0);
    assert.deepEqual(t4?.reconsideration, { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 });
    assert.deepEqual(t4?.lawsuitAfterReconsideration, { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    assert.equal(readTable4('行政复议 0 0 0', 0), null);
  });
});

describe('arithmetic with meaning (#15 point 3)', () => {
  const text = (body: string) => `青石镇2022年度政府信息公开工作年度报告\n${body}\n青石镇人民政府\n2023年1月10日`;
  const totals = (body: string) =>
    checkReportText(text(body)).findings.filter((f) =>
      ['total-mismatch', 'part-exceeds-total', 'share-mismatch'].includes(f.code),
    );

  it('numbers in Chinese numerals and with 万 are read', () => {
    assert.equal(parseCount('一百三十五'), 135);
    assert.equal(parseCount('十二'), 12);
    assert.equal(parseCount('两千零八'), 2008);
    assert.equal(parseCount('3.5万'), 35000);
    assert.equal(parseCount('二〇二二'), null);
    const [f] = totals('主动公开政府信息一百三十五条，其中组织机构类二十条，工作动态类一百一十三条。');
    assert.equal(f?.code, 'total-mismatch');
    assert.deepEqual(f?.numbers, [135, 133]);
  });

  it('a half-width colon, 包括, 含 and 分别为 introduce parts; semicolons separate them', () => {
    assert.deepEqual(totals('全年主动公开政府信息总数171条:基层信息124条,工作动态34条,其他13条。'), []);
    assert.deepEqual(totals('主动公开32条,包括领导信息类1条、工作动态类31条。'), []);
    assert.deepEqual(totals('发布信息122篇,其中一周工作动态有50篇,工作简报有43篇;其他内容有29篇。'), []);
    assert.deepEqual(totals('公开规章13件(含新制定5件,修改4件,废止4件)。').length, 0);
    assert.deepEqual(
      totals('公开信息121条,含规范性文件2件、政务动态51条、执法动态50条、公示公告28条。')[0]?.numbers,
      [121, 131],
    );
  });

  it('a part larger than its whole is an error even among channels', () => {
    const [f] = totals('全年主动公开政务信息382条,包括政府网站35条,微信公众号2443条,其中乡村振兴228条、党建58条');
    assert.equal(f?.code, 'part-exceeds-total');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.numbers, [382, 2443]);
  });

  it('累计/约/余/多 numbers are never checked as exact; 余 parts are lower bounds', () => {
    assert.deepEqual(totals('累计主动公开政府信息10220条,其中政务动态4792条,目录信息5403条。'), []);
    assert.deepEqual(totals('主动公开各类政务信息400余条,其中政策文件52条、工作动态38条、其他200余条。'), []);
    const [f] = totals('主动公开政府信息800条,其中政策文件600余条、工作动态300条。');
    assert.deepEqual(f?.numbers, [800, 900]);
    assert.equal(f?.certainty, 'certain');
  });

  it('a list that does not end the sentence (highlights) is not a partition', () => {
    assert.deepEqual(totals('网站共发布信息1148条,其中目录信息410条,通知公告233条,热线共受理来电44790起。'), []);
    assert.equal(totals('网站共发布信息1148条,其中目录信息410条,通知公告233条。')[0]?.certainty, 'probable');
  });

  it('a list in parentheses breaks down its own part; shares are checked against the total', () => {
    assert.deepEqual(totals('报送信息20篇,其中10篇被采用(日报用稿6篇、网站用稿4篇),10篇未采用。'), []);
    const nested = totals('报送信息20篇,其中10篇被采用(日报用稿6篇、网站用稿5篇),10篇未采用。');
    assert.deepEqual(nested[0]?.numbers, [10, 11]);
    const [share] = totals('累计主动公开65条。其中,网上公开20条,所占比例为30%,公开栏公开45条,所占比例75%。');
    assert.equal(share?.code, 'share-mismatch');
    assert.deepEqual(share?.numbers, [45, 65, 75]);
  });
});
