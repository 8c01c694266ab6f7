import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correctionLetter, extensionLetter, type LetterCase } from './info-request.letters.ts';

const c: LetterCase = {
  number: 'LINGXI-2026-0009',
  applicantName: '张三丰',
  informationSought: '灵溪镇2025年低保资金发放明细',
  agencyName: '永顺县灵溪镇人民政府',
  officeName: '灵溪镇党政综合办公室',
  officePhone: '0743-5230501',
  officeAddress: '永顺县灵溪镇中华路2号',
  reconsiderationBody: '永顺县人民政府',
};

test('延长答复期限告知书: a reason written as a sentence (ending 。) prints without 「。，」', () => {
  const d = extensionLetter(c, {
    issuedOn: '2026-12-08',
    workingDays: 10,
    approvedBy: '向国华',
    approvedOn: '2026-12-08',
    reason: '涉及全镇各村数据，需要汇总核实。 ',
    dueOn: '2027-01-20',
  });
  assert.ok(
    d.paragraphs[0]!.includes('因涉及全镇各村数据，需要汇总核实，不能在20个工作日内作出答复。'),
    d.paragraphs[0],
  );
});

test('补正告知书 asked again: what was missing, written with its full stop, prints one 。', () => {
  const d = correctionLetter(c, {
    issuedOn: '2026-12-10',
    receivedOn: '2026-12-08',
    items: '请说明需要哪几个村的明细。',
    correctionDueOn: '2026-12-22',
    again: { noticeSentOn: '2026-12-08', submittedOn: '2026-12-09', note: '仍未说明具体的村。' },
  });
  assert.ok(d.paragraphs[0]!.includes('仍未补正到位：仍未说明具体的村。根据'), d.paragraphs[0]);
});
