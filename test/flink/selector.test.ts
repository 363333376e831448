import { describe, expect, it } from 'vitest';
import { parseSelector, type Requirement, SelectorSyntaxError } from '../../lib/flink/selector';

const valid: Array<[string, Requirement[]]> = [
  ['', []],
  ['   ', []],
  ['team=payments', [{ key: 'team', op: 'in', values: ['payments'] }]],
  ['team==payments', [{ key: 'team', op: 'in', values: ['payments'] }]],
  ['team != payments', [{ key: 'team', op: 'notin', values: ['payments'] }]],
  ['team=', [{ key: 'team', op: 'in', values: [''] }]],
  [
    'team!=,env',
    [
      { key: 'team', op: 'notin', values: [''] },
      { key: 'env', op: 'exists', values: [] },
    ],
  ],
  ['team in (a,b)', [{ key: 'team', op: 'in', values: ['a', 'b'] }]],
  ['  team   in(  a ,  b  )  ', [{ key: 'team', op: 'in', values: ['a', 'b'] }]],
  ['team notin (a)', [{ key: 'team', op: 'notin', values: ['a'] }]],
  ['team in (b,a,b)', [{ key: 'team', op: 'in', values: ['b', 'a'] }]],
  ['team in ()', [{ key: 'team', op: 'in', values: [''] }]],
  ['team in (a,)', [{ key: 'team', op: 'in', values: ['a', ''] }]],
  ['team', [{ key: 'team', op: 'exists', values: [] }]],
  ['!team', [{ key: 'team', op: 'notexists', values: [] }]],
  ['! team', [{ key: 'team', op: 'notexists', values: [] }]],
  ['in in (in, notin)', [{ key: 'in', op: 'in', values: ['in', 'notin'] }]],
  ['example.com/team=a', [{ key: 'example.com/team', op: 'in', values: ['a'] }]],
  ['app.kubernetes.io/name in (My_App-1.0)', [{ key: 'app.kubernetes.io/name', op: 'in', values: ['My_App-1.0'] }]],
  [`${'k'.repeat(63)}=${'v'.repeat(63)}`, [{ key: 'k'.repeat(63), op: 'in', values: ['v'.repeat(63)] }]],
  [
    'team in (payments, risk), env = prod, !legacy, tier, region notin (us, eu)\n',
    [
      { key: 'team', op: 'in', values: ['payments', 'risk'] },
      { key: 'env', op: 'in', values: ['prod'] },
      { key: 'legacy', op: 'notexists', values: [] },
      { key: 'tier', op: 'exists', values: [] },
      { key: 'region', op: 'notin', values: ['us', 'eu'] },
    ],
  ],
  [
    'a=1,a=2',
    [
      { key: 'a', op: 'in', values: ['1'] },
      { key: 'a', op: 'in', values: ['2'] },
    ],
  ],
];

describe('parseSelector: valid selectors', () => {
  it.each(valid)('%j', (text, requirements) => {
    expect(parseSelector(text)).toEqual({ text, requirements });
  });
});

interface SyntaxCase {
  text: string;
  position: number;
  expected: string[];
  found?: string;
  message?: string;
}

const invalid: SyntaxCase[] = [
  {
    text: 'team in (a',
    position: 10,
    expected: ['","', '")"'],
    found: 'the end of the selector',
    message: 'selector "team in (a" at column 10: expected "," or ")" but found the end of the selector',
  },
  { text: 'team in a', position: 8, expected: ['"("'], found: '"a"' },
  { text: 'team in (a b)', position: 11, expected: ['","', '")"'], found: '"b"' },
  { text: 'team in (=)', position: 9, expected: ['a value', '","', '")"'], found: '"="' },
  { text: 'team in', position: 7, expected: ['"("'], found: 'the end of the selector' },
  { text: 'team=a,', position: 7, expected: ['a label key', '"!"'], found: 'the end of the selector' },
  { text: 'team=a,,env', position: 7, expected: ['a label key', '"!"'], found: '","' },
  { text: ',team', position: 0, expected: ['a label key', '"!"'], found: '","' },
  { text: 'team=a env=b', position: 7, expected: ['","', 'the end of the selector'], found: '"env"' },
  { text: 'team=(a)', position: 5, expected: ['a value', '","', 'the end of the selector'], found: '"("' },
  { text: '!', position: 1, expected: ['a label key'], found: 'the end of the selector' },
  { text: '!=a', position: 0, expected: ['a label key', '"!"'], found: '"!="' },
  {
    text: 'team foo',
    position: 5,
    expected: ['"="', '"=="', '"!="', '"in"', '"notin"', '","', 'the end of the selector'],
    found: '"foo"',
  },
  {
    text: 'team IN (a)',
    position: 5,
    expected: ['"="', '"=="', '"!="', '"in"', '"notin"', '","', 'the end of the selector'],
  },
  { text: 'team=a)', position: 6, expected: ['","', 'the end of the selector'], found: '")"' },
];

describe('parseSelector: syntax errors', () => {
  it.each(invalid)('$text', ({ text, position, expected, found, message }) => {
    let caught: unknown;
    try {
      parseSelector(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SelectorSyntaxError);
    const error = caught as SelectorSyntaxError;
    expect(error.name).toBe('SelectorSyntaxError');
    expect({ position: error.position, expected: error.expected }).toEqual({ position, expected });
    if (found !== undefined) expect(error.found).toBe(found);
    if (message !== undefined) expect(error.message).toBe(message);
    expect(error.message).toContain(`at column ${position}`);
  });

  it.each([
    ['!team=a', 5, '"!team" takes no operator or value (write "team != value" instead)'],
    ['replicas > 1', 9, 'the ">" comparison is not supported (use "in" or "notin")'],
    ['-team=a', 0, 'label key "-team" is not valid: the name must begin with a letter or digit'],
    ['team_=a', 0, 'label key "team_" is not valid: the name must end with a letter or digit'],
    ['te$m=a', 0, 'label key "te$m" is not valid: the name contains "$"'],
    [`${'k'.repeat(64)}=a`, 0, 'the name is 64 characters long (at most 63)'],
    ['Example.com/team=a', 0, 'the prefix "Example.com" is not a lower-case DNS subdomain'],
    ['/team=a', 0, 'the prefix before "/" is empty'],
    ['example.com/=a', 0, 'the name after "/" is empty'],
    ['a/b/c=a', 0, 'a key may contain at most one "/"'],
    ['team = -a', 7, 'label value "-a" is not valid: the value must begin with a letter or digit'],
    ['team in (a, b.)', 12, 'label value "b." is not valid: the value must end with a letter or digit'],
    [`team=${'v'.repeat(64)}`, 5, 'the value is 64 characters long (at most 63)'],
    ['team=a/b', 5, 'the value contains "/"'],
  ])('%j fails at %i', (text, position, problem) => {
    expect(() => parseSelector(text)).toThrow(SelectorSyntaxError);
    try {
      parseSelector(text);
    } catch (err) {
      expect((err as SelectorSyntaxError).position).toBe(position);
      expect((err as SelectorSyntaxError).message).toContain(problem);
      expect((err as SelectorSyntaxError).message).toContain(`selector ${JSON.stringify(text)} at column ${position}`);
    }
  });
});
