import type { ReceiverConfig, ReportConfig } from '../config/types';
import type { Logger } from '../runtime/logger';
import { createAlertmanagerReceiver } from './alertmanager';
import { createConsoleReceiver } from './console';
import { createDingTalkReceiver } from './dingtalk';
import { createFeishuReceiver } from './feishu';
import { createSlackReceiver } from './slack';
import type { Receiver } from './types';
import { createWebhookReceiver } from './webhook';
import { createWeComReceiver } from './wecom';

export interface ReceiverFactoryDeps {
  logger: Logger;
  report: ReportConfig;
  region?: string;
  /** Where the console receiver writes (stdout for the CLI and the demo, the log on Function Compute). */
  consoleWrite: (text: string) => void;
  consoleColor?: boolean;
}

/** One receiver per configured entry, built once per configuration (templates compile here, not per message). */
export function createReceivers(
  configs: Record<string, ReceiverConfig>,
  deps: ReceiverFactoryDeps,
): Map<string, Receiver> {
  const chatDeps = { logger: deps.logger, report: deps.report, ...(deps.region ? { region: deps.region } : {}) };
  const out = new Map<string, Receiver>();
  for (const [name, config] of Object.entries(configs)) {
    const logger = deps.logger.child({ receiver: name });
    switch (config.type) {
      case 'console':
        out.set(name, createConsoleReceiver(config, { write: deps.consoleWrite, color: deps.consoleColor ?? false }));
        break;
      case 'webhook':
        out.set(name, createWebhookReceiver(config, { logger }));
        break;
      case 'dingtalk':
        out.set(name, createDingTalkReceiver(config, { ...chatDeps, logger }));
        break;
      case 'feishu':
        out.set(name, createFeishuReceiver(config, { ...chatDeps, logger }));
        break;
      case 'wecom':
        out.set(name, createWeComReceiver(config, { ...chatDeps, logger }));
        break;
      case 'slack':
        out.set(name, createSlackReceiver(config, { ...chatDeps, logger }));
        break;
      case 'alertmanager':
        out.set(name, createAlertmanagerReceiver(config, { ...chatDeps, logger }));
        break;
    }
  }
  return out;
}
