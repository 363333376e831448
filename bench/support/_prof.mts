import { forkTypeScript } from './child-process';
import { exchange, stringField } from './ipc';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { silentLogger } from '../../lib/runtime/logger';
import { createMemoryStore } from '../../lib/state/memory-store';
import { composeTick } from '../../lib/tick/compose';
import { runTick } from '../../lib/tick/run-tick';
import { BENCH_ENV, loadBenchConfig } from './bench-config';
import { queryPlanConfigYaml } from './query-plan-world';
const host = forkTypeScript('./sandbox-host.ts');
const ready = await exchange(host, { type: 'start', world: 'query-plan', latencyMs: 0 }, 'ready', 60000);
const endpoint = stringField(ready, 'endpoint');
const loaded = loadBenchConfig(queryPlanConfigYaml(endpoint, 8), 'x');
const deps = composeTick(loaded, { logger: silentLogger, env: BENCH_ENV, store: createMemoryStore(), receivers: new Map() });
const T0 = Date.UTC(2024, 0, 1);
let snapshot: any;
for (let i = 1; i <= 2; i++) snapshot = (await runTick(deps, { dryRun: false, now: T0 + i * 60000, deadline: createDeadline(60000, systemClock) })).state;
const times: number[] = [];
for (let i = 0; i < 40; i++) {
  const store = createMemoryStore(); await store.save(snapshot, null);
  const t = performance.now();
  await runTick({ ...deps, store }, { dryRun: false, now: T0 + 3 * 60000, deadline: createDeadline(60000, systemClock) });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log('median tick ms', times[20]?.toFixed(1));
host.send({ type: 'close' });
