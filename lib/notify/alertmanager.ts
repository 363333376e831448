import type { ReceiverConfig } from '../config/types';
import { redactUrl } from '../runtime/redact';
import { postableAlerts } from './alertmanager-payload';
import { classifyTransport } from './classify';
import { safeDetail } from './code-table';
import { httpPost } from './http-post';
import { parseDurationMs } from './render/duration';
import { ReceiverOptionsError } from './render/errors';
import type { ReceiverDeps } from './render/prepare';
import { receiverSecrets, requireRobotUrl } from './robot-url';
import type { DeliveryOutcome, Receiver } from './types';

export const ALERTMANAGER_OPTION_KEYS = ['endsAfter', 'timeoutMs'] as const;
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

function readOptions(config: ReceiverConfig): { endsAfterMs: number; timeoutMs: number } {
  const o = config.options;
  for (const key of Object.keys(o)) {
    if (!(ALERTMANAGER_OPTION_KEYS as readonly string[]).includes(key)) {
      throw new ReceiverOptionsError(
        `receivers.${config.name}.options.${key}: unknown option for an alertmanager receiver; known: ${ALERTMANAGER_OPTION_KEYS.join(', ')}`,
      );
    }
  }
  const endsAfterMs = o.endsAfter === undefined ? DEFAULT_ENDS_AFTER_MS : parseDurationMs(o.endsAfter);
  if (endsAfterMs === undefined || endsAfterMs < 60_000 || endsAfterMs > 7 * 86_400_000) {
    throw new ReceiverOptionsError(
      `receivers.${config.name}.options.endsAfter: expected a duration from 1m to 7d (e.g. "1h"), at least 3 times the tick interval`,
    );
  }
  const timeoutMs = o.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 100 && timeoutMs <= 120_000)) {
    throw new ReceiverOptionsError(
      `receivers.${config.name}.options.timeoutMs: expected milliseconds between 100 and 120000`,
    );
  }
  return { endsAfterMs, timeoutMs };
}

/**
 * Prometheus Alertmanager (`url` is its base URL, e.g. `http://alertmanager:9093`): every tick re-posts the active
 * alerts with an explicit `endsAt` (now + `endsAfter`) and posts resolved ones with `endsAt` = their resolve time.
 * Alertmanager then groups, dedups, silences and routes. Options: `endsAfter` (duration, default 1h), `timeoutMs`.
 */
export function createAlertmanagerReceiver(config: ReceiverConfig, deps: ReceiverDeps): Receiver {
  requireRobotUrl(config, { platform: 'Alertmanager', example: 'http://alertmanager:9093' });
  const { endsAfterMs, timeoutMs } = readOptions(config);
  const target = alertsEndpoint(config.url ?? '');
  const secrets = receiverSecrets(config);
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
