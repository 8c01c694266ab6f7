// Dates as Chinese official documents write them (GB/T 9704-2012, 成文日期: Arabic
// numerals, year in full, month and day without a leading zero): 2026-12-05 → 2026年12月5日.

const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;

/** One ISO date (YYYY-MM-DD) as 2026年12月5日; anything else unchanged. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Every standalone ISO date in a text written as 2026年12月5日 (numbers such as LINGXI-2025-0001 are left alone). */
export function withChineseDates(text: string): string {
  return text.replace(ISO_DATE, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);
}

/**
 * A stored instant (ISO, UTC) as staff read it: Beijing time to the minute, 2026-12-08 03:55. The
 * stored value stays UTC; shown raw it read eight hours early (19:55 of the day before).
 */
export function beijingMinute(iso: string): string {
  return beijingSecond(iso).slice(0, 16);
}

/** The Beijing day of a stored instant (ISO, UTC), 2026-12-08; '' for none. Its first ten characters are the UTC day, a day early from 00:00 to 08:00. */
export function beijingDate(iso: string | null | undefined): string {
  return iso ? beijingMinute(iso).slice(0, 10) : '';
}

/** A stored instant (ISO, UTC) in Beijing time to the second, 2026-12-08 03:55:12: the audit log's time. */
export function beijingSecond(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
