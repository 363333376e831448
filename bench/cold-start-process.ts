/** Timing fresh `node` processes for the cold-start bench (bench/cold-start.ts). */
import { spawn } from 'node:child_process';

export interface ProcessRun {
  /** Wall time from spawn to exit, ms (monotonic clock). */
  ms: number;
  /** CPU time (user + system) the child used, ms, as it reported on exit. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

const RUN_TIMEOUT_MS = 60_000;

/**
 * The environment of a measured child: the parent's, without anything that would load extra code into it
 * (`NODE_OPTIONS` set by a TypeScript runner) or hand it credentials from the machine running the bench.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['NODE_OPTIONS', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'])
    delete env[name];
  delete env.ALIBABA_CLOUD_SECURITY_TOKEN;
  return env;
}

// CPU time barely grows when other processes compete for the machine, unlike wall time.
const REPORT_CPU =
  "process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\n@@cpu '+(u.user+u.system)+'\\n')});";

/**
 * Runs `node -e code` and measures it. Asynchronous on purpose: the sandbox the child talks to runs in this process
 * and must keep answering while the child runs.
 */
export function timeNode(code: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', REPORT_CPU + code], { cwd: options.cwd, env: options.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) {
        reject(new Error(`node -e exited with ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
        return;
      }
      const cpuMicros = Number(/^@@cpu (\d+)$/m.exec(stderr)?.[1]);
      if (!Number.isFinite(cpuMicros)) {
        reject(new Error(`node -e did not report its CPU time: ${stderr.trim().slice(0, 500)}`));
        return;
      }
      resolve({ ms, cpuMs: cpuMicros / 1000, stdout, stderr });
    });
  });
}

/** The code of the first-tick child: load the bundle, invoke the handler once as FC 3.0 does, print the answer. */
export function firstTickCode(bundle: string, context: object): string {
  const event = { triggerTime: new Date().toISOString(), triggerName: 'tick', payload: '{"job":"tick"}' };
  return [
    `const { handler } = require(${JSON.stringify(bundle)});`,
    `handler(Buffer.from(${JSON.stringify(JSON.stringify(event))}), ${JSON.stringify(context)}).then((answer) => {`,
    // FC's runtime writes the handler's log lines to stdout; the answer goes last, after a marker.
    "  process.stdout.write('\\n@@answer ' + answer + '\\n@@maxrss ' + process.resourceUsage().maxRSS + '\\n');",
    '});',
  ].join('\n');
}

/** The handler's answer and the child's peak RSS (bytes) from a first-tick run. */
export function readFirstTick(stdout: string): { answer: Record<string, unknown>; maxRssBytes: number } {
  const answer = /^@@answer (.*)$/m.exec(stdout)?.[1];
  const rss = Number(/^@@maxrss (\d+)$/m.exec(stdout)?.[1]);
  if (answer === undefined || !Number.isFinite(rss))
    throw new Error(`the first-tick child printed no answer: ${stdout.slice(-500)}`);
  return { answer: JSON.parse(answer) as Record<string, unknown>, maxRssBytes: rss * 1024 };
}
