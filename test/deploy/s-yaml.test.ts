import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseTimerEvent } from '../../lib/runtime/fc-event';
import { configPath } from '../../lib/service/function-runtime';

// The fields of the fc3 component (Serverless Devs 3) that s.yaml uses, as its schema defines them.
const RUNTIME = 'nodejs20';
const AUTH_TYPES = ['anonymous', 'function', 'jwt'];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
const SECRET_NAME = /token|secret|password|passwd|key|url|webhook|credential/i;
const ENV_REFERENCE = /^\$\{env\('([A-Z][A-Z0-9_]*)'\)\}$/;

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

type Props = Record<string, unknown>;
interface Trigger {
  triggerName?: unknown;
  triggerType?: unknown;
  qualifier?: unknown;
  triggerConfig?: Record<string, unknown>;
}

interface Resource {
  component?: unknown;
  props: Props;
}

function loadSYaml(): { doc: Record<string, unknown>; resources: Array<[string, Resource]> } {
  const parsed = parseDocument(readFileSync(join(ROOT, 's.yaml'), 'utf8'), { uniqueKeys: true });
  if (parsed.errors.length > 0) throw new Error(`s.yaml is not valid YAML: ${parsed.errors[0]?.message}`);
  const doc = parsed.toJS() as Record<string, unknown>;
  const vars = (doc.vars ?? {}) as Record<string, unknown>;
  // Serverless Devs resolves `${vars.x}`; `${env('…')}` and `${config('…')}` stay, they are resolved at deploy time.
  const resolveVars = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const whole = /^\$\{vars\.([\w-]+)\}$/.exec(value);
      if (whole) return vars[whole[1] ?? ''];
      return value.replace(/\$\{vars\.([\w-]+)\}/g, (_m, name: string) => String(vars[name]));
    }
    if (Array.isArray(value)) return value.map(resolveVars);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveVars(v)]));
    }
    return value;
  };
  const declared = (doc.resources ?? {}) as Record<string, { component?: unknown; props?: Props }>;
  const resources = Object.entries(declared).map(([name, r]): [string, Resource] => [
    name,
    { component: r.component, props: resolveVars(r.props ?? {}) as Props },
  ]);
  return { doc, resources };
}

