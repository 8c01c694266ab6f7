// The demo county loaded on first start: 永顺县人民政府 with three departments, four towns and
// three townships, each with a complete (fictional) disclosure office. 灵溪镇 and 高坪乡 are the
// two names in the 2013 seed report.
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { makeCreditCode } from '../../platform/validation/credit-code.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { createAgency, type AgencyInput } from '../agency/index.ts';
import type { AgencyKind } from '../agency/index.ts';
import { DEFAULT_INDEX_PATTERN } from '../catalog/index.ts';

interface DemoAgency {
  name: string;
  shortName: string;
  kind: AgencyKind;
  slug: string;
  office: string;
  address: string;
  phone: string;
}

const COUNTY: DemoAgency = {
  name: '永顺县人民政府',
  shortName: '永顺县',
  kind: 'countyGovernment',
  slug: 'yongshun',
  office: '永顺县人民政府办公室',
  address: '永顺县灵溪镇政府路1号',
  phone: '0743-5230100',
};

const BELOW: DemoAgency[] = [
  {
    name: '永顺县发展和改革局',
    shortName: '县发改局',
    kind: 'department',
    slug: 'fgj',
    office: '县发展和改革局办公室',
    address: '永顺县灵溪镇连洞路18号',
    phone: '0743-5230210',
  },
  {
    name: '永顺县教育局',
    shortName: '县教育局',
    kind: 'department',
    slug: 'jyj',
    office: '县教育局办公室',
    address: '永顺县灵溪镇猛洞河路66号',
    phone: '0743-5230320',
  },
  {
    name: '永顺县民政局',
    shortName: '县民政局',
    kind: 'department',
    slug: 'mzj',
    office: '县民政局办公室',
    address: '永顺县灵溪镇溪州路9号',
    phone: '0743-5230430',
  },
  {
    name: '永顺县灵溪镇人民政府',
    shortName: '灵溪镇',
    kind: 'town',
    slug: 'lingxi',
    office: '灵溪镇党政综合办公室',
    address: '永顺县灵溪镇中华路2号',
    phone: '0743-5230501',
  },
  {
    name: '永顺县首车镇人民政府',
    shortName: '首车镇',
    kind: 'town',
    slug: 'shouche',
    office: '首车镇党政综合办公室',
    address: '永顺县首车镇首车街1号',
    phone: '0743-5230611',
  },
  {
    name: '永顺县芙蓉镇人民政府',
    shortName: '芙蓉镇',
    kind: 'town',
    slug: 'furong',
    office: '芙蓉镇党政综合办公室',
    address: '永顺县芙蓉镇河街3号',
    phone: '0743-5230722',
  },
  {
    name: '永顺县石堤镇人民政府',
    shortName: '石堤镇',
    kind: 'town',
    slug: 'shidi',
    office: '石堤镇党政综合办公室',
    address: '永顺县石堤镇石堤街5号',
    phone: '0743-5230833',
  },
  {
    name: '永顺县高坪乡人民政府',
    shortName: '高坪乡',
    kind: 'township',
    slug: 'gaoping',
    office: '高坪乡党政综合办公室',
    address: '永顺县高坪乡高坪村1号',
    phone: '0743-5230944',
  },
  {
    name: '永顺县润雅乡人民政府',
    shortName: '润雅乡',
    kind: 'township',
    slug: 'runya',
    office: '润雅乡党政综合办公室',
    address: '永顺县润雅乡润雅村8号',
    phone: '0743-5231055',
  },
  {
    name: '永顺县车坪乡人民政府',
    shortName: '车坪乡',
    kind: 'township',
    slug: 'cheping',
    office: '车坪乡党政综合办公室',
    address: '永顺县车坪乡车坪村6号',
    phone: '0743-5231166',
  },
];

const GUIDE = (a: DemoAgency) =>
  `${a.shortName}的政府信息由${a.office}统一负责公开工作，包括组织编制本机关的政府信息公开指南、目录和年度报告，受理和答复政府信息公开申请。\n\n` +
  '本机关主动公开的政府信息分为机构职能、政策文件、规划计划、财政资金、行政执法、民生事项和工作动态等类别，按发布时间倒序编排，每条信息均有唯一的索引号。';

function toInput(a: DemoAgency, seq: number): AgencyInput {
  return {
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    creditCode: makeCreditCode(`11433127${String(seq).padStart(9, '0')}`),
    slug: a.slug,
    officeName: a.office,
    officeAddress: a.address,
    officePostcode: '416700',
    officePhone: a.phone,
    officeFax: a.phone.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
    officeEmail: `${a.slug}_gk@yongshun.gov.example`,
    officeHours: '工作日 上午8:00—12:00，下午14:30—17:30（法定节假日除外）',
    indexPattern: DEFAULT_INDEX_PATTERN,
    guideText: GUIDE(a),
    sortOrder: String(seq),
  };
}

export interface DemoCounty {
  countyId: number;
  agencyIds: Record<string, number>;
}

/** Creates the demo county; returns the ids by slug. */
export async function seedDemoCounty(db: Db, ctx: AuditContext): Promise<DemoCounty> {
  return inTransaction(db, async (trx) => {
    const countyId = await createAgency(trx, ctx, toInput(COUNTY, 1), null);
    const agencyIds: Record<string, number> = { [COUNTY.slug]: countyId };
    let seq = 2;
    for (const a of BELOW) agencyIds[a.slug] = await createAgency(trx, ctx, toInput(a, seq++), countyId);
    return { countyId, agencyIds };
  });
}
