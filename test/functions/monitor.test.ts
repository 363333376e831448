import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { loadConfigFile } from '../../lib/config';
import {
  buildFunctions,
  captureStdout,
  type FcHandler,
  fcContext,
  loadHandler,
  setEnv,
  timerEvent,
  writeConfig,
} from './fc-harness';
import { type FcWorld, leakedSecrets, ROLE, startFcWorld } from './fc-world';

interface Summary {
  ok: boolean;
  job?: string;
  error?: string;
  watches?: { queried: number; ok: number; failed: number; apiCalls: number };
  deployments?: { seen: number };
  alerts?: { firing: number; resolved: number };
  notifications?: { sent: number; queued: number; failed: number };
  errors?: string[];
  sent?: number;
  unsupported?: string[];
  skipped?: string;
}

interface WebhookBody {
  version: string;
  status: string;
  alerts: Array<{ status: string; labels: Record<string, string> }>;
}

const TICK = '{"job":"tick"}';

describe('monitor handler, bundled, invoked as Function Compute 3.0 does', () => {
  let world: FcWorld;
  let build: Awaited<ReturnType<typeof buildFunctions>>;
  let handler: FcHandler;
  let stdout: ReturnType<typeof captureStdout>;
  const answers: string[] = [];

  const invoke = async (event: Buffer, context = world.context()): Promise<Summary> => {
    const answer = await handler(event, context);
    expect(typeof answer).toBe('string');
    answers.push(answer as string);
    return JSON.parse(answer as string) as Summary;
  };
  const stateVersions = () => world.oss.keys().filter((k) => k.startsWith('flink-watch/test/state/')).length;

  beforeAll(async () => {
    // One after the other, so that afterAll can close whatever was started if the other fails.
    world = await startFcWorld();
    build = await buildFunctions(['monitor']);
    stdout = captureStdout();
    handler = loadHandler(join(build.dir, 'monitor', 'index.js'));
  });
  afterAll(async () => {
    stdout?.restore();
    await world?.close();
    await build?.remove();
  });

  it('runs a tick per timer event, keeps state in OSS and notifies on the tick where the job failed', async () => {
    const first = await invoke(timerEvent(TICK));
    expect(first).toMatchObject({ ok: true, job: 'tick', watches: { queried: 2, ok: 2, failed: 0 } });
    expect(first.deployments?.seen).toBe(3);
    expect(stateVersions()).toBe(1);
    // The API saw the role's STS credentials from the context, correctly signed.
    const calls = world.sandbox.requests;
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call).toMatchObject({
        signatureOk: true,
        status: 200,
        accessKeyId: ROLE.accessKeyId,
        securityToken: true,
      });
    }

    world.sandbox.setStep(1);
    expect(await invoke(timerEvent(TICK))).toMatchObject({ ok: true, notifications: { sent: 0 } });
    expect(world.hook.requests).toHaveLength(0);

    world.sandbox.setStep(2); // pay-ingest: failed 1 → 2
    const failing = await invoke(timerEvent(TICK));
    expect(failing).toMatchObject({ ok: true, alerts: { firing: 1 }, notifications: { sent: 1, failed: 0 } });
    expect(world.hook.requests).toHaveLength(1);
    const firing = JSON.parse(world.hook.requests[0]?.body ?? '') as WebhookBody;
    expect(firing).toMatchObject({ version: '4', status: 'firing' });
    expect(firing.alerts.map((a) => [a.labels.alertname, a.labels.deployment, a.status])).toEqual([
      ['job-failed', 'pay-ingest', 'firing'],
    ]);

    world.sandbox.setStep(3);
    expect(await invoke(timerEvent(TICK))).toMatchObject({ ok: true, notifications: { sent: 1 } });
    expect(world.hook.requests).toHaveLength(2);
    expect(JSON.parse(world.hook.requests[1]?.body ?? '')).toMatchObject({ status: 'resolved' });
    expect(stateVersions()).toBeGreaterThanOrEqual(4);
  });

  it('runs only the watches the payload names', async () => {
    const before = world.sandbox.requests.length;
    const summary = await invoke(timerEvent('{"job":"tick","watches":["search"]}'));
    expect(summary).toMatchObject({ ok: true, watches: { queried: 1, ok: 1 } });
    const workspaces = world.sandbox.requests.slice(before).map((r) => r.workspace);
    expect(new Set(workspaces)).toEqual(new Set(['ws-b']));

    const unknown = await invoke(timerEvent('{"watches":["search","nope"]}'));
    expect(unknown).toEqual({ ok: false, error: 'timer payload names unknown watches: nope' });
  });

  it('pushes a digest of the report for the digest job', async () => {
    const hookCalls = world.hook.requests.length;
    const digest = await invoke(timerEvent('{"job":"digest"}', 'daily-digest'));
    expect(digest).toEqual({ ok: true, job: 'digest', sent: 1, queued: 0, failed: 0, unsupported: [] });
    expect(world.hook.requests).toHaveLength(hookCalls + 1);
    const body = JSON.parse(world.hook.requests.at(-1)?.body ?? '') as { kind: string; markdown: string };
    expect(body.kind).toBe('digest');
    expect(body.markdown).toMatch(/^# flink-watch report\n/);
    // Step 3: risk-score is gone from the answers, pay-ingest has no running job.
    expect(body.markdown).toContain('2 deployments in 2 watches');
    expect(body.markdown).toMatch(/\| pay-ingest \| payments \| degraded \|/);
    expect(body.markdown).not.toContain('redacted');
    // The digest released the state lease: the next tick runs.
    expect(await invoke(timerEvent(TICK))).not.toHaveProperty('skipped');
  });

  it('answers an unreadable event with a clear error and no stack trace', async () => {
    expect(await invoke(Buffer.from('{"triggerName":'))).toEqual({ ok: false, error: 'the timer event is not JSON' });
    expect(await invoke(timerEvent('{"job":"report"}'))).toEqual({
      ok: false,
      error: 'timer payload "job" must be "tick" or "digest", got "report"',
    });
    expect(await invoke(timerEvent('tick please'))).toEqual({ ok: false, error: 'the timer payload is not JSON' });
    // A manual `s invoke` without an event is a tick of every watch.
    expect(await invoke(Buffer.alloc(0))).toMatchObject({ ok: true, job: 'tick' });
  });

  it('says so clearly when the function has no role (FC passes `{}` credentials)', async () => {
    const summary = await invoke(timerEvent(TICK), fcContext({ credentials: {} }));
    expect(summary.ok).toBe(false);
    // The state lives in OSS, and the role is what reads it: nothing can run. (Without API credentials alone the
    // tick runs and every watch fails with MissingCredentials: test/tick/missing-credentials.test.ts.)
    expect(summary.error).toMatch(/^the tick could not start: the OSS state store has no credentials/);
    expect(summary.error).toMatch(/give the function a role/);
  });

  it('explains a bad configuration exactly as the source does (its schema validator is generated at build time)', async () => {
    const file = await writeConfig(
      world.dir,
      'bad.yaml',
      [
        'flink: { region: cn-hangzhou }',
        'watches:',
        '  - { name: Payments!, workspace: ws-a, selector: "team = x" }',
        'rules:',
        '  - { name: r, when: "running < 1", for: 3 min }',
        'receivers:',
        '  hook: { type: webhook, url: "http://127.0.0.1:1/x", sendResolvd: true }',
        'state: { type: osss }',
        'report: { auth: none }',
        'tickTimeout: 1.5h',
      ].join('\n'),
    );
    const restore = setEnv({ FLINK_WATCH_CONFIG: file });
    try {
      const fresh = loadHandler(join(build.dir, 'monitor', 'index.js'));
      const expected = await loadConfigFile(file, { env: process.env, checks: CONFIG_CHECKS }).then(
        () => 'loaded',
        (err: Error) => err.message,
      );
      expect(expected).toMatch(/rules\[0\]\.for: "3 min" is not a duration/);
      const answer = JSON.parse((await fresh(timerEvent(TICK), world.context())) as string) as Summary;
      expect(answer).toEqual({ ok: false, error: `configuration: ${expected}` });
    } finally {
      restore();
    }
  });

  it('ends inside the function timeout when the API hangs', async () => {
    world.sandbox.setFaults([{ kind: 'hang' }]);
    try {
      // timeout 6 s → budget 1 s (6 s less the 5 s margin); the configured per-call timeout is 5 s, two attempts.
      const started = performance.now();
      const summary = await invoke(timerEvent(TICK), world.context({ timeout: 6 }));
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(6_000);
      expect(summary).toMatchObject({ ok: true, watches: { queried: 2, ok: 0, failed: 2 } });
      expect(summary.errors?.join('\n')).toMatch(/deadline|time/i);
    } finally {
      world.sandbox.setFaults([]);
    }
    // The held alerts and failed queries were saved: the next tick starts from them.
    expect(await invoke(timerEvent(TICK))).toMatchObject({ ok: true, watches: { ok: 2 } });
  });

  it('writes one JSON object per line to stdout and no secret anywhere', () => {
    expect(stdout.lines.length).toBeGreaterThan(10);
    for (const line of stdout.lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
      expect(entry.requestId).toMatch(/^1-test-/);
      expect(line).not.toMatch(/\n\s+at /);
    }
    expect(stdout.lines.some((l) => l.includes('"msg":"tick"'))).toBe(true);
    expect(leakedSecrets([...stdout.lines, ...answers].join('\n'))).toEqual([]);
    expect(answers.join('\n')).not.toMatch(/\bat .+\.js:\d+/);
  });
});
