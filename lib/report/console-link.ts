/** Placeholders a console URL template may use. */
export const CONSOLE_PLACEHOLDERS = ['workspace', 'namespace', 'deploymentId', 'region'] as const;
type Placeholder = (typeof CONSOLE_PLACEHOLDERS)[number];

/**
 * Fill `{workspace}`, `{namespace}`, `{deploymentId}` and `{region}` (URL-encoded). Only http(s) results are links;
 * anything else (a typo, a `javascript:` template) gives no link rather than a dangerous one.
 */
export function consoleUrl(template: string | undefined, values: Record<Placeholder, string>): string | undefined {
  if (template === undefined || template.trim() === '') return undefined;
  const filled = template.replace(/\{(workspace|namespace|deploymentId|region)\}/g, (_match, name: Placeholder) =>
    encodeURIComponent(values[name]),
  );
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? filled : undefined;
}
