// Public pages of the service hall: the item list and each item's 办事指南, the monthly 办件公开
// statistics, the case lookup and the applicant's status page. Public presenters only: no
// applicant's name, telephone or e-mail, no staff notes.
import { DueDate } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Honeypot,
  Select,
  TableScroll,
  Term,
  TextArea,
} from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { AgencyRow } from '../agency/index.ts';
import type { ServiceItemRow, ServiceWindowRow } from './service-hall.repository.ts';

import { ITEM_KIND_LABELS } from './service-item.service.ts';
import { RATING_LABELS } from './service-case.labels.ts';

import { RATINGS } from './service-hall.tables.ts';

export type Agency = Pick<AgencyRow, 'name' | 'slug' | 'officeAddress' | 'officePhone' | 'officeHours'>;

export const base = (a: Agency) => `/agencies/${a.slug}/service-hall`;

export function Shell(p: {
  ctx: PageContext;
  agency?: Agency;
  title: string;
  trail?: { href: string; label: string }[];
  children: preact.ComponentChildren;
}) {
  const items = [{ href: '/', label: '首页' }];
  if (p.agency) items.push({ href: `/agencies/${p.agency.slug}`, label: p.agency.name });
  return (
    <PortalLayout title={p.agency ? `${p.title} - ${p.agency.name}` : p.title} ctx={p.ctx}>
      <Breadcrumbs items={[...items, ...(p.trail ?? []), { label: p.title }]} />
      <h1>{p.title}</h1>
      {p.children}
    </PortalLayout>
  );
}

export function ItemIndexPage(p: { ctx: PageContext; agency: Agency; items: ServiceItemRow[] }) {
  const a = p.agency;
  return (
    <Shell ctx={p.ctx} agency={a} title="政务服务事项">
      <p>以下是{a.name}办理的政务服务事项。每个事项的办事指南列明设定依据、受理条件、申请材料、办理时限和收费标准。</p>
      <ul>
        <li>
          <a href={`${base(a)}/stats`}>办件公开：按月公布的收件、受理、办结情况</a>
        </li>
        <li>
          <a href="/track">办件进度查询</a>（凭办件编号和查询码）
        </li>
      </ul>
      <h2>事项清单（{p.items.length} 项）</h2>
      {p.items.length ? (
        <TableScroll label="政务服务事项清单">
          <table>
            <caption class="muted">办理时限按工作日计算，不含法定节假日</caption>
            <thead>
              <tr>
                <th scope="col">事项名称</th>
                <th scope="col">类型</th>
                <th scope="col">法定时限</th>
                <th scope="col">承诺时限</th>
                <th scope="col">超时默许</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`${base(a)}/items/${i.id}`}>{i.name}</a>
                  </td>
                  <td>{ITEM_KIND_LABELS[i.kind]}</td>
                  <td>{i.statutoryDays} 个工作日</td>
                  <td>{i.promisedDays ? `${i.promisedDays} 个工作日` : '同法定时限'}</td>
                  <td>{i.deemedApproval ? '是' : '否'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>本机构尚未公布政务服务事项。</p>
      )}
    </Shell>
  );
}

export function ItemGuidePage(p: {
  ctx: PageContext;
  agency: Agency;
  item: ServiceItemRow;
  window: ServiceWindowRow | undefined;
}) {
  const { agency: a, item: i } = p;
  const materials = i.materials
    .split('\n')
    .map((m) => m.trim())
    .filter(Boolean);
  return (
    <Shell ctx={p.ctx} agency={a} title={`${i.name} 办事指南`} trail={[{ href: base(a), label: '政务服务事项' }]}>
      <dl class="meta">
        <dt>实施机关</dt>
        <dd>{a.name}</dd>
        <dt>事项类型</dt>
        <dd>{ITEM_KIND_LABELS[i.kind]}</dd>
        <dt>法定办结时限</dt>
        <dd>{i.statutoryDays} 个工作日</dd>
        <dt>承诺办结时限</dt>
        <dd>{i.promisedDays ? `${i.promisedDays} 个工作日` : '同法定办结时限'}</dd>
        <dt>收费标准</dt>
        <dd>{i.fees}</dd>
        <dt>办理窗口</dt>
        <dd>{p.window ? `${p.window.name}${p.window.location ? `（${p.window.location}）` : ''}` : a.officeAddress}</dd>
        <dt>咨询电话</dt>
        <dd>{a.officePhone}</dd>
        <dt>办公时间</dt>
        <dd>{a.officeHours}</dd>
      </dl>
      <h2>设定依据</h2>
      <p class="pre-wrap">{i.legalBasis}</p>
      <h2>受理条件</h2>
      <p class="pre-wrap">{i.conditions}</p>
      <h2>申请材料</h2>
      <ol>
        {materials.map((m, k) => (
          <li key={k}>{m}</li>
        ))}
      </ol>
      <p>
        申请材料不齐全或者不符合法定形式的，窗口当场或者在五日内一次告知需要补正的全部内容（《中华人民共和国行政许可法》第三十二条）；补齐补正期间不计入办理时限。
      </p>
      <h2>办理时限</h2>
      <p>
        自受理之日起计算，受理当日不计入；依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计入办理时限（《行政许可法》第四十五条）。
      </p>
      {i.deemedApproval ? (
        <>
          <h2>超时默许</h2>
          <p>
            本事项实行超时默许：已受理的申请在承诺办结时限届满时仍未作出决定的，视为准予。依据：{i.deemedApprovalBasis}
          </p>
        </>
      ) : null}
      <h2>网上申请</h2>
      <p>
        <a href={`${base(a)}/items/${i.id}/apply`}>在线提交{i.name}申请</a>。提交后请按受理通知到窗口核验原件。
      </p>
      <h2>办理进度</h2>
      <p>
        受理后您会收到办件编号和查询码，可在 <a href="/track">办件进度查询</a>{' '}
        页面查看进度和结果，结果送达后可以评价办理服务。
      </p>
    </Shell>
  );
}

