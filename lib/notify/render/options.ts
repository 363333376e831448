import type { ReceiverConfig, ReportConfig } from '../../config/types';
import { ReceiverOptionsError } from './errors';
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
  'timeoutMs',
] as const;

const MOBILE = /^\+?[0-9][0-9-]{3,24}$/;
const USER_ID = /^[A-Za-z0-9_.@$:-]{1,128}$/;

function fail(config: ReceiverConfig, key: string, fix: string): never {
  throw new ReceiverOptionsError(`receivers.${config.name}.options.${key}: ${fix}`);
}

function stringList(config: ReceiverConfig, key: string, value: unknown, pattern: RegExp): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string' && pattern.test(v))) {
    fail(config, key, `expected a list of strings matching ${pattern}`);
  }
  return list;
}

function readMentions(config: ReceiverConfig, value: unknown): Mentions {
  if (value === undefined) return { all: false, mobiles: [], userIds: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(config, 'mentions', 'expected an object such as { all: false, mobiles: ["13800000000"], userIds: ["u1"] }');
  }
  const m = value as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!['all', 'mobiles', 'userIds'].includes(key)) fail(config, `mentions.${key}`, 'use all, mobiles or userIds');
  }
  if (m.all !== undefined && typeof m.all !== 'boolean') fail(config, 'mentions.all', 'expected true or false');
  const mobiles = stringList(config, 'mentions.mobiles', m.mobiles, MOBILE);
  const userIds = stringList(config, 'mentions.userIds', m.userIds, USER_ID);
  if (mobiles.length + userIds.length > 50) fail(config, 'mentions', 'mention at most 50 people; use all: true');
  return { all: m.all === true, mobiles, userIds };
}

function optionalTemplate(config: ReceiverConfig, key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(config, key, 'expected a non-empty Liquid template');
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
      fail(config, key, `unknown option for a ${config.type} receiver; known: ${allowed.join(', ')}`);
  }
  const locale = o.locale ?? report.locale;
  if (!isLocaleName(locale)) fail(config, 'locale', 'expected "en" or "zh-CN"');
  const timeZone = o.timeZone ?? report.timeZone;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    fail(config, 'timeZone', 'expected an IANA time zone such as "Asia/Shanghai" or "UTC"');
  }
  const overflow = o.overflow ?? 'summarise';
  if (overflow !== 'summarise' && overflow !== 'split') fail(config, 'overflow', 'expected "summarise" or "split"');
  const maxMessages = o.maxMessages ?? 3;
  if (typeof maxMessages !== 'number' || !Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 10) {
    fail(config, 'maxMessages', 'expected a whole number from 1 to 10');
  }
  const timeoutMs = o.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 100 && timeoutMs <= 120_000)) {
    fail(config, 'timeoutMs', 'expected milliseconds between 100 and 120000');
  }
  const keywords = extraKeys.includes('keyword') ? stringList(config, 'keyword', o.keyword, /^[^\n]{1,64}$/) : [];
  if (keywords.length > 10) fail(config, 'keyword', 'the platforms accept at most 10 keywords');
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
    fail(config, key, `expected one of ${choices.map((c) => `"${c}"`).join(', ')}`);
  }
  return value as T;
}
