// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { hasEnvRef } from './env-refs';
import { childPath } from './paths';
import type { ConfigProblem } from './problems';
import { isRecord, recordAt, stringAt } from './read';

const CREDENTIAL_KEYS = ['accessKeyId', 'accessKeySecret', 'securityToken'] as const;
const TOKEN_QUERY_KEYS = /^(access_token|key|token|secret|sign|signature)$/i;
const TOKEN_PATH_TAIL = [/\/hook\/([^/]+)$/, /\/services\/[^/]+\/[^/]+\/([^/]+)$/];
const CHAT_TYPES = new Set(['dingtalk', 'feishu', 'wecom', 'slack']);
const SECRET_HEADER = /auth|token|key|secret|signature|cookie/i;

/**
 * Every secret-bearing value of the (env-resolved) document, so loggers and error paths can redact them: receiver
 * URLs (and the tokens inside them), signing secrets, header values, Flink and OSS credentials, the report token.
 */
export function collectSecrets(document: unknown, substituted: ReadonlyMap<string, string[]> = new Map()): string[] {
  const found = new Set<string>();
  const add = (parent: unknown, parentPath: string, key: string) => {
    const value = stringAt(parent, key);
    if (value === undefined || value === '') return;
    found.add(value);
    for (const part of substituted.get(childPath(parentPath, key)) ?? []) found.add(part);
  };
  for (const section of ['flink', 'state'] as const) {
    for (const key of CREDENTIAL_KEYS) add(recordAt(document, section), section, key);
  }
  add(recordAt(document, 'report'), 'report', 'token');
  for (const [name, receiver] of Object.entries(recordAt(document, 'receivers') ?? {})) {
    const path = childPath('receivers', name);
    add(receiver, path, 'url');
    add(receiver, path, 'secret');
    const headers = recordAt(receiver, 'headers') ?? {};
    for (const header of Object.keys(headers)) add(headers, childPath(path, 'headers'), header);
    const url = stringAt(receiver, 'url');
    if (url !== undefined) for (const token of urlTokens(url)) found.add(token);
  }
  return [...found];
}

/** The token-like parts of a URL: password, token query values, the tail of chat hook paths. */
export function urlTokens(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const tokens: string[] = [];
  if (url.password) tokens.push(safeDecode(url.password));
  for (const [key, value] of url.searchParams) if (TOKEN_QUERY_KEYS.test(key) && value) tokens.push(value);
  for (const pattern of TOKEN_PATH_TAIL) {
    const tail = pattern.exec(url.pathname)?.[1];
    if (tail) tokens.push(safeDecode(tail));
  }
  return tokens;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const LITERAL_HINT = 'keep secrets out of the file: set an environment variable and write ${env:NAME}';

/** Warnings for secrets written literally in the file (they work, but end up in version control). */
export function literalSecretWarnings(document: unknown): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const check = (parent: unknown, parentPath: string, key: string, what: string) => {
    const value = stringAt(parent, key);
    if (value === undefined || value === '' || hasEnvRef(value)) return;
    warnings.push({
      path: childPath(parentPath, key),
      message: `${what} is written literally in the file`,
      hint: LITERAL_HINT,
    });
  };
  const flink = recordAt(document, 'flink');
  check(flink, 'flink', 'accessKeySecret', 'the AccessKey secret');
  check(flink, 'flink', 'securityToken', 'the security token');
  const state = recordAt(document, 'state');
  if (state?.type === 'oss') {
    check(state, 'state', 'accessKeySecret', 'the OSS AccessKey secret');
    check(state, 'state', 'securityToken', 'the OSS security token');
  }
  check(recordAt(document, 'report'), 'report', 'token', 'the report token');
  for (const [name, receiver] of Object.entries(recordAt(document, 'receivers') ?? {})) {
    if (!isRecord(receiver)) continue;
    const path = childPath('receivers', name);
    check(receiver, path, 'secret', 'the signing secret');
    const url = stringAt(receiver, 'url');
    if (url !== undefined && CHAT_TYPES.has(String(receiver.type)) && urlTokens(url).length > 0) {
      check(receiver, path, 'url', 'the robot URL carries its access token and');
    }
    const headers = recordAt(receiver, 'headers') ?? {};
    for (const header of Object.keys(headers)) {
      if (SECRET_HEADER.test(header)) check(headers, childPath(path, 'headers'), header, `the ${header} header value`);
    }
  }
  return warnings;
}
