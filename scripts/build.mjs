// Bundles each Function Compute handler (and the CLI) into one CommonJS file with a source map under dist/, and
// copies the deployment's configuration next to each handler. FC's nodejs20 runtime loads `index.handler` from the
// code package; one file keeps the package small and the cold start short.
import { copyFileSync, existsSync } from 'node:fs';
import { build } from 'esbuild';

const targets = [
  { entry: 'functions/monitor.ts', outfile: 'dist/monitor/index.js', config: true },
  { entry: 'functions/report.ts', outfile: 'dist/report/index.js', config: true },
  { entry: 'lib/cli/main.ts', outfile: 'dist/cli/index.cjs', config: false },
];

const configFile = process.env.FLINK_WATCH_CONFIG_FILE ?? 'flink-watch.yaml';

for (const { entry, outfile, config } of targets) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'none',
    // ali-oss's HTTP client requires this only when an HTTP proxy is configured; flink-watch never sets one.
    external: ['proxy-agent'],
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  let note = '';
  if (config) {
    const target = outfile.replace(/index\.js$/, 'flink-watch.yaml');
    if (existsSync(configFile)) {
      copyFileSync(configFile, target);
      note = ` (+ ${configFile})`;
    } else {
      note = ` (no ${configFile} to ship: set FLINK_WATCH_CONFIG_FILE or create it before deploying)`;
    }
  }
  console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB${note}`);
}
