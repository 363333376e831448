import { systemClock } from '../runtime/clock';

const SIGNAL_EXIT_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

// A runner in between (tsx's, npm's) may pass the terminal's Ctrl-C on once more shortly after the process got it
// itself; a repeat within this window is that echo, not the user insisting.
const ECHO_WINDOW_MS = 1_000;

/**
 * Aborts on the first Ctrl-C (SIGINT) or SIGTERM so long-running commands close their servers and exit by
 * themselves. The listeners stay installed, so a relayed duplicate of the same signal cannot end the process halfway
 * through that; a further signal after a moment ends it at once, as a second Ctrl-C usually does.
 */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  let firstAt: number | undefined;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODE) => {
    const now = systemClock.now();
    if (firstAt === undefined) {
      firstAt = now;
      controller.abort();
    } else if (now - firstAt > ECHO_WINDOW_MS) {
      process.exit(SIGNAL_EXIT_CODE[signal]);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** Resolves when `signal` aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
