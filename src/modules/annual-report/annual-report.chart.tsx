// Year-over-year chart of a report's main figures, rendered on the server as SVG (no script):
// grouped bars per year, with the values written on the bars and repeated in a text list so the
// chart is not the only carrier of the numbers.
export interface YearFigures {
  year: number;
  newlyReceived: number;
  concluded: number;
  normativeIssued: number;
}

const SERIES: readonly { key: keyof Omit<YearFigures, 'year'>; label: string; cls: string }[] = [
  { key: 'newlyReceived', label: '本年新收申请', cls: 'chart-s1' },
  { key: 'concluded', label: '本年办结申请', cls: 'chart-s2' },
  { key: 'normativeIssued', label: '制发行政规范性文件', cls: 'chart-s3' },
];

export function YearChart({ years, title }: { years: readonly YearFigures[]; title: string }) {
  if (years.length === 0) return null;
  const max = Math.max(1, ...years.flatMap((y) => SERIES.map((s) => y[s.key])));
  const bar = 22;
  const gap = 18;
  const groupWidth = SERIES.length * bar + gap;
  const height = 180;
  const top = 20;
  const left = 10;
  const width = left * 2 + years.length * groupWidth;
  const id = `chart-${years.map((y) => y.year).join('-')}`;
  return (
    <figure class="report-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-t`}
        viewBox={`0 0 ${width} ${height + top + 40}`}
        width={width}
        height={height + top + 40}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-t`}>{title}</title>
        <line x1={left} y1={top + height} x2={width - left} y2={top + height} class="chart-axis" />
        {years.map((y, i) => {
          const x0 = left + i * groupWidth + gap / 2;
          return (
            <g key={y.year}>
              {SERIES.map((s, j) => {
                const v = y[s.key];
                const h = Math.round((v / max) * (height - 10));
                return (
                  <g key={s.key}>
                    <rect x={x0 + j * bar} y={top + height - h} width={bar - 2} height={h} class={s.cls} />
                    <text
                      x={x0 + j * bar + (bar - 2) / 2}
                      y={top + height - h - 4}
                      text-anchor="middle"
                      class="chart-value"
                    >
                      {v}
                    </text>
                  </g>
                );
              })}
              <text
                x={x0 + (SERIES.length * bar) / 2}
                y={top + height + 18}
                text-anchor="middle"
                class="chart-label"
              >{`${y.year}年`}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}：
        {SERIES.map((s) => (
          <span key={s.key} class={`chart-legend ${s.cls}-legend`}>
            {s.label}（{years.map((y) => `${y.year}年${y[s.key]}`).join('，')}）
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
