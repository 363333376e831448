import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createDingTalkReceiver, DINGTALK_BODY_LIMIT } from '../../lib/notify/dingtalk';
import { createFeishuReceiver, FEISHU_DIGEST_TEMPLATE } from '../../lib/notify/feishu';
import { FEISHU_BODY_LIMIT } from '../../lib/notify/feishu-classify';
import { utf8Bytes } from '../../lib/notify/render/bytes';
import {
  DINGTALK_DIALECT,
  type Dialect,
  FEISHU_DIALECT,
  SLACK_DIALECT,
  WECOM_DIALECT,
} from '../../lib/notify/render/digest-dialects';
import { adaptMarkdown } from '../../lib/notify/render/digest-markdown';
import type { ReceiverDeps } from '../../lib/notify/render/prepare';
import { createSlackReceiver } from '../../lib/notify/slack';
import { SLACK_BODY_BUDGET, SLACK_MAX_BLOCKS } from '../../lib/notify/slack-blocks';
import type { Digest, Receiver } from '../../lib/notify/types';
import { createWeComReceiver, WECOM_MARKDOWN_LIMIT } from '../../lib/notify/wecom';
import { silentLogger } from '../../lib/runtime/logger';
import { reportConfig } from '../helpers/standins/big-group';
import { startDingTalkStandIn } from '../helpers/standins/dingtalk-standin';
import { startFeishuStandIn } from '../helpers/standins/feishu-standin';
import type { PlatformStandIn } from '../helpers/standins/platform-server';
import { startSlackStandIn } from '../helpers/standins/slack-standin';
import { startWeComStandIn } from '../helpers/standins/wecom-standin';
import { oversizedDigest, REPORT_URL, realisticDigest } from './digest-fixtures';

const DT_SECRET = 'SEC0dingtalk0digest0secret0123456789abcdef';
const DT_TOKEN = 'dt0digest0token0feedface0123';
const FS_SECRET = 'feishu0digest0secret0ab12cd34';
const FS_TOKEN = 'fs0digest0hook0token0d00dfeed';
const WX_KEY = '5e1c8f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const SLACK_PATH = '/services/T0DIGEST/B0DIGEST/digest0slack0token0abc123';
const MENTIONS = { all: true, mobiles: ['13800001111'], userIds: ['U024BE7LH'] };
const deps: ReceiverDeps = { logger: silentLogger, report: reportConfig(), region: 'cn-hangzhou' };

interface Platform {
  name: string;
  dialect: Dialect;
  start(): Promise<{ standIn: PlatformStandIn; receiver: Receiver; secrets: string[] }>;
  /** What the platform shows (or measures), from the posted body. */
  text(body: Record<string, unknown>): string;
  /** Lines the composer puts above the digest text. */
  titleLines: number;
  /** Size the platform limits, and the most flink-watch allows. */
  measure(raw: string, body: Record<string, unknown>): number;
  limit: number;
  /** Paragraph breaks as DingTalk needs them (blank lines between paragraphs). */
  loose?: boolean;
}

const receiverConfig = (c: Omit<ReceiverConfig, 'sendResolved'>): ReceiverConfig => ({ sendResolved: true, ...c });
type Json = Record<string, unknown>;
const at = (v: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], v);

