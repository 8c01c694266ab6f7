import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  documentForIndex,
  indexTokens,
  matchesAllTerms,
  matchesIndexTokens,
  normaliseText,
  queryTokens,
  toFts5Lookup,
  toFts5Match,
  toTsQuery,
} from './bigram.ts';
import type { SearchQuery } from './bigram.ts';
import { highlight } from './highlight.ts';

test('indexTokens: CJK runs become bigrams plus the run-final character, words with their suffixes', () => {
  const cases: Array<[string, string[]]> = [
    ['', []],
    ['，。！', []],
    ['镇', ['镇']],
    ['低保', ['低保', '保']],
    ['低保户', ['低保', '保户', '户']],
    ['城关镇低保户名单', ['城关', '关镇', '镇低', '低保', '保户', '户名', '名单', '单']],
    ['低保，户口', ['低保', '保', '户口', '口']],
    [
      'GB32100-2015 标准',
      ['gb32100', 'b32100', '32100', '2100', '100', '00', '0', '2015', '015', '15', '5', '标准', '准'],
    ],
    ['２０２４年度报告', ['2024', '024', '24', '4', '年度', '度报', '报告', '告']],
    ['国办发〔2019〕54号', ['国办', '办发', '发', '2019', '019', '19', '9', '54', '4', '号']],
    ['Gongkai平台v2', ['gongkai', 'ongkai', 'ngkai', 'gkai', 'kai', 'ai', 'i', '平台', '台', 'v2', '2']],
    ['𠀀𠀁', ['𠀀𠀁', '𠀁']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(indexTokens(input), expected, input);
});

test('documentForIndex joins the tokens with single spaces', () => {
  assert.equal(documentForIndex('低保户，GB'), '低保 保户 户 gb b');
  assert.equal(documentForIndex('  '), '');
});

test('indexTokens cuts very long words to 100 characters', () => {
  const long = 'a'.repeat(150);
  assert.deepEqual(indexTokens(long)[0], 'a'.repeat(100));
  assert.equal(indexTokens(long).length, 100);
  const query = queryTokens(long);
  assert.deepEqual(query.prefixTokens, ['a'.repeat(100)]);
  assert.equal(matchesIndexTokens(indexTokens(`x ${long}`), query), true);
});

test('queryTokens: terms, exact bigrams and prefix tokens', () => {
  const cases: Array<[string, SearchQuery]> = [
    ['', { terms: [], tokens: [], prefixTokens: [] }],
    ['  ，。 ', { terms: [], tokens: [], prefixTokens: [] }],
    ['低保', { terms: ['低保'], tokens: ['低保'], prefixTokens: [] }],
    ['低保户', { terms: ['低保户'], tokens: ['低保', '保户'], prefixTokens: [] }],
    ['镇', { terms: ['镇'], tokens: [], prefixTokens: ['镇'] }],
    ['低保 公示', { terms: ['低保', '公示'], tokens: ['低保', '公示'], prefixTokens: [] }],
    ['“低保户”', { terms: ['低保户'], tokens: ['低保', '保户'], prefixTokens: [] }],
    ['低保，户', { terms: ['低保,户'], tokens: ['低保'], prefixTokens: ['户'] }],
    ['ＧＢ 32100', { terms: ['gb', '32100'], tokens: [], prefixTokens: ['gb', '32100'] }],
    ['2024年', { terms: ['2024年'], tokens: [], prefixTokens: ['2024', '年'] }],
    ['低保 低保', { terms: ['低保'], tokens: ['低保'], prefixTokens: [] }],
    ['保障 障碍', { terms: ['保障', '障碍'], tokens: ['保障', '障碍'], prefixTokens: [] }],
  ];
  for (const [input, expected] of cases) assert.deepEqual(queryTokens(input), expected, input);
});

test('toFts5Match and toTsQuery render the same query for each engine', () => {
  const query = queryTokens('低保户 镇 gongk');
  assert.equal(toFts5Match(query), '"低保" AND "保户" AND "镇"* AND "gongk"*');
  assert.equal(toTsQuery(query), "'低保' & '保户' & '镇':* & 'gongk':*");
  assert.equal(toFts5Match(queryTokens('')), '');
  assert.equal(toTsQuery(queryTokens('')), '');
});

test('toFts5Lookup: one phrase per term; exact for terms of one script run, re-checked across runs', () => {
  const cases: Array<[string, string, string[], boolean?]> = [
    ['低保户', '"低保 保户"', ['低保户']],
    // A lone one-character term: its prefix (the caller walks the newest documents first).
    ['镇', '"镇"*', ['镇'], true],
    ['1 镇', '"1"* AND "镇"*', ['1', '镇'], true],
    ['gongk', '"gongk"*', ['gongk']],
    // A word then CJK: the word's suffixes (the document's word ends there); a one-character
    // prefix at the end is left off the phrase (no prefix index) and the term re-checked.
    ['14户', '"14 4"', []],
    ['14户籍', '"14 4 户籍"', []],
    // CJK then a word: the run ends with its unigram, a word of two or more characters is a prefix.
    ['团等14', '"团等 等 14"*', []],
    ['第3项', '"第 3"', []],
    ['低保ab', '"低保 保 ab"*', []],
    ['隐患点1', '"隐患 患点 点"', []],
    // Inner punctuation: the tokens of the term, unordered, without one-character prefixes.
    ['gb/t', '("gb"*)', []],
    ['a/b', '("a"* AND "b"*)', [], true],
    // A lone prefix term is left out when another term narrows the candidates, a one-character
    // one also when a longer prefix is there.
    ['低保 镇', '"低保"', ['低保']],
    ['2019 镇', '"2019"*', ['2019']],
    // A word of two or more characters stays beside other terms: it starts few tokens, and left
    // out it made every hit of the other terms a substring re-check (灵溪镇 2024: ~300 ms at
    // 200,000). A word is exact by its prefix (its suffixes are tokens too).
    ['灵溪镇 2024', '"灵溪 溪镇" AND "2024"*', ['灵溪镇', '2024']],
    ['通知 abc', '"通知" AND "abc"*', ['通知', 'abc']],
    ['通知 23', '"通知" AND "23"*', ['通知', '23']],
    ['通知 3', '"通知"', ['通知']],
    ['', '', []],
  ];
  for (const [q, expr, exact, oneCharacter] of cases) {
    const lookup = toFts5Lookup(queryTokens(q));
    assert.equal(lookup.expr, expr, q);
    assert.deepEqual([...lookup.exact], exact, q);
    assert.equal(lookup.oneCharacter, oneCharacter ?? false, q);
  }
  // The phrase tokens are the tokens a document containing the term has, at consecutive positions.
  for (const [text, term] of [
    ['全县低保户名单', '低保户'],
    ['共14户', '14户'],
    ['王团等14户', '团等14'],
    ['第3项任务', '第3项'],
  ] as const) {
    const tokens = indexTokens(text);
    const phrase = toFts5Lookup(queryTokens(term))
      .expr.replace(/^"|"\*?$/g, '')
      .split(' ');
    const at = tokens.indexOf(phrase[0] as string);
    assert.ok(at >= 0, text);
    phrase.forEach((t, k) =>
      assert.ok(
        k === phrase.length - 1 ? (tokens[at + k] as string).startsWith(t) : tokens[at + k] === t,
        `${text}: ${t}`,
      ),
    );
  }
});

test('matchesAllTerms: every term must be a substring of the normalised text', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['城关镇低保户名单', ['低保'], true],
    ['城关镇低保户名单', ['低保', '名单'], true],
    ['城关镇低保户名单', ['低保', '五保'], false],
    ['城关镇低保名单，户口', ['低保户'], false],
    ['ＧＢ３２１００', ['gb32100'], true],
    ['任何文本', [], true],
  ];
  for (const [text, terms, expected] of cases)
    assert.equal(matchesAllTerms(text, terms), expected, `${text} ${terms.join('|')}`);
});

