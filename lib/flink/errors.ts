/** What a failed call was about, for messages that name the watch's query. */
export interface FlinkCallDescription {
  action: string;
  workspace: string;
  namespace: string;
  labelKey: string;
}

export interface FlinkApiErrorInit {
  call: FlinkCallDescription;
  /** The API's error code (`Throttling.User`, `SignatureDoesNotMatch`, `ECONNREFUSED`, `MalformedResponse`, …). */
  code: string;
  httpStatus?: number | undefined;
  requestId?: string | undefined;
  /** What went wrong, already free of secrets. Only its first line goes into the message. */
  detail: string;
  /** A hint put before the code, e.g. `authentication failed: check the access key id/secret`. */
  hint?: string | undefined;
  retryable: boolean;
  attempts: number;
  cause?: unknown;
}

function describeCall(call: FlinkCallDescription): string {
  return `${call.action}(workspace=${call.workspace}, namespace=${call.namespace}, labelKey=${call.labelKey})`;
}

function describeAttempts(attempts: number): string {
  if (attempts === 0) return 'failed before its first attempt';
  if (attempts === 1) return 'failed';
  return `failed after ${attempts} attempts`;
}

/**
 * The one error a Flink API call rejects with. `code` is the platform's own code (read from the body, since the
 * client library reports the string "undefined" for this API), or the network error code.
 */
export class FlinkApiError extends Error {
  override readonly name = 'FlinkApiError';
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly attempts: number;
  readonly call: FlinkCallDescription;
  /** The full explanation (several lines for a signature mismatch: what the server signed). */
  readonly detail: string;

  constructor(init: FlinkApiErrorInit) {
    const context = [
      init.httpStatus !== undefined ? `HTTP ${init.httpStatus}` : undefined,
      init.requestId ? `requestId ${init.requestId}` : undefined,
    ].filter((part): part is string => part !== undefined);
    const codePart = context.length > 0 ? `${init.code} (${context.join(', ')})` : init.code;
    const hintPart = init.hint ? `${init.hint}: ` : '';
    const [firstLine = '', ...more] = init.detail.split('\n');
    const summary = more.length > 0 ? `${firstLine.trimEnd()} …` : firstLine;
    super(`${describeCall(init.call)} ${describeAttempts(init.attempts)}: ${hintPart}${codePart}: ${summary}`, {
      cause: init.cause,
    });
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.retryable = init.retryable;
    this.attempts = init.attempts;
    this.call = init.call;
    this.detail = init.detail;
  }
}

/** No usable access key was found; says where flink-watch looked and how to provide one. */
export class FlinkCredentialsError extends Error {
  override readonly name = 'FlinkCredentialsError';
}

/** The structure of an answer's JSON text is broken where the splitter walks through it (answer-splitter.ts). */
export class AnswerSyntaxError extends Error {
  override readonly name = 'AnswerSyntaxError';
}

/** The answer body is not the JSON the API writes; `cause` is the parser's error. */
export class MalformedAnswerError extends Error {
  override readonly name = 'MalformedAnswerError';
}

/** The answer body did not arrive within the attempt's time (the library's error name, so it is classified alike). */
export class AnswerReadTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}
