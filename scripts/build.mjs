// Bundles each Function Compute handler (and the CLI) into one CommonJS file with a source map under dist/.
// FC's nodejs20 runtime loads `index.handler` from the code package; one file keeps cold start and package small.
import { build } from 'esbuild';

const targets = [
  { entry: 'functions/monitor.ts', outfile: 'dist/monitor/index.js' },
  { entry: 'functions/report.ts', outfile: 'dist/report/index.js' },
  { entry: 'lib/cli/main.ts', outfile: 'dist/cli/index.cjs' },
];

for (const { entry, outfile } of targets) {
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
  console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB`);
}
