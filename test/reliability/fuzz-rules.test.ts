import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleConfig } from '../../lib/config/types';
import { checkSelector, matchesSelector, parseSelector, serverTerm } from '../../lib/flink/selector';
import { SelectorPlanError, SelectorSyntaxError } from '../../lib/flink/selector-errors';
import type { Deployment } from '../../lib/flink/types';
import { allWindowsMs, buildDeploymentFacts, compileRules, evaluateRules, recordSample } from '../../lib/rules';
import { describeError, fuzzParams } from './harness/fuzz';

const labelKey = fc.constantFrom('team', 'env', 'tier', 'app.kubernetes.io/name', 'x', 'a_b', '9');
const labelValue = fc.oneof(
  fc.constantFrom('payments', 'prod', 'risk', '', '1', 'a-b.c_d'),
  fc.string({ maxLength: 8 }),
);
const labels = fc.dictionary(fc.oneof(labelKey, fc.string({ maxLength: 6 })), labelValue, { maxKeys: 5 });

/** Selector-shaped text: keys, operators, values, lists and separators in random order, plus random junk. */
const selectorText = fc.oneof(
  fc
    .array(
      fc.oneof(
        labelKey,
        labelValue,
        fc.constantFrom('=', '==', '!=', ' in ', ' notin ', '(', ')', ',', '!', ' ', '  ', 'in', '\t'),
      ),
      { maxLength: 14 },
    )
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'=!(),inot ab-_./'.split('')), maxLength: 30 }),
);

describe('fuzzing label selectors', () => {
  it('any text parses into a selector or fails with SelectorSyntaxError; matching never throws', () => {
    fc.assert(
      fc.property(selectorText, labels, (text, given) => {
        let selector: ReturnType<typeof parseSelector>;
        try {
          selector = parseSelector(text);
        } catch (err) {
          if (!(err instanceof SelectorSyntaxError)) throw new Error(`parseSelector crashed: ${describeError(err)}`);
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.position).toBeLessThanOrEqual(text.length);
          return;
        }
        expect(typeof matchesSelector(selector, given)).toBe('boolean');
        try {
          const term = serverTerm(selector);
          expect(term.values.length).toBeGreaterThan(0);
          // The server term is a requirement of the selector: whatever matches the selector carries one of its values.
          if (matchesSelector(selector, given)) expect(term.values).toContain(given[term.key]);
        } catch (err) {
          if (!(err instanceof SelectorPlanError)) throw new Error(`serverTerm crashed: ${describeError(err)}`);
        }
        const check = checkSelector(text);
        expect(typeof check.ok).toBe('boolean');
      }),
      fuzzParams(1_500),
    );
  });
});

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

/**
 * CEL expressions, mostly well typed (so that they compile and reach the evaluator), built from the rule variables,
 * literals at the edges of their types, operators, functions and macros; plus random junk.
 */
const typed = fc.letrec<{ int: string; str: string; bool: string }>((tie) => ({
  int: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    pick(
      'running',
      'failed',
      'starting',
      'cancelled',
      'increase.failed',
      'increase.running',
      'increaseIn("1h").failed',
    ),
    pick('increaseIn("10m").cancelled', 'deployments.size()', '9223372036854775807', '-9223372036854775808', '0'),
    fc.integer({ min: -3, max: 3 }).map(String),
    tie('str').map((x) => `size(${x})`),
    fc.tuple(tie('int'), pick('+', '-', '*', '/', '%'), tie('int')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    pick('int(1.5e300)', 'int("12")', 'int("x")', 'size(labels)', 'deployments.filter(d, d.failed > 0).size()'),
  ),
  str: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    pick('name', 'executionMode', 'engineVersion', 'namespace', 'workspace', 'labels.team', 'labels["env"]'),
    fc.string({ maxLength: 6 }).map((x) => JSON.stringify(x)),
    tie('int').map((x) => `string(${x})`),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `${a} + ${b}`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    pick('deploymentHasChanged', 'firstSeen', 'true', 'false', 'has(labels.tier)', '"env" in labels'),
    fc.tuple(tie('int'), pick('==', '!=', '<', '<=', '>', '>='), tie('int')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('str'), pick('==', '!=', '<'), tie('str')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('str'), pick('startsWith', 'endsWith', 'contains'), tie('str')).map(([a, f, b]) => `${a}.${f}(${b})`),
    fc.tuple(tie('str'), pick('"^pay"', '"[a-z]+-\\d"', '"("', '""')).map(([a, re]) => `${a}.matches(${re})`),
    fc.tuple(tie('bool'), pick('&&', '||'), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((a) => `!${a}`),
    fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
    fc
      .tuple(pick('exists', 'all', 'exists_one'), tie('bool'))
      .map(([macro, body]) => `deployments.${macro}(d, d.running < 1 || ${body.replaceAll('running', 'd.running')})`),
  ),
}));

