import { type CheckContext, report, warn } from './check-context';
import { childPath } from './paths';
import { arrayAt, isRecord, recordAt, stringAt } from './read';
import { didYouMean } from './suggest';

/** Alert names flink-watch raises itself, besides the rules'. */
export const META_ALERT_NAMES = ['WatchQueryFailing', 'WatchEmpty'] as const;

/** Names are unique where they identify something, and every reference names something that exists. */
export function checkReferences(ctx: CheckContext): void {
  const watchNames = uniqueNames(ctx, 'watches', 'watch');
  const ruleNames = uniqueNames(ctx, 'rules', 'rule');
  uniqueNames(ctx, 'maintenance', 'maintenance window');
  const receivers = recordAt(ctx.document, 'receivers');
  const receiverNames = receivers ? Object.keys(receivers) : [];

  arrayAt(ctx.document, 'rules').forEach((rule, index) => {
    arrayAt(rule, 'watches').forEach((name, i) => {
      mustExist(ctx, `rules[${index}].watches[${i}]`, name, watchNames, 'watch');
    });
  });
  arrayAt(ctx.document, 'routes').forEach((route, index) => {
    arrayAt(route, 'receivers').forEach((name, i) => {
      mustExist(ctx, `routes[${index}].receivers[${i}]`, name, receiverNames, 'receiver');
    });
  });
  arrayAt(recordAt(ctx.document, 'alerting'), 'defaultReceivers').forEach((name, i) => {
    mustExist(ctx, `alerting.defaultReceivers[${i}]`, name, receiverNames, 'receiver');
  });
  for (const section of ['routes', 'silences', 'maintenance']) {
    arrayAt(ctx.document, section).forEach((entry, index) => {
      const match = recordAt(entry, 'match');
      const base = `${section}[${index}].match`;
      shouldExist(ctx, `${base}.watch`, stringAt(match, 'watch'), watchNames, 'watch');
      shouldExist(ctx, `${base}.rule`, stringAt(match, 'rule'), [...ruleNames, ...META_ALERT_NAMES], 'rule');
    });
  }
}

function uniqueNames(ctx: CheckContext, section: string, noun: string): string[] {
  const firstIndex = new Map<string, number>();
  arrayAt(ctx.document, section).forEach((entry, index) => {
    const name = isRecord(entry) ? entry.name : undefined;
    if (typeof name !== 'string') return;
    const earlier = firstIndex.get(name);
    if (earlier === undefined) {
      firstIndex.set(name, index);
      return;
    }
    report(
      ctx,
      childPath(`${section}[${index}]`, 'name'),
      `duplicate ${noun} name "${name}" (also used by ${section}[${earlier}])`,
      `give each ${noun} its own name`,
    );
  });
  return [...firstIndex.keys()];
}

function mustExist(ctx: CheckContext, path: string, name: unknown, known: string[], noun: string): void {
  if (typeof name !== 'string' || known.includes(name)) return;
  const list = known.length > 0 ? `known ${noun} names: ${known.join(', ')}` : `no ${noun} is defined`;
  report(ctx, path, `unknown ${noun} "${name}"`, `${didYouMean(name, known)}${list}`);
}

/** A match on an unknown watch or rule is probably a typo, but matches nothing rather than breaking anything. */
function shouldExist(ctx: CheckContext, path: string, name: string | undefined, known: string[], noun: string): void {
  if (name === undefined || known.includes(name)) return;
  warn(
    ctx,
    path,
    `no ${noun} is named "${name}", so this matches nothing`,
    `${didYouMean(name, known)}known: ${known.join(', ')}`,
  );
}
