// Regenerates src/modules/calendar/data/cn-calendar.json from the chinese-days package's JSON.
// Run by hand when the package gains a year: `node scripts/build-calendar-data.mjs`.
// The output is committed so that the platform never reads package internals at run time.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgDir = require.resolve('chinese-days/package.json').replace(/package\.json$/, '');
const src = JSON.parse(readFileSync(pkgDir + 'dist/chinese-days.json', 'utf8'));
const version = JSON.parse(readFileSync(pkgDir + 'package.json', 'utf8')).version;
const FIRST = 2008;
const LAST = 2026;
const names = { 端午: '端午节', 清明: '清明节', 中秋: '中秋节' };
const years = {};
for (let y = FIRST; y <= LAST; y++) years[y] = { holidays: [], workdays: [] };
for (const [kind, map] of [
  ['holidays', src.holidays],
  ['workdays', src.workdays],
]) {
  for (const [date, label] of Object.entries(map)) {
    const y = Number(date.slice(0, 4));
    if (!years[y]) continue;
    const zh = label.split(',')[1];
    years[y][kind].push([date, names[zh] ?? zh]);
  }
}
for (const y of Object.values(years)) {
  y.holidays.sort((a, b) => a[0].localeCompare(b[0]));
  y.workdays.sort((a, b) => a[0].localeCompare(b[0]));
}
writeFileSync(
  new URL('../src/modules/calendar/data/cn-calendar.json', import.meta.url),
  formatCalendar(`chinese-days@${version}`, years),
);
console.log(`wrote ${LAST - FIRST + 1} years from chinese-days@${version}`);

// One entry a line, so that a year's change reads as a small diff.
function formatCalendar(source, years) {
  const out = ['{', ` "source": ${JSON.stringify(source)},`, ' "years": {'];
  const entries = Object.entries(years);
  entries.forEach(([year, v], i) => {
    out.push(`  "${year}": {`);
    ['holidays', 'workdays'].forEach((k, j) => {
      const items = v[k].map((e) => '    ' + JSON.stringify(e)).join(',\n');
      out.push(`   "${k}": [\n${items}\n   ]` + (j === 0 ? ',' : ''));
    });
    out.push('  }' + (i < entries.length - 1 ? ',' : ''));
  });
  out.push(' }', '}');
  return out.join('\n') + '\n';
}
