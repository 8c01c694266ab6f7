// The server-side chart: ECharts draws an SVG, and the same figures always come as a table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { chartOption, ChartFigure, renderChart, type ChartSpec } from './chart.tsx';

const spec: ChartSpec = {
  title: '近12个月办件情况',
  categoryLabel: '月份',
  categories: ['2025年5月', '2025年6月'],
  series: [
    { name: '收件', values: [0, 8] },
    { name: '满意率', values: [null, 75], kind: 'line', percent: true },
  ],
};

describe('server-rendered charts', () => {
  test('an SVG with the series names, and a table with every figure (— for none)', async () => {
    const chart = await renderChart(spec);
    assert.match(chart.svg, /^<svg [^>]*viewBox="0 0 720 320"/);
    assert.match(chart.svg, /收件/);
    assert.doesNotMatch(chart.svg, /<script|ecmeta_/i);
    const html = renderToString(<ChartFigure chart={chart} id="c" />);
    const text = html
      .replace(/<svg[\s\S]*<\/svg>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    assert.match(text, /月份 收件 满意率 2025年5月 0 — 2025年6月 8 75%/);
    assert.match(html, /role="img" aria-label="近12个月办件情况（数据见下表）"/);
    assert.match(html, /<div aria-hidden="true"><svg /);
  });

  test('nothing to draw: no SVG, the table still says so; a table below the page replaces ours', async () => {
    const empty = await renderChart({ ...spec, series: spec.series.map((s) => ({ ...s, values: [null, 0] })) });
    assert.equal(empty.svg, '');
    assert.doesNotMatch(renderToString(<ChartFigure chart={empty} id="c" />), /<svg/);
    assert.equal(renderToString(<ChartFigure chart={empty} id="c" tableBelow />), '');
    const drawn = await renderChart(spec);
    assert.doesNotMatch(renderToString(<ChartFigure chart={drawn} id="c" tableBelow />), /<table/);
  });

  test('a percentage series gets its own 0–100 axis; stacked bars share a stack', () => {
    const o = chartOption({ ...spec, series: [...spec.series, { name: '办结', values: [1, 2], stack: 'x' }] }) as {
      yAxis: { max?: number }[];
      series: { yAxisIndex: number; stack?: string }[];
    };
    assert.equal(o.yAxis.length, 2);
    assert.equal(o.yAxis[1]?.max, 100);
    assert.deepEqual(
      o.series.map((s) => [s.yAxisIndex, s.stack]),
      [
        [0, undefined],
        [1, undefined],
        [0, 'x'],
      ],
    );
  });
});
