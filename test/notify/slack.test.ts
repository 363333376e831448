import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createSlackReceiver } from '../../lib/notify/slack';
import { SLACK_MAX_BLOCKS } from '../../lib/notify/slack-blocks';
import type { Receiver } from '../../lib/notify/types';
import { silentLogger } from '../../lib/runtime/logger';
import { describeReceiverContract } from '../helpers/receiver-contract';
import { sampleNotification } from '../helpers/sample-notification';
import { bigGroup, reportConfig } from '../helpers/standins/big-group';
import { warmUp } from '../helpers/standins/platform-server';
import { type SlackStandIn, startSlackStandIn } from '../helpers/standins/slack-standin';

const PATH = '/services/T0SLACKTEAM/B0SLACKHOOK/s3cr3t0slack0token0abc';
const NOW = new Date('2026-11-28T09:00:00.000Z');

const config = (url: string, options: Record<string, unknown> = {}): ReceiverConfig => ({
  name: 'ops',
  type: 'slack',
  url,
  sendResolved: true,
  options,
});
const receiverFor = (url: string, options: Record<string, unknown> = {}) =>
  createSlackReceiver(config(url, options), { logger: silentLogger, report: reportConfig() });
const send = (receiver: Receiver, message = receiver.render(sampleNotification('ops'))[0]!) =>
  receiver.deliver(message, { signal: AbortSignal.timeout(5_000), now: NOW });

describeReceiverContract('slack', {
  async start({ logger }) {
    const server = await startSlackStandIn({ path: PATH });
    await warmUp(server);
    const receiver = createSlackReceiver(config(`${server.url}${PATH}`, { timeout: 2_000 }), {
      logger,
      report: reportConfig(),
    });
    return { receiver, server, secrets: ['s3cr3t0slack0token0abc'], timeoutMs: 2_000, close: () => server.close() };
  },
});

describe('slack receiver against the stand-in', () => {
  let standIn: SlackStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  const start = async (burst = 100) => {
    standIn = await startSlackStandIn({ path: PATH, now: () => NOW.getTime(), burst });
    return standIn;
  };

  it.each([
    [400, 'invalid_payload', 'fatal', 'bad-request'],
    [400, 'no_text', 'fatal', 'bad-request'],
    [400, 'invalid_blocks', 'fatal', 'bad-request'],
    [400, 'msg_blocks_too_long', 'fatal', 'too-big'],
    [403, 'invalid_token', 'fatal', 'auth'],
    [403, 'action_prohibited', 'fatal', 'auth'],
    [404, 'channel_not_found', 'fatal', 'auth'],
    [404, 'no_service', 'fatal', 'auth'],
    [410, 'channel_is_archived', 'fatal', 'auth'],
    [500, 'rollup_error', 'retryable', 'server-error'],
    [200, 'not ok', 'fatal', 'vendor'],
  ])('HTTP %i %s → %s %s', async (status, body, kind, reason) => {
    const server = await start();
    server.respondNext({ status, body });
    const outcome = await send(receiverFor(server.hookUrl));
    expect(outcome).toMatchObject({ kind, reason });
    if (outcome.kind !== 'delivered') expect(outcome.error.message).toContain(body);
  });

  it('a burst over the rate → 429 Retry-After → retryable with the wait', async () => {
    const server = await start(2);
    const receiver = receiverFor(server.hookUrl);
    const outcomes = [await send(receiver), await send(receiver), await send(receiver)];
    expect(outcomes.slice(0, 2)).toEqual([{ kind: 'delivered' }, { kind: 'delivered' }]);
    expect(outcomes[2]).toMatchObject({ kind: 'retryable', reason: 'rate-limited', retryAfterMs: 1_000 });
  });

  it('blocks: a header, one section per alert, a context footer, and the fallback text', () => {
    const body = JSON.parse(
      receiverFor('https://hooks.slack.com/services/T/B/X').render(sampleNotification('ops'))[0]!.body,
    );
    expect(body.text).toBe('[FIRING:1] [RESOLVED:1] job-failed · payments');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(body.blocks[1].text.text).toContain('Started: 2026-11-28 16:46:05 +08:00');
    expect(body.blocks[3].elements[0].text).toBe('<https://flink-watch.example.com/report|Open report>');
  });

  it('escapes &, < and > in values so that labels cannot inject mentions or links', () => {
    const n = sampleNotification('ops');
    n.alerts[0]!.annotations.summary = 'a <!channel> & <https://evil|x>';
    const section = JSON.parse(receiverFor('https://hooks.slack.com/services/T/B/X').render(n)[0]!.body).blocks[1].text
      .text;
    expect(section).toContain('a &lt;!channel&gt; &amp; &lt;https://evil|x&gt;');
  });

  it('mentions member ids and the channel only while firing', () => {
    const receiver = receiverFor('https://hooks.slack.com/services/T/B/X', {
      mentions: { all: true, userIds: ['U024BE7LH'] },
    });
    const firing = JSON.parse(receiver.render(sampleNotification('ops'))[0]!.body);
    expect(firing.blocks[1].text.text).toBe('<!channel> <@U024BE7LH>');
    const resolved = JSON.parse(receiver.render(sampleNotification('ops', { status: 'resolved' }))[0]!.body);
    expect(JSON.stringify(resolved)).not.toContain('<!channel>');
  });

  it('200 alerts: ≤ 50 blocks, sections ≤ 3000 chars, accepted by the stand-in, with "+N more"', async () => {
    const server = await start();
    for (const overflow of ['summarise', 'split']) {
      server.reset();
      const receiver = receiverFor(server.hookUrl, { overflow, maxMessages: 4 });
      const messages = receiver.render(bigGroup('ops', 200));
      expect(messages.length).toBe(overflow === 'split' ? 4 : 1);
      for (const m of messages) {
        expect(JSON.parse(m.body).blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
        expect(await send(receiver, m)).toEqual({ kind: 'delivered' });
      }
      const footer = JSON.stringify(JSON.parse(messages.at(-1)!.body).blocks.at(-1));
      const omitted = Number(
        /\+(\d+) more \(see report: https:\/\/flink-watch\.example\.com\/report\)/.exec(footer)?.[1],
      );
      const shown = messages.reduce((sum, m) => sum + (m.body.match(/\*job-failed/g)?.length ?? 0), 0);
      expect(omitted).toBeGreaterThan(0);
      expect(shown + omitted).toBe(200);
    }
  });
});
