// 补正 on the staff case page (条例 第三十条): the notice, the applicant's online answers with
// their files (accept — the clock restarts from the confirmed receipt — or ask again with a new
// 补正告知书), the paper answer and the close for a lapsed period.
import { Field, TextArea } from '../../platform/views/components.tsx';
import { ActionForm, caseFields, type CasePageProps } from './info-request.case-parts.tsx';

/** An online 补正 as staff see it. */
export interface CorrectionView {
  id: number;
  text: string;
  submittedOn: string;
  state: 'pending' | 'accepted' | 'askedAgain';
  decidedBy: string;
  decisionNote: string;
  files: { id: number; fileName: string; size: number }[];
}

const STATE_LABELS: Record<CorrectionView['state'], string> = {
  pending: '待审查',
  accepted: '已接收',
  askedAgain: '已再次告知补正',
};

export function fileSize(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function Submission(p: CasePageProps & { c: CorrectionView }) {
  const { c, r, ctx } = p;
  const { f, date } = caseFields(p);
  const base = `/admin/info-requests/${r.id}/corrections/${c.id}`;
  return (
    <article class="ir-correction" aria-labelledby={`corr-${c.id}`}>
      <h3 id={`corr-${c.id}`}>
        {c.submittedOn} 在线提交（{STATE_LABELS[c.state]}）
      </h3>
      <p class="ir-correction-text">{c.text}</p>
      {c.files.length ? (
        <ul>
          {c.files.map((f) => (
            <li key={f.id}>
              <a href={`${base}/files/${f.id}`}>{f.fileName}</a>（{fileSize(f.size)}）
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">未附文件。</p>
      )}
      {c.state !== 'pending' ? (
        <p class="hint">
          {c.decidedBy ? `${c.decidedBy}：` : ''}
          {c.state === 'accepted' ? '已作为补正后的申请接收。' : `再次告知补正。${c.decisionNote}`}
        </p>
      ) : null}
      {c.state === 'pending' && r.state === 'awaitingCorrection' && p.can.process ? (
        <>
          <ActionForm
            ctx={ctx}
            action={`${base}/accept`}
            title="接收补正：答复期限自确认收到之日起重新计算"
            button="接收补正"
          >
            <Field
              {...date('acceptedOn', '确认收到补正的日期')}
              hint={`网上提交以双方确认之日为收到之日（条例第三十一条第（三）项），不早于申请人提交之日 ${c.submittedOn}。`}
            />
          </ActionForm>
          <ActionForm
            ctx={ctx}
            action={`${base}/ask-again`}
            title="仍未补正到位：再次告知补正"
            button="发出新的补正告知书"
          >
            <p class="hint">
              补正事项须在原告知的范围内（一次性告知）：{withoutClosingStop(r.correctionItems)}
              。补正后申请内容仍不明确的，也可以接收后以“补正后申请内容仍不明确”作出答复。
            </p>
            <TextArea {...f('againNote', '补正材料还缺少什么')} rows={3} />
            <Field {...f('againDueOn', '新的补正期限')} type="date" hint="给予申请人合理的补正期限。" />
          </ActionForm>
        </>
      ) : null}
    </article>
  );
}

export function CorrectionSteps(p: CasePageProps) {
  const { r, ctx } = p;
  const e = p.errors ?? {};
  const { f, date } = caseFields(p);
  const base = `/admin/info-requests/${r.id}`;
  const waiting = p.corrections.some((c) => c.state === 'pending');
  return (
    <>
      {r.state === 'processing' && p.can.process && !r.correctionNoticeSentOn ? (
        <ActionForm
          ctx={ctx}
          action={`${base}/correction`}
          title="发出补正告知书（收到申请后7个工作日内，一次性告知）"
          button="发出补正告知书"
        >
          <TextArea {...f('items', '需要补正的事项')} rows={3} />
          <Field {...date('noticeSentOn', '通知日期')} />
          <Field {...f('correctionDueOn', '补正期限')} type="date" hint="给予申请人合理的补正期限。" />
        </ActionForm>
      ) : null}
      {r.state === 'awaitingCorrection' && p.can.process && !waiting ? (
        <>
          <ActionForm ctx={ctx} action={`${base}/corrected`} title="登记补正后的申请" button="登记补正">
            <Field {...date('correctedReceivedOn', '收到补正申请的日期')} />
            <TextArea {...f('correctedText', '补正后的申请内容')} rows={3} />
          </ActionForm>
          <ActionForm
            ctx={ctx}
            action={`${base}/close-correction`}
            title={`逾期未补正，终止办理（补正期限 ${r.correctionDueOn}）`}
            button="按逾期不补正终止办理"
          >
            <p class="hint">
              系统按补正期限核对；期限未届满时不会终止。{e.close ? <strong class="error"> {e.close}</strong> : null}
            </p>
          </ActionForm>
        </>
      ) : null}
      {p.corrections.length ? (
        <section aria-labelledby="online-corrections">
          <h3 id="online-corrections">申请人在线提交的补正</h3>
          {e.correction ? <p class="error">{e.correction}</p> : null}
          {p.corrections.map((c) => (
            <Submission key={c.id} {...p} c={c} />
          ))}
        </section>
      ) : null}
    </>
  );
}

/** The notified items as typed, without a closing 。；. the sentence around them supplies. */
export function withoutClosingStop(text: string | null): string {
  return (text ?? '').replace(/[\s。；;.，,]+$/u, '');
}
