import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, onlyJson, runCli } from './cli-process';
import { SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

const PRODUCTION_ENV = {
  DINGTALK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef',
  DINGTALK_SECRET: 'SEC0123456789abcdef',
  ALERTMANAGER_URL: 'https://alertmanager.example.com',
  ALERTMANAGER_TOKEN: 'am-token-0123456789',
  REPORT_TOKEN: 'report-token-0123456789',
};

// Five problems of five kinds; `validate` must report every one, not stop at the first.
const BROKEN_CONFIG = `
flink:
  region: cn-hangzhou
  endpoint: 127.0.0.1:18080
  protocol: http
  accessKeyId: \${env:FW_CLI_TEST_KEY_ID}
  accessKeySecret: \${env:FW_CLI_TEST_NOT_SET}
watches:
  - name: payments
    workspace: ws-a
    selector: "team in (payments"
rules:
  - name: fine
    when: running < 1
  - name: broken-syntax
    when: 'running < && 1'
  - name: unknown-variable
    when: 'runing < 1'
receivers:
  terminal: { type: console }
routes:
  - receivers: [nobody]
state: { type: memory }
report: { auth: none }
`;

const EXPECTED_PATHS = [
  'watches[0].selector',
  'rules[1].when',
  'rules[2].when',
  'routes[0].receivers[0]',
  'flink.accessKeySecret',
];

interface Problem {
  path: string;
  message: string;
  hint?: string;
}

describe('flink-watch validate', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  let dir: TempDir;
  let broken: string;

  beforeAll(async () => {
    dir = await tempDir('validate');
    broken = await dir.write('broken.yaml', BROKEN_CONFIG);
  });
  afterAll(async () => {
    await dir?.remove();
  });

  it.concurrent('accepts both example configurations when their variables are set', async () => {
    const [sandbox, production] = await Promise.all([
      runCli(['validate', '--config', 'examples/sandbox.yaml'], { env: SANDBOX_ENV }),
      runCli(['validate', '--config', 'examples/production.yaml', '--json'], { env: PRODUCTION_ENV }),
    ]);
    expect(sandbox.stderr).toBe('');
    expect(sandbox.code).toBe(0);
    expect(sandbox.stdout).toBe('examples/sandbox.yaml: valid (3 watches, 2 rules, 2 receivers)\n');
    expect(production.code).toBe(0);
    expect(onlyJson(production.stdout)).toEqual({ valid: true, problems: [], warnings: [] });
  });

  it.concurrent('prints every problem with its path and a hint, and exits 2', async () => {
    const result = await runCli(['validate', '--config', broken], { env: { FW_CLI_TEST_KEY_ID: 'id' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const text = result.stderr;
    expect(text).toContain(`${broken} has 5 problems:`);
    // Each problem is a block: "path: message", indented detail lines, "  hint: …".
    const blocks = text.split('\n\n').slice(1);
    expect(blocks).toHaveLength(5);
    for (const path of EXPECTED_PATHS) {
      const block = blocks.find((b) => b.startsWith(`${path}: `));
      expect(block, `no problem reported for ${path}:\n${text}`).toBeDefined();
      expect(block).toMatch(/\n {2}hint: \S/);
    }
    expect(text).toContain('watches[0].selector: selector "team in (payments"');
    expect(text).toMatch(/rules\[2\]\.when: .*runing.*did you mean "running"/);
    expect(text).toMatch(/routes\[0\]\.receivers\[0\]: unknown receiver "nobody"\n {2}hint: .*terminal/);
    expect(text).toMatch(/flink\.accessKeySecret: environment variable FW_CLI_TEST_NOT_SET is not set/);
    // The CEL snippet keeps its caret under the offending token.
    expect(text).toMatch(/\n {4}running < && 1\n {4} {10}\^/);
  });

  it.concurrent('--json prints the same problems as one JSON object', async () => {
    const result = await runCli(['validate', '--config', broken, '--json'], { env: { FW_CLI_TEST_KEY_ID: 'id' } });
    expect(result.code).toBe(2);
    const report = onlyJson(result.stdout);
    expect(report.valid).toBe(false);
    const problems = report.problems as Problem[];
    expect(problems.map((p) => p.path).sort()).toEqual([...EXPECTED_PATHS].sort());
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(0);
      expect(p.hint?.length ?? 0, `no hint for ${p.path}`).toBeGreaterThan(0);
    }
  });

  it.concurrent('a missing file is a configuration error naming the file', async () => {
    const result = await runCli(['validate', '--config', dir.file('nope.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(dir.file('nope.yaml'));
  });
});

describe('usage errors exit 2 with the usage text', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.concurrent.each([
    { argv: ['frobnicate'], says: 'unknown command "frobnicate"' },
    { argv: ['run', '--config', 'examples/sandbox.yaml', '--verbose'], says: 'run: unknown option --verbose' },
    { argv: ['run', '--json'], says: 'run needs --config FILE' },
  ])('flink-watch $argv', async ({ argv, says }) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(says);
    expect(result.stderr).toContain('Usage:\n  flink-watch run --config FILE');
  });
});
