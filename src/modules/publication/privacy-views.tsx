// The 个人信息检查 panel of a publication's page (issue #18 point 3): each finding with its kind,
// its masked text, its place (a link to the highlighted text in the body; attachment, page and cell)
// and the ways to resolve it; the scan state of every attachment (OCR progress, "未扫描" with the
// reason). Works without JavaScript: every action is a form.
import { CONFIDENCE_LABELS } from '../../platform/privacy/personal-data.ts';
import { PERSONAL_DATA_LABELS, placeOf, type FileScanView, type FindingRow } from './privacy-guard.ts';

const STATE_LABELS: Record<FindingRow['state'], string> = {
  open: '待处理',
  masked: '已遮盖',
  replaced: '已替换附件',
  overridden: '确认公开',
  gone: '已删除',
};

const SCAN_LABELS: Record<FileScanView['state'], string> = {
  queued: '等待文字识别',
  done: '已扫描',
  notScanned: '未扫描',
  none: '未扫描',
};

export function PrivacyPanel(p: {
  base: string;
  csrf: string;
  findings: FindingRow[];
  scans: FileScanView[];
  /** May mask in the body and replace files now. */
  canResolve: boolean;
  /** May confirm a finding may be published (a reviewer at 保密审查, a signer at 签发). */
  canOverride: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const open = p.findings.filter((f) => f.state === 'open');
  const resolved = p.findings.filter((f) => f.state !== 'open' && f.state !== 'gone');
  const queued = p.scans.filter((s) => s.state === 'queued');
  const unscanned = p.scans.filter((s) => s.state === 'notScanned' || s.state === 'none');
  const e = p.errors ?? {};
  return (
    <section aria-labelledby="h-privacy" class="privacy-panel" id="privacy">
      <h2 id="h-privacy">个人信息检查</h2>
      <p class={open.length ? 'privacy-status privacy-open' : 'privacy-status'} role="status">
        {open.length
          ? `发现 ${open.length} 处可能的个人信息，处理完毕前不能通过保密审查或签发（条例第十五条）。`
          : queued.length
            ? '正文未发现个人信息；附件的文字识别尚未完成。'
            : '未发现待处理的个人信息。'}
      </p>
      {p.scans.length ? (
        <>
          <h3>附件扫描</h3>
          <ul class="privacy-scans">
            {p.scans.map((s) => (
              <li key={s.attachmentId}>
                {s.fileName}：<strong>{SCAN_LABELS[s.state]}</strong>
                {s.state === 'queued' ? (
                  <>
                    {' '}
                    <progress max={Math.max(1, s.pagesTotal)} value={s.pagesDone}>
                      {s.pagesDone}/{s.pagesTotal}
                    </progress>{' '}
                    {s.pagesDone}/{s.pagesTotal} 页
                  </>
                ) : null}
                {s.note ? `（${s.note}）` : s.state === 'none' ? '（上传于本功能启用前，请重新扫描）' : ''}
              </li>
            ))}
          </ul>
          {queued.length || unscanned.length ? (
            <form method="post" action={`${p.base}/privacy/rescan`}>
              <input type="hidden" name="_csrf" value={p.csrf} />
              <button type="submit">现在扫描附件</button>
            </form>
          ) : null}
          {unscanned.length ? <p class="hint">未扫描的附件不等于没有个人信息，请人工逐页检查。</p> : null}
        </>
      ) : null}
      {open.length ? (
        <ol class="privacy-findings">
          {open.map((f) => (
            <li key={f.id} id={`finding-${f.id}`}>
              <p>
                <strong>{PERSONAL_DATA_LABELS[f.kind]}</strong> <code>{f.masked}</code>（可信度
                {CONFIDENCE_LABELS[f.confidence]}）——位置：
                {f.source === 'body' ? <a href={`#pd-${f.id}`}>{placeOf(f)}</a> : placeOf(f)}
              </p>
              {f.context ? <p class="hint">上下文：{f.context}</p> : null}
              <div class="privacy-actions">
                {p.canResolve && f.source !== 'attachment' ? (
                  <form method="post" action={`${p.base}/privacy/${f.id}/mask`}>
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit">遮盖为 {f.masked}</button>
                  </form>
                ) : null}
                {p.canResolve &&
                f.source === 'attachment' &&
                f.attachmentId &&
                /\.(docx|xlsx)$/iu.test(f.attachmentName) ? (
                  <form method="post" action={`${p.base}/attachments/${f.attachmentId}/redact`}>
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit">生成遮盖副本并替换“{f.attachmentName}”</button>
                  </form>
                ) : null}
                {p.canResolve && f.source === 'attachment' && f.attachmentId ? (
                  <form
                    method="post"
                    action={`${p.base}/attachments/${f.attachmentId}/replace`}
                    enctype="multipart/form-data"
                  >
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <label for={`replace-${f.id}`}>用已处理的文件替换“{f.attachmentName}”</label>
                    <input id={`replace-${f.id}`} type="file" name="file" required />
                    <button type="submit">替换附件</button>
                  </form>
                ) : null}
                {p.canOverride ? (
                  <form method="post" action={`${p.base}/privacy/${f.id}/override`}>
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <label for={`reason-${f.id}`}>确认可以公开的理由</label>
                    <textarea
                      id={`reason-${f.id}`}
                      name="reason"
                      rows={2}
                      maxLength={500}
                      aria-invalid={e[`reason-${f.id}`] ? 'true' : undefined}
                      aria-describedby={e[`reason-${f.id}`] ? `reason-${f.id}-error` : undefined}
                    >
                      {p.values?.[`reason-${f.id}`] ?? ''}
                    </textarea>
                    {e[`reason-${f.id}`] ? (
                      <p class="error" id={`reason-${f.id}-error`}>
                        {e[`reason-${f.id}`]}
                      </p>
                    ) : null}
                    <button type="submit">确认公开</button>
                  </form>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {resolved.length ? (
        <details>
          <summary>已处理 {resolved.length} 处</summary>
          <ul>
            {resolved.map((f) => (
              <li key={f.id}>
                {PERSONAL_DATA_LABELS[f.kind]} <code>{f.masked}</code>，{placeOf(f)}：{STATE_LABELS[f.state]}
                {f.resolutionNote ? `（理由：${f.resolutionNote}）` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
