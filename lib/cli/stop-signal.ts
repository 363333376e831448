/**
 * Aborts on the first Ctrl-C (SIGINT) or SIGTERM so long-running commands can close their servers and exit by
 * themselves. The handlers are `once`: a second Ctrl-C falls back to Node's default and ends the process at once.
 */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());
  return controller.signal;
}

/** Resolves when `signal` aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
