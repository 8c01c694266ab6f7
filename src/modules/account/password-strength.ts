// Password strength: zxcvbn-ts (its common-password and keyboard dictionaries) plus what people
// in China pick — pinyin words and names, "love" digit strings (5201314), mobile and landline
// numbers, ID numbers — and the user's own data (username, name, agency) as user inputs.
// A password must score at least MIN_SCORE (3: "safely unguessable", ≥ 10^8 guesses); when it
// does not, the estimator's warning and suggestion are said in plain Chinese.
import {
  ZxcvbnFactory,
  type FeedbackType,
  type Match,
  type MatchExtended,
  type TranslationKeys,
} from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_SCORE = 3;

/** Splits a word list written as lines of words (comment lines start with //). */
function words(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean);
}

/** Pinyin that people use as (part of) a password: words, phrases, common names, places. */
const PINYIN = words(`
  // feelings, greetings, lucky words
  woaini aini woaiwojia woaiziji wohenni aiqing qinai baobei laopo laogong xiaobao xiaobai xiaoming
  xiaohong xiaoyu xiaoxiao xiaomei xiaolong meimei gege jiejie didi mama baba yeye nainai pengyou
  kuaile xingfu pingan jiayou fighting nihao zaijian xiexie wangba wanmei tiantian haoyun facai fuqi
  jixiang ruyi shunli chenggong mengxiang qingchun yongyuan yishengyishi shengri kuaileshengri xihuan
  tianshi mimi mima zhanghao denglu yonghu guanliyuan ceshi moren kouling diannao shouji weixin qqqq
  baidu taobao zhifubao tencent huawei xiaomi lenovo
  // country, places, institutions, government work
  zhongguo china zhonghua beijing shanghai tianjin chongqing guangzhou shenzhen hangzhou nanjing wuhan
  chengdu xian changsha hunan hubei guangdong sichuan zhengfu renmin renminzhengfu gongkai zhengwu
  zhengwugongkai xinxigongkai xinxi bangongshi bangong gongwuyuan danwei jiguan xianzhengfu
  zhenzhengfu xiangzhengfu dangwei dangzheng gongzuo fuwu wangzhan guanli xitong shuju gonggao gongshi
  shenqing banshi dating zhengwufuwu jiandu tousu zixun xinfang nianbao
  // common surnames and full names (拼音)
  wang li zhang liu chen yang huang zhao zhou wu xu sun ma zhu hu guo he lin gao luo zheng liang xie
  song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu
  ding ren shen yao jin fu zhong cui tan fan shi zhangwei wangwei wangfang liwei wangxiuying lixiuying
  lina zhangxiuying liuwei zhangmin lijing zhangli wangjing liuyang wanglei zhangjing lijun liqiang
  wangyong zhangyong liyong zhangjie wangjie lijie liuyan wangqiang zhangtao chenjing wangping liping
  wangmin zhangqiang liuxin zhanglei chenwei yangyang wangtao lihua zhanghua wanghua liming zhangming
  wangming wangyan zhangyan jianguo jianjun guoqing haiyan xiuying guiying yufang lanying cuihua
  jianhua zhiqiang zhiming xiaojun xiaoping xiaofeng xiaoli xiaoyan xiaohui yuxuan zihan haoran yuhang
  zhihao yichen xinyi yutong jiayi zixuan hao jun lei jing min ming qiang tao yan yong ping hua hong
  jie fang na
`);

/** Digit strings that read as words in Chinese (520 = 我爱你, 1314 = 一生一世) and keypad runs. */
const CN_DIGITS = words(`
  520 521 1314 5201314 1314520 52013140 5211314 7758521 584520 3344520 1314521 201314 9958 88888888
  66666666 168168 518518 147258 147258369 159357 159753 123456789a 123qwe qwe123 1qaz2wsx q1w2e3r4
  a123456 aa123456 abc123 110 119 120 12315 12345 12306 10086 10010 95588 400 800
`);

