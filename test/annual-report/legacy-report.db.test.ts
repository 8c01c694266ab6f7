// The legacy2008 (nine-part) report computed from records, on both engines: 灵溪镇's 咨询 and
// 工作人员 figures come from the interaction and staff records (countInteractions, countStaff),
// the 主动公开 total equals the sum of its categories, and the text checker finds no error in the
// generated text. Computed without storing: the demo's imported seed occupies (灵溪镇, 2013).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgencyBySlug, type AgencyRow } from '../../src/modules/agency/agency.repository.ts';
import { systemContext } from '../../src/bootstrap.ts';
import {
  computeLegacyReport,
  checkLegacyReport,
  legacyPlainText,
} from '../../src/modules/annual-report/annual-report.legacy.ts';
import { checkReportText } from '../../src/modules/annual-report/checker/text/check-report-text.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { seedDemoInfoRequests } from '../../src/modules/info-request/index.ts';
import { countInteractions } from '../../src/modules/interaction/index.ts';
import { seedInteractionDemo } from '../../src/modules/demo/index.ts';
import { countStaff } from '../../src/modules/staff/index.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: AgencyRow;
before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  const ctx = systemContext(env.clock);
  await seedDemoPublications(env.database.db, ctx, await env.deps.calendar.get());
  await seedInteractionDemo(env.deps, env.county, ctx);
  await seedDemoInfoRequests(env.database.db, env.county.agencyIds, env.config.dataDir);
  const a = await findAgencyBySlug(env.database.db, 'lingxi');
  assert.ok(a);
  lingxi = a;
});
after(() => env.close());

const NARRATIVES = {
  overview: '本镇认真贯彻落实《中华人民共和国政府信息公开条例》，明确专人负责政府信息公开工作。',
  problems: '存在的主要问题是公开内容不够全面。下一步将加强培训，提高公开质量。',
  other: '本年度无其他需要报告的事项。',
};

async function compute(year: number) {
  return computeLegacyReport(env.database.db, {
    agency: lingxi,
    year,
    agencyIds: [lingxi.id],
    figures: {},
    narratives: NARRATIVES,
    publishedWhere: '永顺县人民政府门户网站',
    drillBase: '',
  });
}

function section(data: Awaited<ReturnType<typeof compute>>, key: string): string {
  return data.sections.find((s) => s.key === key)?.text ?? '';
}

describe('legacy2008 report from records', () => {
  test('灵溪镇 2013: 咨询 and 工作人员 equal countInteractions / countStaff (37 calls, 2 staff)', async () => {
    const data = await compute(2013);
    const inquiries = await countInteractions(env.database.db, lingxi.id, 2013);
    const staff = await countStaff(env.database.db, lingxi.id, 2013);
    assert.equal(inquiries.inquiries.total, 37);
    assert.equal(staff.total, 2);
    assert.deepEqual(data.figures.inquiries, inquiries);
    assert.deepEqual(data.figures.staff, staff);
    assert.match(section(data, 'inquiries'), new RegExp(`接到咨询电话${inquiries.inquiries.phone}次`));
    assert.match(section(data, 'inquiries'), /^2013年，接到咨询电话37次，/);
    assert.match(section(data, 'staff'), new RegExp(`从事政务公开工作人员${staff.total}人`));
    assert.match(section(data, 'staff'), /^2013年，从事政务公开工作人员2人（专职1人、兼职1人）/);
    assert.equal(data.sections.length, 9);
    assert.match(data.opening, /特向社会公布2013年度永顺县灵溪镇人民政府政府信息公开工作年度报告/);
    assert.match(data.opening, /请与灵溪镇党政综合办公室联系（地址：永顺县灵溪镇中华路2号；邮编：416700；/);
  });

  test('灵溪镇 2025: the 主动公开 total equals the sum of its categories, in the data and in the text', async () => {
    const data = await compute(2025);
    const p = data.figures.proactive;
    assert.ok(p.total > 0);
    assert.ok(p.byCategory.length >= 2, JSON.stringify(p.byCategory));
    assert.equal(
      p.byCategory.reduce((a, c) => a + c.count, 0),
      p.total,
    );
    const published = await env.database.db
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agencyId', '=', lingxi.id)
      .where('publishedOn', '>=', '2025-01-01')
      .where('publishedOn', '<=', '2025-12-31')
      .executeTakeFirstOrThrow();
    assert.equal(p.total, Number(published.n));
    const text = section(data, 'proactive');
    assert.ok(
      text.includes(
        `主动公开政府信息${p.total}条，其中${p.byCategory.map((c) => `${c.label}${c.count}条`).join('、')}。`,
      ),
      text,
    );
    // 依申请公开: the concluded total is the sum of the outcomes.
    const r = data.figures.onRequest;
    assert.equal(
      Object.values(r.outcomes).reduce((a, b) => a + b, 0),
      r.concluded,
    );
  });

  test('checkReportText finds no error in the generated text (2013 and 2025); the check adds contact and narrative findings', async () => {
    for (const year of [2013, 2025]) {
      const data = await compute(year);
      const names = (
        await env.database.db
          .selectFrom('agencies')
          .select(['name', 'shortName'])
          .where('id', '!=', lingxi.id)
          .execute()
      )
        .flatMap((a) => [a.name, a.shortName])
        .filter(Boolean);
      const result = checkReportText(legacyPlainText(data), { year, agencyName: lingxi.name, knownAgencyNames: names });
      assert.equal(result.format, 'legacy2008');
      assert.deepEqual(
        result.findings.filter((f) => f.severity === 'error'),
        [],
        `${year}`,
      );
      assert.deepEqual(
        checkLegacyReport(data, names).filter((f) => f.severity === 'error'),
        [],
      );
    }
    // Without narratives the statutory parts (八、九) are reported empty: errors of the check.
    const bare = await computeLegacyReport(env.database.db, {
      agency: lingxi,
      year: 2013,
      agencyIds: [lingxi.id],
      figures: {},
      narratives: {},
      publishedWhere: '永顺县人民政府门户网站',
      drillBase: '',
    });
    const codes = checkLegacyReport(bare, [])
      .filter((f) => f.severity === 'error')
      .map((f) => f.code);
    assert.ok(codes.includes('empty-section'), codes.join(','));
    // A missing e-mail leaves the opening unwritten and is an error, never a blank in the text.
    const noMail = await computeLegacyReport(env.database.db, {
      agency: { ...lingxi, officeEmail: '' },
      year: 2013,
      agencyIds: [lingxi.id],
      figures: {},
      narratives: NARRATIVES,
      publishedWhere: '永顺县人民政府门户网站',
      drillBase: '',
    });
    assert.equal(noMail.opening, '');
    assert.ok(checkLegacyReport(noMail, []).some((f) => f.code === 'missing-contact' && f.severity === 'error'));
  });

  test('staff-entered fees and spending appear with their source notes', async () => {
    const data = await computeLegacyReport(env.database.db, {
      agency: lingxi,
      year: 2013,
      agencyIds: [lingxi.id],
      narratives: NARRATIVES,
      publishedWhere: '永顺县人民政府门户网站',
      drillBase: '',
      figures: {
        'legacy.spending': { value: 20500, note: '镇财政所决算' },
        'legacy.feesWaived': { value: 12, note: '低保户复印费减免' },
      },
    });
    const text = section(data, 'fees');
    assert.match(text, /减免费用12元（低保户复印费减免）/);
    assert.match(text, /全年政府信息公开工作费用支出20500元（镇财政所决算）/);
  });
});