const PLATFORMS: Platform[] = [
  {
    name: 'dingtalk',
    dialect: DINGTALK_DIALECT,
    async start() {
      const standIn = await startDingTalkStandIn({
        accessToken: DT_TOKEN,
        secret: DT_SECRET,
        keywords: ['FlinkAlarm'],
      });
      const options = { keyword: 'FlinkAlarm', mentions: MENTIONS };
      const config = receiverConfig({
        name: 'oncall',
        type: 'dingtalk',
        url: standIn.robotUrl,
        secret: DT_SECRET,
        options,
      });
      return { standIn, receiver: createDingTalkReceiver(config, deps), secrets: [DT_TOKEN, DT_SECRET] };
    },
    text: (b) => String(at(b, 'markdown', 'text')),
    titleLines: 2,
    measure: (raw) => utf8Bytes(raw),
    limit: DINGTALK_BODY_LIMIT,
    loose: true,
  },
  {
    name: 'feishu',
    dialect: FEISHU_DIALECT,
    async start() {
      const standIn = await startFeishuStandIn({ token: FS_TOKEN, secret: FS_SECRET, keywords: ['告警'] });
      const options = { keyword: '告警', mentions: { all: true, userIds: ['ou_abc'] } };
      const config = receiverConfig({ name: 'lark', type: 'feishu', url: standIn.hookUrl, secret: FS_SECRET, options });
      return { standIn, receiver: createFeishuReceiver(config, deps), secrets: [FS_TOKEN, FS_SECRET] };
    },
    text: (b) => String(at(b, 'card', 'elements', 0, 'text', 'content')),
    titleLines: 0,
    measure: (raw) => utf8Bytes(raw),
    limit: FEISHU_BODY_LIMIT,
  },
  {
    name: 'wecom',
    dialect: WECOM_DIALECT,
    async start() {
      const standIn = await startWeComStandIn({ key: WX_KEY });
      const config = receiverConfig({
        name: 'wx',
        type: 'wecom',
        url: standIn.robotUrl,
        options: { mentions: MENTIONS },
      });
      return { standIn, receiver: createWeComReceiver(config, deps), secrets: [WX_KEY] };
    },
    text: (b) => String(at(b, 'markdown', 'content')),
    titleLines: 2,
    measure: (_raw, b) => utf8Bytes(String(at(b, 'markdown', 'content'))),
    limit: WECOM_MARKDOWN_LIMIT,
  },
  {
    name: 'slack',
    dialect: SLACK_DIALECT,
    async start() {
      const standIn = await startSlackStandIn({ path: SLACK_PATH });
      const config = receiverConfig({
        name: 'ops',
        type: 'slack',
        url: standIn.hookUrl,
        options: { mentions: MENTIONS },
      });
      return { standIn, receiver: createSlackReceiver(config, deps), secrets: [SLACK_PATH.split('/').at(-1) ?? ''] };
    },
    text: (b) =>
      (b.blocks as Json[])
        .filter((block) => block.type === 'section')
        .map((block) => String(at(block, 'text', 'text')))
        .join('\n'),
    titleLines: 0,
    measure: (raw) => utf8Bytes(raw),
    limit: SLACK_BODY_BUDGET,
  },
];

function expectedTail(dialect: Dialect): string {
  return `… (full report: ${dialect.link(dialect.text(REPORT_URL), REPORT_URL)})`;
}

/** The digest's lines in the platform's dialect, blank ones left out (composers differ in how they space them). */
function adaptedLines(p: Platform, digest: Digest): string[] {
  return adaptMarkdown(digest.markdown, p.dialect, { dropTitle: true })
    .map((l) => l.text)
    .filter((t) => t.trim() !== '');
}

describe.each(PLATFORMS)('$name digest', (p) => {
  let standIn: PlatformStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  /** Renders, checks the message envelope, delivers with the real clock (signatures) and returns what was accepted. */
  async function deliver(digest: Digest): Promise<{ raw: string; body: Json; summary: string }> {
    const started = await p.start();
    standIn = started.standIn;
    const messages = started.receiver.renderDigest?.(digest) ?? [];
    expect(messages).toHaveLength(1);
    const message = messages[0]!;
    expect(message.groupKey).toBe('digest');
    expect(message.fingerprints).toEqual([]);
    expect(message.contentType).toBe('application/json');
    for (const secret of started.secrets) expect(message.body).not.toContain(secret);
    const outcome = await started.receiver.deliver(message, { signal: AbortSignal.timeout(10_000), now: new Date() });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    expect(standIn.accepted).toHaveLength(1);
    for (const secret of started.secrets) expect(standIn.requests[0]?.body).not.toContain(secret);
    return { raw: message.body, body: standIn.accepted[0] as Json, summary: message.summary };
  }

  it('a realistic digest is accepted, in the platform’s dialect, with nothing left of tables, mentions or HTML', async () => {
    const digest = realisticDigest();
    const { body, summary } = await deliver(digest);
    const text = p.text(body);
    expect(summary).toBe('digest: 3 firing, 3 watches');
    expect(text).not.toMatch(/^\|/m);
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/@13800001111|<at id|<!channel>|<@U024BE7LH>/);
    expect(body).not.toHaveProperty('at');
    const lines = adaptedLines(p, digest);
    expect(lines.some((l) => l.includes('orders-etl') && l.includes('Watch: payments'))).toBe(true);
    for (const line of lines) expect(text).toContain(line);
    expect(text).not.toContain('… (full report:');
  });

  it('an oversized digest (600 deployments) is cut at a line boundary, fits, and ends with the report link', async () => {
    const digest = oversizedDigest(600);
    expect(utf8Bytes(digest.markdown)).toBeGreaterThan(5 * p.limit);
    const { raw, body, summary } = await deliver(digest);
    expect(summary).toBe('digest: 600 firing, 3 watches (shortened)');
    const size = p.measure(raw, body);
    expect(size).toBeLessThanOrEqual(p.limit);
    expect(size).toBeGreaterThan(0.75 * p.limit);
    const text = p.text(body);
    const tail = expectedTail(p.dialect);
    expect(text.endsWith(`\n\n${tail}`)).toBe(true);
    const shown = text
      .slice(0, -tail.length)
      .split('\n')
      .filter((t) => t.trim() !== '')
      .slice(p.titleLines > 0 ? 1 : 0);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown).toEqual(adaptedLines(p, digest).slice(0, shown.length));
  });

  it('no secret of the receiver reaches the body, even when the digest text quotes it', async () => {
    const probe = await p.start();
    await probe.standIn.close();
    const base = realisticDigest();
    const leaky = { ...base, markdown: `${base.markdown}\n- leaked: ${probe.secrets.join(' ')}\n` };
    const { raw } = await deliver(leaky);
    expect(raw).toContain(`leaked: ${p.dialect.text('<redacted>')}`);
  });
});

