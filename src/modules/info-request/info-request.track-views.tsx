// The applicant's pages behind the number and query code: the tracking page (with the online
// 补正 form while the application awaits correction) and 找回查询码. They show no personal data:
// the view is built field by field (info-request.presenters.ts); what the applicant types into
// the 补正 form comes back only to that form after an error.
import type { FieldErrors } from '../../platform/errors.ts';
import { DueDate } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  Honeypot,
  PublicFormGuards,
  Radios,
  Term,
  TextArea,
} from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { ApplicantView } from './info-request.presenters.ts';

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Online 补正 on the tracking page: what to correct, and the form or the answer waiting for staff. */
export interface ApplicantCorrection {
  items: string;
  dueOn: string;
  /** An answer sent and not yet examined. */
  waiting: { submittedOn: string; files: number } | null;
  maxFiles: number;
  maxFileMb: number;
  once: string;
  text: string;
  errors?: FieldErrors | undefined;
  refusal?: string | undefined;
}

const CORRECTION_LABELS = { text: '补正后的申请内容', files: '补正材料（文件）' };

function CorrectionForm({ c, action, ctx }: { c: ApplicantCorrection; action: string; ctx: PageContext }) {
  const e = c.errors ?? {};
  return (
    <section class="ir-correction" aria-labelledby="correction-title">
      <h2 id="correction-title">在线补正</h2>
      <p>本机关已告知您补正以下事项（《条例》第三十条），请于 {c.dueOn} 前（含当日）补正：</p>
      <blockquote class="ir-correction-items">{c.items}</blockquote>
      {c.waiting ? (
        <p class="flash" role="status">
          您已于 {c.waiting.submittedOn} 在线提交补正材料{c.waiting.files ? `（${c.waiting.files}个文件）` : ''}
          ，本机关正在审查。确认收到后，答复期限自确认收到之日起重新计算，审查结果会显示在本页。
        </p>
      ) : (
        <>
          <p class="hint">答复期限自本机关收到补正后的申请之日起重新计算；无正当理由逾期不补正的，视为放弃申请。</p>
          <FormRefusal message={c.refusal} />
          <ErrorSummary errors={e} labels={CORRECTION_LABELS} order={['text', 'files']} />
          <form method="post" action={action} enctype="multipart/form-data" class="ir-form" novalidate>
            <Csrf token={ctx.csrfToken} />
            <PublicFormGuards once={c.once} />
            <TextArea
              name="text"
              label={CORRECTION_LABELS.text}
              value={c.text}
              required
              error={e.text}
              rows={6}
              maxLength={4000}
              hint="按上面的补正事项，重新写明所需政府信息的名称、文号或者便于查询的其他特征性描述。"
            />
            <FileField
              name="files"
              label={`${CORRECTION_LABELS.files}（可选，可多选）`}
              error={e.files}
              multiple
              accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg,.gif,.webp,.zip"
            >
              PDF、Word（DOCX）、Excel（XLSX）、ODT、图片（PNG、JPEG、GIF、WebP）或 ZIP 文件，最多 {c.maxFiles}{' '}
              个，每个不超过 {c.maxFileMb} MB。{e.files ? '出错后请重新选择文件。' : ''}
            </FileField>
            <button type="submit" class="button">
              提交补正
            </button>
          </form>
        </>
      )}
    </section>
  );
}

