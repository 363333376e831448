import { buildMaintenance, buildRoute, buildSilence } from './build-matching';
import { buildReceiver, defaultReceiverNames } from './build-receivers';
import { buildAlerting, buildFlink, buildReport, buildRule, buildState, buildWatch, DEFAULTS } from './build-sections';
import type { ConfigDocument } from './document';
import { parseDuration } from './duration';
import type { Config, ReceiverConfig } from './types';

/** A schema-valid, env-resolved document → the `Config` the program runs on (defaults filled, durations in ms). */
export function buildConfig(document: ConfigDocument): Config {
  const receivers: Record<string, ReceiverConfig> = {};
  for (const [name, receiver] of Object.entries(document.receivers ?? {})) {
    receivers[name] = buildReceiver(name, receiver);
  }
  const routes = document.routes ?? [];
  const defaultReceivers = defaultReceiverNames(
    document.alerting?.defaultReceivers,
    Object.keys(receivers),
    routes.length,
  );
  const alerting = buildAlerting(document.alerting ?? {}, defaultReceivers);
  return {
    flink: buildFlink(document.flink),
    watches: document.watches.map(buildWatch),
    rules: (document.rules ?? []).map(buildRule),
    receivers,
    routes: routes.map((route) => buildRoute(route, alerting)),
    silences: (document.silences ?? []).map(buildSilence),
    maintenance: (document.maintenance ?? []).map(buildMaintenance),
    alerting,
    state: buildState(document.state),
    report: buildReport(document.report ?? {}),
    tickTimeoutMs: parseDuration(document.tickTimeout ?? DEFAULTS.tickTimeout),
  };
}
