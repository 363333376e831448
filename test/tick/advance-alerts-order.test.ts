import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../lib/alerts/types';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import type { Deployment } from '../../lib/flink/types';
import { compileRules, evaluateRules } from '../../lib/rules';
import { buildDeploymentFacts } from '../../lib/rules/facts';
import { advanceRuleAlerts } from '../../lib/tick/advance-alerts';
import { deploymentKey, type Facts, type Observation } from '../../lib/tick/observe';

// The verdicts that matter are gathered from the holding ones and from lookups of remembered alerts; these cases pin
// that alerts and changes still come out in evaluation order, and that resolved alerts carry fresh annotations.

const config = parseConfigText(
  `
flink: { region: cn-hangzhou, endpoint: "127.0.0.1:1", protocol: http, accessKeyId: "\${env:K}", accessKeySecret: "\${env:S}" }
watches:
  - { name: fleet, workspace: ws, selector: "team = a" }
rules:
  - { name: down, when: running < 1, severity: critical }
  - { name: slow, when: running < 1, for: 10m, severity: warning }
  - { name: many-down, scope: watch, when: "deployments.filter(d, d.running < 1).size() > 1", severity: warning }
state: { type: memory }
report: { auth: none }
`,
  { format: 'yaml', env: { K: 'id', S: 'secret' }, source: 'test', checks: CONFIG_CHECKS },
).config;
const { compiled } = compileRules(config.rules);

const T0 = Date.UTC(2025, 0, 1);
const MINUTE = 60_000;

function deployment(i: number, running: number | null): Deployment {
  return {
    deploymentId: `d-${i}`,
    name: `job-${i}`,
    namespace: 'default-namespace',
    workspace: 'ws',
    labels: { team: 'a' },
    executionMode: 'STREAMING',
    engineVersion: 'vvr-8',
    deploymentHasChanged: false,
    createdAt: null,
    modifiedAt: null,
    jobSummary: running === null ? null : { starting: 0, running, cancelling: 0, cancelled: 0, finished: 0, failed: 0 },
    ...(running === null ? { jobSummaryProblem: 'no job summary' } : {}),
  };
}

/** One tick over `running` (deployment number → running count, null = unusable summary), real rules throughout. */
function tick(running: Record<number, number | null>, previous: Record<string, AlertRecord>, now: number) {
  const deployments = Object.entries(running).map(([i, r]) => deployment(Number(i), r));
  const facts: Facts[] = deployments
    .filter((d) => d.jobSummary)
    .map((d) => buildDeploymentFacts({ deployment: d, watch: 'fleet', history: undefined, now, windowsMs: [] }));
  const observation: Observation = {
    facts: new Map([['fleet', facts]]),
    selected: new Map([['fleet', new Set(deployments.map(deploymentKey))]]),
    unusable: new Set(deployments.filter((d) => !d.jobSummary).map(deploymentKey)),
    deployments: new Map(deployments.map((d) => [deploymentKey(d), d])),
    histories: {},
    skipped: [],
  };
  const { results } = evaluateRules({ compiled, watches: [{ watch: 'fleet', facts }] });
  return advanceRuleAlerts({
    config,
    observation,
    ruleResults: results,
    okWatches: new Set(['fleet']),
    failedWatches: new Set(),
    previous,
    now,
  });
}

const describeAlert = (a: AlertRecord) => `${a.labels.alertname} ${a.labels.deployment ?? 'fleet'} ${a.status}`;

describe('advanceRuleAlerts order and annotations', () => {
  const first = tick({ 1: 1, 2: 0, 3: 1, 4: 0 }, {}, T0);

  it('keeps evaluation order when new alerts and resolved ones are interleaved', () => {
    expect(Object.values(first.alerts).map(describeAlert)).toEqual([
      'down job-2 firing',
      'slow job-2 pending',
      'down job-4 firing',
      'slow job-4 pending',
      'many-down fleet firing',
    ]);
    const second = tick({ 1: 0, 2: 1, 3: 0, 4: 1 }, first.alerts, T0 + MINUTE);
    expect(
      second.changes.map(
        (c) => `${c.record.labels.alertname} ${c.record.labels.deployment ?? 'fleet'} ${c.transition}`,
      ),
    ).toEqual([
      'down job-1 became-firing',
      'slow job-1 became-pending',
      'down job-2 resolved',
      'slow job-2 pending-cleared',
      'down job-3 became-firing',
      'slow job-3 became-pending',
      'down job-4 resolved',
      'slow job-4 pending-cleared',
      'many-down fleet still-firing',
    ]);
    expect(Object.values(second.alerts).map(describeAlert)).toEqual([
      'down job-1 firing',
      'slow job-1 pending',
      'down job-2 resolved',
      'down job-3 firing',
      'slow job-3 pending',
      'down job-4 resolved',
      'many-down fleet firing',
    ]);
  });

  it('resolves a firing alert whose deployment was evaluated false, keeping the annotations it fired with', () => {
    const firing = Object.values(first.alerts).find(
      (a) => a.labels.alertname === 'down' && a.labels.deployment === 'job-2',
    );
    expect(firing?.annotations.jobSummary).toContain('running=0');
    const second = tick({ 1: 1, 2: 1, 3: 1, 4: 0 }, first.alerts, T0 + MINUTE);
    const resolved = second.alerts[firing!.fingerprint];
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.annotations).toEqual(firing?.annotations);
    expect(resolved?.lastEvaluatedAt).toBe(new Date(T0 + MINUTE).toISOString());
    expect(Object.values(second.alerts).map(describeAlert)).toEqual([
      'down job-2 resolved',
      'down job-4 firing',
      'slow job-4 pending',
      'many-down fleet resolved',
    ]);
  });

  it('holds the alerts of an unusable deployment and resolves those of one that left, keeping their annotations', () => {
    const second = tick({ 1: 1, 2: null, 3: 1 }, first.alerts, T0 + MINUTE);
    expect(
      second.changes
        .map((c) => `${c.record.labels.alertname} ${c.record.labels.deployment ?? 'fleet'} ${c.transition}`)
        .sort(),
    ).toEqual([
      'down job-2 held',
      'down job-4 resolved',
      'many-down fleet held',
      'slow job-2 held',
      'slow job-4 pending-cleared',
    ]);
    const left = Object.values(second.alerts).find((a) => a.labels.deployment === 'job-4');
    const before = Object.values(first.alerts).find((a) => a.fingerprint === left?.fingerprint);
    expect(left?.annotations).toEqual(before?.annotations);
  });
});
