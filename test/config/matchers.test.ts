import { describe, expect, it } from 'vitest';
import { compileMatcherRegex, MatcherSyntaxError, parseMatcher } from '../../lib/config';

describe('parseMatcher', () => {
  it.each([
    ['severity="critical"', { name: 'severity', op: '=', value: 'critical' }],
    ['severity = critical', { name: 'severity', op: '=', value: 'critical' }],
    ['deployment=~"pay-.*"', { name: 'deployment', op: '=~', value: 'pay-.*' }],
    ['deployment !~ "pay-\\d+"', { name: 'deployment', op: '!~', value: 'pay-\\d+' }],
    ['team!="risk"', { name: 'team', op: '!=', value: 'risk' }],
    ['comment="say \\"hi\\""', { name: 'comment', op: '=', value: 'say "hi"' }],
    ['owner=""', { name: 'owner', op: '=', value: '' }],
    ['owner=', { name: 'owner', op: '=', value: '' }],
    ['message="a b, c"', { name: 'message', op: '=', value: 'a b, c' }],
  ])('%s', (text, expected) => {
    expect(parseMatcher(text)).toEqual(expected);
  });

  it.each([
    ['="x"', 'does not start with a label name'],
    ['severity', 'has no operator'],
    ['severity=="x"', 'badly quoted'],
    ['severity="critical', 'no closing quote'],
    ['severity="a" team="b"', 'text after the closing quote'],
    ["severity='critical'", 'badly quoted'],
    ['deployment=~"pay-(.*"', 'does not compile'],
  ])('rejects %s', (text, message) => {
    expect(() => parseMatcher(text)).toThrow(MatcherSyntaxError);
    expect(() => parseMatcher(text)).toThrow(message);
  });

  it('anchors regular expressions like Alertmanager', () => {
    const regex = compileMatcherRegex('pay-.*');
    expect(regex.test('pay-ingest')).toBe(true);
    expect(regex.test('xpay-ingest')).toBe(false);
    expect(compileMatcherRegex('a|b').test('ab')).toBe(false);
  });
});
