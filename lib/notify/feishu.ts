import type { ReceiverConfig } from '../config/types';
import { setUpChatReceiver } from './chat-setup';
import { cardMentions, feishuCard } from './feishu-card';
import { classifyFeishu, FEISHU_BODY_LIMIT } from './feishu-classify';
import { signFeishuBody } from './feishu-sign';
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
import { FEISHU_DIALECT } from './render/digest-dialects';
import { adaptMarkdown } from './render/digest-markdown';
import { feishuEscape } from './render/engine';
import { type FitSpec, fitMessages } from './render/fit';
import { LOCALES } from './render/locales';
import { toOutgoing } from './render/outgoing';
import type { Prepared, ReceiverDeps } from './render/prepare';
import { MARKDOWN_ALERT } from './render/templates/markdown';
import { requireRobotUrl } from './robot-url';
import type { Digest, OutgoingMessage, Receiver } from './types';

/** Room left for the `timestamp` and `sign` fields added at delivery time, plus a margin. */
const BODY_BUDGET = FEISHU_BODY_LIMIT - 300;

export const FEISHU_OPTION_KEYS = ['keyword'] as const;

function fitSpec(p: Prepared, mentions: string): FitSpec {
  const body = (card: Record<string, unknown>) => JSON.stringify({ msg_type: 'interactive', card });
  return {
    compose: (shown, omitted, part) => body(feishuCard(p, shown, omitted, mentions, part)),
    minimal: (omitted, part) => body(feishuCard(p, [], omitted, '', part)),
    fits: (b) => utf8Bytes(b) <= BODY_BUDGET,
    maxShown: Number.POSITIVE_INFINITY,
  };
}

/** Header colour of a digest: a summary, not an alert, so none of the alert colours (red, orange, green). */
export const FEISHU_DIGEST_TEMPLATE = 'blue';

/** The digest as a card: the title in the header, the text as one `lark_md` block, an "Open report" button. */
function digestSpec(title: string, reportUrl: string | undefined, openReport: string): DigestFitSpec {
  const button = reportUrl
    ? [
        {
          tag: 'action',
          actions: [
            { tag: 'button', text: { tag: 'plain_text', content: openReport }, url: reportUrl, type: 'default' },
          ],
        },
      ]
    : [];
  return {
    compose: (lines) => {
      const content = joinDigestLines(lines) || ' ';
      const card = {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: title }, template: FEISHU_DIGEST_TEMPLATE },
        elements: [{ tag: 'div', text: { tag: 'lark_md', content } }, ...button],
      };
      return JSON.stringify({ msg_type: 'interactive', card });
    },
    fits: (b) => utf8Bytes(b) <= BODY_BUDGET,
  };
}

function renderFeishuDigest(
  receiver: string,
  digest: Digest,
  keywords: string[],
  openReport: string,
): OutgoingMessage[] {
  const title = digestTitle(digest.title, keywords, 256);
  const lines = adaptMarkdown(digest.markdown, FEISHU_DIALECT, { dropTitle: true });
  const spec = digestSpec(title, digest.reportUrl, openReport);
  return [digestMessage(receiver, digest, fitDigestLines(lines, cutLine(FEISHU_DIALECT, digest.reportUrl), spec))];
}

/**
 * Feishu (`https://open.feishu.cn/open-apis/bot/v2/hook/…`) and Lark (`https://open.larksuite.com/…`) custom bots:
 * an interactive card whose header colour follows the state. Options: the common chat options plus `keyword`.
 * `secret` turns on signing (`timestamp` in seconds and `sign` in the body, added at delivery time).
 */
export function createFeishuReceiver(config: ReceiverConfig, deps: ReceiverDeps): Receiver {
  const url = requireRobotUrl(config, {
    platform: 'Feishu/Lark bot',
    example: 'https://open.feishu.cn/open-apis/bot/v2/hook/<token> (Lark: https://open.larksuite.com/…)',
    problem: (u) => {
      if (/\/bot\/hook\//.test(u.pathname)) return 'is a v1 hook URL, which takes another body; use the v2 URL';
      return /\/bot\/v2\/hook\/[^/]+$/.test(u.pathname) ? undefined : 'is not a bot v2 hook URL';
    },
  });
  const { options, log, prepare, secrets, label, base } = setUpChatReceiver(config, deps, {
    type: 'feishu',
    optionKeys: FEISHU_OPTION_KEYS,
    alertTemplate: MARKDOWN_ALERT,
    escape: feishuEscape,
    titleMaxBytes: 256,
    alertMaxBytes: 2_000,
    bodyBudgetBytes: BODY_BUDGET,
    rateLimits: [
      { max: 5, perMs: 1_000 },
      { max: 100, perMs: 60_000 },
    ],
  });
  const mentionMarkup = cardMentions(options.mentions.userIds, options.mentions.all);

  return {
    ...base,
    render(n) {
      const p = prepare(n);
      const spec = fitSpec(p, n.status === 'firing' ? mentionMarkup : '');
      return toOutgoing(config.name, n, p, fitMessages(p.alerts, spec, options.overflow, options.maxMessages));
    },
    renderDigest: (digest) =>
      renderFeishuDigest(
        config.name,
        scrubDigest(digest, secrets),
        options.keywords,
        LOCALES[options.locale].openReport,
      ),
    async deliver(message, ctx) {
      const nowMs = ctx.now.getTime();
      const body = config.secret ? signFeishuBody(message.body, config.secret, Math.floor(nowMs / 1000)) : message.body;
      const answer = await postToRobot({ url, body, message, ctx, timeoutMs: options.timeoutMs, log });
      return classifyFeishu(answer, label, nowMs, secrets, utf8Bytes(body));
    },
  };
}
