import { type CheckContext, report, resolvedString, warn } from './check-context';
import { checkSendUrl } from './network';
import { childPath } from './paths';
import { booleanAt, isRecord, recordAt } from './read';
import { isValidTimeZone, timeZoneHint } from './time-checks';

export function checkReceivers(ctx: CheckContext): void {
  const receivers = recordAt(ctx.document, 'receivers');
  if (!receivers || Object.keys(receivers).length === 0) {
    warn(
      ctx,
      'receivers',
      'no receivers are defined, so alerts are evaluated but never sent',
      'add one, e.g. receivers: { console: { type: console } }',
    );
    return;
  }
  for (const [name, receiver] of Object.entries(receivers)) {
    if (!isRecord(receiver)) continue;
    const path = childPath('receivers', name);
    const url = resolvedString(ctx, receiver, 'url', path);
    if (url !== undefined && receiver.type !== 'console') {
      const verdict = checkSendUrl(url, booleanAt(receiver, 'allowHttp') === true);
      if (!verdict.ok) report(ctx, childPath(path, 'url'), verdict.message, verdict.hint);
    }
    checkTimeZone(ctx, receiver, path);
  }
}

export function checkTimeZone(ctx: CheckContext, parent: unknown, parentPath: string): void {
  const timeZone = resolvedString(ctx, parent, 'timeZone', parentPath);
  if (timeZone === undefined || timeZone === '' || isValidTimeZone(timeZone)) return;
  report(ctx, childPath(parentPath, 'timeZone'), `"${timeZone}" is not a known time zone`, timeZoneHint(timeZone));
}
