import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ScenarioError } from './errors';
import { loadScenarioFile, type Scenario } from './scenario';

export const BUILTIN_SCENARIOS = ['demo'] as const;
export type BuiltinScenarioName = (typeof BUILTIN_SCENARIOS)[number];

/**
 * Where the shipped scenario files are. Without `import.meta` (this code is also bundled to CommonJS): next to the
 * bundle's `__dirname`, under the package root found from the running script (`bin/flink-watch.mjs`,
 * `dist/cli/index.cjs`), or under the working directory (npm scripts and tests run at the package root).
 */
function candidateDirs(): string[] {
  const dirs: string[] = [];
  const tail = ['lib', 'sandbox', 'scenarios'] as const;
  if (typeof __dirname === 'string') dirs.push(join(__dirname, 'scenarios'), resolve(__dirname, '..', '..', ...tail));
  const script = process.argv[1];
  if (script && existsSync(script)) {
    const dir = dirname(realpathSync(script));
    dirs.push(resolve(dir, '..', ...tail), resolve(dir, '..', '..', ...tail));
  }
  dirs.push(resolve(...tail));
  return [...new Set(dirs)];
}

export function builtinScenarioPath(name: BuiltinScenarioName = 'demo'): string {
  const file = `${name}.yaml`;
  const dirs = candidateDirs();
  const found = dirs.map((dir) => join(dir, file)).find((path) => existsSync(path));
  if (!found) {
    throw new ScenarioError(file, [`the built-in scenario was not found; looked in: ${dirs.join(', ')}`]);
  }
  return found;
}

export function loadBuiltinScenario(name: BuiltinScenarioName = 'demo'): Promise<Scenario> {
  return loadScenarioFile(builtinScenarioPath(name));
}
