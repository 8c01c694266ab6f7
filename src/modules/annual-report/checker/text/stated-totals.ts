// Stated totals and their parts in a report's prose (#15 point 3): 「主动公开政府信息135条，其中…」
// compared when the text says the numbers are the total's parts (其中/包括/分别为…), a sub-list in
// parentheses against its own part; channels (网站/公开栏/微信 may carry the same item) only warn;
// 余/多/约/累计 numbers are never exact. Each finding states the numbers, the sentence and a certainty.

import { finding, withNumbers } from '../findings.ts';
import type { Finding } from '../findings.ts';
import { excerpt } from '../plain-text.ts';
import type { Locator } from '../plain-text.ts';
import { clauseStart, extractStatedTotals } from './extract.ts';
import type { StatedPart } from './extract.ts';

const CHANNEL_LABEL =
  /网站|网上|公示栏|公开栏|公告栏|宣传栏|揭示板|微信|微博|简报|报刊|报纸|电视|广播|媒体|公众号|客户端|政务公开栏|视频号|抖音|头条/;
const OTHER_CHANNEL = /其他(?:形式|方式|渠道|途径)/;

/** Channels overlap (one item goes out on the website and the notice board): their counts need not add up. */
function isChannelList(parts: readonly StatedPart[]): boolean {
  return (
    parts.some((p) => CHANNEL_LABEL.test(p.label)) &&
    parts.every((p) => CHANNEL_LABEL.test(p.label) || OTHER_CHANNEL.test(p.label))
  );
}

function checkOneTotal(
  total: number,
  unit: string,
  parts: readonly StatedPart[],
  opts: { approximate: boolean; exhaustive: boolean; closed: boolean },
  evidence: string,
  location: ReturnType<Locator>,
): Finding[] {
  const out: Finding[] = [];
  const channels = isChannelList(parts);
  const list = parts.map((p) => `${p.value}${p.approximate ? '余' : ''}`).join('+');
  let exceeded = false;
  if (!opts.approximate) {
    for (const p of parts) {
      if (p.value <= total) continue;
      exceeded = true;
      out.push(
        withNumbers(
          finding(
            'part-exceeds-total',
            'error',
            `其中一项“${p.label || '（未写名称）'}”${p.value}${p.unit}大于所述总数${total}${unit}。`,
            evidence,
            location,
          ),
          [total, p.value],
          'certain',
        ),
      );
    }
  }
  for (const p of parts) {
    if (p.share === undefined || total === 0) continue;
    const actual = (p.value / total) * 100;
    if (Math.abs(actual - p.share) <= 1) continue;
    out.push(
      withNumbers(
        finding(
          'share-mismatch',
          'error',
          `“${p.label}”${p.value}${p.unit}占总数${total}${unit}的${actual.toFixed(1)}%，文中却写为${p.share}%。`,
          evidence,
          location,
        ),
        [p.value, total, p.share],
        'certain',
      ),
    );
  }
  if (opts.approximate || exceeded) return out;
  const sum = parts.reduce((a, p) => a + p.value, 0);
  const lowerBound = parts.some((p) => p.approximate);
  const over = sum > total;
  const under = !lowerBound && sum < total && opts.exhaustive && opts.closed;
  if (!over && !under) return out;
  const severity = channels ? 'warning' : 'error';
  out.push(
    withNumbers(
      finding(
        'total-mismatch',
        severity,
        `所述总数${total}${unit}与其中各项之和${lowerBound ? '（至少）' : ''}${sum}${unit}（${list}）不符${channels ? '（各渠道可能重复计数，请核对）' : ''}。`,
        evidence,
        location,
      ),
      [total, sum],
      over ? 'certain' : 'probable',
    ),
  );
  return out;
}

export function checkStatedTotals(text: string, norm: string, locate: Locator): Finding[] {
  const out: Finding[] = [];
  for (const t of extractStatedTotals(norm)) {
    const start = clauseStart(norm, t.start);
    const evidence = excerpt(text, start, t.end, 0);
    const location = locate(start);
    out.push(
      ...checkOneTotal(
        t.total,
        t.unit,
        t.parts,
        { approximate: t.approximate, exhaustive: t.exhaustive, closed: t.closed },
        evidence,
        location,
      ),
    );
    // A list in parentheses breaks down its own part, not the total.
    for (const p of t.parts) {
      if (!p.breakdown) continue;
      out.push(
        ...checkOneTotal(
          p.value,
          p.unit,
          p.breakdown,
          { approximate: p.approximate, exhaustive: true, closed: true },
          evidence,
          location,
        ),
      );
    }
  }
  return out;
}
