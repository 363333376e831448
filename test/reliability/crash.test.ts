import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../lib/sandbox/scenario';
import { type Sandbox, startSandbox } from '../../lib/sandbox/server';
import { decodeState } from '../../lib/state/decode-state';
import { createFileStore } from '../../lib/state/file-store';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import {
  type Bundle,
  bundleFixture,
  killNow,
  nextMessage,
  seededRandom,
  seedFromEnv,
  startChild,
} from './harness/child';
import { countBy, webhookEvents } from './harness/ledger';
import { recordRow } from './harness/results';
import { SECRETS } from './harness/secrets';

const WORLD = parseScenario(
  `
name: crash
steps: 3
deployments:
  - id: dep-orders
    name: orders-etl
    workspace: ws-pay
    labels: { team: payments }
    timeline:
      - { at: 0, running: 1, failed: 1 }
      - { at: 1, running: 0, failed: 2 }
      - { at: 2, running: 1 }
  - id: dep-ledger
    name: ledger-sync
    workspace: ws-pay
    labels: { team: payments }
    timeline:
      - { at: 0, running: 1 }
`,
  'crash-world.yaml',
);
const EXPECTED = ['firing job-failed orders-etl', 'firing job-not-running orders-etl'].flatMap((e) => [
  e,
  e.replace('firing', 'resolved'),
]);
/**
 * Steps of a run's ticks, after the baseline (step 0) copied in: the failure, then the recovery. A killed tick is
 * run again (the next timer invocation), so every run ends with a clean tick.
 */
const STEPS = [1, 2];
const RUNS = 50;
const LANES = 2;
/** Between two tick attempts, as between two timer invocations: leases and save locks of a killed tick expire. */
const ATTEMPT_SPACING_MS = 2 * 60_000;
const START = Date.UTC(2025, 5, 2, 8, 0, 0);

const configYaml = (endpoint: string, hookUrl: string) => `
flink:
  region: cn-hangzhou
  endpoint: "${endpoint}"
  protocol: http
  accessKeyId: \${env:REL_ACCESS_KEY_ID}
  accessKeySecret: \${env:REL_ACCESS_KEY_SECRET}
  timeout: 5s
watches:
  - { name: payments, workspace: ws-pay, selector: "team = payments" }
rules:
  - { name: job-failed, when: increase.failed > 0, severity: critical }
  - { name: job-not-running, when: 'running < 1 && executionMode == "STREAMING"', severity: critical }
receivers:
  hook: { type: webhook, url: "${hookUrl}", timeout: 5s }
report: { auth: none }
tickTimeout: 10s
`;

interface RunCounts {
  kills: number;
  duplicates: number;
  lost: string[];
  overDelivered: string[];
  stateProblems: string[];
}

/** One lane runs its share of the runs one after another, with its own sandbox, child and webhook path. */
class Lane {
  private child: ChildProcess | undefined;
  private spare: Promise<ChildProcess> | undefined;

  constructor(
    private readonly bundle: Bundle,
    private readonly sandbox: Sandbox,
    private readonly hook: WebhookServer,
    private readonly dir: string,
    private readonly random: () => number,
    private readonly lane: number,
  ) {}

  private async fresh(): Promise<ChildProcess> {
    const next = await (this.spare ?? startChild(this.bundle));
    this.spare = startChild(this.bundle);
    return next;
  }

  /** Sends one tick; with `killAfterMs`, kills the process that long after and reports whether it was mid-tick. */
  private async tick(run: number | string, attempt: number, killAfterMs?: number): Promise<'done' | 'killed'> {
    this.child ??= await this.fresh();
    const child = this.child;
    const hookUrl = `${this.hook.url}/lane-${this.lane}/run-${run}/alerts`;
    child.send({
      type: 'tick',
      yaml: configYaml(this.sandbox.endpoint, hookUrl),
      env: { REL_ACCESS_KEY_ID: SECRETS.accessKeyId, REL_ACCESS_KEY_SECRET: SECRETS.accessKeySecret },
      statePath: this.statePath(run),
      now: START + attempt * ATTEMPT_SPACING_MS,
    });
    if (killAfterMs !== undefined) {
      await new Promise((r) => setTimeout(r, killAfterMs));
      await killNow(child);
      this.child = undefined;
      return 'killed';
    }
    const reply = await nextMessage(child, 30_000);
    if (reply.type !== 'done') throw new Error(`tick failed in run ${run}: ${String(reply['error'])}`);
    return 'done';
  }

  private statePath(run: number | string): string {
    return join(this.dir, `lane-${this.lane}-run-${run}`, 'state.json');
  }

