import type { RecordedRequest } from '../webhook-server';
import { createWindowCounter, isRecord, type PlatformStandIn, parseJson, startPlatformServer } from './platform-server';

export interface SlackStandInOptions {
  path?: string;
  /** The platform's clock (ms). */
  now?: () => number;
  /** Messages admitted per second before 429 (Slack: about 1/s with short bursts). */
  burst?: number;
}

export interface SlackStandIn extends PlatformStandIn {
  /** `http://127.0.0.1:<port>/services/T…/B…/<token>` */
  readonly hookUrl: string;
}

const text = (status: number, body: string, headers?: Record<string, string>) => ({
  answer: { status, body, ...(headers ? { headers } : {}) },
});

/** Length of every text field in the blocks (Slack refuses block payloads around 13k characters). */
function blockChars(blocks: unknown[]): number {
  return JSON.stringify(blocks).length;
}

function blockProblem(block: unknown): boolean {
  if (!isRecord(block) || typeof block.type !== 'string') return true;
  const t = isRecord(block.text) ? block.text.text : undefined;
  if (block.type === 'header') return typeof t !== 'string' || t.length > 150 || t.length === 0;
  if (block.type === 'section') return typeof t !== 'string' || t.length > 3_000 || t.length === 0;
  if (block.type === 'context') return !Array.isArray(block.elements) || block.elements.length > 10;
  return !['divider', 'actions', 'image', 'rich_text'].includes(block.type);
}

/**
 * Slack incoming-webhook acceptance rules: path token, JSON with `text` or `blocks`, ≤ 50 blocks, section text ≤ 3000
 * and header ≤ 150 characters, about 13k characters of blocks, a per-second rate with 429 + Retry-After, body `ok`.
 */
export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const path = options.path ?? '/services/T0000TEST/B0000TEST/slack0token0abcdef012345';
  const now = options.now ?? (() => Date.now());
  const window = createWindowCounter([{ max: options.burst ?? 3, perMs: 1_000 }]);

  const judge = (request: RecordedRequest) => {
    if (new URL(request.url, 'http://standin').pathname !== path) return text(403, 'invalid_token');
    const body = parseJson(request.body);
    if (!isRecord(body)) return text(400, 'invalid_payload');
    const blocks = body.blocks;
    if (blocks !== undefined) {
      if (!Array.isArray(blocks)) return text(400, 'invalid_blocks_format');
      if (blocks.length > 50 || blocks.some(blockProblem)) return text(400, 'invalid_blocks');
      if (blockChars(blocks) > 13_000) return text(400, 'msg_blocks_too_long');
    }
    if ((typeof body.text !== 'string' || body.text === '') && !Array.isArray(blocks)) return text(400, 'no_text');
    if (!window.admit(request.receivedAt)) return text(429, 'rate_limited', { 'retry-after': '1' });
    return { ...text(200, 'ok'), accepted: body };
  };

  const server = await startPlatformServer(judge, now);
  return Object.assign(server, { hookUrl: `${server.url}${path}` });
}
