import type { Matcher } from '../config/types';
import { InvalidMatcherError } from './errors';
import type { Labels } from './types';

/** Matchers compiled once (regular expressions built up front), then applied to many label sets. */
export interface CompiledMatchers {
  readonly matchers: readonly Matcher[];
  /** True when every matcher matches; an empty list matches everything. */
  matches(labels: Labels): boolean;
}

type Test = (value: string) => boolean;

/**
 * Alertmanager semantics: a missing label reads as the empty string, and regular expressions are fully anchored
 * (`^(?:re)$`), so `severity=~"crit"` does not match `critical`. Throws `InvalidMatcherError` for a bad pattern.
 */
export function compileMatchers(matchers: readonly Matcher[]): CompiledMatchers {
  const tests = matchers.map((m) => ({ name: m.name, test: compileOne(m) }));
  return {
    matchers,
    matches(labels: Labels): boolean {
      for (const { name, test } of tests) {
        if (!test(labels[name] ?? '')) return false;
      }
      return true;
    },
  };
}

function compileOne(m: Matcher): Test {
  switch (m.op) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~': {
      const re = anchored(m);
      return (v) => re.test(v);
    }
    case '!~': {
      const re = anchored(m);
      return (v) => !re.test(v);
    }
  }
}

function anchored(m: Matcher): RegExp {
  try {
    return new RegExp(`^(?:${m.value})$`);
  } catch (error) {
    throw new InvalidMatcherError(formatMatcher(m), { cause: error });
  }
}

/** Convenience for one-off checks; prefer `compileMatchers` when the same matchers run against many alerts. */
export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  return compileMatchers(matchers).matches(labels);
}

/** `name op "value"`, the way Alertmanager prints a matcher. */
export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

export function formatMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map(formatMatcher).join(', ')}}`;
}
