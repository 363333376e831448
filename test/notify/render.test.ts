import { describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createDingTalkReceiver } from '../../lib/notify/dingtalk';
import { truncateChars, truncateUtf8, utf8Bytes } from '../../lib/notify/render/bytes';
import { compareAlerts } from '../../lib/notify/render/context';
import { createTemplateEngine, slackEscape } from '../../lib/notify/render/engine';
import { TemplateError } from '../../lib/notify/render/errors';
import { type FitSpec, fitSplit, fitSummarise } from '../../lib/notify/render/fit';
import { consoleUrl } from '../../lib/notify/render/links';
import { LOCALES } from '../../lib/notify/render/locales';
import type { RenderedAlert } from '../../lib/notify/render/prepare';
import { createTimeFormatter, formatDuration, isValidTimeZone } from '../../lib/notify/render/time';
import { createLogger, silentLogger } from '../../lib/runtime/logger';
import { sampleAlert, sampleNotification } from '../helpers/sample-notification';
import { reportConfig } from '../helpers/standins/big-group';

describe('times', () => {
  it.each([
    ['UTC', '2026-11-28T09:03:05Z', '2026-11-28 09:03:05 +00:00'],
    ['Asia/Shanghai', '2026-11-28T09:03:05Z', '2026-11-28 17:03:05 +08:00'],
    ['Asia/Shanghai', '2026-11-28T20:00:00.999Z', '2026-11-29 04:00:00 +08:00'],
    ['America/New_York', '2026-11-28T09:03:05Z', '2026-11-28 04:03:05 -05:00'],
    ['America/New_York', '2026-07-01T09:03:05Z', '2026-07-01 05:03:05 -04:00'],
    ['Asia/Kolkata', '2026-11-28T09:03:05Z', '2026-11-28 14:33:05 +05:30'],
    ['Asia/Shanghai', '0001-01-01T00:00:00Z', ''],
    ['Asia/Shanghai', 'yesterday', 'yesterday'],
  ])('%s: %s → %s', (zone, iso, expected) => {
    expect(createTimeFormatter(zone).format(iso)).toBe(expected);
  });

  it('validates zones and formats durations per locale', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('CST+8')).toBe(false);
    expect(formatDuration(3_723_000, LOCALES.en)).toBe('1h 2m');
    expect(formatDuration(90_061_000, LOCALES['zh-CN'])).toBe('1天 1小时');
    expect(formatDuration(12_000, LOCALES.en)).toBe('12s');
  });
});

describe('byte budgets', () => {
  it('truncates by UTF-8 bytes on code point boundaries', () => {
    const cut = truncateUtf8('告警告警告警', 10);
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(10);
    expect(cut).toBe('告警…');
    expect(truncateUtf8('🔴🔴🔴', 9)).toBe('🔴…');
    expect(truncateUtf8('short', 10)).toBe('short');
  });

  it('truncates by characters without splitting surrogate pairs', () => {
    expect(truncateChars('ab🔴cd', 4)).toBe('ab…');
    expect(truncateChars('abcdef', 4)).toBe('abc…');
  });
});

describe('template engine', () => {
  const engine = createTemplateEngine();

  it.each([
    ["{% include '/etc/passwd' %}"],
    ["{% render 'x' %}"],
    ["{% layout 'x' %}"],
    ['{{ x | no_such_filter }}'],
    ['{% if %}'],
  ])('refuses %s at compile time with a TemplateError', (source) => {
    expect(() => engine.compile(source, 'receivers.x.options.template')).toThrow(TemplateError);
  });

  it('sees own properties only and prints missing values as empty', () => {
    const t = engine.compile('[{{ alert.constructor }}{{ alert.missing.deep }}{{ alert.name }}]', 'x');
    expect(t.render({ alert: { name: 'n' } })).toBe('[n]');
  });

  it('escapes output per platform unless `raw` is asked for', () => {
    const t = createTemplateEngine(slackEscape).compile('{{ v }} {{ v | raw }}', 'x');
    expect(t.render({ v: '<!channel> & co' })).toBe('&lt;!channel&gt; &amp; co <!channel> & co');
  });

  it('stops runaway templates', () => {
    const t = engine.compile('{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}', 'x');
    expect(() => t.render({})).toThrow(TemplateError);
  });
});

const dingtalk = (options: Record<string, unknown>, logger = silentLogger) => {
  const config: ReceiverConfig = {
    name: 'oncall',
    type: 'dingtalk',
    url: 'https://oapi.dingtalk.com/robot/send?access_token=t',
    sendResolved: true,
    options,
  };
  return createDingTalkReceiver(config, { logger, report: reportConfig() });
};
const markdown = (options: Record<string, unknown>, logger = silentLogger) =>
  JSON.parse(dingtalk(options, logger).render(sampleNotification('oncall'))[0]!.body).markdown as {
    title: string;
    text: string;
  };

