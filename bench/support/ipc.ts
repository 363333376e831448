import type { ChildProcess } from 'node:child_process';

/** A message between a bench and its child process: a `type` and plain JSON fields. */
export interface BenchMessage {
  type: string;
  [field: string]: unknown;
}

export function isBenchMessage(value: unknown): value is BenchMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function numberField(message: BenchMessage, field: string): number {
  const value = message[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`message "${message.type}" has no number in "${field}" (got ${JSON.stringify(value)})`);
  }
  return value;
}

export function stringField(message: BenchMessage, field: string): string {
  const value = message[field];
  if (typeof value !== 'string') {
    throw new TypeError(`message "${message.type}" has no string in "${field}" (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * Waits for the next message of type `replyType` from `child` (after sending `message`, if given). Rejects when the
 * child reports `{ type: 'error' }`, exits, or stays silent for `timeoutMs`: a bench never waits forever.
 */
export function exchange(
  child: ChildProcess,
  message: BenchMessage | undefined,
  replyType: string,
  timeoutMs: number,
): Promise<BenchMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (raw: unknown) => {
      if (!isBenchMessage(raw)) return;
      if (raw.type === 'error') {
        cleanup();
        reject(new Error(`child process failed: ${String(raw['message'])}`));
      } else if (raw.type === replyType) {
        cleanup();
        resolve(raw);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`child process exited (${signal ?? `code ${code}`}) before answering "${replyType}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child process did not answer "${replyType}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
    if (message) child.send(message);
  });
}

/** The child's side: send one message to the parent (no-op when not started with an IPC channel). */
export function tellParent(message: BenchMessage): void {
  process.send?.(message);
}

/** The child's side: reports an error to the parent and leaves once the message is out. */
export function failToParent(err: unknown): void {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  process.stderr.write(`${text}\n`);
  if (process.send) process.send({ type: 'error', message: text }, () => process.exit(1));
  else process.exit(1);
}
