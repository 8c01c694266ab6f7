// A column list's deeper page (src/modules/portal/column-list.views.tsx): its frame, rendered once
// per list state and cut where the items go (columnListFrame), with one page's items rendered
// between its two parts, is sent as the same bytes as the whole body rendered at once
// (ColumnListBody) — over list states (category, year, 有效性, 公开方式, sort), page counts, empty
// lists and names with characters preact escapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgencyRow } from '../../src/modules/agency/index.ts';
import type { ListState } from '../../src/modules/portal/catalog.views.tsx';
import { ColumnListBody, ColumnListItems, columnListFrame } from '../../src/modules/portal/column-list.views.tsx';
import { placeEncoded, renderDocumentBytes } from '../../src/platform/views/render.ts';

const agency = { id: 7, slug: 'yongshun', name: '永顺县<人民政府> & “办公室”' } as AgencyRow;
const column = { key: 'statutory', title: '法定主动公开内容' };
const tree = '<ul><li><a href="/agencies/yongshun/statutory?category=3">规划信息</a></li></ul>';
const items = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: from + i,
    agencyId: 7,
    title: `关于第${from + i}号 <通知> & “说明”`,
    publishedAt: '2026-01-02T03:04:05.000Z',
    publishedOn: i % 5 ? '2026-01-02' : null,
  }));

test('frame parts around one page of items are the bytes of the whole body', () => {
  const states: ListState[] = [
    { sort: 'new' },
    { sort: 'old' },
    { sort: 'new', category: 3 },
    { sort: 'old', category: 3, year: 2025, validity: 'valid', channel: 'website' },
  ];
  let compared = 0;
  for (const state of states)
    for (const categoryName of [null, '规划 & <计划>'])
      for (const [total, page] of [
        [0, 1],
        [45, 2],
        [45, 3],
        [20_000, 2],
        [20_000, 517],
        [20_000, 1000],
      ] as const) {
        const pages = Math.max(1, Math.ceil(total / 20));
        const props = { agency, column, categoryTree: tree, categoryName, state, years: [2026, 2025, 2019] };
        const list = items(Math.min(20, total), (page - 1) * 20);
        const whole = renderDocumentBytes(
          <ColumnListBody {...props} items={list} total={total} page={page} pages={pages} />,
        );
        const frame = columnListFrame(props);
        const placed = renderDocumentBytes(
          <>
            {placeEncoded(frame.before)}
            <ColumnListItems
              base="/agencies/yongshun/statutory"
              state={state}
              items={list}
              total={total}
              page={page}
              pages={pages}
            />
            {placeEncoded(frame.after)}
          </>,
        );
        assert.ok(placed.equals(whole), `${JSON.stringify(state)} ${categoryName} ${total} ${page}`);
        compared += 1;
      }
  assert.equal(compared, 48);
});