test('search: 低保户 is found by 低保, 保户, 低保户 and its single characters', () => {
  const docTokens = indexTokens('2024年城关镇低保户名单公示');
  for (const q of ['低保', '保户', '低保户', '低', '保', '户', '示', '2024', '20', '城关镇 公示']) {
    const query = queryTokens(q);
    assert.equal(matchesIndexTokens(docTokens, query), true, q);
  }
  for (const q of ['五保户', '保低', '2025', '公告']) {
    assert.equal(matchesIndexTokens(docTokens, queryTokens(q)), false, q);
  }
  // Latin/digit words are found by any substring: 024 and 4 are in 2024.
  assert.equal(matchesIndexTokens(docTokens, queryTokens('024')), true);
  assert.equal(matchesIndexTokens(docTokens, queryTokens('4年')), true);
});

/** Deterministic pseudo-random numbers (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '低保',
  '低保户',
  '五保户',
  '特困',
  '供养',
  '城关镇',
  '东关村',
  '西关社区',
  '政府',
  '信息',
  '公开',
  '年度',
  '报告',
  '申请',
  '答复',
  '补正',
  '延期',
  '公示',
  '名单',
  '救助',
  '医疗',
  '教育',
  '养老',
  '保障',
  '障碍',
  '残疾人',
  '补贴',
  '发放',
  '资金',
  '项目',
  '建设',
  '农村',
  '危房',
  '改造',
  '户籍',
  '管理',
  '办法',
  '通知',
  '关于',
  '印发',
  '实施',
  '方案',
  '工作',
  '要点',
  '保户',
  '户口',
  '口径',
];
const PUNCTUATION = ['，', '。', '、', '；', '：', '“', '”', '（', '）', '《', '》'];
const isCjk = (ch: string): boolean => /\p{Script=Han}/u.test(ch);

function buildCorpus(rand: () => number, size: number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const corpus: string[] = [];
  for (let i = 0; i < size; i += 1) {
    let text = '';
    const parts = 3 + Math.floor(rand() * 8);
    for (let p = 0; p < parts; p += 1) {
      text += pick(WORDS);
      if (rand() < 0.3) text += pick(PUNCTUATION);
    }
    corpus.push(text);
  }
  return corpus;
}

/** Substrings of 2–6 characters that start and end with a CJK character (inner punctuation kept). */
function buildQueries(rand: () => number, corpus: readonly string[], count: number): string[] {
  const queries = new Set<string>();
  while (queries.size < count) {
    const chars = Array.from(corpus[Math.floor(rand() * corpus.length)] as string);
    const length = 2 + Math.floor(rand() * 5);
    const start = Math.floor(rand() * Math.max(1, chars.length - length + 1));
    const candidate = chars.slice(start, start + length);
    if (candidate.length < 2 || !isCjk(candidate[0] as string) || !isCjk(candidate[candidate.length - 1] as string))
      continue;
    queries.add(candidate.join(''));
  }
  return [...queries];
}

