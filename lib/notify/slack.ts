import type { ReceiverConfig } from '../config/types';
import { setUpChatReceiver } from './chat-setup';
import { postToRobot } from './post-robot';
import { truncateChars, utf8Bytes } from './render/bytes';
import { cutLine, type DigestFitSpec, digestMessage, digestTitle, fitDigestLines, scrubDigest } from './render/digest';
import { SLACK_DIALECT } from './render/digest-dialects';
import { adaptMarkdown, type DigestLine } from './render/digest-markdown';
import { slackEscape } from './render/engine';
import { type FitSpec, fitMessages } from './render/fit';
import { LOCALES } from './render/locales';
import { toOutgoing } from './render/outgoing';
import type { Prepared, ReceiverDeps } from './render/prepare';
import { SLACK_ALERT } from './render/templates/slack';
import { requireRobotUrl } from './robot-url';
import {
  SLACK_BODY_BUDGET,
  SLACK_FRAME_BLOCKS,
  SLACK_HEADER_CHARS,
  SLACK_MAX_BLOCKS,
  SLACK_SECTION_CHARS,
  slackMentions,
  slackPayload,
} from './slack-blocks';
import { classifySlack } from './slack-classify';
import type { Digest, OutgoingMessage, Receiver } from './types';

export const SLACK_OPTION_KEYS = [] as const;

function fitSpec(p: Prepared, mentions: string): FitSpec {
  return {
    compose: (shown, omitted, part) => JSON.stringify(slackPayload(p, shown, omitted, mentions, part)),
    minimal: (omitted, part) => JSON.stringify(slackPayload(p, [], omitted, '', part)),
    fits: (b) => utf8Bytes(b) <= SLACK_BODY_BUDGET,
    maxShown: SLACK_MAX_BLOCKS - SLACK_FRAME_BLOCKS,
  };
}

/** Section texts: a new section at each heading, and before a section would pass Slack's 3000 characters. */
function digestSections(lines: DigestLine[]): string[] {
  const sections: string[][] = [[]];
  let chars = 0;
  for (const line of lines) {
    const current = sections.at(-1) ?? [];
    const full = chars + line.text.length + 1 > SLACK_SECTION_CHARS;
    if (current.length > 0 && (line.kind === 'heading' || full)) {
      sections.push([]);
      chars = 0;
    }
    sections.at(-1)?.push(line.text);
    chars += line.text.length + 1;
  }
  return sections.map((s) => s.join('\n').trim()).filter((s) => s !== '');
}

function digestSpec(title: string, reportUrl: string | undefined, openReport: string): DigestFitSpec {
  const header = {
    type: 'header',
    text: { type: 'plain_text', text: truncateChars(title, SLACK_HEADER_CHARS), emoji: true },
  };
  const footer = reportUrl
    ? [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: SLACK_DIALECT.link(slackEscape(openReport), reportUrl) }],
        },
      ]
    : [];
  const section = (text: string) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: truncateChars(text, SLACK_SECTION_CHARS) },
  });
  return {
    compose: (lines) =>
      JSON.stringify({ text: slackEscape(title), blocks: [header, ...digestSections(lines).map(section), ...footer] }),
    fits: (b) => {
      const parsed = JSON.parse(b) as { blocks: unknown[] };
      return parsed.blocks.length <= SLACK_MAX_BLOCKS && utf8Bytes(b) <= SLACK_BODY_BUDGET;
    },
  };
}

function renderSlackDigest(receiver: string, digest: Digest, openReport: string): OutgoingMessage[] {
  const title = digestTitle(digest.title, [], 450);
  const lines = adaptMarkdown(digest.markdown, SLACK_DIALECT, { dropTitle: true });
  const spec = digestSpec(title, digest.reportUrl, openReport);
  return [digestMessage(receiver, digest, fitDigestLines(lines, cutLine(SLACK_DIALECT, digest.reportUrl), spec))];
}

/**
 * Slack incoming webhook (`https://hooks.slack.com/services/T…/B…/…`): a header block, one section per alert and a
 * context footer, plus the fallback `text`. Options: the common chat options (`mentions.userIds` are member ids
 * `U…`, `mentions.all` is `<!channel>`). Slack has no signing for incoming webhooks: the URL is the credential.
 */
export function createSlackReceiver(config: ReceiverConfig, deps: ReceiverDeps): Receiver {
  const url = requireRobotUrl(config, {
    platform: 'Slack incoming webhook',
    example: 'https://hooks.slack.com/services/T…/B…/…',
  });
  const { options, log, prepare, secrets, label, base } = setUpChatReceiver(config, deps, {
    type: 'slack',
    optionKeys: SLACK_OPTION_KEYS,
    alertTemplate: SLACK_ALERT,
    escape: slackEscape,
    titleMaxBytes: 450,
    alertMaxBytes: Math.min(1_500, SLACK_SECTION_CHARS),
    bodyBudgetBytes: SLACK_BODY_BUDGET,
    rateLimits: [{ max: 1, perMs: 1_000 }],
  });
  const mentions = slackMentions(options.mentions.userIds, options.mentions.all);

  return {
    ...base,
    render(n) {
      const p = prepare(n);
      const spec = fitSpec(p, n.status === 'firing' ? mentions : '');
      return toOutgoing(config.name, n, p, fitMessages(p.alerts, spec, options.overflow, options.maxMessages));
    },
    renderDigest: (digest) =>
      renderSlackDigest(config.name, scrubDigest(digest, secrets), LOCALES[options.locale].openReport),
    async deliver(message, ctx) {
      const nowMs = ctx.now.getTime();
      const answer = await postToRobot({ url, body: message.body, message, ctx, timeoutMs: options.timeoutMs, log });
      return classifySlack(answer, label, nowMs, secrets);
    },
  };
}
