import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

interface FunctionProps {
  memorySize?: unknown;
  environmentVariables?: Record<string, unknown>;
}

/**
 * The monitor function as s.yaml deploys it: its memory (MB, as Function Compute counts it: MiB) and the Node flags
 * of its NODE_OPTIONS. Memory tests and benches run the tick with exactly these, so they measure what is deployed.
 */
export function deployedMonitor(): { memoryMib: number; nodeFlags: string[] } {
  const doc = parseYaml(readFileSync(new URL('../../s.yaml', import.meta.url), 'utf8')) as {
    resources?: { monitor?: { props?: FunctionProps } };
  };
  const props = doc.resources?.monitor?.props ?? {};
  const memoryMib = Number(props.memorySize);
  if (!Number.isInteger(memoryMib) || memoryMib <= 0)
    throw new Error('s.yaml: resources.monitor.props.memorySize is not a size');
  const options = props.environmentVariables?.['NODE_OPTIONS'];
  const nodeFlags = typeof options === 'string' ? options.split(/\s+/).filter((flag) => flag !== '') : [];
  return { memoryMib, nodeFlags };
}
