// The admin checker page (#15 point 6): several published reports at once — uploaded files and the
// pasted text, each checked on its own, then across files (上年结转 against the previous year's
// 结转下年度, rule 22) — with each finding marked in its text.
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { type FieldErrors } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { bytesOf } from '../../platform/storage/file-store.ts';
import { checkTexts, htmlToText, looksLikeHtml, ReportFileError, reportTextOf } from './checker/index.ts';
import { CHECKER_MAX_FILES, CheckerPage } from './annual-report.checker-views.tsx';

/** A report's text is a few hundred KB; its HTML page a little more. */
const CHECKER_MAX_FILE_BYTES = 5 * 1_048_576;

export function registerCheckerRoutes(app: FastifyInstance): void {
  app.get('/admin/annual-reports/checker', async (req, reply) => {
    authorize(req.actor, 'annualReport.view');
    return reply.page(<CheckerPage ctx={await req.pageContext(reply)} text="" year="" agencyName="" />);
  });

  const checkerUpload = uploadRoute({
    requires: 'annualReport.view',
    maxFileBytes: CHECKER_MAX_FILE_BYTES,
    maxFiles: CHECKER_MAX_FILES,
    maxFieldBytes: 2 * 1_048_576,
  });
  /**
   * Several reports at once (#15 point 6): every uploaded file and the pasted text, each checked on
   * its own, then across files (上年结转 against the previous year's 结转下年度, rule 22).
   */
  app.post('/admin/annual-reports/checker', { config: checkerUpload }, async (req, reply) => {
    authorize(req.actor, 'annualReport.view');
    const files = uploadedFiles(req.body).filter((f) => f.fieldName === 'files' || f.fieldName === 'file');
    const text = formValue(req.body, 'text');
    const yearText = formValue(req.body, 'year').trim();
    const agencyName = formValue(req.body, 'agencyName').trim();
    const page = async (errors: FieldErrors, status: number) =>
      reply.page(
        <CheckerPage
          ctx={await req.pageContext(reply)}
          text={text}
          year={yearText}
          agencyName={agencyName}
          errors={errors}
        />,
        status,
      );
    const big = files.find((f) => f.tooLarge);
    if (big)
      return page(
        {
          files: `文件“${big.fileName}”超过 ${CHECKER_MAX_FILE_BYTES / 1_048_576} MB，未上传。请重新选择文件（可以先拆分较大的文件）。`,
        },
        413,
      );
    const errors: FieldErrors = {};
    const entries: { file: string; text: string }[] = [];
    for (const f of files) {
      if (!f.size) {
        errors.files = `文件“${f.fileName}”是空文件。`;
        break;
      }
      try {
        entries.push({ file: f.fileName, text: await reportTextOf(f.fileName, await bytesOf(f)) });
      } catch (err) {
        if (!(err instanceof ReportFileError)) throw err;
        errors.files = err.message;
        break;
      }
    }
    const pasted = text.replace(/^\uFEFF/u, '');
    if (pasted.trim()) entries.push({ file: '粘贴的文本', text: looksLikeHtml(pasted) ? htmlToText(pasted) : pasted });
    if (!entries.length && !errors.files) errors.text = '请上传报告文件或粘贴报告文本。';
    for (const e of entries)
      if (e.text.length > 500_000)
        errors[e.file === '粘贴的文本' ? 'text' : 'files'] = `“${e.file}”过长（超过 50 万字符）。`;
    const year = yearText ? Number(yearText) : undefined;
    if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 9999))
      errors.year = '年度应为 2008 年以后的四位年份。';
    if (agencyName && entries.length > 1)
      errors.agencyName = '检查多份报告时请不要填写机构名称：各报告的机构从其标题、开头或落款中识别。';
    if (Object.keys(errors).length) return page(errors, 422);
    const checked = checkTexts(entries, {
      ...(year !== undefined ? { year } : {}),
      ...(agencyName ? { agencyName } : {}),
    });
    return reply.page(
      <CheckerPage
        ctx={await req.pageContext(reply)}
        text={text}
        year={yearText}
        agencyName={agencyName}
        results={checked.map((c, i) => ({
          name: c.file,
          agency: c.result.agency?.name ?? null,
          year: c.result.year,
          format: c.result.format,
          findings: c.result.findings,
          text: entries[i]?.text ?? '',
        }))}
      />,
    );
  });
}
