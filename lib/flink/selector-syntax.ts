/**
 * Kubernetes label key and value rules (apimachinery `IsQualifiedName` / `IsValidLabelValue`). Each check returns
 * `undefined` when the text is valid, otherwise the reason in words.
 */

const NAME_MAX = 63;
const PREFIX_MAX = 253;
// Compiled once: these run for every selector token, never per deployment.
const NAME_CHARS = /^[A-Za-z0-9_.-]*$/;
const ALNUM = /^[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const KEY_RULE =
  'a label key: an optional DNS prefix and "/" (like "example.com/"), then a name of at most 63 characters of ' +
  'letters, digits, "-", "_" and "." that begins and ends with a letter or digit';
export const VALUE_RULE =
  'a label value: empty, or at most 63 characters of letters, digits, "-", "_" and "." that begins and ends ' +
  'with a letter or digit';

function checkName(name: string, what: string): string | undefined {
  if (name.length === 0) return `the ${what} is empty`;
  if (name.length > NAME_MAX) return `the ${what} is ${name.length} characters long (at most ${NAME_MAX})`;
  if (!NAME_CHARS.test(name)) {
    const bad = [...name].find((ch) => !NAME_CHARS.test(ch)) ?? '';
    return `the ${what} contains ${JSON.stringify(bad)} (only letters, digits, "-", "_" and "." are allowed)`;
  }
  if (!ALNUM.test(name.charAt(0))) return `the ${what} must begin with a letter or digit`;
  if (!ALNUM.test(name.charAt(name.length - 1))) return `the ${what} must end with a letter or digit`;
  return undefined;
}

function checkPrefix(prefix: string): string | undefined {
  if (prefix.length === 0) return 'the prefix before "/" is empty';
  if (prefix.length > PREFIX_MAX) return `the prefix is ${prefix.length} characters long (at most ${PREFIX_MAX})`;
  if (!prefix.split('.').every((label) => DNS_LABEL.test(label))) {
    return `the prefix ${JSON.stringify(prefix)} is not a lower-case DNS subdomain (like "example.com")`;
  }
  return undefined;
}

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash === -1) return checkName(key, 'name');
  if (key.indexOf('/', slash + 1) !== -1) return 'a key may contain at most one "/"';
  return checkPrefix(key.slice(0, slash)) ?? checkName(key.slice(slash + 1), 'name after "/"');
}

export function labelValueProblem(value: string): string | undefined {
  return value.length === 0 ? undefined : checkName(value, 'value');
}
