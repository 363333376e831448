import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../lib/sandbox/server';
import { type OssTestServer, startOssServer } from '../helpers/oss-server';
import { startTestSandbox } from '../helpers/sandbox';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import { type FcTestContext, fcContext, setEnv, writeConfig } from './fc-harness';

/** The function role's STS credentials, as FC puts them into `context.credentials`. */
export const ROLE = {
  accessKeyId: 'STS.NTestRoleAccessKeyId',
  accessKeySecret: 'RoleSecret-9f3c1e7a5b2d4c6e8a0b',
  securityToken: 'CAIS.RoleStsToken.q8w7e6r5t4y3u2i1o0p',
};
export const REPORT_TOKEN = 'report-token-4d9a1c7e2b8f6a3d';
export const HOOK_TOKEN = 'hook-token-7e1b9c3a5d2f8e4c';
/** Every value that must never appear in a response, a summary or a log line. */
export const SECRETS = [ROLE.accessKeySecret, ROLE.securityToken, REPORT_TOKEN, HOOK_TOKEN];

const BUCKET = 'fw-fc-test';

export interface FcWorld {
  sandbox: Sandbox;
  oss: OssTestServer;
  hook: WebhookServer;
  /** Absolute path of the configuration (FLINK_WATCH_CONFIG). */
  configFile: string;
  dir: string;
  context(overrides?: Partial<FcTestContext> & { timeout?: number }): FcTestContext;
  close(): Promise<void>;
}

/**
 * A Function Compute deployment in miniature: the API sandbox and an OSS stand-in that both accept only the role's
 * STS credentials, a webhook receiver whose URL carries a token, token-protected report, state in OSS. The
 * configuration references secrets through `${env:…}` only, set here as the function's environment variables.
 */
export async function startFcWorld(extraYaml = ''): Promise<FcWorld> {
  const sandbox = await startTestSandbox({
    accessKeys: { [ROLE.accessKeyId]: { secret: ROLE.accessKeySecret, securityToken: ROLE.securityToken } },
  });
  const oss = await startOssServer({ bucket: BUCKET, ...ROLE });
  const hook = await startWebhookServer();
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-fc-world-'));
  const configFile = await writeConfig(
    dir,
    'flink-watch.yaml',
    `
flink:
  region: cn-hangzhou
  endpoint: ${sandbox.endpoint}
  protocol: http
  timeout: 5s
  maxAttempts: 2
watches:
  - name: payments
    workspace: ws-a
    namespace: default-namespace
    selector: "team in (payments, risk), env = prod"
  - name: search
    workspace: ws-b
    namespace: default-namespace
    selector: "team = search"
rules:
  - name: job-failed
    when: increase.failed > 0
    severity: critical
    summary: "{{ name }}: a job failed"
receivers:
  hook:
    type: webhook
    url: "${hook.url}/flink-watch-hook?token=\${env:FW_TEST_HOOK_TOKEN}"
state:
  type: oss
  bucket: ${BUCKET}
  region: oss-cn-hangzhou
  prefix: flink-watch/test/
  endpoint: ${oss.endpoint}
  secure: false
report:
  auth: token
  token: \${env:FW_TEST_REPORT_TOKEN}
tickTimeout: 20s
${extraYaml}`,
  );
  const restoreEnv = setEnv({
    FLINK_WATCH_CONFIG: configFile,
    // Each test changes the world (faults, steps) between requests: serve every request fresh.
    FLINK_WATCH_REPORT_CACHE_MS: '0',
    // Only the invocation context may provide credentials here, whatever the machine running the tests has set.
    ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
    ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
    FW_TEST_HOOK_TOKEN: HOOK_TOKEN,
    FW_TEST_REPORT_TOKEN: REPORT_TOKEN,
  });
  return {
    sandbox,
    oss,
    hook,
    configFile,
    dir,
    context: (overrides = {}) => fcContext({ credentials: { ...ROLE }, ...overrides }),
    close: async () => {
      restoreEnv();
      await Promise.all([sandbox.close(), oss.close(), hook.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The secrets found in `text` (described, not quoted). */
export function leakedSecrets(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s)).map((s) => `a secret of ${s.length} characters`);
}
