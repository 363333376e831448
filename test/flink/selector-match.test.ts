import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector } from '../../lib/flink/selector';

const labels = { team: 'payments', env: 'prod', tier: '1', empty: '' };

const table: Array<[string, Record<string, string>, boolean]> = [
  ['', labels, true],
  ['', {}, true],
  ['team=payments', labels, true],
  ['team=risk', labels, false],
  ['team=payments', {}, false],
  ['team==payments', labels, true],
  ['team!=payments', labels, false],
  ['team!=risk', labels, true],
  ['team!=risk', {}, true],
  ['team in (risk, payments)', labels, true],
  ['team in (risk, ops)', labels, false],
  ['owner in (a)', labels, false],
  ['team notin (risk, ops)', labels, true],
  ['team notin (payments)', labels, false],
  ['owner notin (a)', labels, true],
  ['team', labels, true],
  ['owner', labels, false],
  ['!owner', labels, true],
  ['!team', labels, false],
  ['empty', labels, true],
  ['empty=', labels, true],
  ['empty in ()', labels, true],
  ['team=', labels, false],
  ['team=payments,env=prod', labels, true],
  ['team=payments,env=dev', labels, false],
  ['team=payments,env!=prod', labels, false],
  ['team in (payments),tier=1,!owner,env notin (dev)', labels, true],
  ['a=1,a=2', { a: '1' }, false],
  // Inherited properties are not labels.
  ['constructor', {}, false],
  ['!toString', {}, true],
  ['hasOwnProperty notin (x)', {}, true],
];

describe('matchesSelector', () => {
  it.each(table)('%j on %j → %s', (text, given, expected) => {
    expect(matchesSelector(parseSelector(text), given)).toBe(expected);
  });
});