const ZH: TranslationKeys = {
  warnings: {
    straightRow: '键盘上连成一行的字符很容易被猜到。',
    keyPattern: '键盘上相邻按键组成的图案很容易被猜到。',
    simpleRepeat: '重复的字符（如“aaa”）很容易被猜到。',
    extendedRepeat: '重复的字符组合（如“abcabcabc”）很容易被猜到。',
    sequences: '连续的字符或数字（如“abcd”“1234”）很容易被猜到。',
    recentYears: '最近的年份很容易被猜到。',
    dates: '日期（如生日）很容易被猜到。',
    topTen: '这是最常用的密码之一。',
    topHundred: '这是十分常用的密码。',
    common: '这是常见弱密码。',
    similarToCommon: '这与常见弱密码非常相似。',
    wordByItself: '单独一个常用词很容易被猜到。',
    namesByThemselves: '单独的姓名或姓氏很容易被猜到。',
    commonNames: '常见姓名或姓氏很容易被猜到。',
    userInputs: '不要使用用户名、姓名、单位名称等与本人或本单位相关的信息。',
    pwned: '这个密码已在其他网站的数据泄露中出现过。',
  },
  suggestions: {
    l33t: '不要用可预见的字符替换，如用“@”代替“a”。',
    reverseWords: '不要把常用词倒过来写。',
    allUppercase: '大写部分字母即可，不要全部大写。',
    capitalization: '不要只把首字母大写。',
    dates: '不要使用与本人相关的日期和年份。',
    recentYears: '不要使用最近的年份。',
    associatedYears: '不要使用与本人相关的年份。',
    sequences: '不要使用连续的字符或数字。',
    repeated: '不要重复同一个词或字符。',
    longerKeyboardPattern: '使用更长的键盘图案，并多次改变方向。',
    anotherWord: '再加几个不常见的词。',
    useWords: '用几个互不相关的词组成密码，中间可加符号。',
    noNeed: '不需要特殊符号、数字或大写字母，也能设置很强的密码。',
    pwned: '如果在其他地方用过这个密码，请在那里也修改它。',
  },
  timeEstimation: {
    ltSecond: '不到 1 秒',
    second: '{base} 秒',
    seconds: '{base} 秒',
    minute: '{base} 分钟',
    minutes: '{base} 分钟',
    hour: '{base} 小时',
    hours: '{base} 小时',
    day: '{base} 天',
    days: '{base} 天',
    month: '{base} 个月',
    months: '{base} 个月',
    year: '{base} 年',
    years: '{base} 年',
    centuries: '数百年',
  },
};

/**
 * Mobile numbers (1[3-9] + 9 digits), landlines with an area code and ID numbers (18 characters)
 * are personal data an attacker who targets a person can look up: they count as ~100 guesses.
 */
const PERSONAL_NUMBER = /1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{17}[\dXx]/g;
const PERSONAL_NUMBER_WARNING = '不要使用手机号、电话号码或身份证号等个人号码。';

class PersonalNumberMatching {
  match({ password }: { password: string }): Match[] {
    const found: Match[] = [];
    for (const m of password.matchAll(PERSONAL_NUMBER)) {
      const i = m.index;
      found.push({ pattern: 'cnPersonalNumber', token: m[0], i, j: i + m[0].length - 1 });
    }
    return found;
  }
}

const personalNumberMatcher = {
  Matching: PersonalNumberMatching,
  scoring: () => 100,
  feedback: (): FeedbackType => ({ warning: PERSONAL_NUMBER_WARNING, suggestions: [ZH.suggestions.useWords] }),
};

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory(
    {
      dictionary: { ...dictionary, pinyin: PINYIN, cnDigits: CN_DIGITS },
      graphs: adjacencyGraphs,
      translations: ZH,
      useLevenshteinDistance: false,
    },
    // The factory's types want the library's own matcher base class; ours has the same shape.
    { cnPersonalNumber: personalNumberMatcher as never },
  );
  return factory;
}

/** Words from the user's own data and the site that must not carry a password. */
export function userInputWords(values: readonly string[]): string[] {
  const words = new Set<string>(['gongkai', 'zhengwugongkai', 'xinxigongkai', 'admin', 'gov']);
  for (const v of values) {
    const lower = v.trim().toLowerCase();
    if (!lower) continue;
    words.add(lower);
    for (const part of lower.split(/[^a-z0-9\u4e00-\u9fff]+/)) if (part.length >= 2) words.add(part);
  }
  return [...words];
}

export interface StrengthVerdict {
  score: number;
  /** Null when strong enough, else a Chinese message saying why and what to do. */
  message: string | null;
}

export function checkPasswordStrength(password: string, userInputs: readonly string[]): StrengthVerdict {
  const result = estimator().check(password, userInputWords(userInputs));
  if (result.score >= MIN_SCORE) return { score: result.score, message: null };
  const why = result.feedback.warning ?? reasonFromSequence(result.sequence);
  const advice = result.feedback.suggestions.length ? result.feedback.suggestions : [ZH.suggestions.useWords];
  return { score: result.score, message: `密码太容易被猜到：${why}建议：${advice.join('')}` };
}

function reasonFromSequence(sequence: readonly MatchExtended[]): string {
  if (sequence.some((m) => m.pattern === 'dictionary')) return '它由常见的词或拼音组成。';
  return '它太短或太有规律。';
}
