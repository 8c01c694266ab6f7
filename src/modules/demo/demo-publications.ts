// Seeds the demo county's publications through the publication service (draft → submitted →
// reviewed → published), so each gets its index number, due date, revision and audit trail.
import { addCalendarDays, type WorkCalendar } from '../calendar/index.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { recordEvent } from '../../platform/audit.ts';
import { findAgencyBySlug } from '../agency/index.ts';
import { findCategoryByCode } from '../catalog/index.ts';
import { applySeedPreset } from '../catalog/index.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { setRelated, findPublicationById } from '../publication/index.ts';
import { createDraft, draftInput, review, setValidity, signOff, submit } from '../publication/index.ts';
import { textToHtml } from '../publication/index.ts';
import { DEMO_PUBLICATIONS_A, type DemoPublication } from './demo-publications.data.ts';
import { DEMO_PUBLICATIONS_B } from './demo-publications.data-b.ts';

export const DEMO_PUBLICATIONS: readonly DemoPublication[] = [...DEMO_PUBLICATIONS_A, ...DEMO_PUBLICATIONS_B];

interface AgencyFacts {
  name: string;
  shortName: string;
  officeName: string;
  officePhone: string;
  officeAddress: string;
  kind: string;
}

const CN_DIGITS = '〇一二三四五六七八九';

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const num = (n: number) =>
    n < 10
      ? CN_DIGITS[n]
      : n < 20
        ? `十${n % 10 ? CN_DIGITS[n % 10] : ''}`
        : `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return `${[...String(y)].map((c) => CN_DIGITS[Number(c)]).join('')}年${num(m)}月${num(d)}日`;
}

/** The full text: the specific paragraphs in the framing usual for their kind. */
export function demoBody(p: DemoPublication, a: AgencyFacts): string {
  const addressees =
    a.kind === 'countyGovernment'
      ? '各乡镇人民政府，县直各单位'
      : a.kind === 'department'
        ? '各乡镇人民政府，局属各单位'
        : '各村（社区），镇直各单位';
  const kw = p.keywords.split(' ')[0] ?? '';
  const parts: string[] = [];
  switch (p.kind) {
    case 'normative':
      parts.push(
        `${addressees}：`,
        `为进一步规范${kw}相关工作，切实维护人民群众合法权益，经${a.shortName}研究同意，现将有关规定印发给你们，请认真贯彻执行。`,
        ...p.paras,
      );
      parts.push(
        '各单位应当加强对本文件执行情况的监督检查，及时纠正违反本文件规定的行为；对执行中发现的问题，应当及时研究提出修改完善意见。',
        `本文件自印发之日起施行，有效期五年。执行中遇到的问题，请及时向${a.officeName}反馈。`,
        a.name,
        chineseDate(p.formedOn),
      );
      break;
    case 'plan':
      parts.push(`为深入贯彻落实上级有关决策部署，推动${kw}工作高质量发展，结合本地实际，制定本方案。`, ...p.paras);
      parts.push(
        `保障措施：一是加强组织领导，成立由主要负责同志任组长的工作领导小组，领导小组办公室设在${a.officeName}，负责日常协调调度；二是强化资金保障，统筹整合各级各类资金，优先保障重点任务实施；三是严格督查考核，将任务完成情况纳入年度绩效考核，每季度通报一次进展。`,
        `各有关单位要按照职责分工，细化工作措施，明确完成时限和责任人，确保各项任务落到实处。执行中的重要情况，请及时报告${a.name}。`,
      );
      break;
    case 'notice':
      parts.push('根据有关规定，本着公开、公平、公正的原则，现将有关情况公示如下：', ...p.paras);
      parts.push(
        `现予以公示，公示期为5个工作日。对公示内容有异议的，请在公示期内以书面形式向${a.officeName}反映，联系电话：${a.officePhone}。反映情况应当实事求是，并提供联系方式以便核实；匿名反映的，将视情况予以核查。`,
        '公示期满无异议或者异议不成立的，按程序办理；异议经核实成立的，依法予以纠正并将处理结果告知反映人。',
        a.name,
        chineseDate(p.formedOn),
      );
      break;
    case 'news':
      parts.push(
        `近日，${a.shortName}对${kw}工作进行专题研究部署，听取了有关股室和村（社区）的情况汇报，分析了当前存在的困难和问题。`,
        ...p.paras,
      );
      parts.push(
        `${a.shortName}有关负责人表示，要把${kw}工作作为为民办实事的重要内容，压实工作责任，加强督促检查，对推进不力、群众反映强烈的问题及时督促整改，确保各项措施落地见效。`,
        `下一步，${a.shortName}将持续跟踪工作进展，及时向社会公开相关情况。群众如有意见建议，可在工作日拨打${a.officePhone}反映。`,
      );
      break;
    case 'org':
      parts.push(...p.paras);
      parts.push(
        '领导信息：按照干部管理权限，本机关领导成员的姓名、职务和工作分工在“领导信息”栏目公开，人员调整后20个工作日内更新。',
        `联系方式：${a.officeName}，地址${a.officeAddress}，电话${a.officePhone}。以上信息如有变动，将在20个工作日内更新。`,
      );
      break;
    case 'finance':
      parts.push(
        `根据《中华人民共和国预算法》和财政预决算公开的有关规定，现将${a.shortName}有关预算信息公开如下。`,
        ...p.paras,
      );
      parts.push(
        '政府采购和国有资产占用情况、绩效目标设置情况以及专业名词解释详见部门预算说明。对公开内容有疑问的，可向本机关财务股咨询。',
        '以上数据为预算执行快报数，最终以决算数为准。详细情况见收支预算总表、一般公共预算支出表和“三公”经费预算表。',
      );
      break;
    case 'system':
      parts.push(...p.paras);
      parts.push(
        `各单位应当明确一名分管负责人和一名具体工作人员负责本单位政府信息公开工作，并将人员名单报${a.officeName}备案；人员变动的，应当及时报告。`,
        `本制度自印发之日起施行，由${a.officeName}负责解释。`,
      );
      break;
    case 'service':
      parts.push(...p.paras);
      parts.push(
        '办理流程：申请—受理—审核—决定—送达。申请材料不齐全或者不符合法定形式的，一次性告知申请人需要补正的全部内容。',
        '监督投诉：对办理结果有异议的，可以依法申请行政复议或者提起行政诉讼；对工作人员服务态度和办事效率有意见的，可拨打12345政务服务便民热线反映。',
        `咨询电话：${a.officePhone}；办理地点：${a.officeAddress}。办理本事项不收取任何费用。`,
      );
      break;
  }
  return textToHtml(parts.join('\n'));
}

/** Related pairs (by title fragments) linked after release. */
const RELATED: [string, string][] = [
  ['关于调整城乡最低生活保障标准的通知', '县民政局开展农村低保专项治理回头看'],
  ['永顺县2025年政务公开工作要点', '永顺县政府信息公开保密审查制度'],
  ['永顺县2025年义务教育阶段学校招生入学工作方案', '县教育局开展秋季开学安全大检查'],
];

/** Releases the demo publications; returns how many. Dates are spread over 2025. */
export async function seedDemoPublications(db: Db, baseCtx: AuditContext, cal: WorkCalendar): Promise<number> {
  const idsByTitle = new Map<string, { id: number; agencyId: number; releaseOn: string; categoryIds: string[] }>();
  let n = 0;
  for (const [i, p] of DEMO_PUBLICATIONS.entries()) {
    await inTransaction(db, async (trx) => {
      const agency = await findAgencyBySlug(trx, p.agency);
      if (!agency) return;
      await applySeedPreset(trx, baseCtx, agency.id);
      const categoryIds: string[] = [];
      for (const code of p.cats) {
        const c = await findCategoryByCode(trx, agency.id, code);
        if (c) categoryIds.push(String(c.id));
      }
      // Most are released within a few days; every twelfth one late (after the 20 working days).
      const releaseOn = addCalendarDays(p.formedOn, i % 12 === 11 ? 45 : 2 + (i % 6));
      const at = (day: string, minute: number) => ({
        ...baseCtx,
        at: `${day}T0${1 + (minute % 8)}:${String(10 + (i % 50)).padStart(2, '0')}:00.000Z`,
      });
      const ctx = at(p.formedOn, 0);
      const body = demoBody(p, agency);
      const id = await createDraft(
        trx,
        ctx,
        'system',
        cal,
        agency.id,
        draftInput(
          {
            title: p.title,
            body,
            issuer: p.kind === 'normative' || p.kind === 'system' ? agency.name : agency.officeName,
            formedOn: p.formedOn,
            documentNumber: p.docNo ?? '',
            effectiveOn: p.kind === 'normative' ? p.formedOn : '',
            topic: p.topic,
            keywords: p.keywords,
            docKind: p.kind === 'normative' ? 'normativeDocument' : 'other',
            issuedOn: p.kind === 'normative' ? p.formedOn : '',
          },
          categoryIds,
          {
            channels:
              p.kind === 'notice'
                ? ['website', 'noticeBoard']
                : p.kind === 'normative'
                  ? ['website', 'gazette']
                  : p.kind === 'news'
                    ? ['website', 'newMedia']
                    : ['website'],
          },
        ),
      );
      await submit(trx, at(p.formedOn, 1), 'system', id);
      await review(trx, at(releaseOn, 2), 'system', id, 'pass', '');
      await signOff(trx, at(releaseOn, 3), 'system', id, 'approve', '');
      if (p.validity && p.validityOn)
        await setValidity(trx, at(p.validityOn, 4), 'system', id, p.validity, p.validityOn);
      idsByTitle.set(p.title, { id, agencyId: agency.id, releaseOn, categoryIds });
      n++;
    });
  }
  await inTransaction(db, async (trx) => {
    for (const [a, b] of RELATED) {
      const x = idsByTitle.get(a);
      const y = idsByTitle.get(b);
      if (!x || !y || !(await findPublicationById(trx, x.id))) continue;
      await setRelated(trx, x.id, [y.id]);
      await setRelated(trx, y.id, [x.id]);
      await recordEvent(
        trx,
        baseCtx,
        'publication.relatedSet',
        { type: 'publication', id: x.id, agencyId: x.agencyId },
        { after: { relatedId: y.id } },
      );
    }
  });
  const policy = idsByTitle.get(INTERPRETED);
  if (policy) {
    await seedDemoInterpretation(db, baseCtx, cal, policy);
    n++;
  }
  return n;
}

/** The policy of the demo's 解读 pair (issue #17 point 1): its 解读 goes out the same day (同步). */
const INTERPRETED = '永顺县人民政府关于印发《永顺县行政规范性文件管理办法》的通知';

async function seedDemoInterpretation(
  db: Db,
  baseCtx: AuditContext,
  cal: WorkCalendar,
  policy: { id: number; agencyId: number; releaseOn: string; categoryIds: string[] },
): Promise<void> {
  const at = (minute: number) => ({ ...baseCtx, at: `${policy.releaseOn}T06:${String(10 + minute)}:00.000Z` });
  await inTransaction(db, async (trx) => {
    const id = await createDraft(
      trx,
      at(0),
      'system',
      cal,
      policy.agencyId,
      draftInput(
        {
          title: '《永顺县行政规范性文件管理办法》政策解读',
          body: textToHtml(
            [
              '一、制定背景。为规范行政规范性文件的制定和监督管理，保障公民、法人和其他组织的合法权益，县人民政府制定了《永顺县行政规范性文件管理办法》。',
              '二、主要内容。办法共四条，明确了起草、征求意见、合法性审核、集体审议、公布和备案的程序：涉及群众切身利益的文件起草时应当通过政府网站、政务新媒体等渠道公开征求意见，期限一般不少于7日；文件未经县司法局合法性审核或者审核未通过的，不得提交集体审议；制发机关应当自印发之日起15日内报送备案，并在本机关政府信息公开专栏统一公开。',
              '三、政策解读。文件公布时应当同步发布政策解读，解读由起草单位负责，说明制定背景、主要内容、新旧政策差异和关键词解释。',
              '四、施行时间。办法自印发之日起施行。对办法有疑问的，可向县人民政府办公室咨询。',
            ].join('\n'),
          ),
          issuer: '永顺县人民政府办公室',
          formedOn: policy.releaseOn,
          topic: '综合政务\\政务公开',
          keywords: '政策解读 规范性文件 管理办法',
        },
        policy.categoryIds,
        { interpretation: { form: 'text', interprets: String(policy.id), mediaUrl: '' } },
      ),
    );
    await submit(trx, at(1), 'system', id);
    await review(trx, at(2), 'system', id, 'pass', '');
    await signOff(trx, at(3), 'system', id, 'approve', '');
  });
}
