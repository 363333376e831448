import { describe, expect, it } from 'vitest';
import { checkSelector, parseSelector, SelectorPlanError, serverTerm } from '../../lib/flink/selector';

describe('serverTerm', () => {
  it.each([
    ['team=payments', { key: 'team', values: ['payments'] }],
    ['team in (payments, risk), env=prod', { key: 'team', values: ['payments', 'risk'] }],
    ['env!=dev, !legacy, tier in (1, 2), team=a', { key: 'tier', values: ['1', '2'] }],
    ['owner, app == web', { key: 'app', values: ['web'] }],
  ])('%j sends %j', (text, term) => {
    expect(serverTerm(parseSelector(text))).toEqual(term);
  });

  it.each(['', 'team', '!team', 'team!=a', 'team notin (a,b), env'])('%j has no term the API can select by', (text) => {
    expect(() => serverTerm(parseSelector(text))).toThrow(SelectorPlanError);
    expect(() => serverTerm(parseSelector(text))).toThrow(
      'needs at least one `key = value` or `key in (…)` term: the API selects by one label key',
    );
  });

  it('refuses a value with a comma, naming it (the API splits on commas)', () => {
    const selector = { text: 'built elsewhere', requirements: [{ key: 'team', op: 'in' as const, values: ['a,b'] }] };
    expect(() => serverTerm(selector)).toThrow(SelectorPlanError);
    expect(() => serverTerm(selector)).toThrow('value "a,b" of "team" contains a comma');
  });

  it('refuses the empty value, which the API cannot select by', () => {
    expect(() => serverTerm(parseSelector('team in (a,)'))).toThrow('"team" asks for the empty value');
    expect(() => serverTerm(parseSelector('team='))).toThrow(SelectorPlanError);
  });

  it('returns a copy of the values', () => {
    const selector = parseSelector('team in (a, b)');
    serverTerm(selector).values.push('c');
    expect(selector.requirements[0]?.values).toEqual(['a', 'b']);
  });
});

describe('checkSelector', () => {
  it('accepts a usable selector and tells what is sent to the API', () => {
    const result = checkSelector('team in (payments, risk), env = prod');
    expect(result).toEqual({
      ok: true,
      selector: parseSelector('team in (payments, risk), env = prod'),
      serverTerm: { key: 'team', values: ['payments', 'risk'] },
    });
  });

  it('reports a syntax error with its column', () => {
    expect(checkSelector('team in (a')).toEqual({
      ok: false,
      message: 'selector "team in (a" at column 10: expected "," or ")" but found the end of the selector',
      position: 10,
    });
  });

  it('reports a selector the API cannot select by, without a column', () => {
    const result = checkSelector('env != prod');
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('position');
    if (!result.ok) expect(result.message).toContain('needs at least one `key = value` or `key in (…)` term');
  });
});
