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

/**
 * The benchmarks' search mix: `count` words of 2–6 letters or digits cut at random places from
 * random `texts`, drawn with `r` (the same generator state gives the same words).
 */
export function sampleQueries(texts: readonly string[], count: number, r: () => number): string[] {
  const word = /^[\p{Script=Han}\p{L}\p{N}]+$/u;
  const out: string[] = [];
  while (out.length < count) {
    const t = Array.from(texts[Math.floor(r() * texts.length)] as string);
    const len = 2 + Math.floor(r() * 5);
    const at = Math.floor(r() * Math.max(1, t.length - len));
    const q = t.slice(at, at + len).join('');
    if (word.test(q)) out.push(q);
  }
  return out;
}

const PLACES = [
  '永顺县',
  '灵溪镇',
  '首车镇',
  '芙蓉镇',
  '石堤镇',
  '高坪乡',
  '润雅乡',
  '车坪乡',
  '青天坪村',
  '司城村',
  '列夕村',
  '塔卧镇',
];
const SUBJECTS = [
  '城乡居民最低生活保障',
  '低保户资格复核',
  '特困人员救助供养',
  '临时救助',
  '高标准农田建设',
  '农村饮水安全巩固提升',
  '义务教育阶段学生资助',
  '学前教育普惠',
  '乡村振兴衔接资金',
  '森林防火',
  '防汛抗旱',
  '地质灾害隐患点排查',
  '城乡环境卫生整治',
  '农村公路养护',
  '政务服务事项清单',
  '行政许可事项',
  '双随机一公开抽查',
  '安全生产大检查',
  '食品安全监督抽检',
  '道路交通安全',
  '耕地保护',
  '退耕还林补助',
  '残疾人两项补贴',
  '高龄津贴发放',
  '医疗保障待遇',
  '城乡居民养老保险',
  '就业创业补贴',
  '易地扶贫搬迁后续扶持',
  '河长制工作',
  '烟花爆竹禁燃',
];
const ACTIONS = [
  '实施方案',
  '工作通知',
  '公示',
  '情况通报',
  '工作总结',
  '工作计划',
  '管理办法',
  '实施细则',
  '资金分配表',
  '名单公示',
];
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

/** The 900 most frequent characters of this project's own Chinese texts, most frequent first. */
const CHAR_POOL = Array.from(
  '政公开信息府年的行人情和况请理县作申工本条一结其项不报务告民镇度收第办要件他二法事关中类全发内复果诉主计处规数有日动乡三机及费村保议定制于组在未月部业查期正对以审容总进会予生员改永新四量通溪分为时提户是合社国性元据问成栏重顺室到加资管文等上投下经学属局单共实建现求织目设范起了地电当讼各需确出自五用号教由大转或十无农方我区入将网任止题构布位助点依例持服预六询按个专可算展石金决限监知望统策安应众补门过形站明存育编供强维产程体导取高责职群核系邮低效党每督纠列示名并白执检之所化咨云尚综家增后式长青态均城面次格准标至接没华水级案立子街完已律密领话灵护小益如与能整同障根减指万救研更联解够权平力反者校相七车负划道支基防意调址亿认步八九路受心推纳再续招免坪排向具究疑何箱逾概述答集价访因财济治施造前场见称落季序稳贫塘清得批证特来书考秘商危举读简南利困表台老版获企继黄泥录间质然便善从流涉废院额直许仍兼置急培干灾汛征印照围严股只另待物章这掌握柳河芙蓉外源训值房临活试住般绕较记购坚把罚勾稽科禁卷首堤环境常少初品好土委难宣测代协省师署缴评润雅引振兴亩米备变庭害做市厅登抓象率映召扶包索山贯彻促今固营使符线份劳察走隐义深交控函秋就聘措层革洞节茶优种积给带脱渠里宅超身养约屋风签适绩比达压旱紧摊半段班也追居配打粮贴周采最材料真细异阅口猛别午油林险园片域承拟码传逐致放移账偿被送突谁先运抗修洪挥广阶注头两精副拨原筹食去手升视攻疫还图识参窗州括猕猴桃司酉稻辖针植覆盖田订耕讲患警沿志失奖际普草切惠占避底售则旧近张姓余岗回看退敬阳团听齐丰富偏充频础努连龙莓红籍冷附淤灌溉途讨论含医病启拉边巡笔满替貌换选迁励融响离截楼滞泄色足消零差距你座晚显龄儿随历岁尽倍慰们着释详说快巩纸棚载断多字湖神夯探透裁界泛薄弱驻扫倒唯假除珠洗烤烟那必蔬菜柑橘咱技术藏春坝钱愿非踏勘久庄返疗岸坡裂缝威胁须筑货币择搬遍束媒涝戒演练钟撤秩疏诊封顶游客散装筛守稿否露私腊肉链仓储拣牌销模缩污悉该泵智央债券此旬籼斤尿素肥降损童届毕女凭享幼舍堂课硕士宽款停状火故疾暂夕福棉型床验违遇馈匿汇析烈跟踪词终热拓衔微博俗脑短络陈担卡昌衡天寄官醒闻篇碍估争软硬席亲队伍',
);

/**
 * A lexicon of generated 2–4-character "words" (place, project and person-like names) drawn from
 * the pool with a skew toward frequent characters; documents use them with a Zipf-like skew, so
 * queries taken from the texts range from very common to rare, as in real catalogues.
 */
function buildLexicon(r: () => number, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < size; i += 1) {
    const len = 2 + Math.floor(r() * 3);
    let w = '';
    for (let k = 0; k < len; k += 1) w += CHAR_POOL[Math.floor(CHAR_POOL.length * r() ** 1.6)];
    out.push(w);
  }
  return out;
}

const LEXICON = buildLexicon(rng(7), 30_000);

/** A lexicon word, rank drawn with a Zipf-like skew (rank ~ 1/u). */
function lexiconWord(r: () => number): string {
  const rank = Math.min(
    LEXICON.length - 1,
    Math.floor(1 / Math.max(r(), 1 / LEXICON.length)) - 1 + Math.floor(r() * 3),
  );
  return LEXICON[rank] as string;
}

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
      // Half template prose, half named things (villages, projects, people) from the lexicon.
      sentences.push(
        r() < 0.5
          ? `${pick(r, VERBS)}${pick(r, SUBJECTS)}工作，${pick(r, CLAUSES)}`
          : `${lexiconWord(r)}${lexiconWord(r)}的${lexiconWord(r)}项目由${lexiconWord(r)}负责，涉及${lexiconWord(r)}、${lexiconWord(r)}和${lexiconWord(r)}等${2 + Math.floor(r() * 30)}户`,
      );
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
