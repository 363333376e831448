import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { parseDuration } from '../../../lib/config';
import { systemClock } from '../../../lib/runtime/clock';
import { createDeadline } from '../../../lib/runtime/deadline';
import { startSandbox } from '../../../lib/sandbox';
import { parseScenario } from '../../../lib/sandbox/scenario';
import { runTick, type TickResult } from '../../../lib/tick/run-tick';
import { baseConfig, composeScenarioTick, loadScenarioConfig } from './compose';
import type { ExpectedAlert, ScenarioSpec, ScenarioTick, TickContext } from './types';
import { type AcceptedMessage, findDuplicates, startRecordingWebhook } from './webhook-log';

const DEFAULT_START = '2025-06-02T00:00:00Z';

export interface ScenarioRun {
  contexts: TickContext[];
  /** Every message the webhook accepted, in arrival order. */
  accepted: AcceptedMessage[];
}

function offsetMs(at: string): number {
  const text = at.trim();
  if (!text.startsWith('+')) throw new Error(`tick time "${at}" must be an offset such as +1m`);
  return parseDuration(text.slice(1));
}

function describeExpected(a: ExpectedAlert): string {
  return `${a.status} ${a.alertname}${a.deployment === undefined ? '' : ` ${a.deployment}`}`;
}

function describeReceived(messages: readonly AcceptedMessage[]): string[] {
  return messages
    .flatMap((m) => m.payload.alerts)
    .map((a) => describeExpected({ status: a.status, alertname: a.labels.alertname ?? '?', ...pickDeployment(a) }))
    .sort();
}

function pickDeployment(a: { labels: Record<string, string> }): { deployment?: string } {
  const deployment = a.labels.deployment;
  return deployment === undefined ? {} : { deployment };
}

function defaultRequests(expected: readonly ExpectedAlert[]): number {
  return new Set(expected.map((a) => a.alertname)).size;
}

function expectLines(kind: string, lines: readonly string[], patterns: readonly RegExp[], where: string): void {
  for (const line of lines) {
    expect(
      patterns.some((p) => p.test(line)),
      `${where}: unexpected ${kind}: ${line}`,
    ).toBe(true);
  }
  for (const p of patterns) {
    expect(
      lines.some((line) => p.test(line)),
      `${where}: no ${kind} matches ${p} (got ${JSON.stringify(lines)})`,
    ).toBe(true);
  }
}

/**
 * Replays `spec` tick by tick against a real sandbox and a real local webhook, asserting after each tick exactly
 * the alerts the webhook received and how many requests it got, and at the end that every API request was
 * correctly signed and no notification was duplicated. Servers and the temp dir are cleaned up when the test ends.
 */
export async function runScenario(spec: ScenarioSpec): Promise<ScenarioRun> {
  const sandbox = await startSandbox({ scenario: parseScenario(spec.world, 'scenario-world.yaml') });
  onTestFinished(() => sandbox.close());
  const webhook = await startRecordingWebhook();
  onTestFinished(() => webhook.server.close());
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-scenario-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));

  const base = baseConfig({ endpoint: sandbox.endpoint, webhookUrl: webhook.url, statePath: join(dir, 'state.json') });
  const start = Date.parse(spec.start ?? DEFAULT_START);
  let body = spec.config;
  let lastNow = Number.NEGATIVE_INFINITY;
  const logLines: string[] = [];
  const contexts: TickContext[] = [];
  let repeatIntervalMs = Number.POSITIVE_INFINITY;

  for (const [index, tick] of spec.ticks.entries()) {
    const now = start + offsetMs(tick.at);
    if (now < lastNow) throw new Error(`tick ${index} (${tick.at}) is earlier than the tick before it`);
    lastNow = now;
    if (tick.config !== undefined) body = tick.config;
    const loaded = loadScenarioConfig(base, body);
    const { alerting, routes } = loaded.config;
    repeatIntervalMs = Math.min(repeatIntervalMs, alerting.repeatIntervalMs, ...routes.map((r) => r.repeatIntervalMs));

    sandbox.setStep(tick.step);
    sandbox.setFaults(tick.faults ?? []);
    webhook.setDown(tick.webhookDown === true);
    webhook.setTick(index, now);
    const requestsBefore = webhook.requests().length;
    const acceptedBefore = webhook.accepted.length;

    const results = await runConcurrently(tick, loaded, logLines, now);
    const where = `tick ${index} (step ${tick.step}, ${tick.at})`;
    const ran = checkSkips(tick, results, where);
    const detail = `${where}; summary ${JSON.stringify(ran.summary)}; log ${logLines.slice(-5).join('\n')}`;
    expectLines('error', ran.summary.errors, tick.errors ?? [], detail);
    expectLines('warning', ran.summary.warnings, tick.warnings ?? [], detail);

    const messages = webhook.accepted.slice(acceptedBefore);
    const requests = webhook.requests().slice(requestsBefore);
    expect(describeReceived(messages), `${detail}: alerts received`).toEqual(tick.expect.map(describeExpected).sort());
    expect(requests.length, `${detail}: HTTP requests to the webhook`).toBe(
      tick.requests ?? defaultRequests(tick.expect),
    );
    const context: TickContext = { index, now, results, ran, messages: [...messages], requests: [...requests] };
    tick.check?.(context);
    contexts.push(context);
  }

  const badSignatures = sandbox.requests.filter((r) => !r.signatureOk);
  expect(badSignatures, 'every API request carried a valid signature').toEqual([]);
  expect(sandbox.requests.length, 'the sandbox was queried').toBeGreaterThan(0);
  expect(findDuplicates(webhook.accepted, repeatIntervalMs), 'duplicate notifications').toEqual([]);
  return { contexts, accepted: [...webhook.accepted] };
}

async function runConcurrently(
  tick: ScenarioTick,
  loaded: ReturnType<typeof loadScenarioConfig>,
  logLines: string[],
  now: number,
): Promise<TickResult[]> {
  const count = tick.concurrent ?? 1;
  const all = Array.from({ length: count }, () => composeScenarioTick(loaded, logLines));
  return Promise.all(
    all.map((deps) =>
      runTick(deps, { dryRun: false, now, deadline: createDeadline(loaded.config.tickTimeoutMs, systemClock) }),
    ),
  );
}

/** With overlapping ticks exactly one runs and the others skip, saying why; returns the one that ran. */
function checkSkips(tick: ScenarioTick, results: TickResult[], where: string): TickResult {
  const ran = results.filter((r) => r.summary.skipped === undefined);
  const skipped = results.filter((r) => r.summary.skipped !== undefined);
  expect(ran.length, `${where}: ticks that ran`).toBe(1);
  expect(skipped.length, `${where}: ticks that skipped`).toBe((tick.concurrent ?? 1) - 1);
  for (const s of skipped) expect(s.summary.skipped).toMatch(/another tick holds the state lease/);
  return ran[0]!;
}
