import { describe, expect, it } from 'vitest';
import { fetchWatches } from '../../lib/flink/fetch-watches';
import { type PlannedWatch, planQueries } from '../../lib/flink/plan';
import { parseSelector } from '../../lib/flink/selector';
import { QueryNotStartedError, WatchNotPlannedError } from '../../lib/flink/selector-errors';
import type { WatchResult } from '../../lib/flink/types';
import { createLogger, silentLogger } from '../../lib/runtime/logger';
import {
  expiredDeadline,
  InMemoryFlinkClient,
  openDeadline,
  type StoredDeployment,
} from '../fixtures/flink/in-memory-client';

const ENDPOINT = '127.0.0.1:18080';
const SUMMARY = { starting: 0, running: 1, cancelling: 0, cancelled: 0, finished: 0, failed: 0 };

function stored(id: string, labels: Record<string, unknown>, workspace = 'ws', namespace = 'ns'): StoredDeployment {
  return { workspace, namespace, raw: { deploymentId: id, name: `job-${id}`, labels, jobSummary: SUMMARY } };
}

function watch(name: string, selector: string, workspace = 'ws', namespace = 'ns'): PlannedWatch {
  return { name, workspace, namespace, selector: parseSelector(selector) };
}

async function run(
  client: InMemoryFlinkClient,
  watches: PlannedWatch[],
  extra: { concurrency?: number; deadline?: ReturnType<typeof openDeadline>; logger?: typeof silentLogger } = {},
) {
  return fetchWatches({
    plan: planQueries(watches, ENDPOINT),
    watches,
    client,
    concurrency: extra.concurrency ?? 4,
    deadline: extra.deadline ?? openDeadline(),
    logger: extra.logger ?? silentLogger,
  });
}

function ids(result: WatchResult | undefined): string[] {
  if (!result?.ok) throw new Error(`expected an ok result, got ${result ? result.error.message : 'nothing'}`);
  return result.deployments.map((d) => d.deploymentId);
}

const dataset = [
  stored('p1', { team: 'payments', env: 'prod' }),
  stored('p2', { team: 'payments', env: 'dev' }),
  stored('r1', { team: 'risk', env: 'prod', legacy: 'true' }),
  stored('o1', { team: 'ops', tier: 1 }),
  stored('x1', { app: 'web', team: 'payments' }),
  stored('other-ns', { team: 'payments', env: 'prod' }, 'ws', 'ns2'),
];

