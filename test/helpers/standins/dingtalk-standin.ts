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

export interface DingTalkStandInOptions {
  accessToken?: string;
  /** Signing ("加签") secret; when set, `timestamp` and `sign` are required and checked. */
  secret?: string;
  keywords?: string[];
  /** The platform's clock (ms). */
  now?: () => number;
}

export interface DingTalkStandIn extends PlatformStandIn {
  /** `http://127.0.0.1:<port>/robot/send?access_token=<token>` */
  readonly robotUrl: string;
}

/** The documented algorithm, written out here independently of the code under test. */
export function dingTalkExpectedSign(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

const MAX_BODY_BYTES = 20_000;
const THROTTLE_MS = 10 * 60_000;

function contentText(body: Record<string, unknown>): string {
  const parts: unknown[] = [];
  for (const key of ['text', 'markdown', 'actionCard', 'link']) {
    const section = body[key];
    // The message text is what DingTalk searches; a markdown `title` only feeds the notification preview.
    if (isRecord(section)) parts.push(section.content, section.text);
  }
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

/**
 * DingTalk custom robot acceptance rules: token, body ≤ 20000 bytes, signature (ms timestamp within 1 h, sign
 * decoded once), keywords, 20 messages/min (then throttled for 10 min), errcode answers in HTTP 200.
 */
export async function startDingTalkStandIn(options: DingTalkStandInOptions = {}): Promise<DingTalkStandIn> {
  const token = options.accessToken ?? 'dt-token-0123456789abcdef';
  const now = options.now ?? (() => Date.now());
  const window = createWindowCounter([{ max: 20, perMs: 60_000 }]);
  let throttledUntil = Number.NEGATIVE_INFINITY;

  const judge = (request: RecordedRequest) => {
    const url = new URL(request.url, 'http://standin');
    const fail = (errcode: number, errmsg: string) => ({ answer: json({ errcode, errmsg }) });
    if (url.pathname !== '/robot/send' || url.searchParams.get('access_token') !== token) {
      return fail(300001, 'token is not exist');
    }
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) {
      return fail(460101, 'message too long, exceed 20000 bytes');
    }
    const body = parseJson(request.body);
    if (!isRecord(body)) return fail(40035, '缺少参数 json');
    if (!['text', 'markdown', 'actionCard', 'link', 'feedCard'].includes(String(body.msgtype))) {
      return fail(400105, '不支持的消息类型');
    }
    let clock = request.receivedAt;
    if (options.secret) {
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const sign = url.searchParams.get('sign') ?? '';
      if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - now()) > 3_600_000) {
        return fail(310000, 'invalid timestamp');
      }
      if (sign !== dingTalkExpectedSign(options.secret, timestamp)) return fail(310000, 'sign not match');
      clock = Number(timestamp);
    }
    const keywords = options.keywords ?? [];
    if (keywords.length > 0 && !keywords.some((k) => contentText(body).includes(k))) {
      return fail(310000, `keywords not in content, more: [${keywords.join(',')}]`);
    }
    if (clock < throttledUntil) return fail(130101, 'send too fast, exceed 20 times per minute');
    if (!window.admit(clock)) {
      throttledUntil = clock + THROTTLE_MS;
      return fail(130101, 'send too fast, exceed 20 times per minute');
    }
    return { answer: json({ errcode: 0, errmsg: 'ok' }), accepted: body };
  };

  const server = await startPlatformServer(judge, now);
  return Object.assign(server, { robotUrl: `${server.url}/robot/send?access_token=${token}` });
}
