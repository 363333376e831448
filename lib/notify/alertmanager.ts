import type { ReceiverConfig } from '../config/types';
import { redactUrl } from '../runtime/redact';
import { postableAlerts } from './alertmanager-payload';
import { classifyTransport } from './classify';
import { safeDetail } from './code-table';
import { httpPost } from './http-post';
import { parseDurationMs } from './render/duration';
import { failOption as fail, readTimeoutMs } from './render/options';
import type { ReceiverDeps } from './render/prepare';
import { receiverSecrets, requireRobotUrl } from './robot-url';
import type { DeliveryOutcome, Receiver } from './types';

export const ALERTMANAGER_OPTION_KEYS = ['endsAfter', 'timeout', 'headers', 'allowHttp'] as const;
/** Default lifetime of a posted firing alert: covers ticks up to ~15 minutes apart with room for missed ticks. */
export const DEFAULT_ENDS_AFTER_MS = 60 * 60_000;

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** `<base>/api/v2/alerts`; credentials in the URL become a Basic header (fetch refuses URLs that carry them). */
function alertsEndpoint(base: string): Target {
  const url = new URL(base);
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api/v2/alerts') ? path : `${path}/api/v2/alerts`;
  return { url: url.toString(), headers };
}

interface AlertmanagerOptions {
  endsAfterMs: number;
  timeoutMs: number;
  headers: Record<string, string>;
}

function readOptions(config: ReceiverConfig): AlertmanagerOptions {
  const o = config.options;
  const known: readonly string[] = ALERTMANAGER_OPTION_KEYS;
  for (const key of Object.keys(o)) {
    if (!known.includes(key))
      fail(config, key, `unknown option for an alertmanager receiver; known: ${known.join(', ')}`);
  }
  const endsAfterMs = o.endsAfter === undefined ? DEFAULT_ENDS_AFTER_MS : parseDurationMs(o.endsAfter);
  if (endsAfterMs === undefined || endsAfterMs < 60_000 || endsAfterMs > 7 * 86_400_000) {
    fail(config, 'endsAfter', 'expected a duration from 1m to 7d (e.g. "1h"), at least 3 times the tick interval');
  }
  const headers: Record<string, string> = {};
  if (o.headers !== undefined) {
    if (typeof o.headers !== 'object' || o.headers === null || Array.isArray(o.headers)) {
      fail(config, 'headers', 'expected a map of header name to value');
    }
    for (const [name, value] of Object.entries(o.headers)) {
      if (typeof value !== 'string') fail(config, `headers.${name}`, 'expected a string value');
      headers[name.toLowerCase()] = value;
    }
  }
  return { endsAfterMs, timeoutMs: readTimeoutMs(config), headers };
}

/**
 * Prometheus Alertmanager (`url` is its base URL, e.g. `http://alertmanager:9093`): every tick re-posts the active
 * alerts with an explicit `endsAt` (now + `endsAfter`) and posts resolved ones with `endsAt` = their resolve time.
 * Alertmanager then groups, dedups, silences and routes. Options: `endsAfter` (ms or duration, default 1h),
 * `timeout`, `headers` (values are secrets: never logged).
 */
export function createAlertmanagerReceiver(config: ReceiverConfig, deps: ReceiverDeps): Receiver {
  requireRobotUrl(config, { platform: 'Alertmanager', example: 'http://alertmanager:9093' });
  const { endsAfterMs, timeoutMs, headers } = readOptions(config);
  const endpoint = alertsEndpoint(config.url ?? '');
  // Configured headers (e.g. a proxy's Authorization) win over credentials taken from the URL.
  const target = { url: endpoint.url, headers: { ...endpoint.headers, ...headers } };
  const secrets = [...receiverSecrets(config), ...Object.values(headers)];
  const label = `alertmanager receiver "${config.name}"`;
  const log = deps.logger.child({ receiver: config.name, type: 'alertmanager' });
  const payload = {
    endsAfterMs,
    ...(deps.report.url ? { reportUrl: deps.report.url } : {}),
    ...(deps.report.consoleUrlTemplate ? { consoleUrlTemplate: deps.report.consoleUrlTemplate } : {}),
    ...(deps.region ? { region: deps.region } : {}),
  };

  return {
    name: config.name,
    type: 'alertmanager',
    sendResolved: config.sendResolved,
    rateLimits: [],
    resendEveryTick: true,
    render(n) {
      const firing = n.alerts.filter((a) => a.status === 'firing').length;
      return [
        {
          receiver: config.name,
          groupKey: n.groupKey,
          body: JSON.stringify(postableAlerts(n, payload)),
          contentType: 'application/json',
          summary: `${firing} firing, ${n.alerts.length - firing} resolved: ${n.groupKey}`,
          fingerprints: n.alerts.map((a) => a.fingerprint),
        },
      ];
    },
    async deliver(message, ctx): Promise<DeliveryOutcome> {
      const nowMs = ctx.now.getTime();
      log.debug('posting', { url: redactUrl(target.url), summary: message.summary });
      const answer = await httpPost({
        url: target.url,
        body: message.body,
        contentType: message.contentType,
        headers: target.headers,
        signal: ctx.signal,
        timeoutMs,
      });
      const outcome = classifyTransport(answer, label, nowMs);
      if (!outcome) return { kind: 'delivered' };
      if (answer.kind !== 'answer' || outcome.kind === 'delivered') return outcome;
      // Alertmanager says what it refused (`invalid label set …`); keep it, scrubbed.
      const detail = safeDetail(answer.text, secrets);
      return detail ? { ...outcome, error: new Error(`${outcome.error.message}: ${detail}`) } : outcome;
    },
  };
}
