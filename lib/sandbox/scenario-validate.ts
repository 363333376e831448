import { JOB_STATES, type JobState } from '../flink/types';
import { ScenarioError } from './errors';
import type { LabelValue, Scenario, ScenarioChange, ScenarioDeployment } from './scenario';

/** Counts of jobs that ended: they accumulate over a deployment's history and never go down. */
export const HISTORY_COUNTS: readonly JobState[] = ['cancelled', 'finished', 'failed'];

const TOP_KEYS = new Set(['name', 'description', 'loop', 'steps', 'deployments']);
const DEPLOYMENT_KEYS = new Set([
  'id',
  'name',
  'workspace',
  'namespace',
  'labels',
  'executionMode',
  'engineVersion',
  'createdAt',
  'deploymentHasChanged',
  'timeline',
]);
const CHANGE_KEYS = new Set<string>(['at', 'present', 'labels', ...JOB_STATES]);
const DEFAULT_ENGINE = 'vvr-8.0.9-flink-1.17';
const DEFAULT_CREATED_AT = 1714058507;

type Obj = Record<string, unknown>;

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

class Checker {
  readonly problems: string[] = [];

  add(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }

  unknownKeys(obj: Obj, allowed: Set<string>, path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.has(key)) this.add(join(path, key), `unknown field (expected one of: ${[...allowed].join(', ')})`);
    }
  }

  text(obj: Obj, key: string, path: string, fallback?: string): string {
    const v = obj[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.add(
      join(path, key),
      v === undefined ? 'is required (a non-empty string)' : `must be a non-empty string (got ${show(v)})`,
    );
    return fallback ?? '';
  }

  count(v: unknown, path: string): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    this.add(path, `must be a whole number ≥ 0 (got ${show(v)})`);
    return undefined;
  }

  labels(v: unknown, path: string, allowNull: boolean): Record<string, LabelValue | null> {
    if (v === undefined) return {};
    if (!isObj(v)) {
      this.add(path, `must be a map of label names to values (got ${show(v)})`);
      return {};
    }
    const out: Record<string, LabelValue | null> = {};
    for (const [key, value] of Object.entries(v)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
      else if (value === null && allowNull) out[key] = null;
      else
        this.add(`${path}.${key}`, `must be a string, number or boolean${allowNull ? ' (or null to remove it)' : ''}`);
    }
    return out;
  }
}

function checkChange(c: Checker, raw: unknown, path: string): ScenarioChange | undefined {
  if (!isObj(raw)) {
    c.add(path, `must be a map like { at: 3, running: 0, failed: 2 } (got ${show(raw)})`);
    return undefined;
  }
  c.unknownKeys(raw, CHANGE_KEYS, path);
  const at = c.count(raw['at'], `${path}.at`);
  const change: ScenarioChange = { at: at ?? 0, counts: {} };
  for (const state of JOB_STATES) {
    if (raw[state] === undefined) continue;
    const n = c.count(raw[state], `${path}.${state}`);
    if (n !== undefined) change.counts[state] = n;
  }
  if (raw['present'] !== undefined) {
    if (typeof raw['present'] === 'boolean') change.present = raw['present'];
    else c.add(`${path}.present`, `must be true or false (got ${show(raw['present'])})`);
  }
  if (raw['labels'] !== undefined) change.labels = c.labels(raw['labels'], `${path}.labels`, true);
  return at === undefined ? undefined : change;
}

function checkTimeline(c: Checker, raw: unknown, path: string): ScenarioChange[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    c.add(path, 'must be a list of changes like - { at: 0, running: 1 }');
    return [];
  }
  const changes: ScenarioChange[] = [];
  const history: Partial<Record<JobState, number>> = {};
  raw.forEach((item, i) => {
    const change = checkChange(c, item, `${path}[${i}]`);
    if (!change) return;
    const previous = changes.at(-1);
    if (previous && change.at <= previous.at) {
      c.add(
        `${path}[${i}].at`,
        `must be greater than the previous change's at (${previous.at}); list changes in step order`,
      );
    }
    for (const state of HISTORY_COUNTS) {
      const now = change.counts[state];
      const before = history[state];
      if (now === undefined) continue;
      if (before !== undefined && now < before) {
        c.add(
          `${path}[${i}].${state}`,
          `${now} is less than the earlier ${before}: ${state} counts jobs over the deployment's history and never decreases`,
        );
      }
      history[state] = now;
    }
    changes.push(change);
  });
  return changes;
}

