// The starter set shipped with the code: items of three areas as county and town catalogues
// published them, each citing the catalogue it was taken from (seen through the project's
// reference search on 2026-12-05; addresses as found). The wording of 要素 is shortened; 公开时限,
// 方式 and 层级 are as those catalogues give them. The national guideline each area follows
// (《…领域基层政务公开标准指引》) is not cited as seen: its text was not found, so no item
// claims it. A county admin loads this set once (「载入示范目录」) and edits or replaces it.
import type { ItemText } from './standard-catalogue.transfer.ts';

const BAODI =
  '天津市宝坻区《社会救助领域基层政务公开标准目录》（2020年12月），https://www.tjbd.gov.cn/zwgk/jczwgk/ly/shjzly/202012/t20201216_5039688.html';
const SHICHENG =
  '石城县《社会救助领域基层政务公开标准目录》（2024年7月），http://www.shicheng.gov.cn/scxzf/shjzbzml/202407/5d1663de28994d908f3ced794c1ec349.shtml';
const YUNYANG =
  '云阳县《养老服务领域基层政务公开标准目录（2024年）》，https://yunyang.gov.cn/bm_257/xmzj/zwgk_62088/zfxxgkml/jczfxxgk_1/ylfw/bzml/202401/t20240118_12836675.html';
const FENGQING =
  '云南省凤庆县所属乡《养老服务领域基层政务公开标准目录》，https://www.ynfq.gov.cn/info/13053/170942.htm';
const SANJIAO =
  '中山市三角镇《财政预决算领域基层政务公开标准目录》（2023年12月27日发布），http://www.zs.gov.cn/sjz/sjml/content/post_1875410.html';
const CHENGGUAN =
  '城关乡《财政预决算领域基层政务公开标准目录》（2020年11月），http://www.883803.com/ztzl/jczwgk/bzml/mxxz/cgx/202011/t20201108_1586638.htm（非 gov.cn 域名，所属县未核实）';

const WEB = '政府网站';
const WEB_HALL = '政府网站、政务服务中心、公开查阅点';
const WEB_BOARD = '政府网站、社区/企事业单位/村公示栏（电子屏）';

/** What a catalogue gives alike for the items taken from it (公开对象 is 全社会 and 方式 主动 for all). */
interface Shared {
  area: string;
  basis: string;
  timeLimit: string;
  subject: string;
  channels: string;
  level: string;
  source: string;
  confirmed: '是' | '否';
}

/** 一级事项, 二级事项, 公开内容（要素）, and the columns where the item differs from its catalogue. */
type Item = [level1: string, level2: string, elements: string, differs?: Partial<Shared>];

const SA_BASIS = '《中华人民共和国政府信息公开条例》及相关规定';
const SA_TIME = '制定或获取信息之日起10个工作日内';
const SA_SUBJECT = '县级人民政府民政部门、乡镇人民政府（街道办事处）';
const BUDGET_BASIS =
  '《中华人民共和国预算法》、《中华人民共和国政府信息公开条例》、《财政部关于印发〈地方预决算公开操作规程〉的通知》（财预〔2016〕143号）';

const SOCIAL_ASSISTANCE = {
  area: '社会救助',
  basis: SA_BASIS,
  timeLimit: SA_TIME,
  subject: SA_SUBJECT,
  channels: WEB_HALL,
  level: '县级、乡级',
  confirmed: '是',
} as const;

