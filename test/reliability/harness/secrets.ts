/**
 * Distinctive secret values the reliability tests seed into configurations (through `${env:…}` references) and then
 * look for in every output: log lines, tick summaries, state files, HTTP answers, thrown errors.
 */
export const SECRETS = {
  accessKeyId: 'rel-access-key-id',
  accessKeySecret: 'AKS-rel-9f8e7d6c5b4a3210',
  reportToken: 'rpt-rel-0a1b2c3d4e5f6789',
  hookToken: 'whk-rel-13579bdf2468ace0',
  dingToken: 'dtk-rel-fedcba9876543210',
  dingSecret: 'SECrel0123456789abcdef0123456789abcdef',
} as const;

/** The values that must never be shown (the access key id is an identifier, not a secret). */
export const SECRET_VALUES: readonly string[] = [
  SECRETS.accessKeySecret,
  SECRETS.reportToken,
  SECRETS.hookToken,
  SECRETS.dingToken,
  SECRETS.dingSecret,
];

/** Which of `secrets` occur in `text`, also URL-encoded or base64-encoded. */
export function leaksIn(text: string, secrets: readonly string[] = SECRET_VALUES): string[] {
  return secrets.filter(
    (s) => text.includes(s) || text.includes(encodeURIComponent(s)) || text.includes(Buffer.from(s).toString('base64')),
  );
}
