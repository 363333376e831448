import { expect } from 'vitest';
import { type FaultRun, runFaultWorld } from './fault-run';
import { type FaultCase, isSettled, judge, type Verdict } from './fault-verdict';
import { recordRow } from './results';

/** Runs one fault case, writes its table row, then asserts every property (so a failure still shows in the table). */
export async function runFaultCase(c: FaultCase): Promise<{ run: FaultRun; verdict: Verdict }> {
  const run = await runFaultWorld({ ...c, settled: (r) => isSettled(c, r) });
  const verdict = judge(c, run);
  const over = Math.max(0, verdict.longestFaultTickMs - verdict.deadlineMs);
  recordRow({
    order: c.order,
    fault: c.fault,
    tried: verdict.tried,
    survived: verdict.survived,
    alertsLost: verdict.alertsLost,
    detail:
      `longest fault tick ${verdict.longestFaultTickMs} ms (deadline ${verdict.deadlineMs} ms${over > 0 ? `, +${over} ms to save` : ''}); ` +
      `settled ${verdict.recoveryTicks} tick(s) after the plan; duplicates ${verdict.duplicates}`,
  });
  const context = JSON.stringify(
    run.ticks.map((t) => ({ i: t.index, on: t.faultOn, ms: Math.round(t.wallMs), thrown: t.thrown, s: t.summary })),
  );
  expect(verdict.lost, `alerts lost; ticks: ${context}`).toEqual([]);
  expect(verdict.falseEvents, 'alerts fired or resolved falsely').toEqual([]);
  expect(verdict.problems, `problems; ticks: ${context}`).toEqual([]);
  expect(verdict.tried).toBeGreaterThan(0);
  expect(verdict.survived).toBe(verdict.tried);
  return { run, verdict };
}