export interface PublicCaseView {
  caseNumber: string;
  itemName: string;
  agencyName: string;
  channel: string;
  receivedOn: string;
  statusText: string;
  acceptedOn: string | null;
  dueOn: string | null;
  dueProvisional: boolean;
  dueExplanation: string[];
  notAcceptedReason: string;
  missingMaterials: string[];
  decisionText: string | null;
  decidedOn: string | null;
  deliveredOn: string | null;
  canRate: boolean;
  rating: string | null;
}

export function CaseStatusPage(p: {
  ctx: PageContext;
  c: PublicCaseView;
  errors?: FieldErrors;
  values?: { rating: string; comment: string };
}) {
  const c = p.c;
  const e = p.errors ?? {};
  return (
    <Shell ctx={p.ctx} title={`办件 ${c.caseNumber}`} trail={[{ href: '/track', label: '进度查询' }]}>
      <p class="flash" role="status">
        当前状态：<strong>{c.statusText}</strong>
      </p>
      <dl class="meta">
        <dt>办件编号</dt>
        <dd>{c.caseNumber}</dd>
        <dt>办理事项</dt>
        <dd>{c.itemName}</dd>
        <dt>办理机关</dt>
        <dd>{c.agencyName}</dd>
        <dt>申请方式</dt>
        <dd>{c.channel}</dd>
        <dt>收件日期</dt>
        <dd>{c.receivedOn}</dd>
        <dt>受理日期</dt>
        <dd>{c.acceptedOn ?? '尚未受理'}</dd>
        <dt>办理时限截止</dt>
        <dd>
          <DueDate date={c.dueOn} provisional={c.dueProvisional} empty={c.acceptedOn ? '计时暂停中' : '受理后计算'} />
        </dd>
        <Term label="办理结果" value={c.decisionText} />
        <Term label="办结日期" value={c.decidedOn} />
        <Term label="送达日期" value={c.deliveredOn} />
      </dl>
      {c.dueExplanation.length ? (
        <>
          <h2>时限说明</h2>
          <ul>
            {c.dueExplanation.map((t, k) => (
              <li key={k}>{t}</li>
            ))}
          </ul>
        </>
      ) : null}
      {c.notAcceptedReason ? (
        <>
          <h2>不予受理理由</h2>
          <p>{c.notAcceptedReason}</p>
        </>
      ) : null}
      {c.missingMaterials.length ? (
        <>
          <h2>需要补齐补正的材料</h2>
          <ol>
            {c.missingMaterials.map((m, k) => (
              <li key={k}>{m}</li>
            ))}
          </ol>
        </>
      ) : null}
      {c.rating ? <p>您的评价：{c.rating}。感谢您的评价。</p> : null}
      {c.canRate ? (
        <section aria-labelledby="rate-title">
          <h2 id="rate-title">评价本次办理服务</h2>
          <ErrorSummary errors={e} labels={{ rating: '评价等级', comment: '评价意见' }} />
          <form method="post" action={`/service-hall/case/${c.caseNumber}/rating`} novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Honeypot />
            <Select
              name="rating"
              label="评价等级"
              value={p.values?.rating ?? ''}
              emptyLabel="请选择"
              required
              error={e.rating}
              options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
            />
            <TextArea
              name="comment"
              label="评价意见"
              value={p.values?.comment ?? ''}
              rows={3}
              maxLength={500}
              error={e.comment}
              hint="选填，500 字以内"
            />
            <button type="submit">提交评价</button>
          </form>
        </section>
      ) : null}
      <p class="muted">本页只显示办理进度，不显示申请人个人信息。请妥善保管查询码。</p>
    </Shell>
  );
}
