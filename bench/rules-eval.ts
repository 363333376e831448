/**
 * Rule evaluation throughput: 100 000 synthetic deployments × 10 typical rules through `evaluateRules`, against a
 * baseline of plain JavaScript closures doing the same comparisons, measured in the same run.
 * Run: `npx tsx bench/rules-eval.ts [deployments]`. Bounded, no network.
 */
import { pathToFileURL } from 'node:url';
import type { RuleConfig } from '../lib/config/types';
import type { Deployment } from '../lib/flink/types';
import { deploymentActivation } from '../lib/rules/activation';
import { allWindowsMs, compileRules, maxWindowMs } from '../lib/rules/compile';
import { evaluateRules } from '../lib/rules/evaluate';
import { buildDeploymentFacts, recordSample } from '../lib/rules/facts';
import type { DeploymentFactsWithWindows, DeploymentHistory } from '../lib/rules/types';

type Facts = DeploymentFactsWithWindows;

/** The rules, and the same conditions as closures over the facts (the baseline). */
const RULES: Array<{ when: string; closure: (f: Facts) => boolean }> = [
  {
    when: 'running < 1 && executionMode == "STREAMING"',
    closure: (f) => f.running < 1 && f.executionMode === 'STREAMING',
  },
  { when: 'increase.failed > 0', closure: (f) => f.increase.failed > 0 },
  { when: 'increaseIn("1h").failed >= 3', closure: (f) => f.windows['1h']!.failed >= 3 },
  {
    when: 'labels["team"] == "payments" && failed > 3',
    closure: (f) => f.labels['team'] === 'payments' && f.failed > 3,
  },
  {
    when: 'has(labels.tier) && labels.tier == "critical" && running == 0',
    closure: (f) => Object.hasOwn(f.labels, 'tier') && f.labels['tier'] === 'critical' && f.running === 0,
  },
  { when: 'starting > 0 && !firstSeen', closure: (f) => f.starting > 0 && !f.firstSeen },
  {
    when: '(increase.failed > 0 || increase.cancelled > 0) && executionMode == "STREAMING"',
    closure: (f) => (f.increase.failed > 0 || f.increase.cancelled > 0) && f.executionMode === 'STREAMING',
  },
  { when: 'engineVersion.startsWith("vvr-6")', closure: (f) => f.engineVersion.startsWith('vvr-6') },
  { when: 'cancelling > 0 || deploymentHasChanged', closure: (f) => f.cancelling > 0 || f.deploymentHasChanged },
  {
    when: '"env" in labels && labels.env == "prod" && finished > 100',
    closure: (f) => 'env' in f.labels && f.labels['env'] === 'prod' && f.finished > 100,
  },
];

function ruleConfig(when: string, index: number): RuleConfig {
  return { name: `rule-${index}`, when, scope: 'deployment', forMs: 0, severity: 'critical', watches: [], labels: {} };
}

function deployment(i: number, tick: number): Deployment {
  const labels: Record<string, string> = { team: i % 3 === 0 ? 'payments' : 'risk', env: i % 2 ? 'prod' : 'test' };
  if (i % 4 === 0) labels['tier'] = 'critical';
  return {
    deploymentId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    name: `job-${i}`,
    namespace: 'default-namespace',
    workspace: 'a14bd5d90a',
    labels,
    executionMode: i % 5 === 0 ? 'BATCH' : 'STREAMING',
    engineVersion: i % 7 === 0 ? 'vvr-6.0.7-flink-1.15' : 'vvr-8.0.9-flink-1.17',
    deploymentHasChanged: i % 11 === 0,
    createdAt: null,
    modifiedAt: null,
    jobSummary: {
      starting: i % 13 === 0 ? 1 : 0,
      running: i % 9 === 0 ? 0 : 1,
      cancelling: 0,
      cancelled: (i % 6) + tick,
      finished: (i % 200) + tick,
      failed: (i % 8) + (i % 3 === 0 ? tick : 0),
    },
  };
}

interface Timing {
  /** CPU time of this process: the steadier figure on a shared machine, where wall time also counts others. */
  cpuMs: number;
  wallMs: number;
}

