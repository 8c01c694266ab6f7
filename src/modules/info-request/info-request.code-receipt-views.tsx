// The 登记回执 with its 查询码, printed at the counter: on the page that answers a paper
// application's registration, and on the page that answers 「重新生成查询码」 later (the old code
// stops). The code is shown on that one answer only — never in a URL, never stored in clear — so
// the receipt is printed from it: in print, the page is the receipt alone (public/site.css).
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { LetterBody } from './info-request.letter-views.tsx';
import type { LetterData } from './info-request.letters.ts';

export interface CodeReceipt {
  id: number;
  number: string;
  queryCode: string;
  /** The stored 登记回执 (null before the application is registered: the code slip alone). */
  receipt: LetterData | null;
}

function CodeReceiptPage(p: CodeReceipt & { ctx: PageContext; title: string; lead: string }) {
  return (
    <AdminLayout title={p.title} ctx={p.ctx}>
      <div class="no-print">
        <h1>{p.title}</h1>
        <p>
          申请编号 <strong>{p.number}</strong>，查询码 <strong>{p.queryCode}</strong>。{p.lead}
        </p>
        <p>
          查询码只在本页显示这一次：请现在用浏览器的“打印”（Ctrl+P）打印下面带查询码的登记回执，交给申请人。打印时只打印回执。
        </p>
        <p>
          <a href={`/admin/info-requests/${p.id}`}>打开该申请</a>
        </p>
      </div>
      <section class="ir-code-receipt" aria-label="带查询码的登记回执">
        {p.receipt ? <LetterBody letter={p.receipt} /> : null}
        <dl class="receipt ir-code-slip">
          <dt>申请编号</dt>
          <dd>{p.number}</dd>
          <dt>查询码</dt>
          <dd>{p.queryCode}</dd>
        </dl>
        <p class="ir-code-note">
          凭申请编号和查询码可在本平台“进度查询”中查看办理进度。查询码请妥善保管，不要告诉他人；遗失后可凭登记的联系方式重新获取。
        </p>
      </section>
    </AdminLayout>
  );
}

/** The answer to a paper application's registration (201): the receipt with its code, to print. */
export function IntakeDonePage(p: CodeReceipt & { ctx: PageContext }) {
  return <CodeReceiptPage {...p} title="申请已登记" lead="登记回执已生成。" />;
}

/** The answer to 「重新生成查询码」: the old code no longer works. */
export function CodeRegeneratedPage(p: CodeReceipt & { ctx: PageContext }) {
  return <CodeReceiptPage {...p} title="已重新生成查询码" lead="原查询码已失效（已记入审计日志）。" />;
}
