import type { FaultRun, RunHooks, TickRecord } from './fault-run';
import { countsAt, EXPECTED_RULE_EVENTS, RULE_NAMES, WATCH_OF, worldScenario } from './fault-world';
import { alertnameOf, countBy, deploymentOf, duplicatesIn, type EventKey, statusOf } from './ledger';
import { leaksIn } from './secrets';

/**
 * How far past its deadline a tick may end: the time to save the state after the last network call gave up. On
 * Function Compute the deadline is the function timeout minus a margin of at least 5 s, which this stays inside.
 */
export const SAVE_ALLOWANCE_MS = 750;
export const RECEIVERS = ['hook', 'ding'] as const;

export interface FaultCase extends Omit<RunHooks, 'settled'> {
  order: string;
  fault: string;
  /** Watches blind while the fault is on: no alert of theirs may fire or resolve then. */
  blind?: readonly string[];
  /** What a fault tick's summary must show; returns what is missing. */
  says(tick: TickRecord): string | undefined;
  /** Meta-alert events a receiver must get (e.g. `firing WatchQueryFailing`). */
  metaRequired?: Partial<Record<(typeof RECEIVERS)[number], EventKey[]>>;
  /** Meta-alerts that must never be notified in this case (e.g. NotificationUndeliverable for a 5xx). */
  metaForbidden?: readonly string[];
  /** The fault makes a tick throw (a state conflict); the throw must say why. */
  mayThrow?: RegExp;
  /** How often one event may reach a receiver (at-least-once delivery); default 1 (no duplicate). */
  maxReceipts?: number;
  /** Whether the fault really hit in this tick (a request answered with it, a file damaged); vacuous cases fail. */
  manifested(tick: TickRecord): boolean;
}

export interface Verdict {
  tried: number;
  survived: number;
  alertsLost: number;
  lost: string[];
  falseEvents: string[];
  problems: string[];
  duplicates: number;
  longestFaultTickMs: number;
  deadlineMs: number;
  recoveryTicks: number;
}

const world = worldScenario();

/** Is a decided rule event true of the world at the tick's step? (`firedBefore`: jf already fired at this receiver) */
function justified(event: EventKey, step: number, firedBefore: Set<string>): boolean {
  const name = alertnameOf(event);
  const deployment = deploymentOf(event);
  if (!RULE_NAMES.has(name) || deployment === undefined) return true;
  const now = countsAt(world, step, deployment);
  if (name === 'job-not-running') return statusOf(event) === 'firing' ? now.running < 1 : now.running >= 1;
  if (statusOf(event) === 'firing') return now.failed > countsAt(world, 0, deployment).failed;
  return firedBefore.has(deployment);
}

function falseDecisions(c: FaultCase, tick: TickRecord, firedBefore: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const [receiver, events] of tick.decided) {
    const fired = firedBefore.get(receiver) ?? new Set<string>();
    firedBefore.set(receiver, fired);
    for (const event of events) {
      const deployment = deploymentOf(event);
      const blind = tick.faultOn && deployment !== undefined && c.blind?.includes(WATCH_OF[deployment] ?? '');
      if (blind && RULE_NAMES.has(alertnameOf(event))) out.push(`tick ${tick.index}: ${receiver} ${event} while blind`);
      else if (!justified(event, tick.step, fired))
        out.push(`tick ${tick.index} (step ${tick.step}): ${receiver} ${event}`);
      if (c.metaForbidden?.includes(alertnameOf(event)))
        out.push(`tick ${tick.index}: ${receiver} ${event} (forbidden)`);
      if (alertnameOf(event) === 'job-failed' && statusOf(event) === 'firing' && deployment) fired.add(deployment);
    }
  }
  return out;
}

function undeliverableOf(run: FaultRun, receiver: string): Set<EventKey> {
  return new Set(run.ticks.flatMap((t) => t.undeliverable.get(receiver) ?? []));
}

/** Expected events neither received nor reported undeliverable, per receiver. */
export function lostEvents(run: FaultRun): string[] {
  const lost: string[] = [];
  for (const receiver of RECEIVERS) {
    const got = new Set(run.received.get(receiver) ?? []);
    const reported = undeliverableOf(run, receiver);
    for (const e of EXPECTED_RULE_EVENTS) if (!got.has(e) && !reported.has(e)) lost.push(`${receiver}: ${e}`);
  }
  return lost;
}

