import { urlTokens } from '../config/secrets';
import type { Config } from '../config/types';
import { redactSecrets } from '../runtime/redact';

/**
 * Every secret-bearing value of a resolved config: the report token, receiver URLs and the tokens inside them,
 * signing secrets, receiver header values, Flink and OSS credentials. The report redacts them from any text it
 * shows (error messages and summaries can quote a URL).
 */
export function configSecrets(config: Config): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') found.add(value);
  };
  add(config.report.token);
  for (const credentials of [
    config.flink.credentials,
    config.state.type === 'oss' ? config.state.credentials : undefined,
  ]) {
    add(credentials?.accessKeyId);
    add(credentials?.accessKeySecret);
    add(credentials?.securityToken);
  }
  for (const receiver of Object.values(config.receivers)) {
    add(receiver.secret);
    if (receiver.url !== undefined) {
      add(receiver.url);
      for (const token of urlTokens(receiver.url)) add(token);
    }
    const headers = receiver.options.headers;
    if (headers && typeof headers === 'object') for (const value of Object.values(headers)) add(value);
  }
  return [...found];
}

/** A copy of `value` with every known secret replaced in every string (keys included). */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactSecrets(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[redactSecrets(key, secrets)] = walk(child);
      return out;
    }
    return node;
  };
  return walk(value) as T;
}