describe('templates per receiver', () => {
  it('options.title and options.template override the defaults', () => {
    const md = markdown({
      title: '{{ t.firing }} {{ firing_count }}/{{ alert_count }} in {{ time_zone }}',
      template: '{{ alert.deployment }} since {{ alert.starts_at }}',
    });
    expect(md.title).toBe('FIRING 1/2 in Asia/Shanghai');
    expect(md.text).toContain('orders-etl since 2026-11-28 16:46:05 +08:00');
    expect(md.text).toContain('risk-scoring since 2026-11-28 16:40:00 +08:00');
  });

  it('titles see every alert (`alerts`), e.g. `{{ alerts.size }} alerts`', () => {
    expect(markdown({ title: '{{ alerts.size }} alerts, first {{ alerts.first.deployment }}' }).title).toBe(
      '2 alerts, first orders-etl',
    );
  });

  it('a custom template that fails at render time falls back to the default, with a warning', () => {
    const lines: string[] = [];
    const md = markdown(
      { template: '{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}' },
      createLogger({ sink: (l) => lines.push(l) }),
    );
    expect(md.text).toContain('**job-failed**');
    expect(lines.some((l) => l.includes('custom template failed'))).toBe(true);
  });

  it('zh-CN default templates', () => {
    const md = markdown({ locale: 'zh-CN' });
    expect(md.text).toContain('严重 · 告警中');
    expect(md.text).toContain('作业: orders-etl');
    expect(md.text).toContain('查看报告');
  });

  it('test notifications say so in the title', async () => {
    const { testNotification } = await import('../../lib/notify/test-message');
    const body = JSON.parse(dingtalk({}).render(testNotification('oncall', new Date('2026-11-28T09:00:00Z')))[0]!.body);
    expect(body.markdown.title).toMatch(/^\[TEST\] \[FIRING:1\] FlinkWatchTest/);
    expect(body.markdown.text).toContain('No action needed');
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /timeZone/],
    [{ locale: 'fr' }, /locale/],
    [{ mentions: { mobiles: ['not a phone'] } }, /mentions\.mobiles/],
    [{ mentions: { everyone: true } }, /mentions\.everyone/],
    [{ overflow: 'truncate' }, /overflow/],
    [{ timeout: '1h' }, /receiver "oncall": timeout is not valid/],
    [{ msgType: 'feedCard' }, /msgType/],
    [{ template: '{% if %}' }, /receiver "oncall": template is not a valid Liquid template/],
    [{ webhook: 'x' }, /unknown option for a dingtalk receiver; known: locale, timeZone/],
  ])('rejects options %j with a message naming the key', (options, message) => {
    expect(() => dingtalk(options)).toThrow(message);
  });
});

describe('order and links', () => {
  it('firing before resolved, critical before warning before info, then oldest first', () => {
    const a = (fingerprint: string, status: 'firing' | 'resolved', severity: string, startsAt: string) =>
      sampleAlert({ fingerprint, status, startsAt, labels: { ...sampleAlert().labels, severity } });
    const sorted = [
      a('r', 'resolved', 'critical', '2026-01-01T00:00:00Z'),
      a('i', 'firing', 'info', '2026-01-01T00:00:00Z'),
      a('w', 'firing', 'warning', '2026-01-01T00:00:00Z'),
      a('c2', 'firing', 'critical', '2026-01-02T00:00:00Z'),
      a('c1', 'firing', 'critical', '2026-01-01T00:00:00Z'),
    ].sort(compareAlerts);
    expect(sorted.map((x) => x.fingerprint)).toEqual(['c1', 'c2', 'w', 'i', 'r']);
  });

  it('console links fill and encode placeholders, and are absent when a value is missing', () => {
    const template = 'https://c.example/{region}/{workspace}/{namespace}/{deploymentId}';
    const labels = { workspace: 'w s', namespace: 'ns', deploymentId: 'd/1' };
    expect(consoleUrl(template, labels, 'cn-hangzhou')).toBe('https://c.example/cn-hangzhou/w%20s/ns/d%2F1');
    expect(consoleUrl(template, { workspace: 'w', namespace: 'ns' }, 'cn-hangzhou')).toBeUndefined();
    expect(consoleUrl(undefined, labels, 'x')).toBeUndefined();
  });
});

describe('size fitting', () => {
  const alerts = (n: number, rendered = n): RenderedAlert[] =>
    Array.from({ length: n }, (_, i) => ({
      fingerprint: `f${i}`,
      status: 'firing',
      severity: 'critical',
      text: 'x'.repeat(100),
      rendered: i < rendered,
    }));
  const spec = (limit: number, maxShown = Number.POSITIVE_INFINITY): FitSpec => ({
    compose: (shown, omitted, part) =>
      `${part ? `(${part.index}/${part.total})` : ''}${shown.map((a) => a.text).join('|')}${omitted ? `+${omitted}` : ''}`,
    minimal: (omitted) => `+${omitted}`,
    fits: (body) => body.length <= limit,
    maxShown,
  });

  it('summarise keeps a prefix that fits and accounts for every fingerprint', () => {
    const m = fitSummarise(alerts(50), spec(1_000));
    expect(m.body.length).toBeLessThanOrEqual(1_000);
    expect(m.shown).toBe(9);
    expect(m.omitted).toBe(41);
    expect(m.fingerprints).toHaveLength(50);
  });

  it('respects block-count limits and the render budget', () => {
    expect(fitSummarise(alerts(50), spec(100_000, 5)).shown).toBe(5);
    expect(fitSummarise(alerts(50, 3), spec(100_000)).shown).toBe(3);
  });

  it('falls back to the minimal body when not even one alert fits', () => {
    expect(fitSummarise(alerts(3), spec(50))).toMatchObject({ body: '+3', shown: 0, omitted: 3 });
  });

  it('split: up to maxMessages parts, disjoint fingerprints, the last one summarises the rest', () => {
    const parts = fitSplit(alerts(50), spec(1_000), 3);
    expect(parts).toHaveLength(3);
    expect(parts[0]!.body.startsWith('(1/3)')).toBe(true);
    expect(parts.every((p) => p.body.length <= 1_000)).toBe(true);
    const all = parts.flatMap((p) => p.fingerprints);
    expect(new Set(all).size).toBe(50);
    expect(all).toHaveLength(50);
    expect(parts[2]!.omitted).toBeGreaterThan(0);
    expect(fitSplit(alerts(3), spec(1_000), 3)).toHaveLength(1);
  });
});
