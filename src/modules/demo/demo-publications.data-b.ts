// Demo publications of the towns and townships of the fictional 永顺县 (invented facts).
import type { DemoPublication } from './demo-publications.data.ts';

const NEWS = 'statutory.classes.news';
const PLAN = 'statutory.classes.plan';
const ORG = 'statutory.classes.org';
const POLICY = 'statutory.classes.policy';

interface TownFacts {
  slug: string;
  name: string;
  villages: number;
  crop: string;
  river: string;
  village: string;
}

const TOWNS: TownFacts[] = [
  { slug: 'lingxi', name: '灵溪镇', villages: 21, crop: '猕猴桃', river: '猛洞河', village: '司城村' },
  { slug: 'shouche', name: '首车镇', villages: 15, crop: '油茶', river: '首车河', village: '龙珠村' },
  { slug: 'furong', name: '芙蓉镇', villages: 18, crop: '莓茶', river: '酉水', village: '红石林村' },
  { slug: 'shidi', name: '石堤镇', villages: 16, crop: '优质稻', river: '酉水', village: '洗车村' },
  { slug: 'gaoping', name: '高坪乡', villages: 11, crop: '烤烟', river: '高坪溪', village: '那必村' },
  { slug: 'runya', name: '润雅乡', villages: 9, crop: '高山蔬菜', river: '润雅溪', village: '万民村' },
  { slug: 'cheping', name: '车坪乡', villages: 10, crop: '柑橘', river: '车坪河', village: '咱河村' },
];

function townItems(t: TownFacts, i: number): DemoPublication[] {
  const m = (n: number) => String(((i + n) % 9) + 1).padStart(2, '0');
  return [
    {
      agency: t.slug,
      cats: ['statutory.a20.2', ORG],
      kind: 'org',
      formedOn: `2025-01-${String(10 + i).padStart(2, '0')}`,
      topic: '综合政务\\机构职能',
      keywords: '机构设置 职能',
      title: `${t.name}人民政府机构设置及职能`,
      paras: [
        `${t.name}人民政府内设党政综合办公室、经济发展办公室、社会事务办公室、社会治安和应急管理办公室、自然资源和生态环境办公室，下设综合便民服务中心、农业综合服务中心等事业单位，辖${t.villages}个行政村（社区）。`,
        `主要职责：贯彻执行党和国家的方针政策及上级决定，促进经济发展，提供公共服务，加强社会治理，维护农村社会稳定。综合便民服务中心集中办理社会救助、社会保险、户籍等群众常办事项。`,
      ],
    },
    {
      agency: t.slug,
      cats: ['statutory.a21.1', PLAN],
      kind: 'plan',
      formedOn: `2025-${m(1)}-0${(i % 8) + 1}`,
      topic: '农业、林业、水利\\农业',
      keywords: `${t.crop} 产业 乡村振兴`,
      title: `${t.name}2025年${t.crop}产业发展实施方案`,
      paras: [
        `今年全${t.name.endsWith('乡') ? '乡' : '镇'}计划新增${t.crop}种植面积${800 + i * 150}亩，改造低产园${300 + i * 40}亩，${t.crop}产业覆盖农户${1200 + i * 110}户。`,
        `对集中连片新种植50亩以上的种植大户和合作社，按每亩300元给予补助；组织县农业农村局技术人员开展田间培训不少于6期，培训农民600人次以上。`,
        `${t.village}等村建设产地初加工和冷藏设施，推动“合作社+农户”订单生产，提高产品附加值，带动脱贫户稳定增收。`,
      ],
    },
    {
      agency: t.slug,
      cats: ['statutory.a21.2'],
      kind: 'news',
      formedOn: `2025-${m(3)}-1${i % 9}`,
      topic: '农业、林业、水利\\水利',
      keywords: '农田水利 山塘 整治',
      title: `${t.name}完成${t.village}山塘清淤整治工程`,
      paras: [
        `${t.village}山塘整治工程于今年春耕前完工，共清淤${3000 + i * 450}立方米，加固坝体${120 + i * 10}米，新建灌溉渠道${1.2 + i * 0.3}公里，改善灌溉面积${400 + i * 60}亩。`,
        `工程建成后由村集体经济组织负责日常管护，管护经费从村集体收入和${t.river}流域管护资金中列支，确保“有人管、有钱管、管得好”。`,
      ],
    },
    {
      agency: t.slug,
      cats: ['statutory.a21.3'],
      kind: 'notice',
      formedOn: `2025-${m(5)}-2${i % 8}`,
      topic: '农业、林业、水利\\农村经营管理',
      keywords: '土地流转 公示',
      title: `${t.village}农村土地承包经营权流转情况公示`,
      paras: [
        `经${t.village}村民委员会审核，${t.village}第三、第五村民小组${18 + i}户农户自愿将承包耕地共${96 + i * 12}亩流转给本村${t.crop}专业合作社经营，流转期限6年，流转价格每亩每年${380 + i * 20}元。`,
        `流转合同已经${t.name}农村经营管理部门备案。流转后土地用途不得改变，不得用于非农建设。`,
      ],
    },
    {
      agency: t.slug,
      cats: ['statutory.a21.4'],
      kind: 'notice',
      formedOn: `2025-${m(6)}-0${(i % 8) + 2}`,
      topic: '国土资源、能源\\土地',
      keywords: '宅基地 审核 公示',
      title: `${t.name}2025年第二批农村村民宅基地使用审核结果公示`,
      paras: [
        `经村民小组会议讨论、村民委员会审查和${t.name}人民政府审核，${t.village}等${3 + (i % 3)}个村共${6 + i}户农村村民建房申请符合宅基地使用条件，拟批准使用宅基地，单户面积均不超过130平方米。`,
        `审核过程中，经实地踏勘，申请用地不涉及永久基本农田和生态保护红线，符合村庄规划。公示名单不含身份证件号码等个人信息。`,
      ],
    },
    {
      agency: t.slug,
      cats: ['statutory.a21.8', 'statutory.a20.11'],
      kind: 'news',
      formedOn: `2025-${m(7)}-1${(i + 3) % 9}`,
      topic: '劳动、人事、监察\\社会救助',
      keywords: '社会救助 低保户 走访',
      title: `${t.name}开展困难群众救助政策入户宣传`,
      paras: [
        `${t.name}组织干部分片包村，对全${t.name.endsWith('乡') ? '乡' : '镇'}${300 + i * 45}户低保户、特困供养人员和防返贫监测户逐户走访，宣讲临时救助、医疗救助和教育资助政策，现场受理救助申请${12 + i}件。`,
        `走访中发现因病、因灾导致生活困难的家庭${5 + (i % 4)}户，已按程序启动临时救助，发放救助金共计${2.4 + i * 0.5}万元。`,
      ],
    },
    {
      agency: t.slug,
      cats: [NEWS],
      kind: 'news',
      formedOn: `2025-${m(8)}-2${(i + 1) % 9}`,
      topic: '综合政务\\工作动态',
      keywords: '安全生产 检查',
      title: `${t.name}开展汛期地质灾害隐患排查`,
      paras: [
        `入汛以来，${t.name}组织国土、应急和村干部对辖区${8 + i}处地质灾害隐患点开展拉网式排查，逐点核实监测责任人、预警信号和转移路线。`,
        `排查中对${t.river}沿岸${2 + (i % 3)}处新发现的边坡裂缝设立警示标志，安排专人每日巡查，并提前转移受威胁群众${4 + i}户${13 + i * 3}人。`,
      ],
    },
  ];
}

