import type { ReceiverConfig } from '../config/types';
import type { Logger } from '../runtime/logger';
import type { Escape } from './render/engine';
import { type ChatOptions, readChatOptions } from './render/options';
import { createPreparer, type Preparer, type ReceiverDeps } from './render/prepare';
import { DEFAULT_TITLE } from './render/templates/title';
import { receiverSecrets } from './robot-url';
import type { RateLimit, Receiver } from './types';

export type ChatPlatform = 'dingtalk' | 'feishu' | 'wecom' | 'slack';

/** What differs between the chat platforms in setting a receiver up. */
export interface ChatPlatformSpec {
  type: ChatPlatform;
  /** Options the platform takes besides the common chat options. */
  optionKeys: readonly string[];
  /** The platform's default alert template and how values printed by it are escaped. */
  alertTemplate: string;
  escape: Escape;
  titleMaxBytes: number;
  alertMaxBytes: number;
  /** The size one message's body may have; rendering stops past what the allowed messages could show. */
  bodyBudgetBytes: number;
  rateLimits: RateLimit[];
}

export interface ChatSetup {
  options: ChatOptions;
  log: Logger;
  prepare: Preparer;
  /** The receiver's own secrets (URL token, signing secret), scrubbed from anything it renders or logs. */
  secrets: string[];
  /** `dingtalk receiver "ops"`, for errors and logs. */
  label: string;
  /** The fields every chat receiver has the same way. */
  base: Pick<Receiver, 'name' | 'type' | 'sendResolved' | 'rateLimits' | 'resendEveryTick'>;
}

/** The setup the four chat receivers share: options, templates, secrets, logger and the common receiver fields. */
export function setUpChatReceiver(config: ReceiverConfig, deps: ReceiverDeps, spec: ChatPlatformSpec): ChatSetup {
  const options = readChatOptions(config, deps.report, spec.optionKeys);
  const log = deps.logger.child({ receiver: config.name, type: spec.type });
  const prepare = createPreparer(config, deps, options, {
    defaults: { title: DEFAULT_TITLE, alert: spec.alertTemplate },
    escape: spec.escape,
    titleMaxBytes: spec.titleMaxBytes,
    alertMaxBytes: spec.alertMaxBytes,
    renderBudgetBytes: spec.bodyBudgetBytes * (options.overflow === 'split' ? options.maxMessages : 1),
  });
  return {
    options,
    log,
    prepare,
    secrets: receiverSecrets(config),
    label: `${spec.type} receiver "${config.name}"`,
    base: {
      name: config.name,
      type: spec.type,
      sendResolved: config.sendResolved,
      rateLimits: spec.rateLimits,
      resendEveryTick: false,
    },
  };
}
