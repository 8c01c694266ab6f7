// The items of a .json transfer file — an array `[{…}, …]` or `{"publications": [{…}, …]}`, as
// the export writes it — read as the text arrives, so that memory holds one item, not the file
// (JSON.parse of the whole text of a 1,000,000-row export needs several GB). `push()` takes the
// next piece of the decoded text and returns the texts of the items it completed, each for
// JSON.parse; `end()` checks that the file ended where a JSON text may end. Other keys of the
// outer object are read past; what follows the list is not looked at.

/** A JSON text the scanner refuses: the message is the reader's (Chinese) and says where. */
export class JsonItemsError extends Error {}

type Mode = 'start' | 'key' | 'colon' | 'value' | 'after' | 'list' | 'item' | 'next' | 'done';

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** One JSON value read across pieces: its text (when kept) and where it ends. */
class Value {
  text = '';
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private started = false;
  constructor(private readonly keep: boolean) {}

  /** Reads from `s[i]` on; returns the index just past the value's end, or -1 if `s` ends first. */
  read(s: string, i: number): number {
    const from = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!this.started) {
        this.started = true;
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth = 1;
        else this.scalar = true;
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.depth === 0) return this.done(s, from, i + 1);
        }
      } else if (this.scalar) {
        if (isSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d) return this.done(s, from, i);
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if ((c === 0x7d || c === 0x5d) && --this.depth === 0) return this.done(s, from, i + 1);
    }
    if (this.keep) this.text += s.slice(from);
    return -1;
  }

  /** At the end of the text: a number or literal may end there; anything else is cut short. */
  get complete(): boolean {
    return this.scalar;
  }

  private done(s: string, from: number, end: number): number {
    if (this.keep) this.text += s.slice(from, end);
    return end;
  }
}

export class JsonItems {
  private mode: Mode = 'start';
  private value: Value | null = null;
  private key = '';
  private wrapped = false;
  /** Items completed so far (for the messages). */
  private count = 0;

  push(s: string): string[] {
    const items: string[] = [];
    let i = 0;
    if (this.mode === 'start' && s.charCodeAt(0) === 0xfeff) i = 1;
    while (i < s.length && this.mode !== 'done') {
      if (this.value) {
        const end = this.value.read(s, i);
        if (end < 0) return items;
        this.finishValue(items);
        i = end;
        continue;
      }
      const c = s.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      this.step(c);
      if (this.value === null) i++;
    }
    return items;
  }

  /** Checks that the text ended after the list; throws JsonItemsError where it did not. */
  end(): string[] {
    const items: string[] = [];
    if (this.value?.complete) this.finishValue(items);
    if (this.mode === 'done') return items;
    if (this.mode === 'start') throw new JsonItemsError('文件是空的。');
    throw new JsonItemsError(`JSON 格式错误：文件在第 ${this.count + 1} 条处意外结束（文件可能不完整）。`);
  }

  /** One character outside a value: what the mode expects there. */
  private step(c: number): void {
    switch (this.mode) {
      case 'start':
        if (c === 0x5b) this.mode = 'list';
        else if (c === 0x7b) {
          this.wrapped = true;
          this.mode = 'key';
        } else this.fail();
        return;
      case 'key':
        if (c === 0x22) this.value = new Value(true);
        else if (c === 0x7d) throw new JsonItemsError(SHAPE);
        else this.fail();
        return;
      case 'colon':
        if (c === 0x3a) {
          this.mode = 'value';
          return;
        }
        return this.fail();
      case 'value':
        if (this.key === 'publications') {
          if (c !== 0x5b) throw new JsonItemsError(SHAPE);
          this.mode = 'list';
        } else this.value = new Value(false);
        return;
      case 'after':
        if (c === 0x2c) this.mode = 'key';
        else if (c === 0x7d) throw new JsonItemsError(SHAPE);
        else this.fail();
        return;
      case 'list':
        if (c === 0x5d) {
          this.mode = 'done';
          return;
        }
        this.mode = 'item';
        this.value = new Value(true);
        return;
      case 'next':
        if (c === 0x2c) this.mode = 'item';
        else if (c === 0x5d) this.mode = 'done';
        else this.fail();
        return;
      case 'item':
        this.value = new Value(true);
        return;
    }
  }

  private finishValue(items: string[]): void {
    const v = this.value as Value;
    this.value = null;
    if (this.mode === 'key') {
      try {
        this.key = JSON.parse(v.text) as string;
      } catch {
        this.fail();
      }
      this.mode = 'colon';
    } else if (this.mode === 'value') this.mode = 'after';
    else {
      items.push(v.text);
      this.count++;
      this.mode = 'next';
    }
  }

  private fail(): never {
    throw new JsonItemsError(
      this.wrapped || this.mode !== 'start' ? `JSON 格式错误：第 ${this.count + 1} 条处不是正确的 JSON。` : SHAPE,
    );
  }
}

const SHAPE = 'JSON 文件应为信息的数组，或 {"publications": [...]}。';
