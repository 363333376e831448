import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, loadConfigFile, parseConfigText } from '../../lib/config';
import { FIXTURES } from './fixture-env';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

const GOOD_DEFAULTS: Config = {
  flink: {
    region: 'cn-shanghai',
    endpoint: 'ververica.cn-shanghai.aliyuncs.com',
    protocol: 'https',
    timeoutMs: 10_000,
    concurrency: 8,
    maxAttempts: 4,
    includeResourceSetting: false,
  },
  watches: [
    {
      name: 'payments',
      workspace: 'a14bd5d90a',
      namespace: 'default-namespace',
      selector: 'team = payments',
      labels: {},
    },
  ],
  rules: [
    {
      name: 'job-failed',
      when: 'increase.failed > 0',
      scope: 'deployment',
      forMs: 0,
      severity: 'warning',
      watches: [],
      labels: {},
    },
  ],
  receivers: { terminal: { name: 'terminal', type: 'console', sendResolved: true, options: {} } },
  routes: [],
  silences: [],
  maintenance: [],
  alerting: {
    repeatIntervalMs: 4 * 3_600_000,
    groupBy: ['watch', 'alertname'],
    queryFailuresBeforeAlert: 2,
    resolvedRetentionMs: 24 * 3_600_000,
    outboxMaxAgeMs: 24 * 3_600_000,
    defaultReceivers: ['terminal'],
  },
  state: { type: 'file', path: '.flink-watch/state.json' },
  report: { auth: 'none', timeZone: 'UTC', locale: 'en' },
  tickTimeoutMs: 60_000,
};

describe('loading a good configuration', () => {
  it('fills every default', async () => {
    const loaded = await loadConfigFile(join(FIXTURES, 'good.yaml'), { env: {} });
    expect(loaded.config).toEqual(GOOD_DEFAULTS);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.secrets).toEqual([]);
  });

  it('reads JSON to the same result', async () => {
    const loaded = await loadConfigFile(join(FIXTURES, 'good.json'), { env: {} });
    expect(loaded.config).toEqual(GOOD_DEFAULTS);
  });

  it('parses text directly and runs the extra checks on the resolved config', async () => {
    const text = await readFile(join(FIXTURES, 'good.yaml'), 'utf8');
    const seen: string[] = [];
    const loaded = parseConfigText(text, {
      format: 'yaml',
      env: {},
      checks: [
        (config) => {
          seen.push(config.watches[0]?.selector ?? '');
          return [];
        },
      ],
    });
    expect(seen).toEqual(['team = payments']);
    expect(loaded.config.flink.region).toBe('cn-shanghai');
  });

  it('sends no route-less alert anywhere when routes exist and defaultReceivers is not set', () => {
    const text = [
      'flink: { region: cn-hangzhou }',
      'watches: [{ name: w, workspace: ws, selector: "a = b" }]',
      'receivers: { a: { type: console }, b: { type: console } }',
      'routes: [{ receivers: [a], match: { severity: critical, rule: job-failed, labels: { tier: 1 } } }]',
      'report: { auth: none }',
    ].join('\n');
    const { config } = parseConfigText(text, { format: 'yaml', env: {} });
    expect(config.alerting.defaultReceivers).toEqual([]);
    expect(config.routes[0]?.matchers).toEqual([
      { name: 'severity', op: '=', value: 'critical' },
      { name: 'alertname', op: '=', value: 'job-failed' },
      { name: 'tier', op: '=', value: '1' },
    ]);
  });
});

describe('the examples', () => {
  it('sandbox.yaml loads with the sandbox credentials from the environment', async () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'sandbox-id-1', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sandbox-secret-1' };
    const { config, warnings, secrets } = await loadConfigFile(join(EXAMPLES, 'sandbox.yaml'), { env });
    expect(warnings).toEqual([]);
    expect(config.flink).toMatchObject({ endpoint: '127.0.0.1:18080', protocol: 'http' });
    expect(config.flink.credentials).toEqual({ accessKeyId: 'sandbox-id-1', accessKeySecret: 'sandbox-secret-1' });
    expect(config.rules.map((rule) => [rule.name, rule.forMs, rule.severity])).toEqual([
      ['job-not-running', 180_000, 'critical'],
      ['job-failed', 0, 'critical'],
    ]);
    expect(Object.values(config.receivers).map((r) => r.type)).toEqual(['console', 'webhook']);
    expect(config.report.auth).toBe('none');
    expect(secrets).toEqual(expect.arrayContaining(['sandbox-id-1', 'sandbox-secret-1']));
  });

  it('production.yaml loads with its secrets from the environment', async () => {
    const env = {
      DINGTALK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=prod-token-abc',
      DINGTALK_SECRET: 'SEC-prod-signing',
      ALERTMANAGER_URL: 'https://alertmanager.internal.example.com',
      ALERTMANAGER_TOKEN: 'am-bearer-xyz',
      REPORT_TOKEN: 'report-token-123',
    };
    const { config, warnings, secrets } = await loadConfigFile(join(EXAMPLES, 'production.yaml'), { env });
    expect(warnings).toEqual([]);
    expect(config.flink.endpoint).toBe('ververica.cn-hangzhou.aliyuncs.com');
    expect(config.state).toMatchObject({
      type: 'oss',
      bucket: 'my-flink-watch-state',
      prefix: 'flink-watch/prod/',
      secure: true,
    });
    expect(config.receivers.am?.options).toEqual({
      headers: { Authorization: 'Bearer am-bearer-xyz' },
      endsAfter: 3_600_000,
    });
    expect(config.routes[1]).toEqual({
      matchers: [{ name: 'severity', op: '=', value: 'critical' }],
      receivers: ['oncall'],
      continue: false,
      groupBy: ['watch', 'alertname'],
      repeatIntervalMs: 3_600_000,
    });
    expect(config.routes[2]?.matchers).toEqual([
      { name: 'deployment', op: '=~', value: 'search-.*' },
      { name: 'severity', op: '!=', value: 'info' },
    ]);
    expect(config.silences[0]?.startsAt.toISOString()).toBe('2025-06-01T14:00:00.000Z');
    expect(config.maintenance[0]).toMatchObject({
      weekdays: [0],
      startMinute: 120,
      endMinute: 240,
      timeZone: 'Asia/Shanghai',
    });
    expect(config.report.token).toBe('report-token-123');
    expect(secrets).toEqual(
      expect.arrayContaining([
        env.DINGTALK_URL,
        'prod-token-abc',
        env.DINGTALK_SECRET,
        'am-bearer-xyz',
        env.REPORT_TOKEN,
      ]),
    );
  });
});
