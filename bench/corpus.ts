// A deterministic generator of realistic-looking publications (Chinese government notices of a
// fictional county) for the search recall test and the catalogue benchmark. Same seed, same text.

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const PLACES = ['永顺县', '灵溪镇', '首车镇', '芙蓉镇', '石堤镇', '高坪乡', '润雅乡', '车坪乡', '青天坪村', '司城村', '列夕村', '塔卧镇'];
const SUBJECTS = [
  '城乡居民最低生活保障', '低保户资格复核', '特困人员救助供养', '临时救助', '高标准农田建设', '农村饮水安全巩固提升',
  '义务教育阶段学生资助', '学前教育普惠', '乡村振兴衔接资金', '森林防火', '防汛抗旱', '地质灾害隐患点排查',
  '城乡环境卫生整治', '农村公路养护', '政务服务事项清单', '行政许可事项', '双随机一公开抽查', '安全生产大检查',
  '食品安全监督抽检', '道路交通安全', '耕地保护', '退耕还林补助', '残疾人两项补贴', '高龄津贴发放',
  '医疗保障待遇', '城乡居民养老保险', '就业创业补贴', '易地扶贫搬迁后续扶持', '河长制工作', '烟花爆竹禁燃',
];
const ACTIONS = ['实施方案', '工作通知', '公示', '情况通报', '工作总结', '工作计划', '管理办法', '实施细则', '资金分配表', '名单公示'];
const VERBS = ['进一步加强', '认真做好', '扎实推进', '全面落实', '切实抓好', '统筹推进', '规范开展', '持续深化'];
const CLAUSES = [
  '各乡镇人民政府、县直各有关单位要高度重视，明确责任分工，确保各项工作落到实处',
  '按照“谁主管、谁负责”的原则，层层压实责任，建立工作台账，实行销号管理',
  '对群众反映强烈的问题，要及时核实处理，并在规定时限内予以答复',
  '资金拨付严格执行国库集中支付制度，专款专用，任何单位和个人不得截留、挤占、挪用',
  '公示期内，任何单位和个人如有异议，可向县民政局书面反映，联系电话0743-4722315',
  '本办法自印发之日起施行，有效期五年，由县人民政府办公室负责解释',
  '各单位要于每月25日前将工作进展情况报送县政府办公室，逾期未报的予以通报',
  '加强政策宣传解读，通过政府网站、政务新媒体、公示栏等渠道及时公开相关信息',
  '对工作不力、推诿扯皮、造成不良影响的，依规依纪严肃追究相关人员责任',
  '申请人应当如实提供家庭收入、财产状况等材料，并签署授权核查声明',
  '经村民小组评议、村委会审核、乡镇人民政府审批，现将拟纳入对象予以公示',
  '全县共排查隐患点136处，已完成整改119处，其余17处正在落实监测预警措施',
  '本年度共发放补助资金2386.5万元，惠及群众1.2万余户',
  '请各地结合实际认真贯彻执行，执行中遇到的问题请及时向县农业农村局反馈',
  '按照GB/T 50600—2020标准开展验收，验收合格后方可拨付尾款',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

export interface GeneratedPublication {
  title: string;
  summary: string;
  bodyHtml: string;
  documentNumber: string;
  /** 'YYYY-MM-DD' */
  formedOn: string;
}

/** One publication of about `chars` characters of body text (default ~1,500). */
export function generatePublication(r: () => number, n: number, chars = 1500): GeneratedPublication {
  const place = pick(r, PLACES);
  const subject = pick(r, SUBJECTS);
  const action = pick(r, ACTIONS);
  const year = 2019 + Math.floor(r() * 7);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const title = `${place}关于${pick(r, VERBS)}${subject}工作的${action}`;
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentences: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      sentences.push(`${pick(r, VERBS)}${pick(r, SUBJECTS)}工作，${pick(r, CLAUSES)}`);
    }
    const p = `${sentences.join('；')}。${pick(r, PLACES)}${pick(r, SUBJECTS)}第${1 + Math.floor(r() * 40)}项任务已完成。`;
    paragraphs.push(p);
    length += p.length;
  }
  return {
    title,
    summary: `${place}${subject}${action}，共${paragraphs.length}条。`,
    bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
    documentNumber: r() < 0.6 ? `永政办发〔${year}〕${1 + (n % 97)}号` : '',
    formedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}