describe('platform specifics', () => {
  let standIn: PlatformStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('dingtalk: a markdown message whose title carries the keyword, and no mentions', async () => {
    const started = await PLATFORMS[0]!.start();
    standIn = started.standIn;
    const body = JSON.parse(started.receiver.renderDigest?.(realisticDigest())[0]?.body ?? '{}') as Json;
    expect(body.msgtype).toBe('markdown');
    expect(at(body, 'markdown', 'title')).toBe('[FlinkAlarm] flink-watch report: digest');
    expect(String(at(body, 'markdown', 'text'))).toMatch(
      /^#### \[FlinkAlarm\] flink-watch report: digest\n\n\*\*3 alerts/,
    );
  });

  it('feishu: a card with a neutral header, the keyword, and an Open report button; signed only at delivery', async () => {
    const started = await PLATFORMS[1]!.start();
    standIn = started.standIn;
    const [message] = started.receiver.renderDigest?.(realisticDigest()) ?? [];
    const body = JSON.parse(message?.body ?? '{}') as Json;
    expect(body).not.toHaveProperty('sign');
    expect(at(body, 'card', 'header')).toEqual({
      title: { tag: 'plain_text', content: '[告警] flink-watch report: digest' },
      template: FEISHU_DIGEST_TEMPLATE,
    });
    expect(['red', 'orange', 'yellow', 'green']).not.toContain(FEISHU_DIGEST_TEMPLATE);
    expect(at(body, 'card', 'elements', 1, 'actions', 0, 'url')).toBe(REPORT_URL);
    await started.receiver.deliver(message!, { signal: AbortSignal.timeout(10_000), now: new Date() });
    expect(started.standIn.accepted[0]).toHaveProperty('sign');
  });

  it('wecom: one markdown message, no mention companion; without a report URL the cut says so', async () => {
    const started = await PLATFORMS[2]!.start();
    standIn = started.standIn;
    const messages = started.receiver.renderDigest?.(oversizedDigest(300, null)) ?? [];
    expect(messages).toHaveLength(1);
    const content = String(at(JSON.parse(messages[0]!.body), 'markdown', 'content'));
    expect(content.startsWith('**flink-watch report: digest**\n\n')).toBe(true);
    expect(content.endsWith('\n\n… (shortened to fit the message size limit)')).toBe(true);
  });

  it('slack: header, sections within block limits, fallback text and a report link footer', async () => {
    const started = await PLATFORMS[3]!.start();
    standIn = started.standIn;
    for (const digest of [realisticDigest(), oversizedDigest(600)]) {
      const body = JSON.parse(started.receiver.renderDigest?.(digest)[0]?.body ?? '{}') as {
        text: string;
        blocks: Json[];
      };
      expect(body.text).toBe('flink-watch report: digest');
      expect(body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'flink-watch report: digest' } });
      expect(body.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
      for (const b of body.blocks.filter((x) => x.type === 'section')) {
        expect(String(at(b, 'text', 'text')).length).toBeLessThanOrEqual(3_000);
      }
      expect(body.blocks.at(-1)).toEqual({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${REPORT_URL}|Open report>` }],
      });
    }
  });
});
