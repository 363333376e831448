import { describe, expect, it } from 'vitest';
import { InvalidMatcherError } from '../../lib/alerts/errors';
import { compileMatchers, formatMatchers, matchesAll } from '../../lib/alerts/matchers';
import { muteAll } from '../../lib/alerts/muter';
import { silenceMuter } from '../../lib/alerts/silence-muter';
import type { Matcher, SilenceConfig } from '../../lib/config/types';
import { deploymentLabels, HOUR, T0 } from './fixtures';

const labels = { alertname: 'job-failed', severity: 'critical', team: 'payments' };
const m = (name: string, op: Matcher['op'], value: string): Matcher => ({ name, op, value });

describe('matchers', () => {
  it.each([
    { matcher: m('severity', '=', 'critical'), result: true },
    { matcher: m('severity', '=', 'warning'), result: false },
    { matcher: m('severity', '!=', 'warning'), result: true },
    { matcher: m('severity', '=~', 'crit'), result: false },
    { matcher: m('severity', '=~', 'crit.*'), result: true },
    { matcher: m('severity', '=~', 'warning|critical'), result: true },
    { matcher: m('severity', '!~', 'warning|critical'), result: false },
    { matcher: m('missing', '=', ''), result: true },
    { matcher: m('missing', '!=', ''), result: false },
    { matcher: m('missing', '=~', '.*'), result: true },
    { matcher: m('missing', '=~', '.+'), result: false },
    { matcher: m('team', '=~', 'pay|risk'), result: false },
    { matcher: m('team', '=~', '(pay|risk).*'), result: true },
  ])('$matcher.name $matcher.op "$matcher.value" → $result', ({ matcher, result }) => {
    expect(matchesAll([matcher], labels)).toBe(result);
  });

  it('anchors alternations as a whole, not only their first and last branch', () => {
    expect(matchesAll([m('team', '=~', 'x|payments|y')], labels)).toBe(true);
    expect(matchesAll([m('team', '=~', 'pay|ments')], labels)).toBe(false);
  });

  it('needs every matcher to match; an empty list matches everything', () => {
    expect(matchesAll([m('severity', '=', 'critical'), m('team', '=', 'risk')], labels)).toBe(false);
    expect(matchesAll([], labels)).toBe(true);
  });

  it('compiles once and can be reused', () => {
    const compiled = compileMatchers([m('team', '=~', 'pay.*')]);
    expect(compiled.matches(labels)).toBe(true);
    expect(compiled.matches({ team: 'risk' })).toBe(false);
  });

  it('rejects a bad regular expression with a message that names the matcher', () => {
    expect(() => compileMatchers([m('team', '=~', '(unclosed')])).toThrow(InvalidMatcherError);
    expect(() => compileMatchers([m('team', '=~', '(unclosed')])).toThrow(/team=~"\(unclosed"/);
  });

  it('formats matchers the way Alertmanager prints them', () => {
    expect(formatMatchers([m('team', '=', 'payments'), m('env', '!~', 'dev|test')])).toBe(
      '{team="payments", env!~"dev|test"}',
    );
  });
});

describe('silenceMuter', () => {
  const silence: SilenceConfig = {
    matchers: [m('deployment', '=', 'orders-etl')],
    startsAt: new Date(T0),
    endsAt: new Date(T0 + 2 * HOUR),
    comment: 'migrating the sink',
    createdBy: 'alice',
  };
  const muter = silenceMuter([silence]);
  const target = deploymentLabels({ deployment: 'orders-etl' });

  it('mutes matching alerts while active, and says by which silence', () => {
    const by = muter.mutedBy(target, T0 + HOUR);
    expect(by).toContain('silence #1');
    expect(by).toContain('deployment="orders-etl"');
    expect(by).toContain('migrating the sink');
    expect(muter.reason).toBe('silence');
  });

  it('mutes from its start (inclusive) to its end (exclusive)', () => {
    expect(muter.mutedBy(target, T0)).toBeDefined();
    expect(muter.mutedBy(target, T0 - 1)).toBeUndefined();
    expect(muter.mutedBy(target, T0 + 2 * HOUR - 1)).toBeDefined();
    expect(muter.mutedBy(target, T0 + 2 * HOUR)).toBeUndefined();
  });

  it('does not mute other alerts', () => {
    expect(muter.mutedBy(deploymentLabels({ deployment: 'billing' }), T0 + HOUR)).toBeUndefined();
  });

  it('muteAll reports the first muter that mutes', () => {
    expect(muteAll([muter], target, T0 + HOUR)).toMatchObject({ muted: true, reason: 'silence' });
    expect(muteAll([muter], target, T0 + 3 * HOUR)).toEqual({ muted: false });
  });
});
