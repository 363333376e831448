import { randomUUID } from 'node:crypto';
import type { LoadedConfig } from '../config/load';
import { createFlinkClient } from '../flink/client';
import type { FlinkClient } from '../flink/types';
import { createReceivers } from '../notify/registry';
import type { Receiver } from '../notify/types';
import { compileRules } from '../rules';
import { type Clock, sleep, systemClock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { createStateStore } from '../state/create-store';
import type { StateStore } from '../state/types';
import { RuleCompileError } from './errors';
import type { TickDeps } from './types';

export interface ComposeOptions {
  logger: Logger;
  clock?: Clock;
  /** Function Compute's `context.credentials` (used by the API client and the OSS store). */
  contextCredentials?: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string };
  env?: Record<string, string | undefined>;
  /** Where console receivers write; defaults to stdout. */
  consoleWrite?: (text: string) => void;
  consoleColor?: boolean;
  /** Replace parts (tests, the demo). */
  client?: FlinkClient;
  store?: StateStore;
  receivers?: Map<string, Receiver>;
}

/**
 * The composition root shared by the CLI, the FC handlers and the demo: everything a tick needs, built once per
 * configuration. Throws `RuleCompileError` when a rule does not compile (`validate` reports those as config problems).
 */
export function composeTick(loaded: LoadedConfig, options: ComposeOptions): TickDeps {
  const { config } = loaded;
  const { logger } = options;
  const compiled = compileRules(config.rules);
  if (compiled.problems.length > 0) throw new RuleCompileError(compiled.problems);
  const env = options.env ?? process.env;
  const client =
    options.client ??
    createFlinkClient({
      flink: config.flink,
      logger: logger.child({ area: 'flink' }),
      env,
      ...(options.contextCredentials ? { contextCredentials: options.contextCredentials } : {}),
    });
  const store =
    options.store ??
    createStateStore(config.state, {
      logger: logger.child({ area: 'state' }),
      env,
      ...(options.contextCredentials ? { contextCredentials: options.contextCredentials } : {}),
    });
  const receivers =
    options.receivers ??
    createReceivers(config.receivers, {
      logger: logger.child({ area: 'notify' }),
      report: config.report,
      region: config.flink.region,
      consoleWrite: options.consoleWrite ?? ((text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)),
      ...(options.consoleColor !== undefined ? { consoleColor: options.consoleColor } : {}),
    });
  return {
    config,
    rules: compiled.compiled,
    client,
    store,
    receivers,
    clock: options.clock ?? systemClock,
    sleep,
    logger,
    random: Math.random,
    newId: randomUUID,
    secrets: loaded.secrets,
  };
}
