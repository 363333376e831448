import type { FittedMessage } from './fit';
import type { Prepared } from './prepare';

/** The one-line log/summary text of a message, e.g. `2 firing, 1 resolved: job-failed · payments (+40 summarised)`. */
export function messageSummary(p: Prepared, m: FittedMessage, index: number, total: number): string {
  const counts = `${p.group.firing_count} firing, ${p.group.resolved_count} resolved`;
  const part = total > 1 ? ` (part ${index + 1}/${total})` : '';
  const more = m.omitted > 0 ? ` (+${m.omitted} summarised)` : '';
  return `${counts}: ${p.group.group_title}${part}${more}`;
}
