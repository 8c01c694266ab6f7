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
