import type { ReceiverConfig } from '../config/types';
import { setUpChatReceiver } from './chat-setup';
import { classifyDingTalk } from './dingtalk-classify';
import { signDingTalkUrl } from './dingtalk-sign';
import { postToRobot } from './post-robot';
import { utf8Bytes } from './render/bytes';
import {
  cutLine,
  type DigestFitSpec,
  digestMessage,
  digestTitle,
  fitDigestLines,
  joinDigestLines,
  scrubDigest,
} from './render/digest';
import { DINGTALK_DIALECT } from './render/digest-dialects';
import { adaptMarkdown } from './render/digest-markdown';
import { noEscape } from './render/engine';
import { type FitSpec, fitMessages, type Part } from './render/fit';
import { moreLine, partLabel } from './render/locales';
import { type Mentions, readChoice } from './render/options';
import { toOutgoing } from './render/outgoing';
import type { Prepared, ReceiverDeps } from './render/prepare';
import { MARKDOWN_ALERT } from './render/templates/markdown';
import { requireRobotUrl } from './robot-url';
import type { Digest, OutgoingMessage, Receiver } from './types';

/** DingTalk rejects bodies over 20000 bytes (errcode 460101); keep a margin. */
export const DINGTALK_BODY_LIMIT = 20_000;
const BODY_BUDGET = DINGTALK_BODY_LIMIT - 200;

/** Option keys a DingTalk receiver reads (besides the common chat options). */
export const DINGTALK_OPTION_KEYS = ['keyword', 'msgType'] as const;

function atObject(m: Mentions) {
  return { atMobiles: m.mobiles, atUserIds: m.userIds, isAtAll: m.all };
}

/** Markdown and actionCard mentions only work when the text also carries `@<mobile>` / `@<userId>`. */
function mentionText(m: Mentions): string {
  return [...m.mobiles, ...m.userIds].map((id) => `@${id}`).join(' ');
}

function fitSpec(p: Prepared, msgType: 'markdown' | 'actionCard', mentions: Mentions | undefined): FitSpec {
  const titleOf = (part?: Part) => (part ? `${p.title} ${partLabel(p.strings, part.index, part.total)}` : p.title);
  const body = (title: string, lines: string[]) => {
    const text = [`#### ${title}`, ...(mentions ? [mentionText(mentions)].filter(Boolean) : []), ...lines].join('\n\n');
    const at = mentions ? { at: atObject(mentions) } : {};
    if (msgType === 'markdown') return JSON.stringify({ msgtype: 'markdown', markdown: { title, text }, ...at });
    const button = p.reportUrl ? { singleTitle: p.strings.openReport, singleURL: p.reportUrl } : {};
    return JSON.stringify({ msgtype: 'actionCard', actionCard: { title, text, ...button }, ...at });
  };
  const tail = (omitted: number) => [
    ...(omitted > 0 ? [moreLine(p.strings, omitted, p.reportUrl)] : []),
    ...(p.reportUrl && msgType === 'markdown' ? [`[${p.strings.openReport}](${p.reportUrl})`] : []),
  ];
  return {
    compose: (shown, omitted, part) => body(titleOf(part), [...shown.map((a) => a.text), ...tail(omitted)]),
    minimal: (omitted, part) => body(titleOf(part), tail(omitted)),
    fits: (b) => utf8Bytes(b) <= BODY_BUDGET,
    maxShown: Number.POSITIVE_INFINITY,
  };
}

/** A digest is a plain markdown message: no mentions (nobody needs paging for a summary). */
function digestSpec(title: string): DigestFitSpec {
  return {
    compose: (lines) => {
      const text = `#### ${title}\n\n${joinDigestLines(lines, true)}`;
      return JSON.stringify({ msgtype: 'markdown', markdown: { title, text } });
    },
    fits: (b) => utf8Bytes(b) <= BODY_BUDGET,
  };
}

function renderDingTalkDigest(receiver: string, digest: Digest, keywords: string[]): OutgoingMessage[] {
  const title = digestTitle(digest.title, keywords, 256);
  const lines = adaptMarkdown(digest.markdown, DINGTALK_DIALECT, { dropTitle: true });
  const fitted = fitDigestLines(lines, cutLine(DINGTALK_DIALECT, digest.reportUrl), digestSpec(title));
  return [digestMessage(receiver, digest, fitted)];
}

/**
 * DingTalk custom robot (`https://oapi.dingtalk.com/robot/send?access_token=…`). Options: the common chat options
 * plus `keyword` (string or list; inserted into the title when missing) and `msgType` (`markdown` | `actionCard`).
 * `secret` (`SEC…`) turns on signing, added to the URL at delivery time.
 */
export function createDingTalkReceiver(config: ReceiverConfig, deps: ReceiverDeps): Receiver {
  const url = requireRobotUrl(config, {
    platform: 'DingTalk robot',
    example: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    problem: (u) => (u.searchParams.get('access_token') ? undefined : 'has no access_token parameter'),
  });
  const msgType = readChoice(config, 'msgType', ['markdown', 'actionCard'] as const, 'markdown');
  const { options, log, prepare, secrets, label, base } = setUpChatReceiver(config, deps, {
    type: 'dingtalk',
    optionKeys: DINGTALK_OPTION_KEYS,
    alertTemplate: MARKDOWN_ALERT,
    escape: noEscape,
    titleMaxBytes: 256,
    alertMaxBytes: 2_000,
    bodyBudgetBytes: BODY_BUDGET,
    rateLimits: [{ max: 20, perMs: 60_000 }],
  });
  if (config.secret && !config.secret.startsWith('SEC')) {
    log.warn(`DingTalk signing secrets start with "SEC"; check the secret of receiver "${config.name}"`);
  }
  const m = options.mentions;
  const hasMentions = m.all || m.mobiles.length > 0 || m.userIds.length > 0;

  return {
    ...base,
    render(n) {
      const p = prepare(n);
      const mentions = hasMentions && n.status === 'firing' ? m : undefined;
      const fitted = fitMessages(p.alerts, fitSpec(p, msgType, mentions), options.overflow, options.maxMessages);
      return toOutgoing(config.name, n, p, fitted);
    },
    renderDigest: (digest) => renderDingTalkDigest(config.name, scrubDigest(digest, secrets), options.keywords),
    async deliver(message, ctx) {
      const nowMs = ctx.now.getTime();
      const target = config.secret ? signDingTalkUrl(url, config.secret, nowMs) : url;
      const answer = await postToRobot({
        url: target,
        body: message.body,
        message,
        ctx,
        timeoutMs: options.timeoutMs,
        log,
      });
      return classifyDingTalk(answer, label, nowMs, secrets);
    },
  };
}
