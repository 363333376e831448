import { seedFromEnv } from './child';

/**
 * fast-check settings shared by the fuzz tests: a fixed seed (override with FLINK_WATCH_SEED) and a bounded number
 * of runs. On a failure fast-check's error names the seed and the path of the shrunk counterexample, so
 * `FLINK_WATCH_SEED=<seed>` replays it.
 */
export function fuzzParams(numRuns: number): { seed: number; numRuns: number } {
  return { seed: seedFromEnv(424242), numRuns };
}

/** Errors the program throws on purpose have their own class with an explicit name; built-in ones mean a crash. */
const BUILT_IN = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'URIError',
  'EvalError',
]);

export function isTypedError(err: unknown): err is Error {
  return err instanceof Error && !BUILT_IN.has(err.name) && err.name.endsWith('Error');
}

export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
}
