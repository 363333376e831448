import { ConfigError, loadConfigFile } from '../config';
import { createReceivers } from '../notify/registry';
import { sendTestMessage } from '../notify/test-message';
import { systemClock } from '../runtime/clock';
import { redactSecrets } from '../runtime/redact';
import { CONFIG_CHECKS } from './config-checks';
import { cliLogger } from './log-sink';
import { EXIT, type Output } from './output';
import { configErrorText } from './problem-text';

const TEST_TIMEOUT_MS = 15_000;

/** `flink-watch test-receiver NAME`: send one test message and print what the platform answered. */
export async function testReceiverCommand(
  args: { config: string; receiver: string },
  io: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  let loaded: Awaited<ReturnType<typeof loadConfigFile>>;
  try {
    loaded = await loadConfigFile(args.config, { env, checks: CONFIG_CHECKS });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(configErrorText(err, args.config));
    return EXIT.config;
  }
  const { config, secrets } = loaded;
  const receiverConfig = config.receivers[args.receiver];
  if (!receiverConfig) {
    io.err(
      `no receiver named ${JSON.stringify(args.receiver)}; configured: ${Object.keys(config.receivers).join(', ') || 'none'}`,
    );
    return EXIT.config;
  }
  const logger = cliLogger(env, secrets, io.err);
  const receivers = createReceivers(
    { [args.receiver]: receiverConfig },
    { logger, report: config.report, region: config.flink.region, consoleWrite: io.out },
  );
  const receiver = receivers.get(args.receiver);
  if (!receiver) return EXIT.config;
  const { outcome, message } = await sendTestMessage(
    receiver,
    new Date(systemClock.now()),
    AbortSignal.timeout(TEST_TIMEOUT_MS),
  );
  const safe = (text: string) => redactSecrets(text, secrets);
  if (outcome.kind === 'delivered') {
    io.out(
      `${args.receiver}: delivered (${message.summary})${outcome.detail ? `; platform answered: ${safe(outcome.detail)}` : ''}`,
    );
    return EXIT.ok;
  }
  io.err(
    `${args.receiver}: ${outcome.kind === 'fatal' ? 'REJECTED' : 'not delivered (temporary)'} — ${outcome.reason}: ${safe(outcome.error.message)}`,
  );
  return EXIT.tickFailed;
}
