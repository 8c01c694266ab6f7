// Shared fixtures of the 依申请公开 tests: a valid applicant, a multipart poster and the
// scanner that checks public responses for personal data and staff notes.
import type { FastifyInstance } from 'fastify';
import { residentIdCheckChar } from '../../src/modules/info-request/rules/index.ts';
import type { Agent } from '../support/agent.ts';

export const ID_NUMBER = '43312719881203004' + residentIdCheckChar('43312719881203004');
export const PHONE = '13912345678';
export const ADDRESS = '永顺县灵溪镇秘密巷77号';
export const STAFF_NOTE = '内部备注：申请人情绪激动请注意';

export function application(over: Record<string, string> = {}): Record<string, string> {
  return {
    applicantKind: 'naturalPerson',
    name: '覃小梅',
    idDocumentType: 'residentIdCard',
    idDocumentNumber: ID_NUMBER,
    phone: PHONE,
    email: 'qinxm@example.cn',
    postalAddress: ADDRESS,
    postcode: '416700',
    fax: '',
    informationName: '灵溪镇2025年道路维修项目预算',
    documentNumber: '',
    featureDescription: '灵溪镇人民政府2025年乡村道路维修的项目预算表',
    requestedForm: 'electronic',
    deliveryWay: 'onlinePlatform',
    website: '',
    shownIds: '',
    action: 'submit',
    ...over,
  };
}

/** Posts a multipart form (fields + files) with the agent's cookies and CSRF token. */
export async function postMultipart(
  app: FastifyInstance,
  agent: Agent,
  url: string,
  fields: Record<string, string>,
  files: { name: string; fileName: string; content: Buffer }[],
) {
  const boundary = '----gkTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...fields, _csrf: agent.csrf })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: agent.cookieHeader() },
  });
}

/** Fails if a public response contains the applicant's personal data or a staff note. */
export function assertNoPrivateData(where: string, body: string, extra: readonly string[] = []): void {
  for (const secret of [ID_NUMBER, PHONE, ADDRESS, STAFF_NOTE, ...extra]) {
    if (body.includes(secret)) throw new Error(`${where} contains private data: ${secret}`);
  }
}
