/** The configuration area: load, validate and resolve `flink-watch` configuration files. */
export { DURATION_FORMS, formatDuration, parseDuration } from './duration';
export type { Environment } from './env-refs';
export { ConfigError, DurationSyntaxError, MatcherSyntaxError } from './errors';
export type { ConfigCheck, LoadedConfig, ParseOptions } from './load';
export { loadConfigFile, parseConfigText } from './load';
export { compileMatcherRegex, parseMatcher } from './matchers';
export { isLoopbackHost } from './network';
export type { ConfigFormat } from './parse-text';
export { type ConfigProblem, formatProblem, formatProblems } from './problems';
export { configSchema } from './schema';
export { collectSecrets, urlTokens } from './secrets';
export type * from './types';
