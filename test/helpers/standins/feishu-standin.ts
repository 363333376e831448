import { createHmac } from 'node:crypto';
import type { RecordedRequest } from '../webhook-server';
import {
  createWindowCounter,
  isRecord,
  json,
  type PlatformStandIn,
  parseJson,
  startPlatformServer,
} from './platform-server';

export interface FeishuStandInOptions {
  token?: string;
  /** Signature secret; when set, body `timestamp` (seconds) and `sign` are required and checked. */
  secret?: string;
  keywords?: string[];
  /** The platform's clock (ms). */
  now?: () => number;
}

export interface FeishuStandIn extends PlatformStandIn {
  /** `http://127.0.0.1:<port>/open-apis/bot/v2/hook/<token>` */
  readonly hookUrl: string;
}

/** The documented algorithm (key = `timestamp\nsecret`, empty message), written out independently. */
export function feishuExpectedSign(secret: string, timestampSeconds: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

const MAX_BODY_BYTES = 20_000;
const SUCCESS = { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' };

/** Every string inside the message content or card, where Feishu looks for keywords. */
function allText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allText(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) allText(v, out);
  return out;
}

/**
 * Feishu/Lark custom bot acceptance rules: hook token, body ≤ 20 KB, signature (seconds timestamp within 1 h),
 * keywords, 5/s and 100/min, `code` answers.
 */
export async function startFeishuStandIn(options: FeishuStandInOptions = {}): Promise<FeishuStandIn> {
  const token = options.token ?? 'fs-hook-token-0123456789';
  const now = options.now ?? (() => Date.now());
  const window = createWindowCounter([
    { max: 5, perMs: 1_000 },
    { max: 100, perMs: 60_000 },
  ]);

  const judge = (request: RecordedRequest) => {
    const fail = (code: number, msg: string) => ({ answer: json({ code, data: {}, msg }) });
    if (new URL(request.url, 'http://standin').pathname !== `/open-apis/bot/v2/hook/${token}`) {
      return fail(19001, 'param invalid: incoming webhook access token invalid');
    }
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) {
      return fail(19036, 'The message exceeds the size limit');
    }
    const body = parseJson(request.body);
    if (!isRecord(body)) return fail(9499, 'Bad Request');
    const content = body.msg_type === 'interactive' ? body.card : body.content;
    if (!['text', 'post', 'image', 'share_chat', 'interactive'].includes(String(body.msg_type)) || !isRecord(content)) {
      return fail(9499, 'Bad Request');
    }
    let clock = request.receivedAt;
    if (options.secret) {
      const timestamp = String(body.timestamp ?? '');
      const fresh = /^\d+$/.test(timestamp) && Math.abs(Number(timestamp) * 1000 - now()) <= 3_600_000;
      if (!fresh || body.sign !== feishuExpectedSign(options.secret, timestamp)) {
        return fail(19021, 'sign match fail or timestamp is not within one hour from current time');
      }
      clock = Number(timestamp) * 1000;
    }
    const keywords = options.keywords ?? [];
    const text = allText(content).join('\n');
    if (keywords.length > 0 && !keywords.some((k) => text.includes(k))) return fail(19024, 'Key Words Not Found');
    if (!window.admit(clock)) return fail(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]');
    return { answer: json(SUCCESS), accepted: body };
  };

  const server = await startPlatformServer(judge, now);
  return Object.assign(server, { hookUrl: `${server.url}/open-apis/bot/v2/hook/${token}` });
}
