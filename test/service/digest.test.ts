import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import type { OutboxEntry } from '../../lib/notify/types';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { createLogger } from '../../lib/runtime/logger';
import type { Sandbox } from '../../lib/sandbox/server';
import { runDigest } from '../../lib/service/digest';
import { createMemoryStore } from '../../lib/state/memory-store';
import { emptyState } from '../../lib/state/model';
import type { StateStore } from '../../lib/state/types';
import { composeTick } from '../../lib/tick/compose';
import type { TickDeps } from '../../lib/tick/types';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET, startTestSandbox } from '../helpers/sandbox';
import { type DingTalkStandIn, startDingTalkStandIn } from '../helpers/standins/dingtalk-standin';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const HOOK_SECRET = 'digest0hook0signing0secret';
const DT_SECRET = 'SEC0digest0service0dingtalk0secret0abcdef';
const DT_TOKEN = 'dt0service0digest0token0123456';
const ENV = {
  AK: SANDBOX_ACCESS_KEY_ID,
  SK: SANDBOX_ACCESS_KEY_SECRET,
  HOOK_SECRET,
  DT_SECRET,
};
const REPORT_URL = 'https://flink-watch.example.com/report';

function configText(input: { endpoint: string; hookUrl: string; robotUrl: string }): string {
  return `
flink:
  region: cn-hangzhou
  endpoint: "${input.endpoint}"
  protocol: http
  accessKeyId: \${env:AK}
  accessKeySecret: \${env:SK}
  timeout: 3s
  maxAttempts: 2
watches:
  - name: payments
    workspace: ws-a
    namespace: default-namespace
    selector: "team in (payments, risk)"
rules:
  - name: job-not-running
    when: 'running < 1 && executionMode == "STREAMING"'
    severity: critical
receivers:
  hook: { type: webhook, url: "${input.hookUrl}", secret: "\${env:HOOK_SECRET}", timeout: 5s }
  am: { type: alertmanager, url: "http://127.0.0.1:9" }
  oncall: { type: dingtalk, url: "${input.robotUrl}", secret: "\${env:DT_SECRET}", keyword: FlinkAlarm }
state: { type: memory }
report: { auth: none, url: "${REPORT_URL}" }
tickTimeout: 20s
`;
}

describe('runDigest end to end', () => {
  let sandbox: Sandbox;
  let hook: WebhookServer;
  let robot: DingTalkStandIn;
  let store: StateStore;
  let deps: TickDeps;
  const logLines: string[] = [];

  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.setStep(2); // pay-ingest has no running job: job-not-running fires
    hook = await startWebhookServer();
    robot = await startDingTalkStandIn({ accessToken: DT_TOKEN, secret: DT_SECRET, keywords: ['FlinkAlarm'] });
    const loaded = parseConfigText(
      configText({ endpoint: sandbox.endpoint, hookUrl: `${hook.url}/digest-in`, robotUrl: robot.robotUrl }),
      { format: 'yaml', env: ENV, source: 'digest-test.yaml', checks: CONFIG_CHECKS },
    );
    store = createMemoryStore();
    const logger = createLogger({ level: 'debug', sink: (line) => logLines.push(line), secrets: loaded.secrets });
    deps = { ...composeTick(loaded, { logger, env: ENV, store, consoleWrite: () => {} }), random: () => 0 };
    logLines.length = 0;
  });
  afterEach(async () => {
    await Promise.all([sandbox.close(), hook.close(), robot.close()]);
  });

  const digest = () => runDigest(deps, { deadline: createDeadline(20_000, systemClock) });

  it('the webhook receives one signed digest of the live report; Alertmanager is listed as unsupported', async () => {
    const result = await digest();
    expect(result).toMatchObject({ unsupported: ['am'], failed: 0 });
    expect(result.skipped).toBeUndefined();
    expect(result.sent).toBe(2); // the webhook and the DingTalk robot

    expect(hook.requests).toHaveLength(1);
    const request = hook.requests[0]!;
    expect(request.headers['x-flink-watch-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const body = JSON.parse(request.body) as Record<string, string>;
    expect(body).toMatchObject({ kind: 'digest', receiver: 'hook', reportUrl: REPORT_URL });
    expect(body.title).toMatch(/: digest$/);
    expect(body.markdown).toContain('job-not-running');
    expect(body.markdown).toContain('pay-ingest');
    expect(body.markdown).toContain(`[Full report](${REPORT_URL})`);

    expect(robot.accepted).toHaveLength(1);
    const text = JSON.stringify(robot.accepted[0]);
    expect(text).toContain('FlinkAlarm');
    expect(text).toContain('pay-ingest');

    for (const secret of [HOOK_SECRET, DT_SECRET, DT_TOKEN, SANDBOX_ACCESS_KEY_SECRET]) {
      expect(request.body).not.toContain(secret);
      expect(JSON.stringify(robot.requests.map((r) => r.body))).not.toContain(secret);
      expect(logLines.join('\n')).not.toContain(secret);
    }
    // Nothing sent by the digest's report tick itself: only the digests went out.
    const saved = (await store.load()).data as { outbox: OutboxEntry[]; sends: Record<string, number[]> };
    expect(saved.outbox).toEqual([]);
    expect(saved.sends.oncall).toHaveLength(1);
  });

  it('respects the rate budget: a DingTalk robot whose 20/min are used up gets the digest queued, not sent', async () => {
    const now = Date.now();
    const state = emptyState();
    state.sends = { oncall: Array.from({ length: 20 }, (_, i) => now - 30_000 + i * 1_000) };
    await store.save(state, null);

    const result = await runDigest(deps, { deadline: createDeadline(20_000, systemClock), now });
    expect(result).toMatchObject({ sent: 1, queued: 1, failed: 0, unsupported: ['am'] });
    expect(robot.requests).toHaveLength(0);
    expect(hook.requests).toHaveLength(1);

    const saved = (await store.load()).data as { outbox: OutboxEntry[]; sends: Record<string, number[]> };
    expect(saved.outbox).toHaveLength(1);
    const entry = saved.outbox[0]!;
    expect(entry.message).toMatchObject({ receiver: 'oncall', groupKey: 'digest', fingerprints: [] });
    // The first of the 20 sends leaves the one-minute window at now + 30 s.
    expect(Date.parse(entry.notBefore ?? '')).toBe(now + 30_000);
    expect(saved.sends.oncall).toHaveLength(20);
  });

  it('skips, saying why, while another tick holds the state lease', async () => {
    const held = await store.acquire('other-tick', 60_000, Date.now());
    expect(held).not.toBeNull();
    const result = await digest();
    expect(result).toMatchObject({ sent: 0, queued: 0, failed: 0, skipped: 'another tick holds the state lease' });
    expect(hook.requests).toHaveLength(0);
  });
});
