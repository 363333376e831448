import { describe, expect, it } from 'vitest';
import { compileRules } from '../../lib/rules/compile';
import { evaluateRules } from '../../lib/rules/evaluate';
import type { DeploymentFacts, RuleResult } from '../../lib/rules/types';
import { encodeVerdict, RuleVerdicts, type WatchVerdicts } from '../../lib/rules/verdicts';
import { firstFacts, rule, summary } from './fixtures';

function facts(id: string, running: number, labels: Record<string, string> = {}, watch = 'payments') {
  return firstFacts({ deploymentId: id, name: `job-${id}`, labels, jobSummary: summary({ running }) }, watch);
}

const key = (id: string) => `a14bd5d90a/default-namespace/${id}`;

/** Two watches, a deployment rule that errors on a missing label, a fact that cannot be used, watch rules. */
function mixed() {
  const { compiled, problems } = compileRules([
    rule('down', 'running < 1'),
    rule('tier', 'labels.tier == "critical"'),
    rule('fleet-down', 'deployments.filter(d, d.running < 1).size() > 1', { scope: 'watch' }),
    rule('risk-only', 'running > 0', { watches: ['risk'] }),
    rule('risk-empty', 'deployments.size() == 0', { scope: 'watch', watches: ['risk'] }),
  ]);
  expect(problems).toEqual([]);
  const payments = [
    facts('a', 0, { tier: 'critical' }),
    { ...facts('bad', 0), failed: 1.5 },
    facts('b', 0, { tier: 'x' }),
    facts('c', 1),
  ];
  const risk = [facts('r', 1, { tier: 'critical' }, 'risk')];
  const watches = [
    { watch: 'payments', facts: payments },
    { watch: 'risk', facts: risk },
    { watch: 'idle', facts: [] },
  ];
  return { watches, ...evaluateRules({ compiled, watches }) };
}

/** Every result the mixed case gives, in the order the rule evaluation has always produced them. */
const MIXED: RuleResult[] = [
  { rule: 'down', watch: 'payments', scope: 'deployment', deploymentKey: key('a'), holds: true },
  { rule: 'tier', watch: 'payments', scope: 'deployment', deploymentKey: key('a'), holds: true },
  { rule: 'down', watch: 'payments', scope: 'deployment', deploymentKey: key('bad'), holds: 'error' },
  { rule: 'tier', watch: 'payments', scope: 'deployment', deploymentKey: key('bad'), holds: 'error' },
  { rule: 'down', watch: 'payments', scope: 'deployment', deploymentKey: key('b'), holds: true },
  { rule: 'tier', watch: 'payments', scope: 'deployment', deploymentKey: key('b'), holds: false },
  { rule: 'down', watch: 'payments', scope: 'deployment', deploymentKey: key('c'), holds: false },
  { rule: 'tier', watch: 'payments', scope: 'deployment', deploymentKey: key('c'), holds: 'error' },
  { rule: 'fleet-down', watch: 'payments', scope: 'watch', holds: true },
  { rule: 'down', watch: 'risk', scope: 'deployment', deploymentKey: key('r'), holds: false },
  { rule: 'tier', watch: 'risk', scope: 'deployment', deploymentKey: key('r'), holds: true },
  { rule: 'risk-only', watch: 'risk', scope: 'deployment', deploymentKey: key('r'), holds: true },
  { rule: 'fleet-down', watch: 'risk', scope: 'watch', holds: false },
  { rule: 'risk-empty', watch: 'risk', scope: 'watch', holds: false },
  { rule: 'fleet-down', watch: 'idle', scope: 'watch', holds: false },
];

function table(partial: Partial<WatchVerdicts> & Pick<WatchVerdicts, 'watch'>): WatchVerdicts {
  return {
    facts: [],
    deploymentRules: [],
    watchRules: [],
    deploymentVerdicts: new Uint8Array(0),
    watchVerdicts: new Uint8Array(0),
    ...partial,
  };
}

