/** Small statistics and formatting shared by the benches. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function minimum(values: readonly number[]): number {
  return Math.min(...values);
}

export function maximum(values: readonly number[]): number {
  return Math.max(...values);
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export const msText = (ms: number): string => `${ms.toFixed(0)} ms`;

/** Wall time of `fn` in ms (monotonic clock). */
export async function wallTime<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}