describe('fetchWatches', () => {
  it('answers several watches from one call, each with its own full selector', async () => {
    const client = new InMemoryFlinkClient(dataset);
    const results = await run(client, [
      watch('payments-prod', 'team in (payments, risk), env = prod'),
      watch('payments-all', 'team = payments'),
      watch('not-legacy', 'team in (risk, ops), !legacy'),
      watch('tier-1', 'team = ops, tier = 1'),
    ]);
    expect(client.calls).toEqual([
      {
        endpoint: ENDPOINT,
        workspace: 'ws',
        namespace: 'ns',
        labelKey: 'team',
        labelValues: ['ops', 'payments', 'risk'],
      },
    ]);
    expect([...results.keys()]).toEqual(['payments-prod', 'payments-all', 'not-legacy', 'tier-1']);
    expect(ids(results.get('payments-prod'))).toEqual(['p1', 'r1']);
    expect(ids(results.get('payments-all'))).toEqual(['p1', 'p2', 'x1']);
    expect(ids(results.get('not-legacy'))).toEqual(['o1']);
    expect(ids(results.get('tier-1'))).toEqual(['o1']);
    expect(results.get('payments-all')).toMatchObject({ ok: true, skipped: [], requestIds: ['req-team-1'] });
  });

  it('marks the watches of a failing call failed, and only those', async () => {
    const boom = new Error('Throttling.User: Request was denied due to user flow control.');
    const client = new InMemoryFlinkClient(dataset, { failWith: (q) => (q.labelKey === 'app' ? boom : undefined) });
    const results = await run(client, [
      watch('web', 'app = web'),
      watch('web-payments', 'app in (web), team = payments'),
      watch('payments', 'team = payments'),
      watch('elsewhere', 'team = payments', 'ws', 'ns2'),
    ]);
    expect(client.calls).toHaveLength(3);
    expect(results.get('web')).toEqual({ watch: 'web', ok: false, error: boom });
    expect(results.get('web-payments')).toEqual({ watch: 'web-payments', ok: false, error: boom });
    expect(ids(results.get('payments'))).toEqual(['p1', 'p2', 'x1']);
    expect(ids(results.get('elsewhere'))).toEqual(['other-ns']);
  });

  it('wraps a rejection that is not an Error', async () => {
    const client = new InMemoryFlinkClient(dataset, { failWith: () => 'odd' as unknown as Error });
    const result = (await run(client, [watch('a', 'team = ops')])).get('a');
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.message).toBe('the label query failed: odd');
  });

  it('fails every watch without calling the API once the deadline has passed', async () => {
    const client = new InMemoryFlinkClient(dataset);
    const results = await run(client, [watch('a', 'team = ops'), watch('b', 'app = web')], {
      deadline: expiredDeadline(),
    });
    expect(client.calls).toEqual([]);
    for (const result of results.values()) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBeInstanceOf(QueryNotStartedError);
    }
  });

  it('fails a watch that no planned call covers instead of reporting it empty', async () => {
    const client = new InMemoryFlinkClient(dataset);
    const planned = [watch('a', 'team = ops')];
    const results = await fetchWatches({
      plan: planQueries(planned, ENDPOINT),
      watches: [...planned, watch('late', 'team = risk')],
      client,
      concurrency: 2,
      deadline: openDeadline(),
      logger: silentLogger,
    });
    expect(ids(results.get('a'))).toEqual(['o1']);
    const late = results.get('late');
    expect(late?.ok).toBe(false);
    if (late && !late.ok) expect(late.error).toBeInstanceOf(WatchNotPlannedError);
  });

  it('fails the watches of a call when the plan does not fit their selectors (stale plan)', async () => {
    const client = new InMemoryFlinkClient(dataset);
    const results = await fetchWatches({
      plan: planQueries([watch('a', 'team = ops')], ENDPOINT),
      watches: [watch('a', 'app = web')],
      client,
      concurrency: 1,
      deadline: openDeadline(),
      logger: silentLogger,
    });
    const result = results.get('a');
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.error.message).toBe('watch "a": the plan asks by "team" but the selector selects by "app"');
    }
  });

  it('hands skipped deployments to the watches they belong to, and lists a deployment once', async () => {
    const odd: StoredDeployment[] = [
      stored('p1', { team: 'payments' }),
      stored('p1', { team: 'payments' }),
      { workspace: 'ws', namespace: 'ns', raw: { name: 'no-id', labels: { team: 'risk' }, jobSummary: SUMMARY } },
      { workspace: 'ws', namespace: 'ns', raw: { name: 'no-id-payments', labels: { team: 'payments' } } },
    ];
    const client = new InMemoryFlinkClient(odd, { extraData: () => [null, { name: 'no-labels' }] });
    const lines: string[] = [];
    const logger = createLogger({ sink: (line) => lines.push(line), level: 'debug' });
    const results = await run(client, [watch('payments', 'team = payments'), watch('risk', 'team = risk')], { logger });
    expect(ids(results.get('payments'))).toEqual(['p1']);
    expect(ids(results.get('risk'))).toEqual([]);
    const reason = 'the deployment has no deploymentId (it was missing), so it cannot be tracked';
    // Entries whose labels cannot be read could belong to any watch of the call: every one of them hears of it.
    const unreadable = [
      { reason: 'the answer carried null where a deployment belongs' },
      { name: 'no-labels', reason },
    ];
    expect(results.get('risk')).toMatchObject({ ok: true, skipped: [{ name: 'no-id', reason }, ...unreadable] });
    expect(results.get('payments')).toMatchObject({
      ok: true,
      skipped: [{ name: 'no-id-payments', reason }, ...unreadable],
    });
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('deployments in the answer could not be used');
    expect(messages).toContain('the answer listed deployments twice');
  });

  it('logs normalisation notes once per call with a few examples', async () => {
    const many = Array.from({ length: 20 }, (_, i) => stored(`d${i}`, { team: 'ops', owner: null }));
    const lines: string[] = [];
    const logger = createLogger({ sink: (line) => lines.push(line) });
    const results = await run(new InMemoryFlinkClient(many), [watch('ops', 'team = ops')], { logger });
    expect(ids(results.get('ops'))).toHaveLength(20);
    const notes = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      level: 'warn',
      msg: 'odd fields in the answer were normalised',
      deployments: 20,
      examples: expect.arrayContaining([{ deploymentId: 'd0', notes: ['label "owner" has the value null; dropped'] }]),
    });
    expect(notes[0]?.examples).toHaveLength(5);
  });

  it('keeps deployments whose job summary is unusable, with the problem, rather than skipping them', async () => {
    const broken = [{ workspace: 'ws', namespace: 'ns', raw: { deploymentId: 'b1', labels: { team: 'ops' } } }];
    const result = (await run(new InMemoryFlinkClient(broken), [watch('ops', 'team = ops')])).get('ops');
    expect(result).toMatchObject({
      ok: true,
      deployments: [{ deploymentId: 'b1', jobSummary: null, jobSummaryProblem: 'jobSummary is missing' }],
    });
  });

  it.each([1, 2, 3, 5])('never has more than %i calls in flight', async (concurrency) => {
    const client = new InMemoryFlinkClient(dataset, { delayMs: () => 5 });
    const watches = Array.from({ length: 8 }, (_, i) => watch(`w${i}`, `k${i} = v`));
    const results = await run(client, watches, { concurrency });
    expect(client.calls).toHaveLength(8);
    expect(client.maxInFlight).toBe(concurrency);
    expect([...results.values()].every((r) => r.ok)).toBe(true);
  });

  it('refuses a concurrency below 1', async () => {
    await expect(run(new InMemoryFlinkClient(dataset), [watch('a', 'team = ops')], { concurrency: 0 })).rejects.toThrow(
      'concurrency must be a whole number of at least 1, got 0',
    );
  });
});