describe('RuleVerdicts', () => {
  it('iterates every result in the order of the old result array, errors and watch rules included', () => {
    const { results, errors } = mixed();
    expect([...results]).toEqual(MIXED);
    expect([...results.all()]).toEqual(MIXED);
    expect(results.size).toBe(MIXED.length);
    expect(errors.map((e) => `${e.rule} ${e.deploymentId}`)).toEqual(['down bad', 'tier bad', 'tier c']);
  });

  it('iterates the holding and errored results alone, in the same order', () => {
    const { results } = mixed();
    expect([...results.holdingOrErrored()]).toEqual(MIXED.filter((r) => r.holds !== false));
    expect([...results.watchScoped()]).toEqual(MIXED.filter((r) => r.scope === 'watch'));
  });

  it('keeps the facts list it was given, not a copy', () => {
    const { results, watches } = mixed();
    expect(results.watches).toHaveLength(watches.length);
    for (const [i, t] of results.watches.entries()) expect(t.facts).toBe(watches[i]!.facts);
    expect(results.table('risk')?.deploymentRules).toEqual(['down', 'tier', 'risk-only']);
    expect(results.table('risk')?.watchRules).toEqual(['fleet-down', 'risk-empty']);
  });

  it('looks up each verdict and its position, and answers undefined for what was not evaluated', () => {
    const { results } = mixed();
    MIXED.forEach((r, position) => {
      expect(results.verdict(r.watch, r.rule, r.deploymentKey)).toBe(r.holds);
      expect(results.ordinal(r.watch, r.rule, r.deploymentKey)).toBe(position);
    });
    expect(results.verdict('payments', 'risk-only', key('a'))).toBeUndefined();
    expect(results.verdict('payments', 'down', key('nobody'))).toBeUndefined();
    expect(results.verdict('payments', 'down', key('r'))).toBeUndefined();
    expect(results.verdict('nowhere', 'down', key('a'))).toBeUndefined();
    expect(results.verdict('payments', 'down')).toBeUndefined();
    expect(results.verdict('payments', 'fleet-down', key('a'))).toBeUndefined();
    expect(results.ordinal('payments', 'down', key('nobody'))).toBeUndefined();
    expect(results.table('nowhere')).toBeUndefined();
  });

  it('skips verdicts that do not hold without reading their facts', () => {
    let reads = 0;
    const watched = (id: string): DeploymentFacts => {
      const base = facts(id, 1);
      return Object.defineProperty({ ...base }, 'deploymentId', {
        get: () => {
          reads += 1;
          return id;
        },
      });
    };
    const list = [watched('x'), watched('y'), watched('z'), watched('w')];
    const verdicts = new RuleVerdicts([
      table({
        watch: 'payments',
        facts: list,
        deploymentRules: ['down', 'slow'],
        deploymentVerdicts: Uint8Array.from([0, 0, 0, 1, 0, 0, 2, 0]),
        watchRules: ['fleet'],
        watchVerdicts: Uint8Array.from([0]),
      }),
    ]);
    expect([...verdicts.holdingOrErrored()].map((r) => `${r.rule} ${r.deploymentKey} ${r.holds}`)).toEqual([
      `slow ${key('y')} true`,
      `down ${key('w')} error`,
    ]);
    expect(reads).toBe(2);
    const none = new RuleVerdicts([
      table({ watch: 'payments', facts: list, deploymentRules: ['down'], deploymentVerdicts: new Uint8Array(4) }),
    ]);
    expect([...none.holdingOrErrored()]).toEqual([]);
    expect(reads).toBe(2);
  });

  it('handles empty tables: no watches, a watch without facts, a watch without rules', () => {
    const empty = new RuleVerdicts([]);
    expect(empty.size).toBe(0);
    expect([...empty]).toEqual([]);
    expect([...empty.holdingOrErrored()]).toEqual([]);
    expect(empty.verdict('payments', 'down', key('a'))).toBeUndefined();

    const verdicts = new RuleVerdicts([
      table({ watch: 'no-facts', deploymentRules: ['down'], watchRules: ['fleet'], watchVerdicts: Uint8Array.of(1) }),
      table({ watch: 'no-rules', facts: [facts('a', 0)] }),
    ]);
    expect(verdicts.size).toBe(1);
    expect([...verdicts]).toEqual([{ rule: 'fleet', watch: 'no-facts', scope: 'watch', holds: true }]);
    expect([...verdicts.holdingOrErrored()]).toEqual([...verdicts]);
    expect(verdicts.verdict('no-rules', 'down', key('a'))).toBeUndefined();
    expect(verdicts.verdict('no-facts', 'fleet')).toBe(true);
  });

  it('refuses a table whose size does not match its facts and rules', () => {
    expect(
      () =>
        new RuleVerdicts([
          table({
            watch: 'payments',
            facts: [facts('a', 0)],
            deploymentRules: ['down', 'slow'],
            deploymentVerdicts: Uint8Array.of(1),
          }),
        ]),
    ).toThrow(/watch "payments" has 1 deployment and 0 watch verdicts, but needs 2/);
    expect(() => new RuleVerdicts([table({ watch: 'payments', watchRules: ['fleet'] })])).toThrow(RangeError);
  });

  it('encodes every verdict as one byte and reads it back', () => {
    const holds: Array<boolean | 'error'> = [true, false, 'error'];
    const verdicts = new RuleVerdicts([
      table({ watch: 'w', watchRules: ['t', 'f', 'e'], watchVerdicts: Uint8Array.from(holds.map(encodeVerdict)) }),
    ]);
    expect([...verdicts].map((r) => r.holds)).toEqual(holds);
  });
});
