// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../lib/config';
import { loadFailure, paths } from './fixture-env';

interface Case {
  file: string;
  path: string;
  /** Words the message must contain (what is wrong). */
  message: string;
  /** Words the hint must contain (how to fix it). */
  hint: string;
}

const CASES: Case[] = [
  {
    file: 'bad-unknown-key.yaml',
    path: 'watches[0].lables',
    message: 'unknown key "lables"',
    hint: 'did you mean "labels"?',
  },
  { file: 'bad-duration.yaml', path: 'rules[1].for', message: '"3 minutes" is not a duration', hint: '1h30m' },
  { file: 'bad-zero-timeout.yaml', path: 'flink.timeout', message: 'must be longer than 0', hint: 'e.g. 500ms, 90s' },
  { file: 'bad-duration-number.yaml', path: 'tickTimeout', message: '60 has no unit', hint: 'write e.g. 60s or 60m' },
  {
    file: 'bad-duplicate-watch.yaml',
    path: 'watches[1].name',
    message: 'duplicate watch name "payments" (also used by watches[0])',
    hint: 'give each watch its own name',
  },
  {
    file: 'bad-route-receiver.yaml',
    path: 'routes[0].receivers[0]',
    message: 'unknown receiver "pager"',
    hint: 'known receiver names: terminal',
  },
  {
    file: 'bad-default-receiver.yaml',
    path: 'alerting.defaultReceivers[0]',
    message: 'unknown receiver "pager"',
    hint: 'terminal',
  },
  {
    file: 'bad-rule-watch.yaml',
    path: 'rules[0].watches[0]',
    message: 'unknown watch "paymnts"',
    hint: 'did you mean "payments"?',
  },
  {
    file: 'bad-http-receiver.yaml',
    path: 'receivers.hook.url',
    message: 'plain http to alerts.example.com is refused',
    hint: 'allowHttp: true',
  },
  {
    file: 'bad-flink-http.yaml',
    path: 'flink.protocol',
    message: 'http is only accepted for a loopback endpoint',
    hint: 'use protocol: https',
  },
  {
    file: 'bad-endpoint-scheme.yaml',
    path: 'flink.endpoint',
    message: 'is not host[:port]',
    hint: 'without http:// or https://',
  },
  {
    file: 'bad-missing-env.yaml',
    path: 'receivers.oncall.secret',
    message: 'environment variable DINGTALK_SECRET is not set',
    hint: 'set DINGTALK_SECRET',
  },
  {
    file: 'bad-time-zone.yaml',
    path: 'maintenance[0].timeZone',
    message: '"Asia/Shanghia" is not a known time zone',
    hint: 'did you mean "Asia/Shanghai"?',
  },
  {
    file: 'bad-matcher-regex.yaml',
    path: 'routes[0].matchers[0]',
    message: 'does not compile',
    hint: 'fix the regular expression',
  },
  {
    file: 'bad-receiver-type.yaml',
    path: 'receivers.oncall.type',
    message: 'unknown type "dingtalkk"',
    hint: 'did you mean "dingtalk"?',
  },
  {
    file: 'bad-receiver-option.yaml',
    path: 'receivers.chat.keyword',
    message: 'unknown key "keyword"',
    hint: 'allowed for type slack',
  },
  {
    file: 'bad-credentials-pair.yaml',
    path: 'flink.accessKeySecret',
    message: 'is required when accessKeyId is set',
    hint: '${env:ALIBABA_CLOUD_ACCESS_KEY_SECRET}',
  },
  {
    file: 'bad-report-token.yaml',
    path: 'report.token',
    message: 'is required',
    hint: 'token: ${env:REPORT_TOKEN}, or auth: none',
  },
  {
    file: 'bad-silence-window.yaml',
    path: 'silences[0].endsAt',
    message: 'must be after startsAt',
    hint: 'set endsAt',
  },
  {
    file: 'bad-silence-time.yaml',
    path: 'silences[0].startsAt',
    message: 'is not an ISO 8601 time with a zone',
    hint: '2025-01-31T22:00:00+08:00',
  },
  { file: 'bad-no-watches.yaml', path: 'watches', message: 'needs at least 1 entry', hint: 'add a watch' },
  { file: 'bad-missing-region.yaml', path: 'flink.region', message: 'is required', hint: 'add region: cn-hangzhou' },
  {
    file: 'bad-watch-name.yaml',
    path: 'watches[0].name',
    message: '"Payments Team" is not a valid name',
    hint: 'lowercase letters',
  },
  {
    file: 'bad-maintenance-time.yaml',
    path: 'maintenance[0].start',
    message: '"9:00" is not a time of day',
    hint: 'HH:MM',
  },
  { file: 'bad-concurrency.yaml', path: 'flink.concurrency', message: '100 is out of range', hint: 'from 1 to 64' },
  { file: 'bad-state-type.yaml', path: 'state.type', message: 'unknown type "s3"', hint: 'file, memory, oss' },
];

describe('invalid configuration fixtures', () => {
  it.each(CASES)('$file → $path', async ({ file, path, message, hint }) => {
    const error = await loadFailure(file);
    expect(paths(error.problems)).toEqual([path]);
    const [problem] = error.problems;
    expect(problem?.message).toContain(message);
    expect(problem?.hint).toContain(hint);
    expect(error.message).toContain(`${path}: `);
    expect(formatProblems(error.problems)).toBe(`${path}: ${problem?.message} (${problem?.hint})`);
  });

  it('reports every problem at once', async () => {
    const error = await loadFailure('bad-three-problems.yaml');
    expect(paths(error.problems)).toEqual(['flink.retries', 'watches[1].name', 'receivers.oncall.secret']);
    expect(error.message).toMatch(/has 3 problems/);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('names the file in the error', async () => {
    const error = await loadFailure('bad-duration.yaml');
    expect(error.source).toMatch(/bad-duration\.yaml$/);
    expect(error.message).toMatch(/bad-duration\.yaml has 1 problem:/);
    expect(error.name).toBe('ConfigError');
  });
});