const CATALOGUES: { shared: Shared; items: Item[] }[] = [
  {
    shared: { ...SOCIAL_ASSISTANCE, source: BAODI },
    items: [
      ['综合业务', '政策法规文件', '《社会救助暂行办法》及各地配套政策法规文件'],
      ['综合业务', '监督检查', '社会救助信访通讯地址、投诉举报电话'],
      [
        '最低生活保障',
        '政策法规文件',
        '《国务院关于进一步加强和改进最低生活保障工作的意见》、《最低生活保障审核审批办法（试行）》及各地配套政策法规文件',
      ],
      [
        '最低生活保障',
        '办事指南',
        '办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式',
      ],
    ],
  },
  {
    shared: { ...SOCIAL_ASSISTANCE, source: SHICHENG },
    items: [
      [
        '最低生活保障',
        '审核信息',
        '初审对象名单及相关信息（公示7个工作日，个人信息按规定处理）',
        { channels: WEB_BOARD, level: '乡级' },
      ],
      [
        '特困人员救助供养',
        '办事指南',
        '办理事项、办理条件、救助供养标准、申请材料、办理流程、办理时间、地点、联系方式',
      ],
    ],
  },
  {
    shared: {
      area: '养老服务',
      basis: '信息公开规定',
      timeLimit: '制定或获取文件之日起10个工作日内',
      subject: '县级人民政府民政部门',
      channels: '政府网站、两微一端、政务服务中心',
      level: '县级',
      source: YUNYANG,
      confirmed: '是',
    },
    items: [
      ['养老服务通用政策', '国家和地方层面养老服务相关法律、法规、政策文件', '文件名称、文号、发文部门'],
      [
        '养老服务扶持政策措施清单',
        '',
        '扶持政策措施名称、扶持对象、实施部门、扶持政策措施内容和标准',
        { timeLimit: '制定或获取扶持政策措施之日起10个工作日内' },
      ],
    ],
  },
  {
    shared: {
      area: '养老服务',
      basis: '信息公开规定',
      timeLimit: '制定或获取信息之日起10个工作日内',
      subject: '乡人民政府',
      channels: '政府网站、政务服务中心',
      level: '乡级',
      source: FENGQING,
      confirmed: '是',
    },
    items: [
      [
        '养老服务业务办理',
        '养老机构备案',
        '备案申请材料清单及样式、备案流程、办理部门、办理时限、办理时间和地点、咨询电话',
        { timeLimit: '制定或获取备案政策之日起10个工作日内' },
      ],
      [
        '养老服务业务办理',
        '老年人补贴',
        '补贴名称（高龄津贴、养老服务补贴、护理补贴等）、依据、对象、内容和标准、方式、申请材料清单及格式、办理流程、办理部门、办理时限、办理时间和地点、咨询电话',
      ],
      [
        '养老服务扶持补贴',
        '',
        '补贴名称（建设补贴、运营补贴等）、依据、对象、申请条件、内容和标准、方式、申请材料清单及样式、办理流程、办理部门、办理时限、办理时间和地点、咨询电话',
        { timeLimit: '制定或获取扶持补贴政策之日起10个工作日内' },
      ],
    ],
  },
  {
    shared: {
      area: '财政预决算',
      basis: BUDGET_BASIS,
      timeLimit: '本级人民代表大会或其常务委员会批准后20日内',
      subject: '地方各级财政部门',
      channels: WEB,
      level: '县级、乡级',
      source: SANJIAO,
      confirmed: '是',
    },
    items: [
      [
        '财政预决算',
        '政府预算',
        '一般公共预算收支预算表、支出预算明细表（经济分类、功能分类），政府性基金预算收支预算表；“三公”经费预算总额及分项数额；没有数据的表格列出空表并说明',
      ],
      [
        '财政预决算',
        '政府决算',
        '一般公共预算收支决算表、支出决算明细表（经济分类、功能分类），政府性基金预算收支决算表；“三公”经费决算',
      ],
    ],
  },
  {
    shared: {
      area: '财政预决算',
      basis: BUDGET_BASIS,
      timeLimit: '人大会议批复后20日内',
      subject: '乡镇人民政府',
      channels: WEB,
      level: '乡级',
      source: CHENGGUAN,
      confirmed: '否',
    },
    items: [
      [
        '财政预决算',
        '部门预算',
        '部门收支总体情况表、收入总体情况表、支出总体情况表；财政拨款收支情况表；一般公共预算“三公”经费支出预算表',
      ],
    ],
  },
];

/** The starter set as rows of the import table (header first), read by the same check as any import. */
export function starterRows(): string[][] {
  const items = CATALOGUES.flatMap(({ shared, items }) =>
    items.map(([level1, level2, elements, differs]) => ({ ...shared, ...differs, level1, level2, elements })),
  );
  return items.map((t, i) => [
    t.area,
    String(i + 1),
    t.level1,
    t.level2,
    t.elements,
    t.basis,
    t.timeLimit,
    t.subject,
    t.channels,
    '全社会',
    '主动',
    t.level,
    t.source,
    t.confirmed,
  ]);
}

export type { ItemText };