function checkDeployment(c: Checker, raw: unknown, path: string): ScenarioDeployment | undefined {
  if (!isObj(raw)) {
    c.add(path, 'must be a map with id, name, workspace, …');
    return undefined;
  }
  c.unknownKeys(raw, DEPLOYMENT_KEYS, path);
  const mode = raw['executionMode'] ?? 'STREAMING';
  if (mode !== 'STREAMING' && mode !== 'BATCH')
    c.add(`${path}.executionMode`, `must be STREAMING or BATCH (got ${show(mode)})`);
  const createdAt =
    raw['createdAt'] === undefined ? DEFAULT_CREATED_AT : c.count(raw['createdAt'], `${path}.createdAt`);
  const changed = raw['deploymentHasChanged'] ?? false;
  if (typeof changed !== 'boolean') c.add(`${path}.deploymentHasChanged`, 'must be true or false');
  const labels = c.labels(raw['labels'], `${path}.labels`, false) as Record<string, LabelValue>;
  return {
    id: c.text(raw, 'id', path),
    name: c.text(raw, 'name', path),
    workspace: c.text(raw, 'workspace', path),
    namespace: c.text(raw, 'namespace', path, 'default-namespace'),
    labels,
    executionMode: mode === 'BATCH' ? 'BATCH' : 'STREAMING',
    engineVersion: c.text(raw, 'engineVersion', path, DEFAULT_ENGINE),
    createdAt: createdAt ?? DEFAULT_CREATED_AT,
    deploymentHasChanged: changed === true,
    timeline: checkTimeline(c, raw['timeline'], `${path}.timeline`),
  };
}

/** Turns parsed YAML into a `Scenario`, or throws `ScenarioError` listing every problem with its path. */
export function validateScenario(doc: unknown, source: string, fallbackName: string): Scenario {
  const c = new Checker();
  if (!isObj(doc)) throw new ScenarioError(source, ['the file must be a YAML map with a "deployments" list']);
  c.unknownKeys(doc, TOP_KEYS, '');
  const loop = doc['loop'] ?? false;
  if (typeof loop !== 'boolean') c.add('loop', `must be true or false (got ${show(loop)})`);
  const rawDeployments = doc['deployments'];
  const deployments: ScenarioDeployment[] = [];
  if (!Array.isArray(rawDeployments) || rawDeployments.length === 0) {
    c.add('deployments', 'is required: a non-empty list of deployments');
  } else {
    rawDeployments.forEach((raw, i) => {
      const d = checkDeployment(c, raw, `deployments[${i}]`);
      if (d) deployments.push(d);
    });
  }
  const seen = new Map<string, number>();
  deployments.forEach((d, i) => {
    const first = seen.get(d.id);
    if (first !== undefined) c.add(`deployments[${i}].id`, `"${d.id}" is already used by deployments[${first}]`);
    else seen.set(d.id, i);
  });
  const lastAt = Math.max(0, ...deployments.flatMap((d) => d.timeline.map((t) => t.at)));
  let steps = lastAt + 1;
  if (doc['steps'] !== undefined) {
    const n = c.count(doc['steps'], 'steps');
    if (n !== undefined && n < 1) c.add('steps', 'must be at least 1');
    else if (n !== undefined && n <= lastAt) c.add('steps', `must be greater than the last change's at (${lastAt})`);
    else if (n !== undefined) steps = n;
  }
  const description = typeof doc['description'] === 'string' ? doc['description'] : '';
  const name = c.text(doc, 'name', '', fallbackName);
  if (c.problems.length > 0) throw new ScenarioError(source, c.problems);
  return { name, description, source, loop: loop === true, steps, deployments };
}
