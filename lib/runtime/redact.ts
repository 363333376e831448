/**
 * Secrets travel in webhook URLs (DingTalk `access_token`, WeCom `key`, Feishu and Slack hook paths), in signing
 * secrets and in access keys. Everything that reaches a log, an error message or a report goes through here.
 */
const SECRET_QUERY_KEYS =
  /^(access_token|key|token|sign|signature|secret|timestamp|x-acs-security-token|securitytoken)$/i;
const MASK = '<redacted>';

/** Keep scheme, host and path shape; hide tokens in the query and the token-bearing path tails of hook URLs. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return MASK;
  }
  if (url.username || url.password) {
    url.username = MASK;
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEYS.test(key)) url.searchParams.set(key, MASK);
  }
  // Feishu/Lark `/open-apis/bot/v2/hook/<token>`, Slack `/services/T../B../<token>`: the path tail is the secret.
  url.pathname = url.pathname
    .replace(/(\/hook\/)[^/]+$/, `$1${MASK}`)
    .replace(/(\/services\/[^/]+\/[^/]+\/)[^/]+$/, `$1${MASK}`);
  return url.toString().replaceAll(encodeURIComponent(MASK), MASK);
}

/** Replace every occurrence of each known secret (and its URL-encoded form) in `text`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.replaceAll(secret, MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replaceAll(encoded, MASK);
  }
  return out;
}