export const DEMO_PUBLICATIONS_B: DemoPublication[] = [
  ...TOWNS.flatMap((t, i) => townItems(t, i)),
  {
    agency: 'lingxi',
    cats: ['statutory.a21.1', POLICY],
    kind: 'normative',
    formedOn: '2024-03-15',
    docNo: '灵政发〔2024〕2号',
    topic: '公安、安全、司法\\治安',
    keywords: '村规民约 治安',
    title: '灵溪镇农村集体资金资产资源管理办法（试行）',
    validity: 'invalid',
    validityOn: '2025-03-15',
    paras: [
      '为规范农村集体“三资”管理，保障集体经济组织成员合法权益，制定本办法。村集体资金实行“村账镇代理”，村级每笔支出5000元以上的须经村民代表会议讨论通过。',
      '本办法试行期一年，试行期满自动失效，由县农业农村局统一出台的管理办法替代。',
    ],
  },
  {
    agency: 'furong',
    cats: ['statutory.a21.6'],
    kind: 'notice',
    formedOn: '2025-06-26',
    topic: '国土资源、能源\\土地',
    keywords: '房屋征收 补偿 公告',
    title: '芙蓉镇老街风貌改造项目房屋征收补偿方案征求意见公告',
    paras: [
      '为实施芙蓉镇老街风貌改造项目，拟对河街、正街部分房屋实施征收，涉及住户37户，房屋建筑面积约5200平方米。',
      '补偿方式分为货币补偿和房屋产权调换，被征收人可自主选择；按期签约并搬迁的，给予每平方米200元的奖励。',
      '征求意见期限为30日，自本公告发布之日起计算。被征收人和公众可以书面形式向芙蓉镇人民政府提出意见和建议。',
    ],
  },
];