const junk = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'()[]{}.,!&|=<>"\'+-*/%? :abc01'.split('')), maxLength: 20 }),
  pick('running <', '"unterminated', 'increaseIn(', 'labels[', '1 +', 'null', '[1, 2]', '{"a": 1}', 'unknownVariable'),
);

const expression: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: typed.bool },
  { weight: 1, arbitrary: typed.int },
  { weight: 1, arbitrary: typed.str },
  { weight: 2, arbitrary: junk },
);

const count = fc.oneof(fc.nat({ max: 5 }), fc.constant(2 ** 31), fc.constant(Number.MAX_SAFE_INTEGER));
const summary = fc.record({
  starting: count,
  running: count,
  cancelling: count,
  cancelled: count,
  finished: count,
  failed: count,
});
const deployment: fc.Arbitrary<Deployment> = fc.record({
  deploymentId: fc.string({ minLength: 1, maxLength: 8 }),
  name: fc.string({ maxLength: 12 }),
  namespace: fc.constantFrom('default-namespace', ''),
  workspace: fc.constantFrom('ws', ''),
  labels,
  executionMode: fc.constantFrom('STREAMING', 'BATCH', ''),
  engineVersion: fc.string({ maxLength: 10 }),
  deploymentHasChanged: fc.boolean(),
  createdAt: fc.constant(null),
  modifiedAt: fc.constant(null),
  jobSummary: summary,
});

function rule(when: string, scope: 'deployment' | 'watch'): RuleConfig {
  return { name: `fuzz-${scope}`, when, scope, forMs: 0, severity: 'warning', watches: [], labels: {} };
}

describe('fuzzing CEL rules', () => {
  it('random expressions compile or are refused with a problem, and evaluate on random facts without throwing', () => {
    const started = performance.now();
    const seen = { runs: 0, compiled: 0, evaluated: 0 };
    fc.assert(
      fc.property(
        expression,
        fc.array(fc.tuple(deployment, fc.option(summary, { nil: undefined })), { maxLength: 4 }),
        (when, list) => {
          const { compiled, problems } = compileRules([rule(when, 'deployment'), rule(when, 'watch')]);
          expect(compiled.length + problems.length).toBe(2);
          seen.runs += 1;
          if (compiled.length > 0) seen.compiled += 1;
          for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
          const now = Date.UTC(2025, 5, 2);
          const windowsMs = allWindowsMs(compiled);
          const facts = list.map(([d, before]) => {
            const history = before
              ? recordSample(undefined, {
                  deployment: { ...d, jobSummary: before },
                  watches: ['w'],
                  now: now - 60_000,
                  keepMs: 86_400_000,
                })
              : undefined;
            return buildDeploymentFacts({ deployment: d, watch: 'w', history, now, windowsMs });
          });
          const { results: verdicts, errors } = evaluateRules({ compiled, watches: [{ watch: 'w', facts }] });
          const results = [...verdicts];
          for (const r of results) expect([true, false, 'error']).toContain(r.holds);
          if (results.some((r) => r.holds !== 'error')) seen.evaluated += 1;
          for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
        },
      ),
      fuzzParams(1_000),
    );
    // Expressions are bounded (no loops beyond the macros over bounded lists): the whole run stays fast.
    expect(performance.now() - started).toBeLessThan(60_000);
    // The generator is worth something only if a good share of its expressions compile and evaluate.
    console.log(`CEL fuzz: ${seen.runs} expressions, ${seen.compiled} compiled, ${seen.evaluated} evaluated to a bool`);
    expect(seen.compiled).toBeGreaterThan(seen.runs / 10);
    expect(seen.evaluated).toBeGreaterThan(seen.runs / 20);
  });

  it('expressions cannot reach the host: no process, require, constructor or eval', () => {
    const attempts = [
      'process.exit(1) == 0',
      'require("fs") == null',
      'this.constructor.constructor("return process")() == null',
      'name.constructor == null',
      'name.__proto__ == null',
      'eval("1") == 1',
      'Function("return 1")() == 1',
      'globalThis == null',
      'labels.__proto__.polluted == "x"',
      'import("fs") == null',
    ];
    for (const when of attempts) {
      const { compiled, problems } = compileRules([rule(when, 'deployment')]);
      const facts = [
        buildDeploymentFacts({
          deployment: {
            deploymentId: 'd',
            name: 'n',
            namespace: 'ns',
            workspace: 'ws',
            labels: {},
            executionMode: 'STREAMING',
            engineVersion: '',
            deploymentHasChanged: false,
            createdAt: null,
            modifiedAt: null,
            jobSummary: { starting: 0, running: 1, cancelling: 0, cancelled: 0, finished: 0, failed: 0 },
          },
          watch: 'w',
          history: undefined,
          now: 0,
          windowsMs: [],
        }),
      ];
      const results = [...evaluateRules({ compiled, watches: [{ watch: 'w', facts }] }).results];
      // Either refused when compiled, or evaluated to an error: never true, never a side effect.
      expect(problems.length === 1 || results.every((r) => r.holds === 'error' || r.holds === false), when).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
