import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchWatches } from '../../lib/flink/fetch-watches';
import { type PlannedWatch, planQueries } from '../../lib/flink/plan';
import { matchesSelector, parseSelector, type Requirement, serverTerm } from '../../lib/flink/selector';
import type { WatchResult } from '../../lib/flink/types';
import { silentLogger } from '../../lib/runtime/logger';
import { InMemoryFlinkClient, openDeadline, type StoredDeployment } from '../fixtures/flink/in-memory-client';

const ENDPOINT = 'ververica.cn-shanghai.aliyuncs.com';
const KEYS = ['team', 'env', 'tier', 'example.com/app'];
const VALUES = ['a', 'b', 'c', '1'];
const PLACES = [
  ['w1', 'n1'],
  ['w1', 'n2'],
  ['w2', 'n1'],
] as const;
const SUMMARY = { starting: 0, running: 1, cancelling: 0, cancelled: 0, finished: 0, failed: 2 };

const key = fc.constantFrom(...KEYS);
const values = fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 });
const inTerm = fc.record({ key, op: fc.constant('in' as const), values });
const otherTerm: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ key, op: fc.constant('notin' as const), values }),
  fc.record({ key, op: fc.constantFrom('exists' as const, 'notexists' as const), values: fc.constant<string[]>([]) }),
);
const requirements = fc
  .tuple(fc.array(otherTerm, { maxLength: 2 }), inTerm, fc.array(fc.oneof(inTerm, otherTerm), { maxLength: 3 }))
  .map(([before, term, after]) => [...before, term, ...after]);

/** Writes a requirement in one of its equivalent spellings, so the parser is exercised too. */
function render(r: Requirement, style: number): string {
  const list = `(${r.values.join(style % 2 ? ' , ' : ',')})`;
  switch (r.op) {
    case 'in':
      if (r.values.length === 1)
        return [`${r.key}=${r.values[0]}`, `${r.key} == ${r.values[0]}`, `${r.key} in ${list}`][style % 3]!;
      return `${r.key} in ${list}`;
    case 'notin':
      return r.values.length === 1 && style % 2 ? `${r.key} != ${r.values[0]}` : `${r.key} notin ${list}`;
    case 'exists':
      return r.key;
    case 'notexists':
      return style % 2 ? `! ${r.key}` : `!${r.key}`;
  }
}

const watchSpecs = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z]{1,6}$/),
    place: fc.constantFrom(...PLACES),
    requirements,
    style: fc.nat(5),
  }),
  { minLength: 1, maxLength: 8, selector: (w) => w.name },
);

const datasetArb = fc
  .array(
    fc.record({
      place: fc.constantFrom(...PLACES),
      labels: fc.dictionary(key, fc.constantFrom<unknown>(...VALUES, 1), { maxKeys: 4 }),
    }),
    { maxLength: 40 },
  )
  .map((items) =>
    items.map(
      ({ place, labels }, i): StoredDeployment => ({
        workspace: place[0],
        namespace: place[1],
        raw: { deploymentId: `d${i}`, name: `job${i}`, labels, jobSummary: SUMMARY },
      }),
    ),
  );

function toWatches(
  specs: Array<{ name: string; place: readonly [string, string]; requirements: Requirement[]; style: number }>,
) {
  return specs.map((spec): PlannedWatch => {
    const text = spec.requirements.map((r, i) => render(r, spec.style + i)).join(spec.style % 2 ? ' , ' : ',');
    const selector = parseSelector(text);
    const dedupe = spec.requirements.map((r) => ({ ...r, values: [...new Set(r.values)] }));
    expect(selector.requirements).toEqual(dedupe);
    return { name: spec.name, workspace: spec.place[0], namespace: spec.place[1], selector };
  });
}

function summary(result: WatchResult | undefined) {
  if (result === undefined) return 'missing';
  return result.ok
    ? { ok: true, ids: result.deployments.map((d) => d.deploymentId) }
    : { ok: false, error: result.error.message };
}

function fetchAll(client: InMemoryFlinkClient, watches: PlannedWatch[], concurrency: number) {
  return fetchWatches({
    plan: planQueries(watches, ENDPOINT),
    watches,
    client,
    concurrency,
    deadline: openDeadline(),
    logger: silentLogger,
  });
}

function groupsOf(watches: PlannedWatch[]): Set<string> {
  return new Set(watches.map((w) => JSON.stringify([w.workspace, w.namespace, serverTerm(w.selector).key])));
}

describe('fetchWatches (properties)', () => {
  it('planned and split equals querying each watch alone, with one call per (workspace, namespace, key)', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, watchSpecs, fc.integer({ min: 1, max: 4 }), async (dataset, specs, concurrency) => {
        const watches = toWatches(specs);
        const client = new InMemoryFlinkClient(dataset);
        const merged = await fetchAll(client, watches, concurrency);
        const groups = groupsOf(watches).size;
        expect(client.calls).toHaveLength(groups);
        expect(client.maxInFlight).toBe(Math.min(concurrency, groups));
        expect([...merged.keys()]).toEqual(watches.map((w) => w.name));
        for (const watch of watches) {
          const alone = await fetchAll(new InMemoryFlinkClient(dataset), [watch], 1);
          expect(summary(merged.get(watch.name))).toEqual(summary(alone.get(watch.name)));
          // And what the watch means: every deployment in its place whose labels satisfy the whole selector.
          const expected = dataset
            .filter((d) => d.workspace === watch.workspace && d.namespace === watch.namespace)
            .filter((d) => {
              const labels = Object.fromEntries(Object.entries(d.raw.labels ?? {}).map(([k, v]) => [k, String(v)]));
              return matchesSelector(watch.selector, labels);
            })
            .map((d) => d.raw.deploymentId);
          expect(summary(merged.get(watch.name))).toEqual({ ok: true, ids: expected });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a failing call fails exactly the watches it answers', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, watchSpecs, fc.subarray(KEYS), async (dataset, specs, failingKeys) => {
        const watches = toWatches(specs);
        const failWith = (q: { labelKey: string }) =>
          failingKeys.includes(q.labelKey) ? new Error(`down for ${q.labelKey}`) : undefined;
        const results = await fetchAll(new InMemoryFlinkClient(dataset, { failWith }), watches, 2);
        for (const watch of watches) {
          const term = serverTerm(watch.selector);
          const result = results.get(watch.name);
          if (failingKeys.includes(term.key)) {
            expect(summary(result)).toEqual({ ok: false, error: `down for ${term.key}` });
          } else {
            const alone = await fetchAll(new InMemoryFlinkClient(dataset), [watch], 1);
            expect(summary(result)).toEqual(summary(alone.get(watch.name)));
            expect(result?.ok).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
