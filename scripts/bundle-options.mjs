// The esbuild options every Function Compute bundle shares: scripts/build.mjs uses them for the handlers, and the
// benchmarks and reliability tests use them for the child processes they measure, so those run what a deployment runs.
export const FUNCTION_BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  // ali-oss's HTTP client requires this only when an HTTP proxy is configured; flink-watch never sets one.
  external: ['proxy-agent'],
  logLevel: 'warning',
});
