// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, type LoadedConfig, parseConfigText } from '../../lib/config';
import { createLogger } from '../../lib/runtime/logger';

const BASE = [
  'flink: { region: cn-hangzhou }',
  'watches: [{ name: payments, workspace: ws1, selector: "team = payments" }]',
  'rules: [{ name: job-failed, when: "increase.failed > 0" }]',
];

/** BASE with its top-level sections replaced by those `lines` define. */
function compose(lines: string[]): string {
  const keyOf = (line: string) => /^([A-Za-z]+):/.exec(line)?.[1];
  const overridden = new Set(lines.map(keyOf));
  return [...BASE.filter((line) => !overridden.has(keyOf(line))), ...lines].join('\n');
}

function parse(lines: string[], env: Record<string, string | undefined>): LoadedConfig {
  return parseConfigText(compose(lines), { format: 'yaml', env, source: 'test.yaml' });
}

function failure(lines: string[], env: Record<string, string | undefined>): ConfigError {
  try {
    parse(lines, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('${env:NAME} references', () => {
  it('resolves whole and embedded references', () => {
    const { config } = parse(
      [
        'receivers:',
        '  oncall:',
        '    type: dingtalk',
        '    url: "https://oapi.dingtalk.com/robot/send?access_token=${env:DT_TOKEN}"',
        '    secret: ${env:DT_SECRET}',
        'report: { auth: token, token: "${env:REPORT_TOKEN}" }',
      ],
      { DT_TOKEN: 'abc123token', DT_SECRET: 'SECsigning456', REPORT_TOKEN: 'rep-789' },
    );
    expect(config.receivers.oncall?.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc123token');
    expect(config.receivers.oncall?.secret).toBe('SECsigning456');
    expect(config.report.token).toBe('rep-789');
  });

  it('names the missing variable and the path that uses it', () => {
    const error = failure(
      [
        'receivers: { oncall: { type: dingtalk, url: "${env:DT_URL}", secret: "${env:DINGTALK_SECRET}" } }',
        'report: { auth: none }',
      ],
      {
        DT_URL: 'https://oapi.dingtalk.com/robot/send?access_token=x1y2z3',
      },
    );
    expect(error.problems).toEqual([
      {
        path: 'receivers.oncall.secret',
        message: 'environment variable DINGTALK_SECRET is not set',
        hint: expect.stringContaining('set DINGTALK_SECRET'),
      },
    ]);
    expect(error.message).toContain('receivers.oncall.secret: environment variable DINGTALK_SECRET is not set');
  });

  it('treats an empty variable as missing and reports each reference', () => {
    const error = failure(['report: { auth: token, token: "${env:A}-${env:B}" }'], { A: '', B: undefined });
    expect(error.problems.map((p) => p.message)).toEqual([
      'environment variable A is empty',
      'environment variable B is not set',
    ]);
    expect(error.problems.every((p) => p.path === 'report.token')).toBe(true);
  });

  it('keeps $${ as a literal ${ and warns about other ${ forms', () => {
    const { config, warnings } = parse(
      ['rules: [{ name: r, when: "true", summary: "cost $${env:X} and ${DEPLOYMENT}" }]', 'report: { auth: none }'],
      {},
    );
    expect(config.rules[0]?.summary).toBe('cost ${env:X} and ${DEPLOYMENT}');
    expect(warnings.map((w) => w.path)).toContain('rules[0].summary');
  });

  it('resolves after the schema: references are not accepted where a pattern is required', () => {
    const error = failure(
      ['receivers: { c: { type: console } }', 'report: { auth: none }', 'tickTimeout: "${env:T}"'],
      {
        T: '30s',
      },
    );
    expect(error.problems.map((p) => p.path)).toEqual(['tickTimeout']);
  });
});

describe('secrets', () => {
  const SECRET = 'SECverysecretsigningvalue';
  const TOKEN = 'tok-abcdef-123456';

  it('never appear in a ConfigError message, even when the failing value holds them', () => {
    const error = failure(
      [
        'receivers:',
        '  oncall:',
        '    type: dingtalk',
        '    url: "http://robot.example.com/send?access_token=${env:DT_TOKEN}"',
        `    secret: "${SECRET}"`,
        '    timeZone: Mars/Olympus',
        '  hook:',
        '    type: webhook',
        '    url: "${env:HOOK_URL}"',
        'report: { auth: token }',
      ],
      { DT_TOKEN: TOKEN, HOOK_URL: `ftp://user:${TOKEN}@example.com/` },
    );
    expect(error.problems.map((p) => p.path)).toEqual([
      'receivers.oncall.url',
      'receivers.oncall.timeZone',
      'receivers.hook.url',
      'report.token',
    ]);
    const everything = JSON.stringify({ message: error.message, problems: error.problems, warnings: error.warnings });
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(SECRET);
    expect(error.warnings.map((w) => w.path)).toEqual(['receivers.oncall.secret']);
  });

  it('are redacted even when an extra check echoes one', () => {
    const text = compose([
      'receivers: { oncall: { type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=${env:DT}" } }',
      'report: { auth: none }',
    ]);
    const echo = (config: Config) => [{ path: 'receivers.oncall.url', message: `bad ${config.receivers.oncall?.url}` }];
    let error: unknown;
    try {
      parseConfigText(text, { format: 'yaml', env: { DT: TOKEN }, checks: [echo] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('bad <redacted>');
    expect((error as ConfigError).message).not.toContain(TOKEN);
  });

  it('lists every resolved secret-bearing value, so the logger can redact them', () => {
    const { secrets } = parse(
      [
        'flink: { region: cn-hangzhou, accessKeyId: "${env:AK}", accessKeySecret: "${env:SK}", securityToken: "${env:ST}" }',
        'receivers:',
        '  oncall: { type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=${env:DT}", secret: "${env:DS}" }',
        '  lark: { type: feishu, url: "https://open.feishu.cn/open-apis/bot/v2/hook/${env:FS}" }',
        '  am: { type: alertmanager, url: "https://am.example.com", headers: { Authorization: "Bearer ${env:AMT}" } }',
        'state: { type: oss, bucket: b, region: oss-cn-hangzhou, accessKeyId: "${env:OAK}", accessKeySecret: "${env:OSK}" }',
        'report: { token: "${env:RT}" }',
      ],
      {
        AK: 'LTAI-flink-id',
        SK: 'flink-secret-value',
        ST: 'sts-token-value',
        DT: 'dingtalk-token',
        DS: 'SECdingtalk',
        FS: 'feishu-hook-id',
        AMT: 'am-bearer',
        OAK: 'LTAI-oss-id',
        OSK: 'oss-secret-value',
        RT: 'report-token',
      },
    );
    expect(secrets).toEqual(
      expect.arrayContaining([
        'LTAI-flink-id',
        'flink-secret-value',
        'sts-token-value',
        'https://oapi.dingtalk.com/robot/send?access_token=dingtalk-token',
        'dingtalk-token',
        'SECdingtalk',
        'feishu-hook-id',
        'Bearer am-bearer',
        'am-bearer',
        'https://am.example.com',
        'LTAI-oss-id',
        'oss-secret-value',
        'report-token',
      ]),
    );
    const lines: string[] = [];
    const logger = createLogger({ sink: (line) => lines.push(line), secrets });
    logger.error('delivery failed', {
      body: 'token dingtalk-token rejected; key oss-secret-value; auth Bearer am-bearer',
    });
    expect(lines.join('\n')).not.toMatch(/dingtalk-token|oss-secret-value|am-bearer/);
  });

  it('warns about secrets written literally, without repeating them', () => {
    const { warnings } = parse(
      [
        'flink: { region: cn-hangzhou, accessKeyId: LTAIliteral, accessKeySecret: literal-secret-1 }',
        'receivers:',
        '  oncall: { type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=literaltoken1", secret: "${env:DS}" }',
        '  hook: { type: webhook, url: "https://example.com/hook?token=${env:HT}", headers: { X-Api-Key: literal-key-1 } }',
        'report: { token: literal-report-1 }',
      ],
      { DS: 'SECfromenv', HT: 'hook-token' },
    );
    expect(warnings.map((w) => w.path)).toEqual([
      'flink.accessKeySecret',
      'report.token',
      'receivers.oncall.url',
      'receivers.hook.headers.X-Api-Key',
    ]);
    expect(warnings.every((w) => w.hint?.includes('${env:NAME}'))).toBe(true);
    expect(JSON.stringify(warnings)).not.toMatch(/literal-secret-1|literaltoken1|literal-key-1|literal-report-1/);
  });
});
