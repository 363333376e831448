import { describe, expect, it } from 'vitest';
import { type PlannedWatch, planQueries } from '../../lib/flink/plan';
import { parseSelector, SelectorPlanError } from '../../lib/flink/selector';

const ENDPOINT = 'ververica.cn-hangzhou.aliyuncs.com';

function watch(name: string, selector: string, workspace = 'ws1', namespace = 'default'): PlannedWatch {
  return { name, workspace, namespace, selector: parseSelector(selector) };
}

describe('planQueries', () => {
  it('merges watches sharing workspace, namespace and key into ONE call with the sorted union of values', () => {
    const plan = planQueries(
      [
        watch('payments', 'team in (payments, risk), env = prod'),
        watch('risk-dev', 'team = risk, env = dev'),
        watch('ops', 'team in (ops, payments)'),
        watch('search', 'team == search, !legacy'),
      ],
      ENDPOINT,
    );
    expect(plan).toEqual({
      calls: [
        {
          query: {
            endpoint: ENDPOINT,
            workspace: 'ws1',
            namespace: 'default',
            labelKey: 'team',
            labelValues: ['ops', 'payments', 'risk', 'search'],
          },
          watches: ['ops', 'payments', 'risk-dev', 'search'],
        },
      ],
    });
  });

  it('splits calls by workspace, namespace and label key', () => {
    const plan = planQueries(
      [
        watch('a', 'team = x', 'ws1', 'ns1'),
        watch('b', 'team = y', 'ws2', 'ns1'),
        watch('c', 'team = z', 'ws1', 'ns2'),
        watch('d', 'app = web', 'ws1', 'ns1'),
        watch('e', 'app = api, team = x', 'ws1', 'ns1'),
      ],
      ENDPOINT,
    );
    expect(
      plan.calls.map((c) => [c.query.workspace, c.query.namespace, c.query.labelKey, c.query.labelValues, c.watches]),
    ).toEqual([
      ['ws1', 'ns1', 'app', ['api', 'web'], ['d', 'e']],
      ['ws1', 'ns1', 'team', ['x'], ['a']],
      ['ws1', 'ns2', 'team', ['z'], ['c']],
      ['ws2', 'ns1', 'team', ['y'], ['b']],
    ]);
    expect(plan.calls.every((c) => c.query.endpoint === ENDPOINT)).toBe(true);
  });

  it('gives the same plan whatever the order of the watches', () => {
    const watches = [
      watch('a', 'team in (b, a)', 'ws2'),
      watch('b', 'team = c'),
      watch('c', 'app = x', 'ws1', 'other'),
      watch('d', 'team in (a, z)', 'ws2'),
    ];
    const forward = planQueries(watches, ENDPOINT);
    expect(planQueries([...watches].reverse(), ENDPOINT)).toEqual(forward);
    expect(planQueries([watches[2]!, watches[0]!, watches[3]!, watches[1]!], ENDPOINT)).toEqual(forward);
  });

  it('plans nothing for no watches', () => {
    expect(planQueries([], ENDPOINT)).toEqual({ calls: [] });
  });

  it('names the watch whose selector the API cannot select by', () => {
    const watches = [watch('good', 'team = a'), watch('bad', 'env != prod')];
    expect(() => planQueries(watches, ENDPOINT)).toThrow(SelectorPlanError);
    expect(() => planQueries(watches, ENDPOINT)).toThrow(/^watch "bad": selector "env != prod" needs at least one/);
    try {
      planQueries(watches, ENDPOINT);
    } catch (err) {
      expect((err as SelectorPlanError).watch).toBe('bad');
      expect((err as SelectorPlanError).cause).toBeInstanceOf(SelectorPlanError);
    }
  });

  it('refuses a watch name used twice (results are keyed by name)', () => {
    expect(() => planQueries([watch('a', 'team = x'), watch('a', 'team = y', 'ws2')], ENDPOINT)).toThrow(
      'watch "a": the watch name is used twice',
    );
  });
});
