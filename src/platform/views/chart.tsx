// Charts rendered on the server as SVG with Apache ECharts (its server-side renderer: no script
// reaches the browser). A chart is never the only carrier of its numbers: <ChartFigure> puts the
// same figures in a table beside it, which screen readers, print and text browsers read; the SVG
// itself is hidden from assistive technology and labelled as one image.
//
// ECharts is large (about a second to import on a cold, busy machine), so it is imported on the
// first chart drawn, not when the server starts; `renderChart` is therefore async and is called
// by the route handler, which hands the finished SVG to the (synchronous) view.
import type * as EChartsCore from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { TableScroll } from './components.tsx';

export interface ChartSeries {
  name: string;
  /** One value per category; null where there is no figure (drawn as a gap, shown as “—”). */
  values: readonly (number | null)[];
  kind?: 'bar' | 'line';
  /** Put this series on a second axis of percentages (0–100), e.g. a rate next to counts. */
  percent?: boolean;
  /** Bars with the same stack name are drawn on top of each other (parts of one whole). */
  stack?: string;
}

export interface ChartSpec {
  /** Said to screen readers as the image's name, and the data table's caption. */
  title: string;
  /** The categories along the horizontal axis (months, years). */
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** Heading of the table's first column, e.g. 月份 or 年度. */
  categoryLabel: string;
}

export interface RenderedChart {
  spec: ChartSpec;
  /** The SVG markup, or '' when there is nothing to draw. */
  svg: string;
}

// Eight colours, each at least 3:1 against white (WCAG 1.4.11); the table, not colour, carries the figures.
const PALETTE = ['#0b4f9c', '#c25400', '#1d6b2f', '#8a1c7c', '#5b5b5b', '#a3122a', '#007c89', '#6b4e16'];

type EChartsModule = typeof EChartsCore;
let loading: Promise<EChartsModule> | undefined;

function loadECharts(): Promise<EChartsModule> {
  loading ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.BarChart,
      charts.LineChart,
      components.GridComponent,
      components.LegendComponent,
      renderers.SVGRenderer,
    ]);
    return core;
  })();
  return loading;
}

/** The ECharts option for a spec: pure, so its shape can be tested without drawing. */
export function chartOption(spec: ChartSpec): EChartsCoreOption {
  const hasPercent = spec.series.some((s) => s.percent);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: 'sans-serif', fontSize: 13, color: '#1a1a1a' },
    legend: { top: 0, textStyle: { color: '#1a1a1a' } },
    grid: { left: 48, right: hasPercent ? 52 : 24, top: 40, bottom: 40 },
    xAxis: {
      type: 'category',
      data: [...spec.categories],
      axisLabel: { color: '#1a1a1a', hideOverlap: true },
      axisLine: { lineStyle: { color: '#1a1a1a' } },
    },
    yAxis: [
      {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: '#1a1a1a' },
        splitLine: { lineStyle: { color: '#d0d0d0' } },
      },
      ...(hasPercent
        ? [
            {
              type: 'value',
              min: 0,
              max: 100,
              axisLabel: { color: '#1a1a1a', formatter: '{value}%' },
              splitLine: { show: false },
            },
          ]
        : []),
    ],
    series: spec.series.map((s) => ({
      name: s.name,
      type: s.kind ?? 'bar',
      yAxisIndex: s.percent ? 1 : 0,
      data: s.values.map((v) => (v === null ? '-' : v)),
      connectNulls: false,
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.kind === 'line' ? { symbolSize: 6, lineStyle: { width: 2 } } : { barMaxWidth: 28 }),
    })),
  };
}

/** Draws the chart as SVG markup (width × height in CSS pixels; the figure scales down to fit). */
export async function renderChart(spec: ChartSpec, size = { width: 720, height: 320 }): Promise<RenderedChart> {
  // Only zeros (or no figures at all) draw nothing: the table says it plainly.
  const hasData = spec.categories.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null && v !== 0));
  if (!hasData) return { spec, svg: '' };
  const echarts = await loadECharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(chartOption(spec));
    // ECharts marks its shapes with ecmeta_* attributes for its own client-side hydration; they
    // are not SVG and fail HTML validation, and nothing here reads them.
    return { spec, svg: chart.renderToSVGString().replace(/ ecmeta_[a-z_]+="[^"]*"/g, '') };
  } finally {
    chart.dispose();
  }
}

function cell(v: number | null, percent: boolean | undefined): string {
  if (v === null) return '—';
  return percent ? `${v}%` : String(v);
}

/**
 * The chart and, beside it, the same figures as a table — unless the page already shows them in a
 * table right below (`tableBelow`), which then is the chart's text alternative.
 */
export function ChartFigure({ chart, id, tableBelow }: { chart: RenderedChart; id: string; tableBelow?: boolean }) {
  const { spec, svg } = chart;
  if (spec.categories.length === 0) return null;
  if (tableBelow && !svg) return null;
  return (
    <figure class="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{spec.title}</figcaption>
      {svg ? (
        <div class="chart-image" role="img" aria-label={`${spec.title}（数据见下表）`}>
          <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
        </div>
      ) : null}
      {tableBelow ? null : <DataTable spec={spec} />}
    </figure>
  );
}

function DataTable({ spec }: { spec: ChartSpec }) {
  return (
    <TableScroll label={`${spec.title}数据表`}>
      <table class="chart-data">
        <caption>{spec.title}（数据表）</caption>
        <thead>
          <tr>
            <th scope="col">{spec.categoryLabel}</th>
            {spec.series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {spec.series.map((s) => (
                <td key={s.name}>{cell(s.values[i] ?? null, s.percent)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
