import { CONFIG_CHECKS } from '../../../lib/cli/config-checks';
import { parseConfigText } from '../../../lib/config';
import type { LoadedConfig } from '../../../lib/config/load';
import { createLogger } from '../../../lib/runtime/logger';
import { composeTick } from '../../../lib/tick/compose';
import type { TickDeps } from '../../../lib/tick/types';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } from '../../helpers/sandbox';

export const SCENARIO_ENV = {
  SCENARIO_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
  SCENARIO_ACCESS_KEY_SECRET: SANDBOX_ACCESS_KEY_SECRET,
};

/** The receiver every scenario notifies. */
export const RECEIVER = 'hook';

/**
 * The parts of the configuration every scenario shares: the sandbox with few attempts (so outage ticks stay fast),
 * one webhook receiver, a file store so the state round-trips through JSON between ticks. Timeouts only bound a
 * hang; they are generous because a timed-out POST that did arrive is re-sent, which would read as a duplicate.
 */
export function baseConfig(input: { endpoint: string; webhookUrl: string; statePath: string }): string {
  return `
flink:
  region: cn-hangzhou
  endpoint: "${input.endpoint}"
  protocol: http
  accessKeyId: \${env:SCENARIO_ACCESS_KEY_ID}
  accessKeySecret: \${env:SCENARIO_ACCESS_KEY_SECRET}
  timeout: 3s # generous for a loaded CI machine; the fault ticks get 503s at once, so they stay fast
  maxAttempts: 2
receivers:
  ${RECEIVER}: { type: webhook, url: "${input.webhookUrl}", timeout: 5s }
state: { type: file, path: ${JSON.stringify(input.statePath)} }
report: { auth: none }
tickTimeout: 10s
`;
}

export function loadScenarioConfig(base: string, body: string): LoadedConfig {
  return parseConfigText(`${base}\n${body}`, {
    format: 'yaml',
    env: SCENARIO_ENV,
    source: 'scenario.yaml',
    checks: CONFIG_CHECKS,
  });
}

/**
 * Fresh dependencies for one tick, as a cold-started function would build them: a new API client, a new file store
 * and new receivers, so nothing but the state file carries over between ticks. In-tick delivery retries wait 0 ms
 * (jitter drawn as 0) so a down webhook costs no real time.
 */
export function composeScenarioTick(loaded: LoadedConfig, logLines: string[]): TickDeps {
  const logger = createLogger({ level: 'warn', sink: (line) => logLines.push(line), secrets: loaded.secrets });
  const deps = composeTick(loaded, { logger, env: SCENARIO_ENV, consoleWrite: () => {} });
  return { ...deps, random: () => 0 };
}
