import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleFixture } from './child';

export interface LoadResult {
  tool: string;
  requests: number;
  requestsPerSecond: number;
  /** Answers outside 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  baseUrl: string;
  token: string;
  paths: string[];
  concurrency: number;
  seconds: number;
  /** Where wrk's script goes. */
  dir: string;
}

export function haveWrk(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** Runs a command without blocking the event loop (the server under load lives in this process). */
function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited with ${code}: ${out}`));
    });
  });
}

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? Number.NaN);

/** Reads wrk's report: requests, Requests/sec, the latency distribution, socket errors and non-2xx answers. */
export function parseWrk(text: string): LoadResult {
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? Number.NaN);
  const latency = (pct: string) => {
    const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
    return m ? toMs(m[1] ?? '', m[2] ?? '') : Number.NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const errors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return {
    tool: 'wrk',
    requests: num(/(\d+) requests in/),
    requestsPerSecond: num(/Requests\/sec:\s+([\d.]+)/),
    non2xx: /Non-2xx or 3xx responses: (\d+)/.test(text) ? num(/Non-2xx or 3xx responses: (\d+)/) : 0,
    errors,
    p50Ms: latency('50'),
    p99Ms: latency('99'),
  };
}

/** `wrk` when installed (Debian's package), else a bounded Node generator in a child process. Loopback only. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('load runs against loopback only');
  if (haveWrk()) {
    const script = join(o.dir, 'paths.lua');
    const list = o.paths.map((p) => JSON.stringify(p)).join(', ');
    await writeFile(
      script,
      `local paths = { ${list} }\nlocal i = 0\nrequest = function()\n  i = i + 1\n` +
        `  return wrk.format("GET", paths[(i % #paths) + 1], { ["Authorization"] = "Bearer ${o.token}" })\nend\n`,
    );
    const threads = String(Math.min(2, o.concurrency));
    const args = ['-t', threads, '-c', String(o.concurrency), '-d', `${o.seconds}s`, '--timeout', '30s', '--latency'];
    return parseWrk(await run('wrk', [...args, '-s', script, o.baseUrl], (o.seconds + 30) * 1000));
  }
  const bundle = await bundleFixture('load-client.ts');
  try {
    const args = [bundle.file, o.baseUrl, o.token, String(o.concurrency), String(o.seconds * 1000), ...o.paths];
    const out = JSON.parse((await run(process.execPath, args, (o.seconds + 30) * 1000)).trim()) as Omit<
      LoadResult,
      'tool' | 'requestsPerSecond'
    > & { seconds: number };
    return { tool: 'node', ...out, requestsPerSecond: out.requests / out.seconds };
  } finally {
    await bundle.remove();
  }
}