function missingMeta(c: FaultCase, run: FaultRun): string[] {
  const out: string[] = [];
  for (const receiver of RECEIVERS) {
    const got = new Set(run.received.get(receiver) ?? []);
    for (const e of c.metaRequired?.[receiver] ?? []) if (!got.has(e)) out.push(`${receiver}: ${e}`);
  }
  return out;
}

/** Everything lost or owed is accounted for and the outbox is empty: recovery ticks can stop. */
export function isSettled(c: FaultCase, run: FaultRun): boolean {
  const last = run.ticks.at(-1)?.summary;
  return lostEvents(run).length === 0 && missingMeta(c, run).length === 0 && last?.notifications.outbox === 0;
}

export function judge(c: FaultCase, run: FaultRun): Verdict {
  const problems: string[] = [];
  const falseEvents: string[] = [];
  // A tick that threw (a state conflict) still delivered; what it fired counts as fired for later resolves.
  const firedBefore = new Map<string, Set<string>>();
  for (const r of RECEIVERS) {
    const fired = (run.received.get(r) ?? []).filter(
      (e) => statusOf(e) === 'firing' && alertnameOf(e) === 'job-failed',
    );
    firedBefore.set(r, new Set(fired.flatMap((e) => deploymentOf(e) ?? [])));
  }
  let tried = 0;
  let survived = 0;
  let longest = 0;
  for (const tick of run.ticks) {
    const wrong = falseDecisions(c, tick, firedBefore);
    falseEvents.push(...wrong);
    if (!tick.faultOn) {
      if (tick.thrown) problems.push(`tick ${tick.index} (fault off) threw ${tick.thrown}`);
      continue;
    }
    tried += 1;
    longest = Math.max(longest, tick.wallMs);
    const own: string[] = [...wrong];
    if (tick.wallMs > tick.deadlineMs + SAVE_ALLOWANCE_MS) {
      own.push(`tick ${tick.index} took ${Math.round(tick.wallMs)} ms (deadline ${tick.deadlineMs} ms)`);
    }
    if (tick.thrown && !(c.mayThrow?.test(tick.thrown) ?? false)) own.push(`tick ${tick.index} threw ${tick.thrown}`);
    const missing = tick.thrown ? undefined : c.says(tick);
    if (missing) own.push(`tick ${tick.index}: the summary does not say ${missing}: ${JSON.stringify(tick.summary)}`);
    if (own.length === 0) survived += 1;
    problems.push(...own.filter((p) => !wrong.includes(p)));
  }
  const lost = lostEvents(run);
  for (const receiver of RECEIVERS) {
    for (const e of run.received.get(receiver) ?? []) {
      if (RULE_NAMES.has(alertnameOf(e)) && !EXPECTED_RULE_EVENTS.includes(e)) falseEvents.push(`${receiver} got ${e}`);
    }
  }
  problems.push(...missingMeta(c, run).map((m) => `meta-alert never received: ${m}`));
  const ruleReceipts = (r: string) => (run.received.get(r) ?? []).filter((e) => RULE_NAMES.has(alertnameOf(e)));
  const duplicates = RECEIVERS.reduce((n, r) => n + duplicatesIn(ruleReceipts(r)), 0);
  for (const r of RECEIVERS) {
    for (const [event, n] of countBy(ruleReceipts(r))) {
      if (n > (c.maxReceipts ?? 1)) problems.push(`${r} got ${event} ${n} times`);
    }
  }
  if (!run.ticks.some((t) => t.faultOn && c.manifested(t)))
    problems.push('the fault never hit: the case proves nothing');
  const outbox = run.ticks.at(-1)?.summary?.notifications.outbox;
  if (outbox !== 0) problems.push(`the outbox still holds ${String(outbox)} message(s) after recovery`);
  const leaks = leaksIn([...run.logLines, JSON.stringify(run.ticks.map((t) => t.summary)), run.stateText].join('\n'));
  if (leaks.length > 0) problems.push(`secrets leaked into logs, summaries or state: ${leaks.length}`);
  return {
    tried,
    survived: lost.length === 0 && falseEvents.length === 0 ? survived : 0,
    alertsLost: lost.length,
    lost,
    falseEvents,
    problems,
    duplicates,
    longestFaultTickMs: Math.round(longest),
    deadlineMs: run.ticks[0]?.deadlineMs ?? 0,
    recoveryTicks: run.recoveryTicks,
  };
}
