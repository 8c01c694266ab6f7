// The publication body's rich-text editor (issue #11 point 4b), a progressive enhancement: the
// form posts the textarea `body` as always; this script hides it, puts a Tiptap (ProseMirror)
// editor with a toolbar in its place and writes the editor's HTML back into it on every change.
// Without JavaScript the textarea is plain text (blank lines → paragraphs on the server). Paste
// from Word is cleaned by word-paste.ts before the editor reads it; the server sanitises every
// body on save regardless (sanitize.ts). Bundled and served by serveClientScript
// (/assets/publication-editor.js).
import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { cleanPastedHtml } from '../word-paste.ts';

const HINT =
  '使用工具栏设置标题、加粗、列表、表格和链接（也可用 Ctrl+B 等快捷键）；从 Word 粘贴时自动清除字体、颜色等格式。' +
  '在编辑区内按 Esc 可跳到下一项。';

/** Plain text typed without the editor (or stored before it): each line a paragraph, as the server does. */
function textToParagraphs(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');
}

function safeHref(raw: string): string | undefined {
  const v = raw.trim();
  if (!v) return undefined;
  if (/^(?:https?:\/\/|mailto:)/i.test(v)) return v;
  if (/^[\w-]+(\.[\w-]+)+(\/|$)/.test(v)) return `https://${v}`;
  return undefined;
}

interface ToolButton {
  label: string;
  run: (e: Editor) => void;
  /** Pressed state (a toggle), when it has one. */
  active?: (e: Editor) => boolean;
  /** Whether it applies where the cursor is. */
  enabled?: (e: Editor) => boolean;
  group: string;
}

