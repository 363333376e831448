import type { ReceiverConfig, ReportConfig } from '../../config/types';
import type { Logger } from '../../runtime/logger';
import { ReceiverConfigError } from '../errors';
import type { Notification } from '../types';
import { truncateUtf8 } from './bytes';
import { type AlertContext, buildContexts, type GroupContext, type RenderEnv } from './context';
import { type CompiledTemplate, createTemplateEngine, type Escape, noEscape, type TemplateEngine } from './engine';
import { TemplateError } from './errors';
import { isAbsoluteHttpUrl } from './links';
import { LOCALES, type LocaleStrings } from './locales';
import type { ChatOptions } from './options';
import { createTimeFormatter } from './time';

/** What the receiver factories get besides their own config. */
export interface ReceiverDeps {
  logger: Logger;
  /** `timeZone`, `locale` (defaults), `url` (report links), `consoleUrlTemplate` (deployment links). */
  report: ReportConfig;
  /** Fills `{region}` in `report.consoleUrlTemplate` (the Flink region, e.g. `cn-hangzhou`). */
  region?: string;
}

/** A platform's default templates and how it escapes and caps them. */
export interface PlatformTemplateSpec {
  defaults: { title: string; alert: string };
  /** Escaping of values printed by the alert template (titles are never escaped: they are plain text). */
  escape: Escape;
  titleMaxBytes: number;
  /** Cap on one alert's block, so that one alert always fits a message. */
  alertMaxBytes: number;
  /**
   * Stop rendering alerts once their blocks add up to more than this (they could not be shown anyway): a storm of
   * thousands of alerts costs no more than a full message.
   */
  renderBudgetBytes: number;
}

export interface RenderedAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  severity: string;
  text: string;
  /** False past the render budget: such an alert can only be summarised ("+N more"). */
  rendered: boolean;
}

/** A notification rendered piece by piece: the platform composes and fits the body from these. */
export interface Prepared {
  group: GroupContext;
  title: string;
  alerts: RenderedAlert[];
  strings: LocaleStrings;
  reportUrl?: string;
}

export type Preparer = (n: Notification) => Prepared;

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** Compiles the receiver's templates once and returns the per-notification renderer. */
export function createPreparer(
  config: ReceiverConfig,
  deps: ReceiverDeps,
  options: ChatOptions,
  spec: PlatformTemplateSpec,
): Preparer {
  // Titles are plain text everywhere (composers escape them where they land in markup); alert blocks are markup.
  const titleEngine = createTemplateEngine(noEscape);
  const engine = createTemplateEngine(spec.escape);
  const defaults = {
    title: createTemplateEngine(noEscape, 'built-in').compile(spec.defaults.title, `default ${config.type} title`),
    alert: createTemplateEngine(spec.escape, 'built-in').compile(
      spec.defaults.alert,
      `default ${config.type} template`,
    ),
  };
  const compileOption = (which: TemplateEngine, key: 'title' | 'template', source: string | undefined) => {
    if (source === undefined) return undefined;
    try {
      return which.compile(source, key);
    } catch (err) {
      const reason = err instanceof TemplateError ? err.message : String(err);
      throw new ReceiverConfigError(config.name, reason, 'fix the Liquid template text');
    }
  };
  const custom = {
    title: compileOption(titleEngine, 'title', options.title),
    alert: compileOption(engine, 'template', options.template),
  };
  const strings = LOCALES[options.locale];
  const env: RenderEnv = { strings, time: createTimeFormatter(options.timeZone) };
  if (isAbsoluteHttpUrl(deps.report.url)) env.reportUrl = deps.report.url;
  if (deps.report.consoleUrlTemplate) env.consoleUrlTemplate = deps.report.consoleUrlTemplate;
  if (deps.region) env.region = deps.region;
  const log = deps.logger.child({ receiver: config.name });

  // A custom template that fails at render time (limits, odd data) must not cost the alert: use the default.
  const renderWith = (own: CompiledTemplate | undefined, fallback: CompiledTemplate, scope: object): string => {
    if (own) {
      try {
        return own.render(scope);
      } catch (err) {
        log.warn('custom template failed; used the default template', { error: err });
      }
    }
    return fallback.render(scope);
  };

  const withKeyword = (title: string): string => {
    const max = spec.titleMaxBytes;
    const cut = truncateUtf8(title, max);
    if (options.keywords.length === 0 || options.keywords.some((k) => cut.includes(k))) return cut;
    const prefix = `[${options.keywords[0]}] `;
    return prefix + truncateUtf8(title, Math.max(0, max - Buffer.byteLength(prefix)));
  };

  return (n) => {
    const { group, alerts } = buildContexts(n, config.name, env);
    const title = withKeyword(oneLine(renderWith(custom.title, defaults.title, group)));
    let spent = 0;
    const rendered = alerts.map((alert: AlertContext): RenderedAlert => {
      const base = { fingerprint: alert.fingerprint, status: alert.status, severity: alert.severity };
      if (spent > spec.renderBudgetBytes) return { ...base, text: '', rendered: false };
      const text = truncateUtf8(
        renderWith(custom.alert, defaults.alert, { ...group, alert }).trim(),
        spec.alertMaxBytes,
      );
      spent += Buffer.byteLength(text);
      return { ...base, text, rendered: true };
    });
    const out: Prepared = { group, title, alerts: rendered, strings };
    if (env.reportUrl) out.reportUrl = env.reportUrl;
    return out;
  };
}
