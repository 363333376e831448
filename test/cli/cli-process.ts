import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from there, as `npm run cli` does. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to a minimal environment (PATH, HOME, TMPDIR); nothing else of the test's environment leaks in. */
  env?: Record<string, string>;
  /** The child is killed after this long and the promise rejects with what it printed so far. */
  timeoutMs?: number;
  /** Run the command through `npm start`'s script instead of `node --import tsx lib/cli/main.ts`. */
  npmStart?: boolean;
}

// Upper bounds, not expectations: a command takes a second or two, but starting through tsx on a loaded 2-core
// machine has been seen to take ten times that.
const DEFAULT_TIMEOUT_MS = 45_000;

/** The vitest timeout for a test that runs one CLI process (multiply for tests that run several in a row). */
export const CLI_TEST_TIMEOUT_MS = DEFAULT_TIMEOUT_MS + 15_000;

function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = { NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return { ...base, ...extra };
}

/** A running CLI process whose output is collected as it arrives. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects after `timeoutMs` or when the process ends. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process ended (killed with SIGKILL after `timeoutMs`). */
  exited: Promise<CliResult>;
  /** Sends `signal` to the process (to its whole process group when started with `npmStart`). */
  kill(signal: NodeJS.Signals): void;
}

/** Starts `flink-watch ARGS…` as a child process of its own, in the repository root. */
export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [command, argv] = options.npmStart
    ? ['npm', ['start', '--silent', '--', ...args]]
    : [process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args]];
  const child = spawn(command, argv, {
    cwd: REPO_ROOT,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so a test can signal it as a terminal's Ctrl-C does (npm, its shell and node at once).
    detached: options.npmStart === true,
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const killer = setTimeout(() => kill('SIGKILL'), timeoutMs);
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      for (const listener of listeners) listener();
      resolve({ code, signal, stdout, stderr });
    });
  });
  let ended = false;
  void exited.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  function kill(signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
      // The group may outlive npm itself; signal it whatever npm's state.
      if (options.npmStart) process.kill(-child.pid, signal);
      else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    } catch {
      // Already gone.
    }
  }
  const waitFor = (pattern: RegExp, waitMs = timeoutMs) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) {
          done();
          resolve(match);
        } else if (ended || child.exitCode !== null) {
          done();
          reject(new Error(`the process ended before printing ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} within ${waitMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, waitMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, waitFor, exited, kill };
}

/** Runs `flink-watch ARGS…` to the end; rejects if it does not end within the timeout. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const result = await startCli(args, options).exited;
  if (result.signal === 'SIGKILL' && Date.now() - started >= timeoutMs) {
    throw new Error(
      `flink-watch ${args.join(' ')} did not end within ${timeoutMs} ms\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
  return result;
}

/** Parses stdout that must be exactly one JSON object. */
export function onlyJson(stdout: string): Record<string, unknown> {
  const text = stdout.trim();
  expectOneLine(text);
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`stdout is not a JSON object: ${text.slice(0, 200)}`);
  }
  return value as Record<string, unknown>;
}

function expectOneLine(text: string): void {
  if (text.includes('\n')) throw new Error(`stdout has more than the one JSON line:\n${text.slice(0, 2000)}`);
}
