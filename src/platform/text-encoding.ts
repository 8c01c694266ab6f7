// The text files offices bring come in two encodings: UTF-8 (our own exports, Excel's 「CSV UTF-8」,
// most web pages) and GBK — what Excel's 「CSV（逗号分隔）」 and Notepad's 「ANSI」 write on a Chinese
// Windows, and what older government web pages declare as gb2312. Read as UTF-8, a GBK file's
// Chinese became U+FFFD: an import then stored it so, or refused every row for a reason that named
// neither the file nor its encoding. A file that is not UTF-8 is read as GB18030, the national
// standard that contains GBK and GB 2312 (WHATWG's decoder, in Node's ICU).

export type TextEncodingName = 'utf-8' | 'gb18030';

/** What a user is told when a file is neither (the caller names the file). */
export const UNDECODABLE_TEXT = '不是 UTF-8 或 GBK（GB18030）编码的文本；请在 Excel 或记事本中另存为“UTF-8”后再试。';

/**
 * The encoding of a file from its first bytes: UTF-8 when they are valid UTF-8 (a character cut off
 * at their end allowed; a BOM too), else GB18030.
 */
export function sniffEncoding(head: Uint8Array): TextEncodingName {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** A whole file's text (a UTF-8 BOM left out), or null when it is neither UTF-8 nor GB18030. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(sniffEncoding(bytes), { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A file's text chunk by chunk: the encoding is taken from the first chunk (256 KB of a transfer
 * file), a character split between two chunks is kept for the next. `push` and `end` throw a
 * TypeError where the bytes are not of that encoding.
 */
export class TextChunks {
  #decoder: TextDecoder | null = null;

  get encoding(): TextEncodingName | null {
    return (this.#decoder?.encoding as TextEncodingName | undefined) ?? null;
  }

  push(chunk: Uint8Array): string {
    this.#decoder ??= new TextDecoder(sniffEncoding(chunk), { fatal: true });
    return this.#decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.#decoder ? this.#decoder.decode() : '';
  }
}

/** Whether an error is a TextDecoder's refusal of bytes not of its encoding. */
export function undecodable(err: unknown): boolean {
  return err instanceof TypeError && (err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
}
