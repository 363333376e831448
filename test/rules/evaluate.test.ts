import { describe, expect, it } from 'vitest';
import { compileRules } from '../../lib/rules/compile';
import { evaluateRules } from '../../lib/rules/evaluate';
import { buildDeploymentFacts, recordSample } from '../../lib/rules/facts';
import type { DeploymentFactsWithWindows } from '../../lib/rules/types';
import { deployment, firstFacts, MINUTE, rule, summary, T0 } from './fixtures';

function compile(...rules: Parameters<typeof compileRules>[0]) {
  const { compiled, problems } = compileRules(rules);
  expect(problems).toEqual([]);
  return compiled;
}

function facts(id: string, running: number, labels: Record<string, string>, watch = 'payments') {
  return firstFacts({ deploymentId: id, name: `job-${id}`, labels, jobSummary: summary({ running }) }, watch);
}

describe('evaluateRules', () => {
  it('evaluates every deployment rule for every deployment, in order, with its key', () => {
    const compiled = compile(rule('not-running', 'running < 1'), rule('payments', 'labels.team == "payments"'));
    const { results: verdicts, errors } = evaluateRules({
      compiled,
      watches: [{ watch: 'payments', facts: [facts('a', 0, { team: 'payments' }), facts('b', 1, { team: 'risk' })] }],
    });
    const results = [...verdicts];
    expect(errors).toEqual([]);
    expect(results).toEqual([
      {
        rule: 'not-running',
        watch: 'payments',
        scope: 'deployment',
        deploymentKey: 'a14bd5d90a/default-namespace/a',
        holds: true,
      },
      {
        rule: 'payments',
        watch: 'payments',
        scope: 'deployment',
        deploymentKey: 'a14bd5d90a/default-namespace/a',
        holds: true,
      },
      {
        rule: 'not-running',
        watch: 'payments',
        scope: 'deployment',
        deploymentKey: 'a14bd5d90a/default-namespace/b',
        holds: false,
      },
      {
        rule: 'payments',
        watch: 'payments',
        scope: 'deployment',
        deploymentKey: 'a14bd5d90a/default-namespace/b',
        holds: false,
      },
    ]);
  });

  it('isolates a runtime error to its rule and deployment', () => {
    const compiled = compile(rule('tier', 'labels.tier == "critical"'), rule('not-running', 'running < 1'));
    const { results: verdicts, errors } = evaluateRules({
      compiled,
      watches: [
        {
          watch: 'payments',
          facts: [
            facts('a', 0, { tier: 'critical' }),
            facts('b', 0, { team: 'payments' }),
            facts('c', 1, { tier: 'x' }),
          ],
        },
      ],
    });
    const results = [...verdicts];
    expect(results.map((r) => [r.rule, r.deploymentKey?.split('/')[2], r.holds])).toEqual([
      ['tier', 'a', true],
      ['not-running', 'a', true],
      ['tier', 'b', 'error'],
      ['not-running', 'b', true],
      ['tier', 'c', false],
      ['not-running', 'c', false],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      rule: 'tier',
      watch: 'payments',
      deploymentId: 'b',
      deploymentKey: 'a14bd5d90a/default-namespace/b',
    });
    expect(errors[0]!.message).toContain('No such key: tier');
    expect(errors[0]!.message).toContain('deployment "job-b" (b)');
  });

  it('evaluates a fleet rule once per watch with deployments', () => {
    const compiled = compile(
      rule('fleet-down', 'deployments.filter(d, d.running < 1).size() > 2', { scope: 'watch' }),
      rule('fleet-names', 'deployments.exists(d, d.name == "job-b" && d.watch == watch)', { scope: 'watch' }),
    );
    const down = (id: string, watch = 'payments') => facts(id, 0, {}, watch);
    const { results: verdicts, errors } = evaluateRules({
      compiled,
      watches: [
        { watch: 'payments', facts: [down('a'), down('b'), down('c'), facts('d', 1, {})] },
        { watch: 'risk', facts: [down('e', 'risk'), down('f', 'risk'), facts('b', 1, {}, 'risk')] },
      ],
    });
    const results = [...verdicts];
    expect(errors).toEqual([]);
    expect(results).toEqual([
      { rule: 'fleet-down', watch: 'payments', scope: 'watch', holds: true },
      { rule: 'fleet-names', watch: 'payments', scope: 'watch', holds: true },
      { rule: 'fleet-down', watch: 'risk', scope: 'watch', holds: false },
      { rule: 'fleet-names', watch: 'risk', scope: 'watch', holds: true },
    ]);
  });

  it('gives watch rules the windowed increase of each deployment', () => {
    const compiled = compile(
      rule('storm', 'deployments.exists(d, d.increaseIn("10m").failed >= 3)', { scope: 'watch' }),
      rule('own-storm', 'increaseIn("10m").failed >= 3'),
    );
    const history = recordSample(undefined, {
      deployment: deployment({ jobSummary: summary({ failed: 1 }) }),
      watches: ['payments'],
      now: T0,
      keepMs: 10 * MINUTE,
    });
    const stormy: DeploymentFactsWithWindows = buildDeploymentFacts({
      deployment: deployment({ jobSummary: summary({ failed: 5 }) }),
      watch: 'payments',
      history,
      now: T0 + 5 * MINUTE,
      windowsMs: [10 * MINUTE],
    });
    const { results: verdicts } = evaluateRules({ compiled, watches: [{ watch: 'payments', facts: [stormy] }] });
    const results = [...verdicts];
    expect(results.map((r) => [r.rule, r.holds])).toEqual([
      ['own-storm', true],
      ['storm', true],
    ]);
  });

  it('runs a rule restricted with watches only for those watches', () => {
    const compiled = compile(
      rule('everywhere', 'running < 1'),
      rule('risk-only', 'running < 1', { watches: ['risk'] }),
      rule('risk-fleet', 'deployments.size() > 0', { scope: 'watch', watches: ['risk'] }),
    );
    const { results: verdicts } = evaluateRules({
      compiled,
      watches: [
        { watch: 'payments', facts: [facts('a', 0, {})] },
        { watch: 'risk', facts: [facts('b', 0, {}, 'risk')] },
      ],
    });
    const results = [...verdicts];
    expect(results.map((r) => `${r.watch}:${r.rule}`)).toEqual([
      'payments:everywhere',
      'risk:everywhere',
      'risk:risk-only',
      'risk:risk-fleet',
    ]);
  });

  it('reports a watch rule that fails, without a deployment', () => {
    const compiled = compile(rule('first-owner', 'deployments[0].labels.owner == "x"', { scope: 'watch' }));
    const { results: verdicts, errors } = evaluateRules({ compiled, watches: [{ watch: 'payments', facts: [] }] });
    const results = [...verdicts];
    expect(results).toEqual([{ rule: 'first-owner', watch: 'payments', scope: 'watch', holds: 'error' }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.deploymentId).toBeUndefined();
    expect(errors[0]!.message).toContain('index out of bounds');
  });

  it('fails only the rules of a deployment whose facts cannot be used', () => {
    const compiled = compile(
      rule('not-running', 'running < 1'),
      rule('fleet', 'deployments.size() == 1', { scope: 'watch' }),
    );
    const broken = { ...facts('bad', 0, {}), failed: 1.5 };
    const { results: verdicts, errors } = evaluateRules({
      compiled,
      watches: [{ watch: 'payments', facts: [broken, facts('good', 0, {})] }],
    });
    const results = [...verdicts];
    expect(results.map((r) => [r.rule, r.deploymentKey?.split('/')[2], r.holds])).toEqual([
      ['not-running', 'bad', 'error'],
      ['not-running', 'good', true],
      ['fleet', undefined, true],
    ]);
    expect(errors[0]!.message).toContain('its facts cannot be used');
  });

  it('skips watches without deployments or rules', () => {
    const compiled = compile(rule('risk-only', 'running < 1', { watches: ['risk'] }));
    const { results, errors } = evaluateRules({
      compiled,
      watches: [{ watch: 'payments', facts: [facts('a', 0, {})] }],
    });
    expect([...results]).toEqual([]);
    expect(results.size).toBe(0);
    expect(errors).toEqual([]);
  });
});
