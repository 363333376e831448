import type { ReceiverConfig } from '../config/types';
import { setUpChatReceiver } from './chat-setup';
import { postToRobot } from './post-robot';
import { truncateUtf8, utf8Bytes } from './render/bytes';
import {
  cutLine,
  type DigestFitSpec,
  digestMessage,
  digestTitle,
  fitDigestLines,
  joinDigestLines,
  scrubDigest,
} from './render/digest';
import { WECOM_DIALECT } from './render/digest-dialects';
import { adaptMarkdown } from './render/digest-markdown';
import { noEscape } from './render/engine';
import { type FitSpec, fitMessages, type Part } from './render/fit';
import { moreLine, partLabel } from './render/locales';
import type { Mentions } from './render/options';
import { toOutgoing } from './render/outgoing';
import type { Prepared, ReceiverDeps } from './render/prepare';
import { WECOM_ALERT } from './render/templates/wecom';
import { requireRobotUrl } from './robot-url';
import type { Digest, Notification, OutgoingMessage, Receiver } from './types';
import { classifyWeCom } from './wecom-classify';

/** WeCom limits `markdown.content` to 4096 UTF-8 bytes and `text.content` to 2048. */
export const WECOM_MARKDOWN_LIMIT = 4_096;
export const WECOM_TEXT_LIMIT = 2_048;
const CONTENT_BUDGET = WECOM_MARKDOWN_LIMIT - 96;

export const WECOM_OPTION_KEYS = [] as const;

function markdownContent(p: Prepared, lines: string[], part?: Part): string {
  const title = part ? `${p.title} ${partLabel(p.strings, part.index, part.total)}` : p.title;
  return [`**${title}**`, ...lines].join('\n\n');
}

function fitSpec(p: Prepared): FitSpec {
  const tail = (omitted: number) => [
    ...(omitted > 0 ? [moreLine(p.strings, omitted, p.reportUrl)] : []),
    ...(p.reportUrl ? [`[${p.strings.openReport}](${p.reportUrl})`] : []),
  ];
  const body = (content: string) => JSON.stringify({ msgtype: 'markdown', markdown: { content } });
  return {
    compose: (shown, omitted, part) => body(markdownContent(p, [...shown.map((a) => a.text), ...tail(omitted)], part)),
    minimal: (omitted, part) => body(markdownContent(p, tail(omitted), part)),
    fits: (b) => {
      const parsed = JSON.parse(b) as { markdown: { content: string } };
      return utf8Bytes(parsed.markdown.content) <= CONTENT_BUDGET;
    },
    maxShown: Number.POSITIVE_INFINITY,
  };
}

/** @all and phone-number mentions exist only in `text` messages, so they ride in a short companion message. */
function mentionMessage(config: ReceiverConfig, n: Notification, p: Prepared, m: Mentions, fingerprints: string[]) {
  const body = JSON.stringify({
    msgtype: 'text',
    text: {
      content: truncateUtf8(p.title, WECOM_TEXT_LIMIT - 48),
      mentioned_list: [...m.userIds, ...(m.all ? ['@all'] : [])],
      mentioned_mobile_list: m.mobiles,
    },
  });
  const message: OutgoingMessage = {
    receiver: config.name,
    groupKey: n.groupKey,
    body,
    contentType: 'application/json',
    summary: `mentions for: ${p.group.group_title}`,
    fingerprints,
  };
  return message;
}

/** `markdown.content` is what WeCom measures (4096 bytes), so the budget applies to it, not to the JSON body. */
function digestSpec(title: string): DigestFitSpec {
  const contentOf = (lines: Parameters<DigestFitSpec['compose']>[0]) => `**${title}**\n\n${joinDigestLines(lines)}`;
  return {
    compose: (lines) => JSON.stringify({ msgtype: 'markdown', markdown: { content: contentOf(lines) } }),
    fits: (b) => {
      const parsed = JSON.parse(b) as { markdown: { content: string } };
      return utf8Bytes(parsed.markdown.content) <= CONTENT_BUDGET;
    },
  };
}

function renderWeComDigest(receiver: string, digest: Digest): OutgoingMessage[] {
  const title = digestTitle(digest.title, [], 256);
  const lines = adaptMarkdown(digest.markdown, WECOM_DIALECT, { dropTitle: true });
  return [
    digestMessage(receiver, digest, fitDigestLines(lines, cutLine(WECOM_DIALECT, digest.reportUrl), digestSpec(title))),
  ];
}

/**
 * WeCom group robot (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`): a markdown message, plus a text
 * message carrying `mentioned_list` / `mentioned_mobile_list` when mentions are configured and something fires.
 * Options: the common chat options. WeCom has no signing and no keyword.
 */
export function createWeComReceiver(config: ReceiverConfig, deps: ReceiverDeps): Receiver {
  const url = requireRobotUrl(config, {
    platform: 'WeCom group robot',
    example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    problem: (u) => (u.searchParams.get('key') ? undefined : 'has no key parameter'),
  });
  const { options, log, prepare, secrets, label, base } = setUpChatReceiver(config, deps, {
    type: 'wecom',
    optionKeys: WECOM_OPTION_KEYS,
    alertTemplate: WECOM_ALERT,
    escape: noEscape,
    titleMaxBytes: 256,
    alertMaxBytes: 1_200,
    bodyBudgetBytes: CONTENT_BUDGET,
    rateLimits: [{ max: 20, perMs: 60_000 }],
  });
  const m = options.mentions;
  const hasMentions = m.all || m.mobiles.length > 0 || m.userIds.length > 0;

  return {
    ...base,
    render(n) {
      const p = prepare(n);
      const messages = toOutgoing(
        config.name,
        n,
        p,
        fitMessages(p.alerts, fitSpec(p), options.overflow, options.maxMessages),
      );
      if (!hasMentions || n.status !== 'firing') return messages;
      return [
        ...messages,
        mentionMessage(
          config,
          n,
          p,
          m,
          messages.flatMap((msg) => msg.fingerprints),
        ),
      ];
    },
    renderDigest: (digest) => renderWeComDigest(config.name, scrubDigest(digest, secrets)),
    async deliver(message, ctx) {
      const nowMs = ctx.now.getTime();
      const answer = await postToRobot({ url, body: message.body, message, ctx, timeoutMs: options.timeoutMs, log });
      return classifyWeCom(answer, label, nowMs, secrets);
    },
  };
}
