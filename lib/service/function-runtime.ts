import { isAbsolute, join } from 'node:path';
import { CONFIG_CHECKS } from '../cli/config-checks';
import { type LoadedConfig, loadConfigFile } from '../config';
import { systemClock } from '../runtime/clock';
import { createDeadline, type Deadline } from '../runtime/deadline';
import { budgetFromContext, contextCredentials, type FcContext } from '../runtime/fc-context';
import { createLogger, type Logger } from '../runtime/logger';
import { composeTick } from '../tick/compose';
import type { TickDeps } from '../tick/types';
import { createReportModelCache, REPORT_CACHE_TTL_MS } from './report-cache';

export interface FunctionRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Where log lines go; FC ships stdout to SLS (one JSON object per line). */
  sink?: (line: string) => void;
}

export interface Invocation {
  deps: TickDeps;
  deadline: Deadline;
  logger: Logger;
  loaded: LoadedConfig;
}

/** Where the configuration is: `FLINK_WATCH_CONFIG` (absolute, or relative to the code directory), by default
 * `flink-watch.yaml` shipped next to the handler. */
export function configPath(env: Record<string, string | undefined>): string {
  const name = env.FLINK_WATCH_CONFIG ?? 'flink-watch.yaml';
  if (isAbsolute(name)) return name;
  return join(env.FC_FUNC_CODE_PATH ?? process.cwd(), name);
}

/** The role's secret and token (context or FC's environment variables), so that no log line can carry them. */
function credentialSecrets(
  credentials: FcContext['credentials'] | undefined,
  env: Record<string, string | undefined>,
): string[] {
  const values = [
    credentials?.accessKeySecret,
    credentials?.securityToken,
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    env.ALIBABA_CLOUD_SECURITY_TOKEN,
  ];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/**
 * The composition root of both handlers. The configuration is loaded and checked once per function instance (warm
 * invocations reuse it); the API client, store and receivers are built per invocation because the function role's
 * STS credentials in the context rotate.
 */
export function createFunctionRuntime(options: FunctionRuntimeOptions) {
  const { env } = options;
  const sink = options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
  let loading: Promise<LoadedConfig> | undefined;
  const load = () => {
    loading ??= loadConfigFile(configPath(env), { env, checks: CONFIG_CHECKS }).catch((err: unknown) => {
      loading = undefined; // a fixed file or variable is picked up by the next invocation
      throw err;
    });
    return loading;
  };
  // Warm invocations of the report function share recent models (see report-cache.ts); FLINK_WATCH_REPORT_CACHE_MS
  // overrides the 10 s (0 turns the cache off).
  const reportModels = createReportModelCache(systemClock, () => reportCacheTtlMs(env));
  return {
    reportModels,
    async invocation(context: FcContext | undefined): Promise<Invocation> {
      // FC's timeout runs from the start of the invocation: loading the configuration is part of the budget.
      const started = systemClock.now();
      const loaded = await load();
      const credentials = contextCredentials(context);
      const secrets = [...new Set([...loaded.secrets, ...credentialSecrets(context?.credentials, env)])];
      const logger = createLogger({ secrets, sink }, { requestId: context?.requestId });
      const composed = composeTick(loaded, {
        logger,
        env,
        consoleWrite: (text) => logger.info('console receiver', { text }),
        ...(credentials ? { contextCredentials: credentials } : {}),
      });
      const deps = { ...composed, secrets };
      const budgetMs = budgetFromContext(context, loaded.config.tickTimeoutMs) - (systemClock.now() - started);
      const deadline = createDeadline(Math.max(1, budgetMs), systemClock);
      return { deps, deadline, logger, loaded };
    },
    /** A logger for failures before the configuration could be loaded (nothing to redact is known yet). */
    bareLogger(context: FcContext | undefined): Logger {
      return createLogger({ sink }, { requestId: context?.requestId });
    },
  };
}

function reportCacheTtlMs(env: Record<string, string | undefined>): number {
  const raw = env.FLINK_WATCH_REPORT_CACHE_MS;
  const ms = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : REPORT_CACHE_TTL_MS;
}

export type FunctionRuntime = ReturnType<typeof createFunctionRuntime>;
