/** An alert event as a receiver shows it: `firing job-failed orders-etl`, `resolved WatchQueryFailing`. */
export type EventKey = string;

function eventKey(status: string, alertname: string, deployment: string | undefined): EventKey {
  return deployment ? `${status} ${alertname} ${deployment}` : `${status} ${alertname}`;
}

/** Events in an Alertmanager-format body (the `webhook` receiver). */
export function webhookEvents(body: string): EventKey[] {
  const parsed = JSON.parse(body) as { alerts?: Array<{ status?: string; labels?: Record<string, string> }> };
  return (parsed.alerts ?? []).map((a) =>
    eventKey(a.status ?? '?', a.labels?.alertname ?? '?', a.labels?.deployment || undefined),
  );
}

const EVT = /EVT (firing|resolved) (\S+)(?: (\S+))?/g;

/** Events in a DingTalk markdown text rendered with the world's template `EVT {{status}} {{name}} {{deployment}}`. */
export function dingTextEvents(text: string): EventKey[] {
  return [...text.matchAll(EVT)].map((m) => eventKey(m[1] ?? '?', m[2] ?? '?', m[3]));
}

/** Events in a rendered DingTalk body (JSON with `markdown.text`). */
export function dingBodyEvents(body: string): EventKey[] {
  const parsed = JSON.parse(body) as { markdown?: { text?: string } };
  return dingTextEvents(parsed.markdown?.text ?? '');
}

export function bodyEvents(receiver: string, body: string): EventKey[] {
  return receiver === 'ding' ? dingBodyEvents(body) : webhookEvents(body);
}

export function countBy(keys: readonly EventKey[]): Map<EventKey, number> {
  const out = new Map<EventKey, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** Receipts beyond the first, summed over events. */
export function duplicatesIn(keys: readonly EventKey[]): number {
  let extra = 0;
  for (const n of countBy(keys).values()) extra += n - 1;
  return extra;
}

export const alertnameOf = (key: EventKey): string => key.split(' ')[1] ?? '';
export const deploymentOf = (key: EventKey): string | undefined => key.split(' ')[2];
export const statusOf = (key: EventKey): string => key.split(' ')[0] ?? '';
