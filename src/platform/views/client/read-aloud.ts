// 语音朗读 for 关怀版 (issue #14 point 3; 工信部《互联网网站适老化通用设计规范》): a progressive
// enhancement only. The page never shows a read-aloud button in its HTML; this script adds one
// beside the header's 关怀版 entry, and only where the browser has its own speech synthesis
// (window.speechSynthesis, nothing sent anywhere). It reads the page's main content — the article's
// title and text when there is one — in Chinese, sentence by sentence (long utterances are cut
// off by some browsers), and the same button stops it. Bundled and served by serveClientScript
// (/assets/read-aloud.js); layout.tsx includes it in 关怀版 pages only.

const MAX_CHUNK = 180;

/** The text to read: the article (title and body) if the page has one, else the main content. */
function pageText(): string {
  const main = document.querySelector('main');
  if (!main) return '';
  const title = main.querySelector('h1')?.textContent ?? '';
  const body = main.querySelector('.article-body');
  const text = body ? `${title}。\n${body.textContent ?? ''}` : (main.innerText ?? main.textContent ?? '');
  return text.replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** Sentences grouped into pieces of at most MAX_CHUNK characters. */
function chunks(text: string): string[] {
  const sentences = text.match(/[^。！？!?；;\n]+[。！？!?；;\n]*/g) ?? [];
  const out: string[] = [];
  let cur = '';
  for (const raw of sentences) {
    const s = raw.trim();
    if (!s) continue;
    if (cur && cur.length + s.length > MAX_CHUNK) {
      out.push(cur);
      cur = '';
    }
    for (let i = 0; i < s.length; i += MAX_CHUNK) {
      const part = s.slice(i, i + MAX_CHUNK);
      if (part.length === MAX_CHUNK) out.push(part);
      else cur += part;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function setUp(): void {
  const synth = window.speechSynthesis;
  const entry = document.getElementById('care-entry');
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined' || !entry) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'read-aloud';
  button.setAttribute('aria-pressed', 'false');
  button.textContent = '语音朗读';
  let reading = false;
  const show = (on: boolean) => {
    reading = on;
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.textContent = on ? '停止朗读' : '语音朗读';
  };
  button.addEventListener('click', () => {
    synth.cancel();
    if (reading) return show(false);
    const pieces = chunks(pageText());
    if (!pieces.length) return;
    show(true);
    pieces.forEach((text, i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'zh-CN';
      u.rate = 0.9;
      if (i === pieces.length - 1) u.onend = () => show(false);
      u.onerror = () => show(false);
      synth.speak(u);
    });
  });
  window.addEventListener('pagehide', () => synth.cancel());
  entry.append(button);
}

setUp();
