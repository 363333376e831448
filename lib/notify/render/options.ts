import type { ReceiverConfig, ReportConfig } from '../../config/types';
import { ReceiverConfigError } from '../errors';
import { parseDurationMs } from './duration';
import { isLocaleName, type LocaleName } from './locales';
import { isValidTimeZone } from './time';

export interface Mentions {
  all: boolean;
  /** Phone numbers (DingTalk, WeCom); overseas as `+852-12345678`. */
  mobiles: string[];
  /** Platform user ids (DingTalk userId, Feishu open_id `ou_…`, WeCom userid, Slack member id `U…`). */
  userIds: string[];
}

/** Options every chat receiver reads from `receivers.<name>.options`. */
export interface ChatOptions {
  locale: LocaleName;
  timeZone: string;
  /** Liquid template of the title line. */
  title?: string;
  /** Liquid template of one alert's block. */
  template?: string;
  /** DingTalk/Feishu security keywords: one of them must appear in every message. */
  keywords: string[];
  mentions: Mentions;
  /** What to do with alerts that do not fit one message. */
  overflow: 'summarise' | 'split';
  maxMessages: number;
  /** Per-request timeout, ms (`timeout` in the configuration). */
  timeoutMs: number;
}

export const COMMON_CHAT_OPTION_KEYS = [
  'locale',
  'timeZone',
  'title',
  'template',
  'mentions',
  'overflow',
  'maxMessages',
  'timeout',
  // Checked by the configuration loader (plain http to a non-loopback host); nothing to do here.
  'allowHttp',
] as const;

const MOBILE = /^\+?[0-9][0-9-]{3,24}$/;
const USER_ID = /^[A-Za-z0-9_.@$:-]{1,128}$/;

/** A bad receiver setting: names the receiver and the key (as written in the configuration), never the value. */
export function failOption(config: ReceiverConfig, key: string, fix: string): never {
  throw new ReceiverConfigError(config.name, `${key} is not valid`, fix);
}

function stringList(config: ReceiverConfig, key: string, value: unknown, pattern: RegExp, what: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string' && pattern.test(v))) {
    failOption(config, key, `expected a list of ${what}`);
  }
  return list;
}

function readMentions(config: ReceiverConfig, value: unknown): Mentions {
  if (value === undefined) return { all: false, mobiles: [], userIds: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    failOption(
      config,
      'mentions',
      'expected an object such as { all: false, mobiles: ["13800000000"], userIds: ["u1"] }',
    );
  }
  const m = value as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!['all', 'mobiles', 'userIds'].includes(key))
      failOption(config, `mentions.${key}`, 'use all, mobiles or userIds');
  }
  if (m.all !== undefined && typeof m.all !== 'boolean') failOption(config, 'mentions.all', 'expected true or false');
  const mobiles = stringList(
    config,
    'mentions.mobiles',
    m.mobiles,
    MOBILE,
    'phone numbers such as "13800001111" or "+852-12345678"',
  );
  const userIds = stringList(
    config,
    'mentions.userIds',
    m.userIds,
    USER_ID,
    'user ids (letters, digits and _ . @ $ : -)',
  );
  if (mobiles.length + userIds.length > 50) failOption(config, 'mentions', 'mention at most 50 people; use all: true');
  return { all: m.all === true, mobiles, userIds };
}

function optionalTemplate(config: ReceiverConfig, key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') failOption(config, key, 'expected a non-empty Liquid template');
  return value;
}

/** Reads and checks the options; `extraKeys` are the platform's own keys (read by the platform). */
export function readChatOptions(
  config: ReceiverConfig,
  report: ReportConfig,
  extraKeys: readonly string[],
): ChatOptions {
  const o = config.options;
  const allowed = [...COMMON_CHAT_OPTION_KEYS, ...extraKeys];
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key))
      failOption(config, key, `unknown option for a ${config.type} receiver; known: ${allowed.join(', ')}`);
  }
  const locale = o.locale ?? report.locale;
  if (!isLocaleName(locale)) failOption(config, 'locale', 'expected "en" or "zh-CN"');
  const timeZone = o.timeZone ?? report.timeZone;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    failOption(config, 'timeZone', 'expected an IANA time zone such as "Asia/Shanghai" or "UTC"');
  }
  const overflow = o.overflow ?? 'summarise';
  if (overflow !== 'summarise' && overflow !== 'split')
    failOption(config, 'overflow', 'expected "summarise" or "split"');
  const maxMessages = o.maxMessages ?? 3;
  if (typeof maxMessages !== 'number' || !Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 10) {
    failOption(config, 'maxMessages', 'expected a whole number from 1 to 10');
  }
  const timeoutMs = readTimeoutMs(config);
  const keywords = extraKeys.includes('keyword')
    ? stringList(config, 'keyword', o.keyword, /^[^\n]{1,64}$/, 'keywords of 1 to 64 characters on one line')
    : [];
  if (keywords.length > 10) failOption(config, 'keyword', 'the platforms accept at most 10 keywords');
  const out: ChatOptions = {
    locale,
    timeZone,
    keywords,
    mentions: readMentions(config, o.mentions),
    overflow,
    maxMessages,
    timeoutMs,
  };
  const title = optionalTemplate(config, 'title', o.title);
  const template = optionalTemplate(config, 'template', o.template);
  if (title !== undefined) out.title = title;
  if (template !== undefined) out.template = template;
  return out;
}

/** Reads a string option from a fixed set. */
export function readChoice<T extends string>(
  config: ReceiverConfig,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = config.options[key] ?? fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    failOption(config, key, `expected one of ${choices.map((c) => `"${c}"`).join(', ')}`);
  }
  return value as T;
}

/** `timeout`: per-request timeout (ms, or a duration such as `10s`), 100 ms to 2 min, default 10 s. */
export function readTimeoutMs(config: ReceiverConfig): number {
  const raw = config.options.timeout;
  const ms = raw === undefined ? 10_000 : parseDurationMs(raw);
  if (ms === undefined || ms < 100 || ms > 120_000)
    failOption(config, 'timeout', 'expected a duration from 100ms to 2m, e.g. "10s"');
  return ms;
}
