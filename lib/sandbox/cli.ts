import { loadBuiltinScenario } from './builtin-scenarios';
import { loadScenarioFile } from './scenario';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET, type Sandbox, startSandbox } from './server';

export interface SandboxCliOptions {
  /** A scenario YAML file; the built-in demo scenario when absent. */
  scenarioPath?: string;
  port: number;
  /** Advance one step every this many seconds; the step stays put when absent (or ≤ 0). */
  stepSeconds?: number;
  log: (line: string) => void;
}

/** `flink-watch sandbox --scenario F --port P [--step-seconds S]`: serves the emulator until `close()`. */
export async function runSandboxFromCli(options: SandboxCliOptions): Promise<Sandbox> {
  const scenario = options.scenarioPath ? await loadScenarioFile(options.scenarioPath) : await loadBuiltinScenario();
  const sandbox = await startSandbox({ scenario, port: options.port });
  const { log } = options;
  log(
    `Realtime Compute API sandbox on http://${sandbox.endpoint} (GetDeploymentsByLabel, ACS3-HMAC-SHA256 signatures checked)`,
  );
  log(
    `scenario "${scenario.name}" from ${scenario.source}: ${scenario.deployments.length} deployments, ${scenario.steps} steps${scenario.loop ? ', looping' : ''}`,
  );
  const workspaces = [...new Set(scenario.deployments.map((d) => d.workspace))];
  log(`workspaces: ${workspaces.join(', ')}`);
  log('point flink-watch at it with:');
  log(`  flink: { region: cn-hangzhou, endpoint: "${sandbox.endpoint}", protocol: http }`);
  log(
    `  ALIBABA_CLOUD_ACCESS_KEY_ID=${SANDBOX_ACCESS_KEY_ID} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${SANDBOX_ACCESS_KEY_SECRET}`,
  );
  log('  (a key pair that only this sandbox accepts)');
  let timer: NodeJS.Timeout | undefined;
  if (options.stepSeconds !== undefined && options.stepSeconds > 0) {
    log(`advancing one step every ${options.stepSeconds} s`);
    timer = setInterval(() => {
      sandbox.advance();
      log(`step ${sandbox.step()}`);
    }, options.stepSeconds * 1000);
  }
  return {
    ...sandbox,
    close: async () => {
      if (timer) clearInterval(timer);
      await sandbox.close();
    },
  };
}
