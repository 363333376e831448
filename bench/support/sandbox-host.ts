/**
 * A child process that hosts the API sandbox for a bench, so the sandbox's own work (building and serialising
 * answers) does not run on the event loop being measured, just as the real API runs elsewhere.
 * Messages: `{ type: 'start', world: 'query-plan' | 'tick-memory', latencyMs, deployments? }` →
 * `{ type: 'ready', endpoint, deployments }` (each start adds a sandbox); `{ type: 'count' }` →
 * `{ type: 'count', requests, ok }` (over all sandboxes); `{ type: 'step', step }` → `{ type: 'stepped' }`;
 * `{ type: 'close' }` → closes them and exits.
 */
import { type Sandbox, startSandbox } from '../../lib/sandbox/server';
import { type BenchMessage, failToParent, isBenchMessage, numberField, stringField, tellParent } from './ipc';
import { memoryScenario } from './memory-world';
import { queryPlanScenario } from './query-plan-world';

const sandboxes: Sandbox[] = [];

async function closeAll(): Promise<void> {
  await Promise.all(sandboxes.map((s) => s.close()));
}

async function handle(message: BenchMessage): Promise<void> {
  if (message.type === 'start') {
    const world = stringField(message, 'world');
    const scenario =
      world === 'query-plan'
        ? queryPlanScenario()
        : world === 'tick-memory'
          ? memoryScenario(numberField(message, 'deployments'))
          : undefined;
    if (!scenario) throw new Error(`unknown bench world "${world}"`);
    const sandbox = await startSandbox({ scenario, latencyMs: numberField(message, 'latencyMs') });
    sandboxes.push(sandbox);
    tellParent({ type: 'ready', endpoint: sandbox.endpoint, deployments: scenario.deployments.length });
  } else if (message.type === 'count') {
    const requests = sandboxes.flatMap((s) => s.requests);
    tellParent({ type: 'count', requests: requests.length, ok: requests.filter((r) => r.status === 200).length });
  } else if (message.type === 'step') {
    for (const s of sandboxes) s.setStep(numberField(message, 'step'));
    tellParent({ type: 'stepped' });
  } else if (message.type === 'close') {
    await closeAll();
    process.disconnect?.();
  }
}

process.on('message', (raw: unknown) => {
  if (isBenchMessage(raw)) handle(raw).catch(failToParent);
});
// The parent going away ends this process too: a bench never leaves a server behind.
process.on('disconnect', () => {
  void closeAll().finally(() => process.exit(0));
});
