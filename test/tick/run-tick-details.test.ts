import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { silentLogger } from '../../lib/runtime/logger';
import type { Sandbox } from '../../lib/sandbox/server';
import { createMemoryStore } from '../../lib/state/memory-store';
import { composeTick } from '../../lib/tick/compose';
import { runTick } from '../../lib/tick/run-tick';
import { sandboxEnv, startTestSandbox } from '../helpers/sandbox';

const T0 = Date.parse('2025-06-02T00:00:00Z');

const configYaml = (endpoint: string) => `
flink:
  region: cn-hangzhou
  endpoint: "${endpoint}"
  protocol: http
watches:
  - { name: payments, workspace: ws-a, selector: "team = payments" }
  - { name: risk, workspace: ws-a, selector: "team in (risk)" }
rules:
  - { name: job-failed, when: increase.failed > 0, severity: critical }
  - { name: job-not-running, when: 'running < 1', severity: critical }
state: { type: memory }
report: { auth: none }
`;

describe('runTick with and without details', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  /** Two monitors over the same sandbox, one asking for details and one not, ticking in step. */
  function monitor() {
    const env = sandboxEnv();
    const loaded = parseConfigText(configYaml(sandbox.endpoint), {
      format: 'yaml',
      env,
      source: 'test',
      checks: CONFIG_CHECKS,
    });
    const store = createMemoryStore();
    return { store, deps: composeTick(loaded, { logger: silentLogger, env, store, receivers: new Map() }) };
  }

  it('decides and saves the same without details, and returns only the summary and the state', async () => {
    const full = monitor();
    const lean = monitor();
    for (const step of [0, 1, 2]) {
      sandbox.setStep(step);
      const now = T0 + step * 60_000;
      const deadline = () => createDeadline(10_000, systemClock);
      const a = await runTick(full.deps, { dryRun: false, now, deadline: deadline() });
      const b = await runTick(lean.deps, { dryRun: false, now, deadline: deadline(), details: false });
      expect({ ...b.summary, durationMs: 0 }).toEqual({ ...a.summary, durationMs: 0 });
      expect((await lean.store.load()).data).toEqual((await full.store.load()).data);
      expect(b.state).toEqual(a.state);
      expect(a.results.size).toBe(2);
      expect(a.ruleResults.size).toBeGreaterThan(0);
      expect(b.results.size).toBe(0);
      expect(b.ruleResults.size).toBe(0);
      expect(b.observation).toBeUndefined();
      expect(b.changes).toEqual([]);
    }
    // Step 2 fails pay-ingest: the lean monitor fired it too.
    const saved = (await lean.store.load()).data as { alerts: Record<string, { labels: { alertname: string } }> };
    expect(Object.values(saved.alerts).map((a) => a.labels.alertname)).toContain('job-failed');
  });
});
