// 主要数据历年对比: a report's main figures beside those of every earlier published report of the
// agency, drawn on the server as SVG (platform/views/chart.tsx) with the same figures in a table.
import { ChartFigure, renderChart, type RenderedChart } from '../../platform/views/chart.tsx';

export interface YearFigures {
  year: number;
  newlyReceived: number;
  concluded: number;
  normativeIssued: number;
}

const SERIES: readonly { key: keyof Omit<YearFigures, 'year'>; label: string }[] = [
  { key: 'newlyReceived', label: '本年新收申请' },
  { key: 'concluded', label: '本年办结申请' },
  { key: 'normativeIssued', label: '制发行政规范性文件' },
];

export const YEAR_CHART_TITLE = '主要数据历年对比';

export function yearChart(years: readonly YearFigures[]): Promise<RenderedChart> {
  return renderChart({
    title: YEAR_CHART_TITLE,
    categoryLabel: '年度',
    categories: years.map((y) => `${y.year}年`),
    series: SERIES.map((s) => ({ name: s.label, values: years.map((y) => y[s.key]) })),
  });
}

export function YearChart({ chart }: { chart: RenderedChart }) {
  return <ChartFigure chart={chart} id="year-chart" />;
}
