import { randomUUID } from 'node:crypto';

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** The generic Alibaba Cloud gateway error body (signature, authentication, flow control): upper-case fields. */
export function gatewayErrorBody(
  requestId: string,
  host: string,
  code: string,
  message: string,
): Record<string, unknown> {
  return {
    RequestId: requestId,
    HostId: host,
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=ververica&requestId=${requestId}`,
  };
}

/** The Realtime Compute (Ververica) error body: lower-camel fields, `success:false`, no data. */
export function ververicaErrorBody(
  requestId: string,
  httpCode: number,
  errorCode: string,
  errorMessage: string,
): Record<string, unknown> {
  return { requestId, success: false, httpCode, errorCode, errorMessage, data: null };
}

/** A success as the real API writes it, down to the quoted empty strings in the error fields. */
export function ververicaSuccessBody(requestId: string, data: unknown[]): Record<string, unknown> {
  return { requestId, success: true, httpCode: 200, errorCode: '""', errorMessage: '""', data };
}

/** The same success as UTF-8 bytes around a `data` list already serialised (the list is the last field, as above). */
export function ververicaSuccessBytes(requestId: string, dataJson: Buffer): Buffer {
  const head = JSON.stringify({ requestId, success: true, httpCode: 200, errorCode: '""', errorMessage: '""' });
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)},"data":`, 'utf8'), dataJson, Buffer.from('}', 'utf8')]);
}
