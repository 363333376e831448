// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { ConfigError, formatProblems, parseConfigText } from '../../lib/config';
import { createLogger } from '../../lib/runtime/logger';
import { composeTick } from '../../lib/tick/compose';
import { worldConfigYaml, worldEnv } from './harness/fault-world';
import { describeError, fuzzParams, isTypedError } from './harness/fuzz';
import { leaksIn, SECRET_VALUES } from './harness/secrets';

/** A valid configuration that holds every kind of secret through environment references. */
const VALID = worldConfigYaml({ endpoint: '127.0.0.1:18080', statePath: '/tmp/flink-watch-fuzz/state.json' });
const ENV = worldEnv({ hookUrl: 'http://127.0.0.1:9', dingUrl: 'http://127.0.0.1:9' });
const REFS = Object.keys(ENV).map((name) => `\${env:${name}}`);

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).join();
/** How many documents loaded and how many were refused, so a test can check its generator reached both. */
const stats = { loaded: 0, refused: 0 };

/**
 * Everything the loader and the composition root can say about a configuration, for the secret search. Also checks
 * that no document (`__proto__` keys included) pollutes Object.prototype.
 */
function outputsOf(text: string, format: 'yaml' | 'json'): string[] {
  const out = outputsOfLoad(text, format);
  expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  return out;
}

function outputsOfLoad(text: string, format: 'yaml' | 'json'): string[] {
  const out: string[] = [];
  let loaded: ReturnType<typeof parseConfigText>;
  try {
    loaded = parseConfigText(text, { format, env: ENV, source: 'fuzz.yaml', checks: CONFIG_CHECKS });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw new Error(`the loader crashed: ${describeError(err)}`);
    stats.refused += 1;
    return [err.message, formatProblems(err.problems), formatProblems(err.warnings)];
  }
  stats.loaded += 1;
  out.push(formatProblems(loaded.warnings));
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l), secrets: loaded.secrets });
  try {
    composeTick(loaded, { logger, env: ENV, consoleWrite: (t) => lines.push(t) });
  } catch (err) {
    if (!isTypedError(err)) throw new Error(`composing a loaded configuration crashed: ${describeError(err)}`);
    out.push(err.message);
  }
  return [...out, ...lines];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A random JSON value, a secret reference, or a string that looks like one of the configuration's own forms. */
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom(...REFS, '${env:NOT_SET}', '$${env:X}', '${', '10s', '0', '-1s', '1.5h', 'http://10.0.0.1/x'),
  fc.constantFrom('https://oapi.dingtalk.com/robot/send?access_token=${env:REL_HOOK_URL}', 'team in (a, b)', '!x'),
  fc.string({ maxLength: 40 }),
);

type Mutation = { path: number[]; kind: 'delete' | 'set' | 'add'; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  kind: fc.constantFrom('delete', 'set', 'add'),
  key: fc.oneof(
    fc.constantFrom('url', 'secret', 'token', 'when', 'selector', 'type', 'timeout', 'for'),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted'),
    fc.string(),
  ),
  value: anyValue,
});

/** Applies a mutation at a path chosen by index through the document's containers (indices wrap around). */
function mutate(doc: Json, m: Mutation): Json {
  const root = structuredClone(doc);
  let node: Json = root;
  for (const [depth, index] of m.path.entries()) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[index % keys.length]!;
    const child: Json | undefined = Array.isArray(node) ? node[key as number] : node[key as string];
    const last = depth === m.path.length - 1 || child === null || typeof child !== 'object';
    if (!last && child !== undefined) {
      node = child;
      continue;
    }
    if (Array.isArray(node)) {
      if (m.kind === 'delete') node.splice(key as number, 1);
      else node[key as number] = m.value;
    } else if (m.kind === 'delete') delete node[key as string];
    else if (m.kind === 'add') node[m.key] = m.value;
    else node[key as string] = m.value;
    break;
  }
  return root;
}

describe('fuzzing the configuration loader', () => {
  const base = parseYaml(VALID) as Json;

  it('the valid configuration loads, and outputs none of its secrets', () => {
    const outputs = outputsOf(VALID, 'yaml');
    expect(leaksIn(outputs.join('\n'))).toEqual([]);
    expect(SECRET_VALUES.length).toBeGreaterThan(3);
  });

  it('mutations of a valid configuration load or fail with a ConfigError, and never show a secret', () => {
    const before = { ...stats };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, asJson) => {
        const doc = mutations.reduce(mutate, base);
        const text = asJson ? JSON.stringify(doc) : stringifyYaml(doc);
        expect(leaksIn(outputsOf(text, asJson ? 'json' : 'yaml').join('\n'))).toEqual([]);
      }),
      fuzzParams(400),
    );
    // Both paths must be exercised: refused documents and documents that load and get composed into a tick.
    expect(stats.loaded - before.loaded).toBeGreaterThan(20);
    expect(stats.refused - before.refused).toBeGreaterThan(100);
  });

  it('damaged text (cut, spliced, random characters) fails with a ConfigError or loads, and never shows a secret', () => {
    const yamlish = fc.string({ unit: fc.constantFrom(...'ab:-{}[],"\'#&*!|>%@`\n\t $\\{'.split('')), maxLength: 80 });
    fc.assert(
      fc.property(fc.nat({ max: VALID.length }), fc.nat({ max: VALID.length }), yamlish, (cut, at, insert) => {
        const spliced = VALID.slice(0, Math.min(cut, at)) + insert + VALID.slice(Math.max(cut, at));
        expect(leaksIn(outputsOf(spliced, 'yaml').join('\n'))).toEqual([]);
      }),
      fuzzParams(300),
    );
  });

  it('random documents fail with a ConfigError, whatever their shape', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          for (const format of ['yaml', 'json'] as const)
            expect(leaksIn(outputsOf(text, format).join('\n'))).toEqual([]);
        },
      ),
      fuzzParams(300),
    );
  });
});
