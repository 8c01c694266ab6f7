// GBK bytes of a text, for tests of files written by Excel's 「CSV（逗号分隔）」 or Notepad's 「ANSI」
// on a Chinese Windows. Node has no GBK encoder; the table is GB18030's decoder run backwards over
// every two-byte sequence (GBK's lead bytes 0x81–0xFE, trail bytes 0x40–0xFE but 0x7F).
let table: Map<string, [number, number]> | null = null;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        /* not a character */
      }
    }
  return table;
}

/** The GBK bytes of `text` (ASCII as itself); throws on a character GBK does not have. */
export function encodeGbk(text: string): Buffer {
  const t = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const pair = t.get(ch);
      if (!pair) throw new Error(`GBK has no ${ch} (U+${code.toString(16)})`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}
