// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { type CheckContext, report, resolvedString } from './check-context';
import { checkCredentialPair } from './check-flink';
import { checkTimeZone } from './check-receivers';
import { recordAt, stringAt } from './read';

export function checkReport(ctx: CheckContext): void {
  const section = recordAt(ctx.document, 'report');
  const auth = stringAt(section, 'auth') ?? 'token';
  if (auth === 'token' && section?.token === undefined) {
    report(
      ctx,
      'report.token',
      'is required: the report endpoint needs a token unless authentication is explicitly turned off',
      'set REPORT_TOKEN in the environment and write token: ${env:REPORT_TOKEN}, or auth: none to opt out',
    );
  }
  for (const key of ['url', 'consoleUrlTemplate']) {
    const value = resolvedString(ctx, section, key, 'report');
    if (value !== undefined && !/^https?:\/\/[^/\s]+/.test(value)) {
      report(ctx, `report.${key}`, 'is not an http(s) URL', 'write a full URL starting with https://');
    }
  }
  if (section) checkTimeZone(ctx, section, 'report');
}

export function checkState(ctx: CheckContext): void {
  const state = recordAt(ctx.document, 'state');
  if (state?.type === 'oss') checkCredentialPair(ctx, state, 'state');
}
