import type { ReceiverConfig } from '../config/types';
import { redactUrl } from '../runtime/redact';
import { ReceiverConfigError } from './errors';

export interface RobotUrlRule {
  platform: string;
  /** The documented form, shown in errors, e.g. `https://oapi.dingtalk.com/robot/send?access_token=…`. */
  example: string;
  /** Returns what is wrong with a parsed URL, or undefined when it has the platform's shape. */
  problem?: (url: URL) => string | undefined;
}

/**
 * The receiver's URL, checked for the platform's shape. Errors show the URL redacted only: robot URLs carry their
 * token. A bare token instead of a URL is the most common set-up mistake, so it gets its own message.
 */
export function requireRobotUrl(config: ReceiverConfig, rule: RobotUrlRule): string {
  const raw = config.url?.trim();
  const fail = (problem: string, fix: string): never => {
    throw new ReceiverConfigError(config.name, problem, fix);
  };
  if (!raw) return fail('url is missing', `set the ${rule.platform} URL, ${rule.example}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('url is not a URL (a bare token?)', `set the full ${rule.platform} URL, ${rule.example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('url is not an http(s) URL', `use the ${rule.platform} URL, ${rule.example}`);
  }
  const problem = rule.problem?.(url);
  if (problem) return fail(`url ${redactUrl(raw)} ${problem}`, `expected ${rule.example}`);
  return raw;
}

/** Every secret-bearing piece of a receiver's config, for scrubbing platform error text. */
export function receiverSecrets(config: ReceiverConfig): string[] {
  const out: string[] = [];
  if (config.secret) out.push(config.secret);
  if (config.url) {
    out.push(config.url);
    try {
      const url = new URL(config.url);
      for (const value of url.searchParams.values()) out.push(value);
      // Feishu and Slack hook URLs carry the token as their last path segment.
      const last = url.pathname.split('/').filter(Boolean).at(-1);
      if (last && last.length >= 8) out.push(last);
      if (url.password) out.push(url.password);
    } catch {
      // An unparseable URL was already rejected by the factory.
    }
  }
  return out.filter((s) => s.length >= 4);
}