export function TrackPage(p: {
  ctx: PageContext;
  view: ApplicantView;
  correction?: ApplicantCorrection | null;
  flash?: string | undefined;
  status?: number;
}) {
  const v = p.view;
  const base = `/apply/track/${encodeURIComponent(v.number)}`;
  return (
    <PortalLayout title={`申请 ${v.number} 的办理进度`} ctx={p.ctx}>
      <h1>申请 {v.number} 的办理进度</h1>
      {p.flash ? (
        <p class="flash" role="status">
          {p.flash}
        </p>
      ) : null}
      <dl class="ir-dl">
        <dt>受理机关</dt>
        <dd>{v.agencyName}</dd>
        <dt>当前状态</dt>
        <dd>
          <strong>{v.stateLabel}</strong>
        </dd>
        <dt>提交渠道</dt>
        <dd>{v.channelLabel}</dd>
        <dt>收到申请之日</dt>
        <dd>{v.receivedOn ?? '待确认'}</dd>
        {v.dueOn ? (
          <>
            <dt>答复期限</dt>
            <dd>
              <DueDate date={v.dueOn} provisional={v.dueProvisional} />
            </dd>
          </>
        ) : null}
        <Term label="办理结果" value={v.outcomeLabel} />
      </dl>
      {v.clockNote ? <p class="hint">{v.clockNote}</p> : null}
      {p.correction ? <CorrectionForm c={p.correction} action={`${base}/correction`} ctx={p.ctx} /> : null}
      <h2>办理过程</h2>
      <ol class="ir-timeline">
        {v.timeline.map((t, i) => (
          <li key={i}>
            <span class="ir-date">{t.onDate}</span> {t.text}
          </li>
        ))}
      </ol>
      <h2>文书</h2>
      {v.letters.length ? (
        <ul class="ir-letters">
          {v.letters.map((l) => (
            <li key={l.id}>
              {l.title}（{l.issuedOn}）：
              <a href={`${base}/letters/${l.id}`}>
                查看和打印<span class="ir-visually-hidden">{l.title}</span>
              </a>{' '}
              <a href={`${base}/letters/${l.id}/docx`}>
                下载 Word 文档<span class="ir-visually-hidden">：{l.title}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无文书。</p>
      )}
      {v.attachments.length ? (
        <>
          <h2>公开的政府信息</h2>
          <ul class="ir-letters">
            {v.attachments.map((a) => (
              <li key={a.id}>
                <a href={`${base}/files/${a.id}`}>{a.fileName}</a>（{size(a.size)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </PortalLayout>
  );
}

/** 找回查询码: the new code goes to the contact on record, never to this page. */
export function LostCodePage(p: {
  ctx: PageContext;
  values: { number: string; channel: string; contact: string };
  errors?: FieldErrors | undefined;
  sent?: boolean;
}) {
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <PortalLayout title="找回查询码" ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/', label: '首页' }, { href: '/track', label: '进度查询' }, { label: '找回查询码' }]}
      />
      <h1>找回政府信息公开申请的查询码</h1>
      {p.sent ? (
        <div class="flash" role="status">
          <p>如果申请编号和联系方式与申请时登记的一致，新的查询码已发送到该电子邮箱或手机号码，原查询码随即失效。</p>
          <p>没有收到的，请稍后再试，或与受理机关联系。同一申请 15 分钟内只能找回一次。</p>
          <p>
            <a href="/track">去查询办理进度</a>
          </p>
        </div>
      ) : (
        <>
          <p>新的查询码只发送到您申请时填写的电子邮箱或手机号码，不会显示在本页上。</p>
          <ErrorSummary
            errors={e}
            labels={{ number: '申请编号', channel: '发送到', contact: '登记的联系方式' }}
            order={['number', 'channel', 'contact']}
          />
          <form method="post" action="/apply/lost-code" class="ir-form narrow" novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Honeypot />
            <Field
              {...f('number', '申请编号')}
              required
              maxLength={40}
              autocomplete="off"
              hint="提交申请后获得的编号，如 LINGXI-2025-0001。"
            />
            <Radios
              name="channel"
              legend="发送到"
              value={p.values.channel}
              required
              error={e.channel}
              options={[
                { value: 'email', label: '申请时登记的电子邮箱' },
                { value: 'phone', label: '申请时登记的手机号码' },
              ]}
            />
            <Field
              {...f('contact', '登记的电子邮箱或手机号码')}
              required
              maxLength={200}
              hint="请按申请时填写的内容输入，用于核对身份。"
            />
            <button type="submit" class="button">
              发送新的查询码
            </button>
          </form>
        </>
      )}
    </PortalLayout>
  );
}