  /**
   * Saves the baseline (step 0) every run starts from, then measures how long a warm tick takes, so the kills are
   * spread over a whole tick.
   */
  async calibrate(): Promise<number> {
    this.sandbox.setStep(0);
    await this.tick('baseline', 0);
    const times: number[] = [];
    for (const [i, step] of [...STEPS, ...STEPS].entries()) {
      this.sandbox.setStep(step);
      const started = performance.now();
      await this.tick('calibration', i + 1);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 100;
  }

  async runOnce(run: number, tickMs: number): Promise<RunCounts> {
    await mkdir(join(this.dir, `lane-${this.lane}-run-${run}`), { recursive: true });
    await copyFile(this.statePath('baseline'), this.statePath(run));
    const mustKill = Math.floor(this.random() * STEPS.length);
    let attempt = 1;
    let kills = 0;
    for (const [i, step] of STEPS.entries()) {
      this.sandbox.setStep(step);
      const kill = i === mustKill || this.random() < 0.1;
      if (kill) {
        await this.tick(run, attempt++, Math.floor(this.random() * tickMs * 1.2));
        kills += 1;
      }
      await this.tick(run, attempt++);
    }
    return { kills, ...(await this.verify(run, kills, attempt)) };
  }

  private async verify(run: number, kills: number, attempts: number): Promise<Omit<RunCounts, 'kills'>> {
    const prefix = `/lane-${this.lane}/run-${run}/`;
    const events = this.hook.requests.filter((r) => r.url.startsWith(prefix)).flatMap((r) => webhookEvents(r.body));
    const counts = countBy(events);
    const lost = EXPECTED.filter((e) => !counts.has(e)).map((e) => `run ${run}: ${e}`);
    const overDelivered = [...counts]
      .filter(([, n]) => n > 1 + kills)
      .map(([e, n]) => `run ${run}: ${e} ×${n} with ${kills} kill(s)`);
    let duplicates = 0;
    for (const n of counts.values()) duplicates += n - 1;
    const stateProblems: string[] = [];
    const loaded = await createFileStore({ path: this.statePath(run) }).load();
    if (loaded.corrupt || loaded.data === null) stateProblems.push(`run ${run}: the state did not load`);
    const decoded = decodeState(loaded.data, { now: START + attempts * ATTEMPT_SPACING_MS });
    if (decoded.warnings.length > 0) stateProblems.push(`run ${run}: ${decoded.warnings.join('; ')}`);
    const firing = Object.values(decoded.state.alerts).filter((a) => a.status !== 'resolved');
    if (firing.length > 0) stateProblems.push(`run ${run}: ${firing.length} alert(s) still active after recovery`);
    return { duplicates, lost, overDelivered, stateProblems };
  }

  async close(): Promise<void> {
    if (this.child) await killNow(this.child);
    if (this.spare) await killNow(await this.spare);
  }
}

describe('crash consistency: ticks killed with SIGKILL at random points', () => {
  let bundle: Bundle;
  let hook: WebhookServer;
  let dir: string;
  const sandboxes: Sandbox[] = [];
  beforeAll(async () => {
    bundle = await bundleFixture('crash-child.ts');
    hook = await startWebhookServer();
    dir = await mkdtemp(join(tmpdir(), 'flink-watch-crash-'));
    for (let i = 0; i < LANES; i++) {
      sandboxes.push(
        await startSandbox({ scenario: WORLD, accessKeys: { [SECRETS.accessKeyId]: SECRETS.accessKeySecret } }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    await hook?.close();
    await rm(dir, { recursive: true, force: true });
    await bundle?.remove();
  });

  // About 30 s on an idle 2-core machine; the bound leaves room for a machine busy with other work.
  it(`over ${RUNS} runs: the state always loads, no alert is lost, at most one duplicate per kill`, {
    timeout: 240_000,
  }, async () => {
    const seed = seedFromEnv(20250602);
    const lanes = sandboxes.map((s, i) => new Lane(bundle, s, hook, dir, seededRandom(seed + i), i));
    const started = performance.now();
    const results: RunCounts[] = [];
    try {
      await Promise.all(
        lanes.map(async (lane, l) => {
          const tickMs = await lane.calibrate();
          for (let run = l; run < RUNS; run += LANES) results.push(await lane.runOnce(run, tickMs));
        }),
      );
    } finally {
      await Promise.all(lanes.map((lane) => lane.close()));
    }
    const sum = (pick: (r: RunCounts) => number) => results.reduce((n, r) => n + pick(r), 0);
    const kills = sum((r) => r.kills);
    const duplicates = sum((r) => r.duplicates);
    const lost = results.flatMap((r) => r.lost);
    const broken = results.flatMap((r) => [...r.overDelivered, ...r.stateProblems]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `crash consistency (FLINK_WATCH_SEED=${seed}): runs ${results.length}, kills ${kills}, ` +
        `duplicates ${duplicates}, lost ${lost.length}, in ${seconds} s`,
    );
    const clean = results.filter((r) => r.lost.length === 0 && r.overDelivered.length + r.stateProblems.length === 0);
    recordRow({
      order: '4-crash',
      fault: 'process killed (SIGKILL) mid-tick',
      tried: kills,
      survived: clean.reduce((n, r) => n + r.kills, 0),
      alertsLost: lost.length,
      detail: `${results.length} runs, ${kills} kills, ${duplicates} duplicates (≤ 1 per kill per alert), seed ${seed}`,
    });
    expect(results).toHaveLength(RUNS);
    expect(lost, 'alerts never delivered').toEqual([]);
    expect(broken, 'over-delivered alerts or unusable state').toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(RUNS);
  });
});
