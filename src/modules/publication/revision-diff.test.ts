import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyDiff, elide, publicationDiff, wordDiff, type DiffPart } from './revision-diff.ts';

const show = (parts: readonly DiffPart[]) =>
  parts.map((p) => (p.kind === 'added' ? `[+${p.text}]` : p.kind === 'removed' ? `[-${p.text}]` : p.text)).join('');

test('wordDiff: Chinese words from the ICU segmenter, numbers as one word', () => {
  const d = wordDiff('基地投资280万元，由合作社统一经营。', '基地投资260万元，由村合作社统一经营。');
  assert.equal(d.changed, true);
  assert.equal(show(d.parts), '基地投资[-280][+260]万元，由[+村]合作社统一经营。');
  assert.deepEqual(wordDiff('相同', '相同'), { changed: false, parts: [{ kind: 'same', text: '相同' }] });
  assert.deepEqual(wordDiff('', ''), { changed: false, parts: [] });
});

test('bodyDiff: unchanged paragraphs whole, an edited paragraph word by word, removed and added ones whole', () => {
  const before = '<p>第一段不变。</p><p>面积120亩，带动农户46户。</p><p>基地投资280万元。</p>';
  const after = '<p>第一段不变。</p><p>面积150亩，带动农户46户。</p><h2>新增标题</h2>';
  const d = bodyDiff(before, after);
  assert.equal(d.changed, true);
  assert.equal(show(d.parts), '第一段不变。\n面积[-120][+150]亩，带动农户46户。\n[-基地投资280万元。][+新增标题]');
  const same = bodyDiff('<p>甲</p><p>乙</p>', '<div>甲</div><div>乙</div>');
  assert.equal(same.changed, false, 'markup alone is not a change of text');
  const removedOnly = bodyDiff('<p>甲</p><p>乙</p><p>丙</p>', '<p>甲</p><p>丙</p>');
  assert.equal(show(removedOnly.parts), '甲\n[-乙]\n丙');
});

test('publicationDiff: each field, and whether anything changed', () => {
  const a = { title: '关于2025年农田水利建设的通知', summary: '概述', body: '<p>正文</p>' };
  assert.equal(publicationDiff(a, { ...a }).changed, false);
  const d = publicationDiff(a, { ...a, title: '关于2026年农田水利建设的通知' });
  assert.equal(d.changed, true);
  assert.equal(d.title.changed, true);
  assert.equal(d.summary.changed, false);
  assert.equal(d.body.changed, false);
});

test('a wholesale rewrite beyond the edit limit shows removed and added text whole', () => {
  const a = Array.from({ length: 3000 }, (_, i) => `甲${i}`).join('、');
  const b = Array.from({ length: 3000 }, (_, i) => `乙${i}`).join('；');
  const d = wordDiff(a, b);
  assert.equal(d.changed, true);
  assert.deepEqual(
    d.parts.map((p) => p.kind),
    ['removed', 'added'],
  );
});

test('elide keeps context around changes and shortens long unchanged stretches', () => {
  const long = '这'.repeat(200);
  const parts: DiffPart[] = [
    { kind: 'same', text: long },
    { kind: 'added', text: '新增' },
    { kind: 'same', text: long },
  ];
  const out = elide(parts, 10);
  assert.deepEqual(out, [
    { kind: 'elided', count: 190 },
    { kind: 'same', text: '这'.repeat(10) },
    { kind: 'added', text: '新增' },
    { kind: 'same', text: '这'.repeat(10) },
    { kind: 'elided', count: 190 },
  ]);
  assert.deepEqual(elide([{ kind: 'same', text: '短' }], 10), [{ kind: 'same', text: '短' }]);
});

test('a long body with one edit: only that paragraph is diffed, the rest stays whole', () => {
  const paras = Array.from({ length: 300 }, (_, i) => `第${i}段：${'灵溪镇农田水利建设情况说明。'.repeat(6)}`);
  const edited = [...paras];
  edited[150] = edited[150]!.replace('第150段', '第一百五十段');
  const d = bodyDiff(paras.map((p) => `<p>${p}</p>`).join(''), edited.map((p) => `<p>${p}</p>`).join(''));
  assert.equal(d.changed, true);
  assert.deepEqual(
    d.parts.filter((p) => p.kind !== 'same'),
    [
      { kind: 'removed', text: '150' },
      { kind: 'added', text: '一百五十' },
    ],
  );
});
