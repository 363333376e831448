// Bundles each Function Compute handler (and the CLI) into CommonJS with source maps under dist/, and copies the
// deployment's configuration next to each handler. FC's nodejs20 runtime loads `index.handler` from the code package.
//
//   node scripts/build.mjs [--outdir DIR] [--only monitor,report,cli]
//
// Cold start: `index.js` holds what every invocation needs. Two large libraries are split into files of their own
// next to it and loaded on first use: the Flink OpenAPI client (`flink-sdk.js`, needed by the first API call) and
// ali-oss (`ali-oss.js`, needed only when the state lives in OSS). The configuration's JSON Schema is compiled here,
// at build time, instead of on every cold start (scripts/build-schema-validator.mjs).
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { schemaValidatorSource } from './build-schema-validator.mjs';
import { FUNCTION_BUNDLE_OPTIONS } from './bundle-options.mjs';

const { values: args } = parseArgs({
  options: { outdir: { type: 'string', default: 'dist' }, only: { type: 'string' } },
});
const outdir = args.outdir;
const only = args.only?.split(',').map((s) => s.trim());
const configFile = process.env.FLINK_WATCH_CONFIG_FILE ?? 'flink-watch.yaml';
const resolvePackage = createRequire(import.meta.url).resolve;

const targets = [
  { name: 'monitor', entry: 'functions/monitor.ts', file: 'index.js', fc: true },
  { name: 'report', entry: 'functions/report.ts', file: 'index.js', fc: true },
  { name: 'cli', entry: 'lib/cli/main.ts', file: 'index.cjs', fc: false },
].filter((t) => !only || only.includes(t.name));

/** Dynamic imports that become files of their own, loaded by `require` on first use. */
const LAZY = [
  {
    specifier: './client-sdk',
    importer: /lib[\\/]flink[\\/]client\.ts$/,
    entry: 'lib/flink/client-sdk.ts',
    file: 'flink-sdk.js',
  },
  {
    specifier: 'ali-oss',
    importer: /lib[\\/]state[\\/]oss-bucket\.ts$/,
    entry: resolvePackage('ali-oss'),
    file: 'ali-oss.js',
  },
];

const common = {
  ...FUNCTION_BUNDLE_OPTIONS,
  sourcemap: true,
  metafile: true,
  // `import()` becomes `require()`: the split files are CommonJS, like the handler.
  supported: { 'dynamic-import': false },
};

const validatorSource = schemaValidatorSource();

const plugins = (lazy) => [
  {
    name: 'precompiled-config-schema',
    setup(b) {
      b.onResolve({ filter: /^\.\/schema-validator$/ }, (a) =>
        /lib[\\/]config[\\/]schema\.ts$/.test(a.importer)
          ? { path: 'schema-validator', namespace: 'generated' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'generated' }, () => ({
        contents: validatorSource,
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  },
  {
    name: 'lazy-files',
    setup(b) {
      for (const l of lazy) {
        const filter = new RegExp(`^${l.specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        b.onResolve({ filter }, (a) =>
          a.kind === 'dynamic-import' && l.importer.test(a.importer)
            ? { path: `./${l.file}`, external: true }
            : undefined,
        );
      }
    },
  },
];

function entryBytes(result) {
  return Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** Each split file is built once and copied into every function's directory. */
async function buildLazyFiles(dir) {
  const sizes = [];
  for (const l of LAZY) {
    const result = await build({ ...common, entryPoints: [l.entry], outfile: join(dir, l.file), plugins: plugins([]) });
    sizes.push(`${l.file} ${kib(entryBytes(result))}`);
  }
  return `loaded on first use, in each function directory: ${sizes.join(', ')}`;
}

async function buildTarget(target) {
  const dir = join(outdir, target.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The CLI is one file: it runs on a workstation, where start-up matters less than a single artifact.
  const lazy = target.fc ? LAZY : [];
  const main = await build({
    ...common,
    entryPoints: [target.entry],
    outfile: join(dir, target.file),
    plugins: plugins(lazy),
  });
  const parts = [`${join(dir, target.file)}: ${kib(entryBytes(main))}`];
  if (!target.fc) return parts;
  // The repository's package.json says "type": "module"; this keeps the bundle CommonJS wherever it is loaded.
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  if (existsSync(configFile) && statSync(configFile).isFile()) {
    copyFileSync(configFile, join(dir, 'flink-watch.yaml'));
    parts.push(`+ ${relative(process.cwd(), configFile) || configFile}`);
  } else {
    parts.push(`no ${configFile} to ship: set FLINK_WATCH_CONFIG_FILE or create it before deploying`);
  }
  return parts;
}

const functionDirs = targets.filter((t) => t.fc).map((t) => join(outdir, t.name));
const reports = (await Promise.all(targets.map(buildTarget))).map((parts) => parts.join(', '));
if (functionDirs.length > 0) {
  const [first, ...others] = functionDirs;
  reports.push(await buildLazyFiles(first));
  for (const dir of others) {
    for (const l of LAZY)
      for (const file of [l.file, `${l.file}.map`]) copyFileSync(join(first, file), join(dir, file));
  }
}
for (const line of reports) console.log(line);
