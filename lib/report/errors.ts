/** Errors of the report area: bad report requests and the local report server. */
export class ReportError extends Error {
  override name = 'ReportError';
}

/** A report request that cannot be answered as asked; the router turns it into a 4xx with `hint`. */
export class ReportRequestError extends ReportError {
  override name = 'ReportRequestError';
  readonly statusCode: number;
  readonly hint: string;

  constructor(statusCode: number, message: string, hint: string) {
    super(message);
    this.statusCode = statusCode;
    this.hint = hint;
  }
}

/** The request body is bigger than the server accepts (answered with 413). */
export class RequestBodyTooLargeError extends ReportError {
  override name = 'RequestBodyTooLargeError';
  readonly limitBytes: number;

  constructor(limitBytes: number) {
    super(`the request body is larger than ${limitBytes} bytes; the report endpoint takes no large bodies`);
    this.limitBytes = limitBytes;
  }
}

/** The report server could not listen (port taken, address not local, …). */
export class ReportServerStartError extends ReportError {
  override name = 'ReportServerStartError';

  constructor(host: string, port: number, cause: unknown) {
    const code = cause instanceof Error && 'code' in cause ? String((cause as { code: unknown }).code) : 'unknown';
    super(
      `the report server could not listen on ${host}:${port} (${code}); ` +
        'pick a free port or stop the process that holds it',
      { cause },
    );
  }
}
