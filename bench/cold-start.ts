/**
 * Cold start of the deployed functions, measured in fresh `node` processes (wall time, process start included):
 *   (a) bare `node -e 0` (the floor) · (b) `require('@alicloud/openapi-client')` unbundled (the baseline: what the
 *   API client alone costs without bundling) · (c) `require('./dist/monitor/index.js')` (what FC does before the
 *   first invocation) · (d) that import plus the first tick against the sandbox (loopback, started here), with the
 *   state in an OSS stand-in as on Function Compute.
 * Target: (c − a) / (b − a) ≤ 0.5. Work the bundle defers to the first invocation (the API client and the OSS client
 * live in files of their own, loaded on first use) is not hidden: it is part of (d), and (d − c) is printed.
 * Run: `npx tsx bench/cold-start.ts [runs, default 11]` (builds first, like `npm run package`). Loopback only;
 * bounded in time.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadBuiltinScenario } from '../lib/sandbox';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET, startSandbox } from '../lib/sandbox/server';
import { startOssServer } from '../test/helpers/oss-server';
import { childEnv, firstTickCode, type ProcessRun, readFirstTick, timeNode } from './cold-start-process';
import { median, mib } from './support/timing';

const ROOT = resolve(import.meta.dirname, '..');
type Variant = 'a' | 'b' | 'c' | 'cr' | 'all' | 'd' | 'dFile';
const TARGET = 0.5;
const BUCKET = 'flink-watch-bench';

function benchConfig(endpoint: string, state: string): string {
  return `flink: { region: cn-hangzhou, endpoint: "${endpoint}", protocol: http }
watches:
  - { name: payments-and-risk, workspace: a14bd5d90a, namespace: default-namespace, selector: "team in (payments, risk), env = prod" }
  - { name: search, workspace: edcef8b4f2, namespace: default-namespace, selector: "team = search, env = prod" }
rules:
  - { name: job-not-running, when: 'running < 1 && executionMode == "STREAMING"', for: 3m, severity: critical }
  - { name: job-failed, when: increase.failed > 0, severity: critical, summary: "{{ name }}: a job failed" }
receivers: { log: { type: console } }
state: ${state}
report: { auth: none }
`;
}

async function directorySizes(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js'));
  const sizes = await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).size] as const));
  const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  return `${kib(total)} of JavaScript (${sizes.map(([f, b]) => `${f} ${kib(b)}`).join(', ')})`;
}

async function main(): Promise<void> {
  const runs = Math.max(3, Math.min(25, Number(process.argv[2] ?? 11) || 11));
  const build = await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, timeout: 180_000 });
  for (const line of build.stdout.trim().split('\n')) console.log(`cold-start: build: ${line}`);

  const sandbox = await startSandbox({ scenario: await loadBuiltinScenario('demo') });
  const keys = { accessKeyId: SANDBOX_ACCESS_KEY_ID, accessKeySecret: SANDBOX_ACCESS_KEY_SECRET };
  const oss = await startOssServer({ bucket: BUCKET, ...keys });
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-cold-start-'));
  const context = {
    requestId: 'bench',
    credentials: keys,
    function: { name: 'flink-watch-monitor', timeout: 60, memory: 256 },
    region: 'cn-hangzhou',
  };
  const monitor = join(ROOT, 'dist/monitor/index.js');
  const splitFiles = ['index.js', 'flink-sdk.js', 'ali-oss.js'].map((f) => join(ROOT, 'dist/monitor', f));
  const plain = childEnv({});
  const runsOf: Record<Variant, ProcessRun[]> = { a: [], b: [], c: [], cr: [], all: [], d: [], dFile: [] };
  const rss: number[] = [];
  const firstTick = async (run: number, state: string): Promise<ProcessRun> => {
    const config = join(dir, `config-${run}-${runsOf.d.length}-${runsOf.dFile.length}.yaml`);
    await writeFile(config, benchConfig(sandbox.endpoint, state));
    const result = await timeNode(firstTickCode(monitor, context), {
      cwd: ROOT,
      env: childEnv({ FLINK_WATCH_CONFIG: config }),
    });
    const { answer, maxRssBytes } = readFirstTick(result.stdout);
    const watches = answer.watches as { queried?: number; ok?: number } | undefined;
    if (answer.ok !== true || !watches?.queried || watches.ok !== watches.queried) {
      throw new Error(`the first tick did not run cleanly: ${JSON.stringify(answer).slice(0, 400)}`);
    }
    rss.push(maxRssBytes);
    return result;
  };
  const loadAll = splitFiles.map((f) => `require(${JSON.stringify(f)});`).join('');
  const node = (code: string) => timeNode(code, { cwd: ROOT, env: plain });

  try {
    // Interleaved, so that a burst of load on the machine touches every variant alike.
    for (let run = 0; run < runs; run++) {
      runsOf.a.push(await node('0'));
      runsOf.b.push(await node("require('@alicloud/openapi-client')"));
      runsOf.c.push(await node("require('./dist/monitor/index.js')"));
      runsOf.cr.push(await node("require('./dist/report/index.js')"));
      runsOf.all.push(await node(loadAll));
      const ossState = `{ type: oss, bucket: ${BUCKET}, region: oss-cn-hangzhou, endpoint: "${oss.endpoint}", secure: false, prefix: "run-${run}/" }`;
      runsOf.d.push(await firstTick(run, ossState));
      runsOf.dFile.push(await firstTick(run, `{ type: file, path: "${join(dir, `state-${run}.json`)}" }`));
    }
  } finally {
    await Promise.all([sandbox.close(), oss.close()]);
    await rm(dir, { recursive: true, force: true });
  }

  const wall = (v: Variant) => median(runsOf[v].map((r) => r.ms));
  const cpu = (v: Variant) => median(runsOf[v].map((r) => r.cpuMs));
  const both = (v: Variant) => `${wall(v).toFixed(0)} ms (CPU ${cpu(v).toFixed(0)} ms)`;
  const importRatio = (of: (v: Variant) => number) => (of('c') - of('a')) / (of('b') - of('a'));
  const ratio = importRatio(wall);
  const bare = await node('process.stdout.write(String(process.resourceUsage().maxRSS))');
  console.log(`cold-start: medians of ${runs} fresh processes each; wall time including process start, and CPU time`);
  console.log(`cold-start: (a) node -e 0: ${both('a')}`);
  console.log(`cold-start: (b) require('@alicloud/openapi-client'), unbundled: ${both('b')}`);
  console.log(`cold-start: (c) require('./dist/monitor/index.js'): ${both('c')}; report: ${both('cr')}`);
  console.log(`cold-start: (c+) index.js with its split files all loaded (flink-sdk.js, ali-oss.js): ${both('all')}`);
  console.log(
    `cold-start: (d) import + first tick, state in OSS (as on FC): ${both('d')}; state in a file: ${both('dFile')}`,
  );
  console.log(
    `cold-start: import (c-a)/(b-a) = ${ratio.toFixed(2)} (target <= ${TARGET}: ${ratio <= TARGET ? 'met' : 'MISSED'}); ` +
      `in CPU time ${importRatio(cpu).toFixed(2)}`,
  );
  console.log(
    `cold-start: first tick d/a = ${(wall('d') / wall('a')).toFixed(2)} (CPU ${(cpu('d') / cpu('a')).toFixed(2)}); ` +
      `deferred to and done by the first tick (d-c) = ${(wall('d') - wall('c')).toFixed(0)} ms`,
  );
  console.log(
    `cold-start: peak RSS of the first tick ${mib(median(rss))} (max ${mib(Math.max(...rss))}); bare node ${mib(Number(bare.stdout) * 1024)}`,
  );
  for (const name of ['monitor', 'report']) {
    console.log(`cold-start: dist/${name}: ${await directorySizes(join(ROOT, 'dist', name))}`);
  }
}

main().catch((err: unknown) => {
  console.error(`cold-start: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
