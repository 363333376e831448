import { SelectorPlanError, SelectorSyntaxError } from './selector-errors';
import { parseSelector } from './selector-parse';
import type { Selector, ServerTerm } from './selector-types';

/**
 * The requirement sent to the API, which selects by ONE label key and ORs comma-separated values: the first
 * `key = value` / `key in (…)` written. Users put their most selective term first to keep answers small; every
 * requirement (this one included) is then applied to the returned labels. Throws `SelectorPlanError`.
 */
export function serverTerm(selector: Selector): ServerTerm {
  const term = selector.requirements.find((r) => r.op === 'in');
  if (term === undefined) {
    throw new SelectorPlanError(
      `selector ${JSON.stringify(selector.text)} needs at least one \`key = value\` or \`key in (…)\` term: ` +
        'the API selects by one label key (add one, e.g. "team = payments", and keep the other terms as filters)',
    );
  }
  for (const value of term.values) {
    if (value.includes(',')) {
      throw new SelectorPlanError(
        `selector ${JSON.stringify(selector.text)}: value ${JSON.stringify(value)} of "${term.key}" contains a comma, ` +
          'which the API reads as a separator between values; it cannot be selected by',
      );
    }
    if (value === '') {
      throw new SelectorPlanError(
        `selector ${JSON.stringify(selector.text)}: "${term.key}" asks for the empty value, which the API cannot ` +
          'select by; put a term with a non-empty value first',
      );
    }
  }
  return { key: term.key, values: [...term.values] };
}

export type SelectorCheck =
  | { ok: true; selector: Selector; serverTerm: ServerTerm }
  | { ok: false; message: string; position?: number };

/** For `flink-watch validate`: parses and plans the selector, turning errors into a message (and column). */
export function checkSelector(text: string): SelectorCheck {
  try {
    const selector = parseSelector(text);
    return { ok: true, selector, serverTerm: serverTerm(selector) };
  } catch (err) {
    if (err instanceof SelectorSyntaxError) return { ok: false, message: err.message, position: err.position };
    if (err instanceof SelectorPlanError) return { ok: false, message: err.message };
    throw err;
  }
}
