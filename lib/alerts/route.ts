import type { AlertingConfig, RouteConfig } from '../config/types';
import { type CompiledMatchers, compileMatchers } from './matchers';
import { FAILED_RECEIVER_LABEL, META_ALERT } from './meta-alerts';
import type { Labels } from './types';

/** Where one alert goes: a receiver, how its group is formed there, and how often it is repeated. */
export interface RouteTarget {
  receiver: string;
  groupBy: string[];
  repeatIntervalMs: number;
}

export interface Router {
  route(labels: Labels): RouteTarget[];
}

/**
 * Routes are tried in order. A matching route adds its receivers and stops the search unless it has
 * `continue: true`. When no route matches, the alert goes to `alerting.defaultReceivers` with the global grouping
 * and repeat interval. A matching route with no receivers discards the alert on purpose. A receiver reached twice
 * is kept once, with the first route's settings.
 *
 * `NotificationUndeliverable` is never routed to the receiver it is about; when that leaves it nowhere to go, it
 * falls back to the default receivers (minus that one).
 */
export function compileRouter(routes: readonly RouteConfig[], alerting: AlertingConfig): Router {
  const compiled: Array<{ route: RouteConfig; matchers: CompiledMatchers }> = routes.map((route) => ({
    route,
    matchers: compileMatchers(route.matchers),
  }));
  const defaults = (): RouteTarget[] =>
    alerting.defaultReceivers.map((receiver) => ({
      receiver,
      groupBy: alerting.groupBy,
      repeatIntervalMs: alerting.repeatIntervalMs,
    }));
  return {
    route(labels) {
      const excluded =
        labels.alertname === META_ALERT.notificationUndeliverable ? labels[FAILED_RECEIVER_LABEL] : undefined;
      const keep = (targets: RouteTarget[]) => targets.filter((t) => t.receiver !== excluded);
      const found: RouteTarget[] = [];
      let matched = false;
      for (const { route, matchers } of compiled) {
        if (!matchers.matches(labels)) continue;
        matched = true;
        for (const receiver of route.receivers) {
          found.push({ receiver, groupBy: route.groupBy, repeatIntervalMs: route.repeatIntervalMs });
        }
        if (!route.continue) break;
      }
      let targets = matched ? keep(found) : keep(defaults());
      if (matched && targets.length === 0 && found.length > 0) targets = keep(defaults());
      return unique(targets);
    },
  };
}

/** One-off routing of one alert; prefer `compileRouter` for many alerts (matchers compile once). */
export function routeAlert(labels: Labels, routes: readonly RouteConfig[], alerting: AlertingConfig): RouteTarget[] {
  return compileRouter(routes, alerting).route(labels);
}

function unique(targets: RouteTarget[]): RouteTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    if (seen.has(t.receiver)) return false;
    seen.add(t.receiver);
    return true;
  });
}
