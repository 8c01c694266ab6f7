// The annual report as a route test opens it: a clerk drafts the agency's report from the report
// list, and reads a figure of 一、总体情况 (its count and the drill-down to the records behind it).
import assert from 'node:assert/strict';
import type { Agent } from './agent.ts';

/** `a` (signed in) opens the agency's report of `year` from the list (a 303 to it, asserted); its address and page. */
export async function openReport(a: Agent, agencyId: number, year = '2025'): Promise<{ url: string; body: string }> {
  await a.get(`/admin/annual-reports?year=${year}`);
  const res = await a.post('/admin/annual-reports', { agencyId: String(agencyId), year });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
  const url = String(res.headers.location);
  return { url, body: (await a.get(url)).body };
}

/**
 * The rows of one part of 总体情况's figures on the report page: `row(label)` matches the row,
 * [1] its drill-down address (HTML-escaped), [2] its count (none when 0, shown without a link).
 */
export const overviewRows =
  (body: string, part: string) =>
  (label: string): RegExpExecArray | null =>
    new RegExp(`<td>${part}</td><td>${label}</td><td class="num">(?:<a href="([^"]+)">(\\d+)</a>|0)</td>`).exec(body);
