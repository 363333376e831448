// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { isIP } from 'node:net';

/** 127.0.0.0/8, `localhost` and `::1`: the only hosts plain http may reach by default. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

const HOST_PORT =
  /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:(\d{1,5}))?$/;

/** `host[:port]` → its host, or undefined when it is not of that form (a scheme or path was given, say). */
export function endpointHost(endpoint: string): string | undefined {
  const match = HOST_PORT.exec(endpoint);
  if (!match) return undefined;
  const port = match[6];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return undefined;
  return match[1];
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; message: string; hint: string };

/**
 * An http(s) URL that may be used for sending. Messages name the host at most: the URL itself may carry a token.
 */
export function checkSendUrl(raw: string, allowHttp: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      message: 'is not a valid URL',
      hint: 'write a full URL starting with https://, e.g. https://oapi.dingtalk.com/robot/send?access_token=${env:TOKEN}',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `uses ${url.protocol.replace(/:$/, '')}, not http(s)`, hint: 'use an https:// URL' };
  }
  if (url.protocol === 'http:' && !allowHttp && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `plain http to ${url.hostname} is refused: the message and any token in the URL would travel unencrypted`,
      hint: 'use https://, or set allowHttp: true on this receiver if the network path is trusted',
    };
  }
  return { ok: true, url };
}
