import type { RecordedRequest } from '../webhook-server';
import {
  createWindowCounter,
  isRecord,
  json,
  type PlatformStandIn,
  parseJson,
  startPlatformServer,
} from './platform-server';

export interface WeComStandInOptions {
  key?: string;
  /** The platform's clock (ms). */
  now?: () => number;
}

export interface WeComStandIn extends PlatformStandIn {
  /** `http://127.0.0.1:<port>/cgi-bin/webhook/send?key=<key>` */
  readonly robotUrl: string;
}

const LIMITS: Record<string, number> = { text: 2_048, markdown: 4_096, markdown_v2: 4_096 };

/**
 * WeCom group robot acceptance rules: key, content ≤ 2048 (text) / 4096 (markdown) UTF-8 bytes, mention lists only
 * as string arrays, 20 messages/min, errcode answers.
 */
export async function startWeComStandIn(options: WeComStandInOptions = {}): Promise<WeComStandIn> {
  const key = options.key ?? '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
  const now = options.now ?? (() => Date.now());
  const window = createWindowCounter([{ max: 20, perMs: 60_000 }]);

  const judge = (request: RecordedRequest) => {
    const fail = (errcode: number, errmsg: string) => ({ answer: json({ errcode, errmsg }) });
    const url = new URL(request.url, 'http://standin');
    if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== key) {
      return fail(93000, 'invalid webhook url, hint: [1700000000_1_abc]');
    }
    const body = parseJson(request.body);
    if (!isRecord(body)) return fail(40058, 'invalid Request Parameter');
    const type = String(body.msgtype);
    const section = body[type];
    const limit = LIMITS[type];
    if (limit === undefined || !isRecord(section)) return fail(40008, 'invalid message type');
    const content = section.content;
    if (typeof content !== 'string' || content === '') return fail(44004, 'empty content');
    if (Buffer.byteLength(content, 'utf8') > limit) return fail(40058, `${type}.content exceed max length ${limit}`);
    for (const list of ['mentioned_list', 'mentioned_mobile_list']) {
      const value = section[list];
      if (value !== undefined && (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))) {
        return fail(40058, `invalid ${list}`);
      }
    }
    if (!window.admit(request.receivedAt)) return fail(45009, 'api freq out of limit');
    return { answer: json({ errcode: 0, errmsg: 'ok' }), accepted: body };
  };

  const server = await startPlatformServer(judge, now);
  return Object.assign(server, { robotUrl: `${server.url}/cgi-bin/webhook/send?key=${key}` });
}
