// Narrative checks shared by the consistency check and the checker: self-describing phrases,
// agency names (GLOSSARY "agency"), wrong-level self-references and years (RULES.md §3.1).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coreAgencyName, inferAgencyKind, isSameAgency } from './agency-name.ts';
import { checkSelfReferenceLevel, checkYearsInText, findSelfDescriptions } from './narrative.ts';
import { fixedLocator } from './plain-text.ts';

const none = fixedLocator(undefined);

describe('agency names', () => {
  const kinds: [string, string | null][] = [
    ['灵溪镇人民政府', 'town'],
    ['白云乡', 'township'],
    ['柳塘街道办事处', 'subDistrict'],
    ['望溪县人民政府', 'countyGovernment'],
    ['湖南省人民政府', 'provinceGovernment'],
    ['广西壮族自治区人民政府', 'provinceGovernment'],
    ['湘西土家族苗族自治州人民政府', 'prefectureGovernment'],
    ['湘西州', 'prefectureGovernment'],
    ['阿里地区', 'prefectureGovernment'],
    ['锡林郭勒盟', 'prefectureGovernment'],
    ['湖南省教育厅', 'department'],
    ['望溪县教育局', 'department'],
    ['望溪县人民政府办公室', 'department'],
    ['全体干部', null],
  ];
  for (const [name, kind] of kinds) it(`${name} → ${String(kind)}`, () => assert.equal(inferAgencyKind(name), kind));

  it('same agency across 人民政府, county prefix, 街道办事处 and the government office', () => {
    assert.equal(coreAgencyName('柳塘街道办事处'), '柳塘街道');
    assert.ok(isSameAgency('灵溪镇', '永顺县灵溪镇人民政府'));
    assert.ok(isSameAgency('望溪县', '望溪县人民政府办公室'));
    assert.ok(!isSameAgency('灵溪镇', '高坪乡'));
    assert.ok(!isSameAgency('青石镇', '白石镇'));
  });
});

describe('findSelfDescriptions', () => {
  it('reads names and years of self-describing phrases, skipping cited 《》 titles', () => {
    const text =
      '根据《永顺县人民政府办公室关于做好2012年度高坪乡政府信息公开工作年度报告的通知》，特向社会公布2013年度高坪乡政府信息公开工作年度报告。现将灵溪镇2013年度政府信息公开工作年度报告公布如下。';
    assert.deepEqual(
      findSelfDescriptions(text).map((d) => [d.name, d.year]),
      [
        ['高坪乡', 2013],
        ['', 2013],
        ['灵溪镇', 2013],
      ],
    );
  });
});

describe('self-reference level (warning)', () => {
  const cases: [string, 'town' | 'township' | 'subDistrict', string[]][] = [
    ['我乡每周召开会议，全乡干部参加。', 'town', ['我乡', '全乡']],
    ['本镇、我镇、全镇。', 'township', ['本镇', '我镇', '全镇']],
    ['全乡镇、本乡村振兴项目、全镇街。', 'town', []],
    ['我镇推进政务公开。', 'town', []],
    ['我乡、我镇都不对。', 'subDistrict', ['我乡', '我镇']],
  ];
  for (const [text, kind, terms] of cases) {
    it(`${kind}: ${text}`, () => {
      const found = checkSelfReferenceLevel(text, kind, none);
      assert.deepEqual(
        found.map((f) => /以“(..)”自称/.exec(f.message)?.[1]),
        terms,
      );
      assert.ok(found.every((f) => f.severity === 'warning'));
    });
  }
});

describe('years in the narrative vs the report year (2013, published 2014)', () => {
  const cases: [string, string[]][] = [
    ['2013年来，我镇没有接收到申请。今年来，我镇接到咨询电话37次。', []],
    ['灵溪镇人民政府\n2014年3月4日', []],
    ['本报告中所列数据的统计期限自2013年1月1日至2013年12月31日止。', []],
    ['本报告中所列数据的统计期限自2012年1月1日至2012年12月31日止。', ['error']],
    ['特向社会公布2012年度灵溪镇政府信息公开工作年度报告。', ['error']],
    ['2012年，我镇主动公开信息120条。', ['warning']],
    ['比2012年增加15条。', []],
    ['2016年完成网站改版。', ['warning']],
    ['力争到2016年实现全覆盖，2017年前完成改造。', []],
    ['依据《2016年工作要点》开展工作。', []],
  ];
  for (const [text, severities] of cases) {
    it(text.replace(/\n/g, ' '), () => {
      assert.deepEqual(
        checkYearsInText(text, 2013, 2014, none).map((f) => f.severity),
        severities,
      );
    });
  }
});
