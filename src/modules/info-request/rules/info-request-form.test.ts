import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateInfoRequestForm, type InfoRequestFormField, type InfoRequestFormInput } from './info-request-form.ts';
import { checkResidentIdNumber, idDocumentNumberProblem, type ResidentIdProblem } from './identity-documents.ts';

const person: InfoRequestFormInput = {
  applicantKind: 'naturalPerson',
  name: '张三',
  idDocumentType: 'residentIdCard',
  idDocumentNumber: '11010519491231002X',
  phone: '13800138000',
  email: '',
  postalAddress: '某省某县某镇某村1号',
  postcode: '123456',
  informationName: '2024年某村危房改造补助名单',
  documentNumber: '',
  featureDescription: '',
  requestedForm: 'paper',
  deliveryWay: 'post',
};

const company: InfoRequestFormInput = {
  applicantKind: 'commercialEnterprise',
  name: '某某有限公司',
  idDocumentType: 'unifiedSocialCreditCode',
  idDocumentNumber: '11341702486344515H',
  email: 'office@example.cn',
  documentNumber: '某政发〔2024〕3号',
  requestedForm: 'electronic',
  deliveryWay: 'email',
};

describe('条例第二十九条 — what an application must carry (RULES rule 28)', () => {
  test('RULES rule 28: a complete application passes; no purpose of use is asked for', () => {
    assert.deepEqual(validateInfoRequestForm(person), {});
    assert.deepEqual(validateInfoRequestForm(company), {});
  });

  const missing: { name: string; change: Partial<InfoRequestFormInput>; field: InfoRequestFormField }[] = [
    { name: 'name / organisation name', change: { name: ' ' }, field: 'name' },
    { name: 'identity document type', change: { idDocumentType: '' }, field: 'idDocumentType' },
    { name: 'identity document number', change: { idDocumentNumber: '' }, field: 'idDocumentNumber' },
    {
      name: 'any contact',
      change: { phone: '', email: '', postalAddress: '', fax: '', deliveryWay: 'collect' },
      field: 'contact',
    },
    {
      name: 'description (名称/文号/特征描述)',
      change: { informationName: '', documentNumber: null, featureDescription: '  ' },
      field: 'description',
    },
    { name: 'requested form', change: { requestedForm: null }, field: 'requestedForm' },
    { name: 'way of delivery', change: { deliveryWay: '' }, field: 'deliveryWay' },
    { name: 'applicant kind', change: { applicantKind: undefined }, field: 'applicantKind' },
  ];
  for (const c of missing) {
    test(`RULES rule 28 / 第二十九条: cannot be submitted without ${c.name}`, () => {
      const errors = validateInfoRequestForm({ ...person, ...c.change });
      assert.ok(errors[c.field], JSON.stringify(errors));
      for (const message of Object.values(errors)) assert.match(message as string, /[\u4e00-\u9fff]/);
    });
  }

  test('第二十九条第（二）项: any one of 名称, 文号 or 特征描述 is enough', () => {
    for (const only of ['informationName', 'documentNumber', 'featureDescription'] as const) {
      const input = { ...person, informationName: '', documentNumber: '', featureDescription: '', [only]: '某项信息' };
      assert.equal(validateInfoRequestForm(input).description, undefined, only);
    }
  });

  const inconsistent: { name: string; change: Partial<InfoRequestFormInput>; field: InfoRequestFormField }[] = [
    { name: 'post without an address', change: { postalAddress: '', deliveryWay: 'post' }, field: 'postalAddress' },
    {
      name: 'e-mail delivery without an e-mail address',
      change: { deliveryWay: 'email', requestedForm: 'electronic' },
      field: 'email',
    },
    { name: 'paper copies by e-mail', change: { email: 'a@example.cn', deliveryWay: 'email' }, field: 'deliveryWay' },
    { name: 'a malformed phone number', change: { phone: '12345' }, field: 'phone' },
    { name: 'a malformed postcode', change: { postcode: '12345' }, field: 'postcode' },
    {
      name: 'an organisation document for a natural person',
      change: { idDocumentType: 'unifiedSocialCreditCode' },
      field: 'idDocumentType',
    },
    {
      name: 'a wrong ID check character',
      change: { idDocumentNumber: '110105194912310021' },
      field: 'idDocumentNumber',
    },
  ];
  for (const c of inconsistent) {
    test(`第二十九条: ${c.name} is refused with a field message`, () => {
      assert.ok(validateInfoRequestForm({ ...person, ...c.change })[c.field]);
    });
  }

  test('第二十九条: an organisation cannot use a personal ID card', () => {
    assert.ok(
      validateInfoRequestForm({ ...company, idDocumentType: 'residentIdCard', idDocumentNumber: '11010519491231002X' })
        .idDocumentType,
    );
  });

  test('第二十九条: a birth date after today is refused when today is given', () => {
    const input = { ...person, idDocumentNumber: '110101199003074477' };
    assert.deepEqual(validateInfoRequestForm(input, { today: '2025-06-01' }), {});
    assert.ok(validateInfoRequestForm(input, { today: '1990-03-06' }).idDocumentNumber);
  });
});

describe('GB 11643 居民身份证号码 (identity proof, 第二十九条第（一）项)', () => {
  const cases: { value: string; valid: boolean; problem?: ResidentIdProblem; birthDate?: string }[] = [
    { value: '11010519491231002X', valid: true, birthDate: '1949-12-31' },
    { value: '11010519491231002x', valid: true, birthDate: '1949-12-31' },
    { value: '110101199003074477', valid: true, birthDate: '1990-03-07' },
    { value: '110105491231002', valid: true, birthDate: '1949-12-31' },
    { value: '110105194912310021', valid: false, problem: 'checksum' },
    { value: '110105194902300026', valid: false, problem: 'birthDate' },
    { value: '110105491331002', valid: false, problem: 'birthDate' },
    { value: '11010519491231002', valid: false, problem: 'format' },
    { value: '01010519491231002X', valid: false, problem: 'format' },
    { value: '11010519491231002Y', valid: false, problem: 'format' },
  ];
  for (const c of cases) {
    test(`GB 11643: ${c.value} is ${c.valid ? 'valid' : `invalid (${c.problem})`}`, () => {
      const r = checkResidentIdNumber(c.value);
      assert.equal(r.valid, c.valid);
      assert.equal(r.problem, c.problem ?? null);
      if (c.birthDate) assert.equal(r.birthDate, c.birthDate);
      if (!c.valid) assert.match(r.message ?? '', /身份证/);
    });
  }

  test('GB 11643: 港澳台居民居住证 uses the same check and starts with 81/82/83', () => {
    assert.equal(idDocumentNumberProblem('residencePermitHkMoTw', '810000199501011237'), null);
    assert.ok(idDocumentNumberProblem('residencePermitHkMoTw', '11010519491231002X'));
  });

  test('GB 32100: 统一社会信用代码 check character (codes seen on published catalogues)', () => {
    const valid = (code: string) => idDocumentNumberProblem('unifiedSocialCreditCode', code) === null;
    for (const code of ['11341702486344515H', '1133102400268125XW', '113708280043326001']) assert.ok(valid(code), code);
    assert.equal(valid('11341702486344515J'), false);
    assert.equal(valid('1134170248634451'), false);
  });

  test('第二十九条: other documents get a format check only', () => {
    assert.equal(idDocumentNumberProblem('passport', 'E12345678'), null);
    assert.ok(idDocumentNumberProblem('passport', 'E1'));
  });
});