test('recall: index lookup + re-check finds exactly the documents a substring scan finds', () => {
  const rand = random(20240601);
  const corpus = buildCorpus(rand, 80);
  const indexed = corpus.map((text) => indexTokens(text));
  const fromText = buildQueries(rand, corpus, 300);
  // Queries that are mostly absent: random pairs and triples of characters from the vocabulary.
  const vocabulary = [...new Set(WORDS.join(''))];
  const random2to3: string[] = [];
  for (let i = 0; i < 100; i += 1) {
    const length = 2 + Math.floor(rand() * 2);
    let q = '';
    for (let k = 0; k < length; k += 1) q += vocabulary[Math.floor(rand() * vocabulary.length)] as string;
    random2to3.push(q);
  }
  const singles = vocabulary;
  const queries = [...fromText, ...random2to3, ...singles, '低保', '保户', '低保户'];
  assert.ok(corpus.length >= 50 && fromText.length >= 200);

  let found = 0;
  for (const q of queries) {
    const query = queryTokens(q);
    const viaIndex = corpus
      .map((text, i) => i)
      .filter(
        (i) => matchesIndexTokens(indexed[i] as string[], query) && matchesAllTerms(corpus[i] as string, query.terms),
      );
    const viaScan = corpus
      .map((_, i) => i)
      .filter((i) => normaliseText(corpus[i] as string).includes(normaliseText(q)));
    assert.deepEqual(viaIndex, viaScan, `query ${q}`);
    found += viaScan.length;
  }
  assert.ok(found > queries.length, 'the generated queries actually hit documents');
});

test('recall: the index lookup alone never misses a document that contains the query', () => {
  const rand = random(7);
  const corpus = buildCorpus(rand, 60);
  for (const q of buildQueries(rand, corpus, 200)) {
    const query = queryTokens(q);
    corpus.forEach((text) => {
      if (text.includes(q)) assert.equal(matchesIndexTokens(indexTokens(text), query), true, `${q} in ${text}`);
    });
  }
});

test('highlight: escaped snippet with <mark> around hits', () => {
  const cases: Array<[string, string[], number | undefined, string]> = [
    ['城关镇低保户名单', ['低保'], undefined, '城关镇<mark>低保</mark>户名单'],
    [
      '低保户<script>alert(1)</script>',
      ['低保'],
      undefined,
      '<mark>低保</mark>户&lt;script&gt;alert(1)&lt;/script&gt;',
    ],
    ['A & B "低保" \'x\'', ['低保'], undefined, 'A &amp; B &quot;<mark>低保</mark>&quot; &#39;x&#39;'],
    ['低保户，低保', ['低保', '保户'], undefined, '<mark>低保户</mark>，<mark>低保</mark>'],
    ['无关文本', ['低保'], undefined, '无关文本'],
    ['无关文本', [], undefined, '无关文本'],
    ['一二三四五六七八九十低保', ['低保'], 6, '…七八九十<mark>低保</mark>'],
    ['低保一二三四五六七八九十', ['低保'], 6, '<mark>低保</mark>一二三四…'],
    ['一二三四五六七八九十低保一二三四五六七八九十', ['低保'], 10, '…九十<mark>低保</mark>一二三四五六…'],
    ['一二三四五六七八九十', ['低保'], 4, '一二三四…'],
    ['ＧＢ３２１００标准', ['gb32100'], undefined, '<mark>ＧＢ３２１００</mark>标准'],
    ['第一行\n\n  第二行低保', ['低保'], undefined, '第一行 第二行<mark>低保</mark>'],
    ['低保户', ['低保户'], 2, '<mark>低保</mark>…'],
    ['𠀀𠀁低保', ['低保'], undefined, '𠀀𠀁<mark>低保</mark>'],
  ];
  for (const [text, terms, maxLength, expected] of cases) {
    const options = maxLength === undefined ? {} : { maxLength };
    assert.equal(highlight(text, terms, options), expected, text);
  }
});

test('highlight uses the normalised terms of a query', () => {
  const query = queryTokens('低保　名单');
  assert.equal(highlight('城关镇低保户名单', query.terms), '城关镇<mark>低保</mark>户<mark>名单</mark>');
});
