import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** tsx's loader, resolved from here so that a bench works whatever directory it is started from. */
export const TSX_LOADER = import.meta.resolve('tsx');

/** Starts a TypeScript file of bench/support as a child with an IPC channel, run through tsx like the benches. */
export function forkTypeScript(relativeToSupport: string, args: string[] = []): ChildProcess {
  const file = fileURLToPath(new URL(relativeToSupport, import.meta.url));
  return fork(file, args, { execArgv: ['--import', TSX_LOADER], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Waits until `child` has exited, killing it after `graceMs` (a bench never leaves a process behind). */
export function waitForExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
