import { maximum, median, minimum, msText } from './timing';

export interface Run {
  wallMs: number;
  /** CPU time of this process during the run (user + system). */
  cpuMs: number;
  /** API calls the sandbox answered during the run. */
  calls: number;
}

/**
 * Runs `sample` `warmups` times unmeasured, then `runs` times measured; calls are counted around each run, and
 * `prepare` (not measured) runs before every sample.
 */
export async function runMeasured(
  sample: () => Promise<void>,
  options: { warmups: number; runs: number; countCalls: () => Promise<number>; prepare?: () => Promise<void> },
): Promise<Run[]> {
  for (let i = 0; i < options.warmups; i++) {
    await options.prepare?.();
    await sample();
  }
  const measured: Run[] = [];
  for (let i = 0; i < options.runs; i++) {
    await options.prepare?.();
    const before = await options.countCalls();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await sample();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    measured.push({ wallMs, cpuMs: (used.user + used.system) / 1000, calls: (await options.countCalls()) - before });
  }
  return measured;
}

export interface StageFigures {
  text: string;
  wallMs: number;
  ratio: number;
  /** Every run made exactly the expected number of calls. */
  callsOk: boolean;
}

/** `query-plan: fetch, concurrency 8: 20 calls, 171 ms wall vs 150 ms bound (ratio 1.14, overhead 21 ms); …` */
export function reportLine(input: {
  stage: string;
  concurrency: number;
  bound: number;
  expectedCalls: number;
  runs: Run[];
}): StageFigures {
  const walls = input.runs.map((r) => r.wallMs);
  const wallMs = median(walls);
  const calls = [...new Set(input.runs.map((r) => r.calls))];
  const callText = calls.length === 1 ? `${calls[0]} calls` : `calls varied: ${calls.join('/')}`;
  const ratio = wallMs / input.bound;
  const text =
    `query-plan: ${input.stage}, concurrency ${input.concurrency}: ${callText}, ${msText(wallMs)} wall vs ` +
    `${msText(input.bound)} bound (ratio ${ratio.toFixed(2)}, overhead ${msText(wallMs - input.bound)}); ` +
    `median of ${input.runs.length} (min ${msText(minimum(walls))}, max ${msText(maximum(walls))}), ` +
    `CPU ${msText(median(input.runs.map((r) => r.cpuMs)))}`;
  return { text, wallMs, ratio, callsOk: calls.length === 1 && calls[0] === input.expectedCalls };
}