function enhance(textarea: HTMLTextAreaElement): void {
  const field = textarea.closest('.field');
  const label = field?.querySelector<HTMLLabelElement>(`label[for="${textarea.id}"]`);
  const hint = field?.querySelector<HTMLElement>(`#h-${textarea.name}`);
  if (!label) return;
  label.id ||= `${textarea.id}-label`;
  if (hint) hint.textContent = HINT;

  const wrapper = document.createElement('div');
  wrapper.className = 'rte';
  const toolbar = document.createElement('div');
  toolbar.className = 'rte-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', '正文格式');
  const area = document.createElement('div');
  area.className = 'rte-area';
  const status = document.createElement('p');
  status.className = 'rte-status';
  status.setAttribute('role', 'status');
  wrapper.append(toolbar, area, status);
  textarea.after(wrapper);
  textarea.hidden = true;

  const initial = textarea.value;
  const editorId = `${textarea.id}-editor`;
  const editor = new Editor({
    element: area,
    injectCSS: false,
    content: /<[a-z][^>]*>/i.test(initial) ? initial : textToParagraphs(initial),
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['mailto'],
          HTMLAttributes: { target: null, rel: null, class: null },
          isAllowedUri: (url) => /^(?:https?:|mailto:|\/)/i.test(url),
        },
      }),
      Image.configure({ inline: true }),
      // Tab moves between cells and leaves the table at its end (no row added: 增加行 does that).
      Table.extend({
        addKeyboardShortcuts() {
          return {
            Tab: () => this.editor.commands.goToNextCell(),
            'Shift-Tab': () => this.editor.commands.goToPreviousCell(),
          };
        },
      }).configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
    ],
    editorProps: {
      attributes: {
        id: editorId,
        class: 'rte-content',
        'aria-multiline': 'true',
        'aria-labelledby': label.id,
        ...(textarea.getAttribute('aria-describedby')
          ? { 'aria-describedby': textarea.getAttribute('aria-describedby') as string }
          : {}),
        ...(textarea.required ? { 'aria-required': 'true' } : {}),
        ...(textarea.getAttribute('aria-invalid') ? { 'aria-invalid': 'true' } : {}),
      },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_view, event) => {
        // Esc leaves the editor for the next control (Tab is taken by lists and tables).
        if (event.key !== 'Escape') return false;
        focusAfter(wrapper);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => sync(e),
  });
  toolbar.setAttribute('aria-controls', editorId);
  const sync = (e: Editor) => {
    // The trailing empty paragraph the editor keeps for the cursor is no content.
    textarea.value = e.isEmpty ? '' : e.getHTML().replace(/(?:<p><\/p>)+$/, '');
  };
  textarea.form?.addEventListener('submit', () => sync(editor));
  label.addEventListener('click', (ev) => {
    ev.preventDefault();
    editor.commands.focus();
  });

  const say = (text: string) => {
    status.textContent = text;
  };
  const inTable = (e: Editor) => e.isActive('table');
  const tools: ToolButton[] = [
    {
      group: 'block',
      label: '正文',
      run: (e) => e.chain().focus().setParagraph().run(),
      active: (e) => e.isActive('paragraph'),
    },
    {
      group: 'block',
      label: '一级标题',
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
    },
    {
      group: 'block',
      label: '二级标题',
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
    },
    {
      group: 'mark',
      label: '加粗',
      run: (e) => e.chain().focus().toggleBold().run(),
      active: (e) => e.isActive('bold'),
    },
    {
      group: 'mark',
      label: '倾斜',
      run: (e) => e.chain().focus().toggleItalic().run(),
      active: (e) => e.isActive('italic'),
    },
    {
      group: 'list',
      label: '项目列表',
      run: (e) => e.chain().focus().toggleBulletList().run(),
      active: (e) => e.isActive('bulletList'),
    },
    {
      group: 'list',
      label: '编号列表',
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
    },
    {
      group: 'link',
      label: '链接',
      active: (e) => e.isActive('link'),
      run: (e) => {
        const current = (e.getAttributes('link').href as string | undefined) ?? 'https://';
        const typed = window.prompt('链接地址（如 https://www.gov.cn/；清空则取消链接）', current);
        if (typed === null) return void e.commands.focus();
        if (!typed.trim() || typed.trim() === 'https://') {
          e.chain().focus().extendMarkRange('link').unsetLink().run();
          return say('已取消链接。');
        }
        const href = safeHref(typed);
        if (!href) return say('链接地址应以 http://、https:// 或 mailto: 开头，请重新输入。');
        if (e.state.selection.empty && !e.isActive('link')) {
          e.chain()
            .focus()
            .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
            .run();
        } else {
          e.chain().focus().extendMarkRange('link').setLink({ href }).run();
        }
        say('已设置链接。');
      },
    },
    {
      group: 'table',
      label: '插入表格',
      run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      enabled: (e) => !inTable(e),
    },
    { group: 'table', label: '增加行', run: (e) => e.chain().focus().addRowAfter().run(), enabled: inTable },
    { group: 'table', label: '增加列', run: (e) => e.chain().focus().addColumnAfter().run(), enabled: inTable },
    { group: 'table', label: '删除行', run: (e) => e.chain().focus().deleteRow().run(), enabled: inTable },
    { group: 'table', label: '删除列', run: (e) => e.chain().focus().deleteColumn().run(), enabled: inTable },
    { group: 'table', label: '删除表格', run: (e) => e.chain().focus().deleteTable().run(), enabled: inTable },
    { group: 'history', label: '撤销', run: (e) => e.chain().focus().undo().run(), enabled: (e) => e.can().undo() },
    { group: 'history', label: '重做', run: (e) => e.chain().focus().redo().run(), enabled: (e) => e.can().redo() },
  ];

  const buttons = tools.map((t, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t.label;
    if (i > 0 && tools[i - 1]?.group !== t.group) b.className = 'rte-group-start';
    b.tabIndex = -1;
    b.addEventListener('click', () => {
      if (b.getAttribute('aria-disabled') === 'true') return;
      say('');
      t.run(editor);
    });
    toolbar.append(b);
    return b;
  });
  // One tab stop for the whole toolbar; arrows, Home and End move inside it (WAI-ARIA toolbar).
  let current = 0;
  const focusable = () => buttons.filter((b) => b.getAttribute('aria-disabled') !== 'true');
  const setCurrent = (b: HTMLButtonElement) => {
    current = buttons.indexOf(b);
    for (const x of buttons) x.tabIndex = x === b ? 0 : -1;
  };
  toolbar.addEventListener('keydown', (ev) => {
    const list = focusable();
    const at = list.indexOf(buttons[current] as HTMLButtonElement);
    const to =
      ev.key === 'ArrowRight'
        ? list[(at + 1) % list.length]
        : ev.key === 'ArrowLeft'
          ? list[(at - 1 + list.length) % list.length]
          : ev.key === 'Home'
            ? list[0]
            : ev.key === 'End'
              ? list[list.length - 1]
              : undefined;
    if (!to) return;
    ev.preventDefault();
    setCurrent(to);
    to.focus();
  });
  toolbar.addEventListener('focusin', (ev) => {
    if (ev.target instanceof HTMLButtonElement) setCurrent(ev.target);
  });

  const refresh = () => {
    tools.forEach((t, i) => {
      const b = buttons[i] as HTMLButtonElement;
      if (t.active) b.setAttribute('aria-pressed', String(t.active(editor)));
      // aria-disabled, not disabled: the button keeps its place in the arrow-key order's logic
      // and is announced as unavailable.
      if (t.enabled) b.setAttribute('aria-disabled', String(!t.enabled(editor)));
    });
    const cur = buttons[current] as HTMLButtonElement;
    if (cur.getAttribute('aria-disabled') === 'true') setCurrent(focusable()[0] as HTMLButtonElement);
    else setCurrent(cur);
  };
  editor.on('transaction', refresh);
  refresh();
  sync(editor);
}

/** Focuses the first control after `el` in document order. */
function focusAfter(el: HTMLElement): void {
  const all = Array.from(
    document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'),
  ).filter((x) => x.tabIndex >= 0 && !(x as HTMLInputElement).disabled && !x.hidden && x.offsetParent !== null);
  const next = all.find((x) => el.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING && !el.contains(x));
  next?.focus();
}

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>('form[data-body-editor] textarea[name="body"]'))
  enhance(textarea);
