import { Liquid, type Template } from 'liquidjs';
import { TemplateError } from './errors';

/** How a platform escapes values printed by `{{ … }}` (markup that must stay markup uses `| raw`). */
export type Escape = (value: string) => string;

export interface CompiledTemplate {
  /** Throws a TemplateError when rendering fails (limits, bad data); callers fall back to the default template. */
  render(scope: object): string;
}

export interface TemplateEngine {
  /** `what` names the source in errors, e.g. `template`. */
  compile(source: string, what: string): CompiledTemplate;
}

const toText = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export const noEscape: Escape = (v) => v;
/** Slack mrkdwn: only these three characters are control characters. */
export const slackEscape: Escape = (v) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
/** Feishu card markdown: angle brackets would let a label value inject `<at id=all></at>`. */
export const feishuEscape: Escape = (v) => v.replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Templates are data from the configuration: a Liquid engine with no file system (an empty in-memory template map),
 * no include/render/layout tags, own properties only, unknown filters rejected at compile time, and (for configured
 * templates) parse, time and memory limits so that one template cannot stall a tick.
 */
export function createTemplateEngine(
  escapeOutput: Escape = noEscape,
  trust: 'configured' | 'built-in' = 'configured',
): TemplateEngine {
  // The wall-clock limit guards against configured templates only: a busy machine or a cold start can make the
  // built-in templates slow too, and they must never fail.
  const limits =
    trust === 'configured' ? { parseLimit: 64 * 1024, renderLimit: 1_000, memoryLimit: 8 * 1024 * 1024 } : {};
  const liquid = new Liquid({
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    cache: false,
    ...limits,
    outputEscape: (value: unknown) => escapeOutput(toText(value)),
  });
  for (const tag of ['include', 'render', 'layout', 'block']) delete liquid.tags[tag];
  return {
    compile(source, what) {
      let parsed: Template[];
      try {
        parsed = liquid.parse(source);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new TemplateError(`${what} is not a valid Liquid template: ${reason}`, {
          cause: err,
        });
      }
      return {
        render(scope) {
          try {
            return toText(liquid.renderSync(parsed, scope));
          } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            throw new TemplateError(`${what} failed to render: ${reason}`, { cause: err });
          }
        },
      };
    },
  };
}
