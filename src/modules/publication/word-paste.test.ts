import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPastedHtml } from './word-paste.ts';

// What Word 2016 on Windows puts on the clipboard (text/html), shortened: the document head with
// its styles, conditional comments, class/style/lang on everything, <o:p>, a heading, a bulleted
// and a numbered list drawn as paragraphs, a table, a bookmark link and a local image.
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!-- /* Style Definitions */ p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<h1 style='margin:0cm'><span style='font-family:黑体;mso-ascii-font-family:"Times New Roman"'>灵溪镇2025年工作要点<o:p></o:p></span></h1>
<p class=MsoNormal style='text-indent:21.0pt'><span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'>今年重点抓好<b style='mso-bidi-font-weight:normal'>三件事</b>：<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]><span>道路硬化<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]><span>饮水安全<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='margin-left:18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]>第一季度完成招标</p>
<p class=MsoListParagraph style='margin-left:36.0pt;mso-list:l1 level2 lfo2'><![if !supportLists]><span lang=EN-US>a)<span>&nbsp; </span></span><![endif]>发布公告</p>
<p class=MsoListParagraph style='margin-left:18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=EN-US>2.<span>&nbsp; </span></span><![endif]>第二季度开工</p>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td width=277 valign=top style='width:207.4pt;border:solid windowtext 1.0pt'><p class=MsoNormal><span>项目<o:p></o:p></span></p></td>
<td width=277 colspan=2 style='width:207.4pt'><p class=MsoNormal><span>金额（万元）<o:p></o:p></span></p></td></tr>
</table>
<p class=MsoNormal>详见<a href="#_Toc123">附表</a>和<a href="https://www.gov.cn/zhengce/" style='color:blue'>国务院政策文件库</a>。<img width=100 height=80 src="file:///C:/Users/clerk/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" v:shapes="图片_x0020_1"></p>
<!--[if !supportLineBreakNewLine]--><br><!--[endif]-->
<!--EndFragment-->
</body></html>`;

test('paste from Word: styles, spans, comments, conditional comments and Office tags are stripped', () => {
  const html = cleanPastedHtml(WORD);
  for (const gone of [
    'mso-',
    'style=',
    'class=',
    'lang=',
    '<span',
    '<o:p',
    '<!--',
    '<![if',
    'StartFragment',
    'Style Definitions',
    'WordDocument',
    'file:///',
    '<img',
    '<meta',
    'width=',
    '<h1',
  ]) {
    assert.ok(!html.includes(gone), `${gone} left in:\n${html}`);
  }
  assert.match(html, /^<h2>灵溪镇2025年工作要点<\/h2>/);
  assert.match(html, /<p>今年重点抓好<b>三件事<\/b>：<\/p>/);
  assert.match(html, /<td colspan="2"><p>金额（万元）<\/p><\/td>/);
  assert.match(html, /<a href="https:\/\/www\.gov\.cn\/zhengce\/">国务院政策文件库<\/a>/);
  assert.match(html, /详见<a>附表<\/a>/, 'a bookmark inside the Word file is no link on the web');
});

test('paste from Word: list paragraphs become real lists, nested by level, without the typed markers', () => {
  const html = cleanPastedHtml(WORD).replace(/\s+</g, '<');
  assert.match(html, /<ul><li>道路硬化<\/li><li>饮水安全<\/li><\/ul>/);
  assert.match(html, /<ol><li>第一季度完成招标<ol><li>发布公告<\/li><\/ol><\/li><li>第二季度开工<\/li><\/ol>/);
  assert.ok(!html.includes('·'), 'the typed bullet is gone');
  assert.ok(!/>1\./.test(html), 'the typed number is gone');
});

test('ordinary HTML keeps its structure; hostile attributes go', () => {
  assert.equal(
    cleanPastedHtml('<div><p class="x" onclick="alert(1)">一段<strong>重点</strong></p><ul><li>甲</li></ul></div>'),
    '<p>一段<strong>重点</strong></p><ul><li>甲</li></ul>',
  );
  assert.equal(cleanPastedHtml('<a href="javascript:alert(1)">链接</a>'), '<a>链接</a>');
  assert.equal(
    cleanPastedHtml('<p>图<img src="/files/3" alt="示意图" onerror="x()"></p>'),
    '<p>图<img src="/files/3" alt="示意图"></p>',
  );
  assert.equal(cleanPastedHtml('<p>&nbsp;</p><p>正文</p>'), '<p>正文</p>');
});

test('paste from Word: a symbol font bullet ("l" in Wingdings) is a bullet, "（一）" a number', () => {
  const item = (marker: string, text: string) =>
    `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Wingdings'>${marker}<span>&nbsp; </span></span><![endif]>${text}</p>`;
  assert.equal(cleanPastedHtml(item('l', '甲') + item('l', '乙')), '<ul><li>甲</li><li>乙</li></ul>');
  assert.equal(cleanPastedHtml(item('（一）', '甲')), '<ol><li>甲</li></ol>');
});
