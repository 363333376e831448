import { describe, expect, it } from 'vitest';
import { deploymentActivation } from '../../lib/rules/activation';
import { compileRules } from '../../lib/rules/compile';
import { RuleEvaluationError } from '../../lib/rules/errors';
import { buildDeploymentFacts, recordSample } from '../../lib/rules/facts';
import type { DeploymentFactsWithWindows } from '../../lib/rules/types';
import { DEPLOYMENT_FIELDS, DEPLOYMENT_VARIABLES } from '../../lib/rules/variables';
import { deployment, HOUR, MINUTE, rule, summary, T0 } from './fixtures';

/** Facts after two observations, so increases and the 1h window are non-zero. */
function observedFacts(): DeploymentFactsWithWindows {
  const earlier = deployment({ jobSummary: summary({ running: 1, failed: 2, finished: 4, cancelled: 1 }) });
  const history = recordSample(undefined, { deployment: earlier, watches: ['payments'], now: T0, keepMs: HOUR });
  const now = deployment({
    deploymentId: 'd-42',
    name: 'orders-enrich',
    namespace: 'prod-ns',
    workspace: 'ws-7',
    labels: { team: 'payments', tier: 'critical' },
    executionMode: 'STREAMING',
    engineVersion: 'vvr-8.0.9-flink-1.17',
    deploymentHasChanged: true,
    jobSummary: summary({ starting: 1, running: 0, cancelling: 2, cancelled: 3, finished: 5, failed: 7 }),
  });
  return buildDeploymentFacts({
    deployment: now,
    watch: 'payments',
    history,
    now: T0 + 10 * MINUTE,
    windowsMs: [HOUR],
  });
}

function holds(when: string, facts: DeploymentFactsWithWindows = observedFacts()): boolean {
  const { compiled, problems } = compileRules([rule('r', when)]);
  expect(problems).toEqual([]);
  return compiled[0]!.evaluate(deploymentActivation(facts));
}

describe('per-deployment variables', () => {
  it.each([
    ['name == "orders-enrich"'],
    ['deploymentId == "d-42"'],
    ['deployment.namespace == "prod-ns"'],
    ['workspace == "ws-7"'],
    ['watch == "payments"'],
    ['labels == {"team": "payments", "tier": "critical"}'],
    ['executionMode == "STREAMING"'],
    ['engineVersion.startsWith("vvr-8")'],
    ['deploymentHasChanged'],
    ['starting == 1'],
    ['running == 0'],
    ['cancelling == 2'],
    ['cancelled == 3'],
    ['finished == 5'],
    ['failed == 7'],
    ['increase.starting == 1 && increase.running == 0 && increase.cancelling == 2'],
    ['increase.cancelled == 2 && increase.finished == 1 && increase.failed == 5'],
    ['!firstSeen'],
    ['increaseIn("1h").failed == 5 && increaseIn("60m").cancelled == 2'],
    ['deployment.name == name && deployment.running == running && deployment.increase.failed == 5'],
  ])('%s', (when) => {
    expect(holds(when)).toBe(true);
  });

  it('every declared variable is exercised above or below', () => {
    const names = DEPLOYMENT_VARIABLES.map((v) => v.name).sort();
    expect(names).toEqual(
      [...DEPLOYMENT_FIELDS.map((f) => f.name).filter((n) => n !== 'namespace'), 'deployment'].sort(),
    );
  });

  it('sees firstSeen and zero increases on the first observation', () => {
    const first = buildDeploymentFacts({
      deployment: deployment({ jobSummary: summary({ failed: 6 }) }),
      watch: 'payments',
      history: undefined,
      now: T0,
      windowsMs: [HOUR],
    });
    expect(holds('firstSeen && failed == 6 && increase.failed == 0 && increaseIn("1h").failed == 0', first)).toBe(true);
  });

  it('lets the counts compare with doubles too', () => {
    expect(holds('failed > 6.5 && running < 0.5')).toBe(true);
  });
});

describe('labels', () => {
  it('reads a label by index and by field', () => {
    expect(holds('labels["team"] == "payments"')).toBe(true);
    expect(holds('labels.team == "risk"')).toBe(false);
  });

  it('tests for a label with has(), in, and an optional read', () => {
    expect(holds('has(labels.tier) && labels.tier == "critical"')).toBe(true);
    expect(holds('has(labels.owner)')).toBe(false);
    expect(holds('"tier" in labels && !("owner" in labels)')).toBe(true);
    expect(holds('labels.?owner.orValue("nobody") == "nobody"')).toBe(true);
  });

  it('fails evaluation, naming the deployment and the fix, when a missing label is read directly', () => {
    const { compiled } = compileRules([rule('owner-check', 'labels.owner == "x"')]);
    const activation = deploymentActivation(observedFacts());
    let caught: unknown;
    try {
      compiled[0]!.evaluate(activation);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuleEvaluationError);
    const error = caught as RuleEvaluationError;
    expect(error.rule).toBe('owner-check');
    expect(error.deploymentId).toBe('d-42');
    expect(error.watch).toBe('payments');
    expect(error.message).toContain('deployment "orders-enrich" (d-42) in watch "payments"');
    expect(error.message).toContain('has(labels.owner)');
  });

  it('supports the common macros and string functions', () => {
    expect(holds('labels.exists(k, k.startsWith("te")) && labels.all(k, size(k) > 2)')).toBe(true);
    expect(holds('labels.filter(k, labels[k].contains("pay")).size() == 1')).toBe(true);
    expect(
      holds('name.matches("^orders-.*$") && name.endsWith("enrich") && name.upperAscii() == "ORDERS-ENRICH"'),
    ).toBe(true);
    expect(holds('[failed, running].map(x, x * 2) == [14, 0]')).toBe(true);
  });
});

describe('results that are not a bool', () => {
  it('is an evaluation error when a dyn expression returns something else', () => {
    const { compiled, problems } = compileRules([rule('dyn', 'dyn(labels.team)')]);
    expect(problems).toEqual([]);
    expect(() => compiled[0]!.evaluate(deploymentActivation(observedFacts()))).toThrow(
      /returned a string, but a rule must return true or false/,
    );
  });
});
