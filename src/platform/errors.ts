// The one error catalogue: every error a user can meet has a stable code, an HTTP status and a
// Chinese message. Portal and admin pages render it as HTML; /api answers JSON. A module's domain
// error is an AppError subclass naming its code here (CalendarYearNotConfirmedError, TransitionError,
// IndexNumberError, FileTypeError, InfoRequestRuleError, ReportFileError, TransferFileError,
// BackupError, SubmissionLimited), so the one error handler maps it to HTTP and no route translates
// it by hand. A form route catches a ValidationError (an AppError with field messages) only to
// show the form again with what was typed; its status is the error's.
export const ERROR_CATALOGUE = {
  badRequest: { status: 400, message: '请求的格式不正确，请检查后重试。' },
  validation: { status: 422, message: '提交的内容有误，请按提示修改后重新提交。' },
  loginRequired: { status: 401, message: '请先登录。' },
  forbidden: { status: 403, message: '您没有权限访问该页面或执行该操作。' },
  csrfInvalid: { status: 403, message: '页面已过期或无法确认请求来源，请返回上一页刷新后重新提交。' },
  notFound: { status: 404, message: '您访问的页面不存在，可能已被删除或地址有误。' },
  conflict: { status: 409, message: '该记录已被修改或与现有记录冲突，请刷新后重试。' },
  payloadTooLarge: { status: 413, message: '提交的内容过大。' },
  unsupportedMediaType: { status: 415, message: '不支持该内容类型。' },
  calendarYearNotConfirmed: { status: 422, message: '所需年份的节假日安排尚未确认，暂时无法计算工作日期限。' },
  indexNumberInvalid: { status: 422, message: '索引号格式或其组成部分有误，无法生成索引号。' },
  fileTypeRefused: { status: 422, message: '文件类型不被接受，或文件内容与扩展名不符。' },
  // Domain errors: each thrown by a typed error class of its module that names its code here.
  // 依申请公开 rules (modules/info-request/rules/errors.ts, InfoRequestRuleError and subclasses):
  'receipt.missingDate': { status: 422, message: '缺少确定收到申请之日所需的日期（条例第三十一条）。' },
  'receipt.inconsistentDates': { status: 422, message: '收到申请的各个日期前后矛盾，请核对。' },
  'receipt.unknownChannel': { status: 422, message: '请选择申请的提交渠道。' },
  'clock.inconsistentDates': { status: 422, message: '办理过程中的各个日期前后矛盾，请核对。' },
  'extension.rejected': { status: 422, message: '延长答复期限不符合条例第三十三条第二款的规定。' },
  'consultation.inconsistentInput': { status: 422, message: '征求第三方意见的记录不完整或日期有误，请核对。' },
  'fee.invalidQuantity': { status: 422, message: '信息处理费的计费数量应为非负整数。' },
  'fee.methodConflict': { status: 422, message: '同一件申请只能按件或按量中的一种标准收取信息处理费。' },
  // 意见征集 (modules/comment-period): a comment sent after the period's last day.
  'commentPeriod.closed': { status: 409, message: '本次意见征集已经结束，不再接收意见。' },
  // Files people hand in (annual-report checker, publication transfer, backup archive):
  reportFileUnreadable: { status: 422, message: '无法读取该报告文件，请上传 .txt、.html、.htm 或 .docx 文件。' },
  transferFileInvalid: { status: 422, message: '无法读取该导入文件，请检查文件格式。' },
  backupArchiveInvalid: { status: 422, message: '备份归档无法读取或已损坏，未做任何更改。' },
  rateLimited: { status: 429, message: '操作过于频繁，请稍后再试。' },
  internal: { status: 500, message: '系统暂时无法处理您的请求，请稍后再试。如问题持续，请联系网站管理员。' },
  unavailable: { status: 503, message: '服务暂时不可用，请稍后再试。' },
  // The embedded database's write lock held past the wait (db/write-turn.ts: a long import or index build).
  databaseBusy: {
    status: 503,
    message:
      '数据库正忙（可能正在批量导入或重建索引），本次提交没有保存。您填写的内容已随本页保留，请稍后点击“重新提交”，无需重新填写。',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, message?: string, fields?: FieldErrors) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.fields = fields;
  }
}

/**
 * A form that failed validation: the route re-renders it with these messages and the input,
 * with the error's status (422, or 413 for a file over its limit).
 */
export class ValidationError extends AppError {
  constructor(fields: FieldErrors, message?: string, code: ErrorCode = 'validation') {
    super(code, message, fields);
    this.name = 'ValidationError';
  }
}

export const notFound = (message?: string) => new AppError('notFound', message);
export const forbidden = (message?: string) => new AppError('forbidden', message);