describe('s.yaml (Serverless Devs 3, fc3 component)', () => {
  const { doc, resources } = loadSYaml();
  let project: string;
  let dist: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'flink-watch-package-'));
    // Like the repository: the bundles land under a package.json that declares ES modules.
    await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
    dist = join(project, 'dist');
    // `npm run package`, into the scratch project, shipping the production example as the configuration.
    await run(process.execPath, ['scripts/build.mjs', '--outdir', dist, '--only', 'monitor,report'], {
      cwd: ROOT,
      env: { ...process.env, FLINK_WATCH_CONFIG_FILE: 'examples/production.yaml' },
      timeout: 120_000,
    });
  });
  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('is an edition 3.0.0 project whose package and deploy scripts build what it deploys', () => {
    expect(doc.edition).toBe('3.0.0');
    expect(doc.name).toEqual(expect.any(String));
    expect(resources.map(([name]) => name).sort()).toEqual(['monitor', 'report']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.package).toBe('node scripts/build.mjs');
    expect(pkg.scripts.deploy).toMatch(/^npm run package && s deploy\b/);
  });

  describe.each(resources)('%s', (_name, resource) => {
    const props = resource.props;

    it('is an fc3 function on nodejs20 with the required fields', () => {
      expect(resource.component).toBe('fc3');
      expect(props.functionName).toMatch(/^[A-Za-z_][\w-]{0,127}$/);
      expect(props.region).toMatch(/^[a-z]{2}-[a-z]+(-\d+)?$/);
      expect(props.runtime).toBe(RUNTIME);
      expect(props.handler).toBe('index.handler');
      expect(props.logConfig).toBe('auto');
      expect(props.role).toMatch(/^acs:ram::\$\{config\('AccountID'\)\}:role\/[\w.-]+$/);
    });

    it('has a memory size and a timeout fc3 accepts', () => {
      expect(Number.isInteger(props.memorySize)).toBe(true);
      const memory = props.memorySize as number;
      expect(memory % 64).toBe(0);
      expect(memory).toBeGreaterThanOrEqual(128);
      expect(memory).toBeLessThanOrEqual(32768);
      expect(Number.isInteger(props.timeout)).toBe(true);
      // fc3's default is 3 s; a tick needs its budget (timeout less a 5 s margin) to be worth having.
      expect(props.timeout as number).toBeGreaterThanOrEqual(15);
      expect(props.timeout as number).toBeLessThanOrEqual(86400);
    });

    it('deploys a directory that `npm run package` fills with index.js exporting handler', async () => {
      expect(props.code).toMatch(/^\.\/dist\/[\w-]+$/);
      const dir = join(dist, String(props.code).slice('./dist/'.length));
      const [file, exported] = String(props.handler).split('.');
      expect((await stat(join(dir, `${file}.js`))).isFile()).toBe(true);
      const load = createRequire(import.meta.url);
      const module = load(join(dir, `${file}.js`)) as Record<string, unknown>;
      expect(typeof module[exported ?? '']).toBe('function');
      // The configuration the build shipped is the one the function reads.
      const env = props.environmentVariables as Record<string, string>;
      const shipped = configPath({ FLINK_WATCH_CONFIG: env.FLINK_WATCH_CONFIG, FC_FUNC_CODE_PATH: dir });
      expect(await readFile(shipped, 'utf8')).toBe(readFileSync(join(ROOT, 'examples/production.yaml'), 'utf8'));
    });

    it('takes secrets only from the deploying environment', () => {
      const env = props.environmentVariables as Record<string, unknown>;
      expect(env).toBeTypeOf('object');
      for (const [name, value] of Object.entries(env)) {
        expect(typeof value, name).toBe('string');
        if (SECRET_NAME.test(name)) expect(value, name).toMatch(ENV_REFERENCE);
        // No value anywhere may look like a credential written out.
        expect(String(value), name).not.toMatch(/LTAI[0-9A-Za-z]{12,}|access_token=\w|[0-9a-f]{32,}/);
      }
      // Every variable the production example refers to is passed on (FC provides the ALIBABA_CLOUD_* ones).
      const example = readFileSync(join(ROOT, 'examples/production.yaml'), 'utf8');
      const referenced = [...example.matchAll(/\$\{env:([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1] ?? '');
      for (const name of referenced.filter((n) => !n.startsWith('ALIBABA_CLOUD_'))) {
        expect(env[name], name).toBe(`\${env('${name}')}`);
      }
    });

    it('has triggers of the shapes fc3 defines, with payloads the handler understands', () => {
      const triggers = (props.triggers ?? []) as Trigger[];
      expect(triggers.length).toBeGreaterThan(0);
      for (const trigger of triggers) {
        expect(trigger.triggerName).toMatch(/^[\w-]+$/);
        expect(trigger.qualifier).toBe('LATEST');
        const config = trigger.triggerConfig ?? {};
        if (trigger.triggerType === 'timer') {
          expect(String(config.cronExpression)).toMatch(/^(@every \d+[smh]|(\S+ ){5}\S+)$/);
          expect(config.enable).toBe(true);
          expect(typeof config.payload).toBe('string');
          const event = Buffer.from(
            JSON.stringify({
              triggerTime: '2025-01-01T00:00:00Z',
              triggerName: trigger.triggerName,
              payload: config.payload,
            }),
          );
          expect(['tick', 'digest']).toContain(parseTimerEvent(event).job);
        } else {
          expect(trigger.triggerType).toBe('http');
          expect(AUTH_TYPES).toContain(config.authType);
          const methods = config.methods as unknown[];
          expect(methods.length).toBeGreaterThan(0);
          for (const method of methods) expect(HTTP_METHODS).toContain(method);
          // The report serves GET (and HEAD) pages and takes POST /digest.
          expect(methods).toEqual(expect.arrayContaining(['GET', 'POST']));
        }
      }
    });
  });

  it('ticks with the monitor and serves the report over HTTP', () => {
    const byName = new Map(resources);
    const kinds = (name: string) =>
      ((byName.get(name)?.props.triggers ?? []) as Trigger[]).map((t) => [
        t.triggerType,
        t.triggerType === 'timer' ? JSON.parse(String(t.triggerConfig?.payload)).job : undefined,
      ]);
    expect(kinds('monitor')).toEqual([
      ['timer', 'tick'],
      ['timer', 'digest'],
    ]);
    expect(kinds('report')).toEqual([['http', undefined]]);
  });
});
