import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../lib/alerts/types';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import type { Deployment } from '../../lib/flink/types';
import { buildDeploymentFacts } from '../../lib/rules/facts';
import { encodeVerdict, RuleVerdicts } from '../../lib/rules/verdicts';
import { advanceRuleAlerts } from '../../lib/tick/advance-alerts';
import { deploymentKey, type Facts, type Observation } from '../../lib/tick/observe';

// Rule results that do not hold for deployments without an alert are skipped before any labels are built; these
// cases pin that a remembered alert is still stepped by its own result, whatever that result is.

const config = parseConfigText(
  `
flink: { region: cn-hangzhou, endpoint: "127.0.0.1:1", protocol: http, accessKeyId: "\${env:K}", accessKeySecret: "\${env:S}" }
watches:
  - { name: fleet, workspace: ws, selector: "team = a" }
rules:
  - { name: down, when: running < 1, severity: critical }
  - { name: slow, when: running < 1, for: 10m, severity: warning }
state: { type: memory }
report: { auth: none }
`,
  { format: 'yaml', env: { K: 'id', S: 'secret' }, source: 'test', checks: CONFIG_CHECKS },
).config;

const T0 = Date.UTC(2025, 0, 1);

function deployment(i: number, running: number, workspace = 'ws'): Deployment {
  return {
    deploymentId: `d-${i}`,
    name: `job-${i}`,
    namespace: 'default-namespace',
    workspace,
    labels: { team: 'a' },
    executionMode: 'STREAMING',
    engineVersion: 'vvr-8',
    deploymentHasChanged: false,
    createdAt: null,
    modifiedAt: null,
    jobSummary: { starting: 0, running, cancelling: 0, cancelled: 0, finished: 0, failed: 0 },
  };
}

function tick(deployments: Deployment[], holds: (d: Deployment, rule: string) => boolean | 'error') {
  const facts: Facts[] = deployments.map((d) =>
    buildDeploymentFacts({ deployment: d, watch: 'fleet', history: undefined, now: T0, windowsMs: [] }),
  );
  const observation: Observation = {
    facts: new Map([['fleet', facts]]),
    selected: new Map([['fleet', new Set(deployments.map(deploymentKey))]]),
    unusable: new Set(),
    deployments: new Map(deployments.map((d) => [deploymentKey(d), d])),
    histories: {},
    skipped: [],
  };
  const rules = ['down', 'slow'];
  const deploymentVerdicts = new Uint8Array(deployments.length * rules.length);
  deployments.forEach((d, row) => {
    rules.forEach((rule, col) => {
      deploymentVerdicts[row * rules.length + col] = encodeVerdict(holds(d, rule));
    });
  });
  const ruleResults = new RuleVerdicts([
    {
      watch: 'fleet',
      facts,
      deploymentRules: rules,
      watchRules: [],
      deploymentVerdicts,
      watchVerdicts: new Uint8Array(0),
    },
  ]);
  return { observation, ruleResults, okWatches: new Set(['fleet']), failedWatches: new Set<string>() };
}

function run(input: ReturnType<typeof tick>, previous: Record<string, AlertRecord>, now: number) {
  return advanceRuleAlerts({ config, ...input, previous, now });
}

describe('advanceRuleAlerts with many quiet deployments', () => {
  const fleet = Array.from({ length: 200 }, (_, i) => deployment(i, i === 7 ? 0 : 1));

  it('keeps no record and reports no change for results that do not hold and had no alert', () => {
    const first = run(
      tick(fleet, (d) => d.jobSummary?.running === 0),
      {},
      T0,
    );
    expect(
      Object.values(first.alerts)
        .map((a) => `${a.labels.alertname} ${a.labels.deployment} ${a.status}`)
        .sort(),
    ).toEqual(['down job-7 firing', 'slow job-7 pending']);
    expect(first.changes.map((c) => c.transition).sort()).toEqual(['became-firing', 'became-pending']);
  });

  it('still resolves a firing alert and clears a pending one when their results stop holding', () => {
    const first = run(
      tick(fleet, (d) => d.jobSummary?.running === 0),
      {},
      T0,
    );
    const second = run(
      tick(fleet, () => false),
      first.alerts,
      T0 + 60_000,
    );
    expect(second.changes.map((c) => `${c.record.labels.alertname} ${c.transition}`).sort()).toEqual([
      'down resolved',
      'slow pending-cleared',
    ]);
    expect(Object.values(second.alerts).map((a) => `${a.labels.alertname} ${a.status}`)).toEqual(['down resolved']);
  });

  it('keeps a remembered alert through an evaluation error instead of clearing it', () => {
    const first = run(
      tick(fleet, (d) => d.jobSummary?.running === 0),
      {},
      T0,
    );
    const second = run(
      tick(fleet, (d) => (d.deploymentId === 'd-7' ? 'error' : false)),
      first.alerts,
      T0 + 60_000,
    );
    expect(second.changes.map((c) => `${c.record.labels.alertname} ${c.transition}`).sort()).toEqual([
      'down evaluation-error',
      'slow evaluation-error',
    ]);
    expect(
      Object.values(second.alerts)
        .map((a) => `${a.labels.alertname} ${a.status}`)
        .sort(),
    ).toEqual(['down firing', 'slow pending']);
  });

  it('steps every result when a remembered alert lacks a placement label (an empty workspace)', () => {
    const odd = [deployment(1, 0, ''), ...fleet.filter((d) => d.jobSummary?.running === 1)];
    const first = run(
      tick(odd, (d) => d.jobSummary?.running === 0),
      {},
      T0,
    );
    expect(Object.values(first.alerts).map((a) => `${a.labels.deployment} ${a.labels.workspace}`)).toEqual([
      'job-1 undefined',
      'job-1 undefined',
    ]);
    const second = run(
      tick(odd, (d) => (d.deploymentId === 'd-1' ? 'error' : false)),
      first.alerts,
      T0 + 60_000,
    );
    expect(second.changes.map((c) => `${c.record.labels.alertname} ${c.transition}`).sort()).toEqual([
      'down evaluation-error',
      'slow evaluation-error',
    ]);
  });
});