function timeIt(fn: () => void): Timing {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

function best(rounds: number, fn: () => void): Timing {
  let min: Timing = { cpuMs: Number.POSITIVE_INFINITY, wallMs: Number.POSITIVE_INFINITY };
  for (let r = 0; r < rounds; r++) {
    const t = timeIt(fn);
    if (t.cpuMs < min.cpuMs) min = t;
  }
  return min;
}

const ms = (t: Timing) => `${t.cpuMs.toFixed(0)} ms CPU / ${t.wallMs.toFixed(0)} ms wall`;
const perSecond = (count: number, t: Timing) => (count / t.cpuMs) * 1000;
const millions = (n: number) => `${(n / 1e6).toFixed(2)}M`;

export function runRulesEvalBench(count = 100_000): void {
  const { compiled, problems } = compileRules(RULES.map((r, i) => ruleConfig(r.when, i)));
  if (problems.length > 0) throw new Error(`bench rules do not compile: ${JSON.stringify(problems)}`);
  const windowsMs = allWindowsMs(compiled);
  const keepMs = maxWindowMs(compiled);

  // Three ticks of history, ten minutes apart, so increases and the 1h window are real.
  const t0 = Date.UTC(2024, 0, 1);
  const histories: Array<DeploymentHistory | undefined> = new Array(count).fill(undefined);
  let recordCpuMs = 0;
  let recordWallMs = 0;
  for (let tick = 0; tick < 3; tick++) {
    const deployments = Array.from({ length: count }, (_, i) => deployment(i, tick));
    const t = timeIt(() => {
      for (let i = 0; i < count; i++) {
        histories[i] = recordSample(histories[i], {
          deployment: deployments[i]!,
          watches: ['bench'],
          now: t0 + tick * 600_000,
          keepMs,
        });
      }
    });
    recordCpuMs += t.cpuMs;
    recordWallMs += t.wallMs;
  }
  const recordTime: Timing = { cpuMs: recordCpuMs, wallMs: recordWallMs };
  const now = t0 + 3 * 600_000;
  const current = Array.from({ length: count }, (_, i) => deployment(i, 3));
  let facts: Facts[] = [];
  const factsTime = timeIt(() => {
    facts = histories.map((history, i) =>
      buildDeploymentFacts({ deployment: current[i]!, watch: 'bench', history, now, windowsMs }),
    );
  });

  const evaluations = count * compiled.length;
  const input = { compiled, watches: [{ watch: 'bench', facts }] };
  evaluateRules(input); // warm-up
  let holdsCel = 0;
  const evalTime = best(3, () => {
    const out = evaluateRules(input);
    holdsCel = out.errors.length * 1e9;
    for (const r of out.results.holdingOrErrored()) if (r.holds === true) holdsCel++;
  });
  const heapAfter = process.memoryUsage().heapUsed;

  const activations = facts.map(deploymentActivation);
  const celOnlyTime = best(3, () => {
    for (const activation of activations) for (const rule of compiled) rule.evaluate(activation);
  });

  const closures = RULES.map((r) => r.closure);
  let holdsClosure = 0;
  const closureTime = best(5, () => {
    holdsClosure = 0;
    for (const f of facts) for (const closure of closures) if (closure(f)) holdsClosure++;
  });
  if (holdsCel !== holdsClosure) {
    throw new Error(`CEL and closure baseline disagree: ${holdsCel} vs ${holdsClosure} conditions holding`);
  }

  const rate = perSecond(evaluations, evalTime);
  const baseline = perSecond(evaluations, closureTime);
  console.log(
    `rules-eval: ${count} deployments x ${compiled.length} rules = ${evaluations} evaluations (rates use CPU time)`,
  );
  console.log(
    `rules-eval: ${millions(rate)} evals/s (closure baseline ${millions(baseline)}/s, ratio ${(rate / baseline).toFixed(3)})`,
  );
  console.log(`rules-eval: evaluateRules ${ms(evalTime)}; closures ${ms(closureTime)}`);
  console.log(
    `rules-eval: compiled rules alone (activations built once) ${millions(perSecond(evaluations, celOnlyTime))} evals/s, ` +
      ms(celOnlyTime),
  );
  console.log(`rules-eval: buildDeploymentFacts x${count} (${windowsMs.length} window) ${ms(factsTime)}`);
  console.log(`rules-eval: recordSample x${count} x3 ticks ${ms(recordTime)}`);
  console.log(`rules-eval: ${holdsCel} conditions hold; heap used ${(heapAfter / 1024 / 1024).toFixed(0)} MiB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 100_000);
  runRulesEvalBench(Number.isSafeInteger(count) && count > 0 ? count : 100_000);
}
