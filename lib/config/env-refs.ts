// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax, not a template.
import { childPath } from './paths';
import type { ConfigProblem } from './problems';
import { isRecord } from './read';

export type Environment = Record<string, string | undefined>;

export interface EnvResolution {
  /** The document with every `${env:NAME}` replaced (unresolvable ones by an empty string). */
  value: unknown;
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
  /** Paths whose value could not be resolved, so later checks do not pile on a second problem. */
  unresolved: Set<string>;
  /** Variable values substituted at each path (a secret may be only part of a value, as in `Bearer ${env:T}`). */
  substituted: Map<string, string[]>;
}

// `$${` is an escaped literal `${`; `${env:NAME}` a reference; any other `${` is suspicious but kept.
const TOKEN = /\$\$\{|\$\{env:([^}]*)\}|\$\{/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function hasEnvRef(text: string): boolean {
  return /\$\{env:[^}]*\}/.test(text.replaceAll('$${', ''));
}

/** Replace `${env:NAME}` references in every string value of the document (keys are left alone). */
export function resolveEnvRefs(document: unknown, env: Environment): EnvResolution {
  const result: EnvResolution = {
    value: undefined,
    problems: [],
    warnings: [],
    unresolved: new Set(),
    substituted: new Map(),
  };
  result.value = walk(document, '', env, result);
  return result;
}

function walk(node: unknown, path: string, env: Environment, result: EnvResolution): unknown {
  if (typeof node === 'string') return resolveString(node, path, env, result);
  if (Array.isArray(node)) return node.map((item, index) => walk(item, childPath(path, index), env, result));
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value, childPath(path, key), env, result);
    return out;
  }
  return node;
}

function resolveString(text: string, path: string, env: Environment, result: EnvResolution): string {
  if (!text.includes('${')) return text;
  let suspicious = false;
  const resolved = text.replace(TOKEN, (token: string, name: string | undefined) => {
    if (token === '$${') return '${';
    if (name === undefined) {
      suspicious = true;
      return token;
    }
    if (!VARIABLE_NAME.test(name)) {
      result.problems.push({
        path,
        message: `"\${env:${name}}" does not name a valid environment variable`,
        hint: 'variable names use letters, digits and _, e.g. ${env:DINGTALK_SECRET}',
      });
      result.unresolved.add(path);
      return '';
    }
    const value = env[name];
    if (value === undefined || value === '') {
      result.problems.push({
        path,
        message: `environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`,
        hint: `set ${name} in the environment (on Function Compute: the function's environment variables in s.yaml)`,
      });
      result.unresolved.add(path);
      return '';
    }
    result.substituted.set(path, [...(result.substituted.get(path) ?? []), value]);
    return value;
  });
  if (suspicious) {
    result.warnings.push({
      path,
      message: 'contains "${" that is not an ${env:NAME} reference; it is kept as written',
      hint: 'write ${env:NAME} to read an environment variable, or $${ for a literal ${',
    });
  }
  return resolved;
}
