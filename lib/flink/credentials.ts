import type { FlinkConfig } from '../config/types';
import { FlinkCredentialsError } from './errors';

export type CredentialSource = 'config' | 'context' | 'env';

export interface AccessCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Where they came from; named in authentication errors so the operator knows what to fix. */
  source: CredentialSource;
}

/** The shape of Function Compute's `context.credentials` (`{}` when the function has no role). */
export interface ContextCredentials {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
}

export interface CredentialInputs {
  configured?: FlinkConfig['credentials'];
  context?: ContextCredentials | undefined;
  env: Record<string, string | undefined>;
}

const ENV_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const ENV_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
const ENV_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';

export const CREDENTIAL_SOURCE_LABELS: Record<CredentialSource, string> = {
  config: 'flink.credentials in the configuration',
  context: 'the Function Compute context (function role)',
  env: `environment variables ${ENV_ID}/${ENV_SECRET}`,
};

const HOW_TO_PROVIDE = [
  `(1) set flink.credentials in the configuration (accessKeyId, accessKeySecret, optional securityToken, through \${env:NAME} references)`,
  '(2) on Function Compute, give the function a role: its STS credentials arrive in the invocation context',
  `(3) set the environment variables ${ENV_ID} and ${ENV_SECRET} (and ${ENV_TOKEN} for STS credentials)`,
].join('; ');

function filled(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function build(id: string, secret: string, token: string | undefined, source: CredentialSource): AccessCredentials {
  const out: AccessCredentials = { accessKeyId: id.trim(), accessKeySecret: secret.trim(), source };
  if (filled(token)) out.securityToken = token.trim();
  return out;
}

/**
 * Explicit configuration, then the Function Compute context, then the standard environment variables. The SDK's
 * default credential chain is deliberately not used: it can probe the instance metadata service over the network.
 */
export function resolveFlinkCredentials(inputs: CredentialInputs): AccessCredentials {
  const { configured, context, env } = inputs;
  if (configured) {
    if (!filled(configured.accessKeyId) || !filled(configured.accessKeySecret)) {
      const empty = !filled(configured.accessKeyId) ? 'accessKeyId' : 'accessKeySecret';
      throw new FlinkCredentialsError(
        `flink.credentials.${empty} is empty: check the environment variable its \${env:NAME} reference points to, ` +
          'or remove flink.credentials to use the Function Compute role or the ALIBABA_CLOUD_* environment variables',
      );
    }
    return build(configured.accessKeyId, configured.accessKeySecret, configured.securityToken, 'config');
  }
  if (context && filled(context.accessKeyId) && filled(context.accessKeySecret)) {
    return build(context.accessKeyId, context.accessKeySecret, context.securityToken, 'context');
  }
  const id = env[ENV_ID];
  const secret = env[ENV_SECRET];
  if (filled(id) && filled(secret)) return build(id, secret, env[ENV_TOKEN], 'env');
  const partial =
    filled(id) !== filled(secret) ? ` (${filled(id) ? ENV_ID : ENV_SECRET} is set but its partner is not)` : '';
  throw new FlinkCredentialsError(`no Alibaba Cloud access key found${partial}. Provide one of: ${HOW_TO_PROVIDE}`);
}
