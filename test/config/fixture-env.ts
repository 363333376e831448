import { join } from 'node:path';
import { ConfigError, type ConfigProblem, loadConfigFile } from '../../lib/config';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'config');

/** Variables the fixtures reference, except those a fixture means to be missing (DINGTALK_SECRET). */
export const FIXTURE_ENV: Record<string, string> = {
  DINGTALK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=tok-in-url-1234',
  DINGTALK_TOKEN: 'tok-query-5678',
  SLACK_URL: 'https://hooks.slack.com/services/T000/B000/slacksecret99',
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexampleid',
};

/** Load a fixture that must fail, and return the error. */
export async function loadFailure(file: string, env: Record<string, string> = FIXTURE_ENV): Promise<ConfigError> {
  try {
    await loadConfigFile(join(FIXTURES, file), { env });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`${file} loaded without a ConfigError`);
}

export function paths(problems: ConfigProblem[]): string[] {
  return problems.map((problem) => problem.path);
}
