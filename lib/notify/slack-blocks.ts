import { truncateChars } from './render/bytes';
import { slackEscape } from './render/engine';
import type { Part } from './render/fit';
import { moreLine, partLabel } from './render/locales';
import type { Prepared, RenderedAlert } from './render/prepare';

/** Slack block limits: 50 blocks, 3000 characters per section text, 150 per header. */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_SECTION_CHARS = 3_000;
export const SLACK_HEADER_CHARS = 150;
/** Whole body budget: Slack has refused block payloads around 13k characters, so stay well under. */
export const SLACK_BODY_BUDGET = 12_000;

/** `<!channel>` and `<@U…>` (member ids only: they cannot inject markup). */
export function slackMentions(userIds: string[], all: boolean): string {
  const ids = userIds.filter((id) => /^[A-Z0-9]+$/.test(id)).map((id) => `<@${id}>`);
  return [...(all ? ['<!channel>'] : []), ...ids].join(' ');
}

/** Blocks that surround the alert sections (header, mentions, footer); alert sections fill the rest. */
export const SLACK_FRAME_BLOCKS = 3;

const section = (text: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateChars(text, SLACK_SECTION_CHARS) },
});

/** `{ text, blocks }`: `text` is the notification/fallback line, blocks are what Slack shows. */
export function slackPayload(
  p: Prepared,
  shown: RenderedAlert[],
  omitted: number,
  mentions: string,
  part?: Part,
): Record<string, unknown> {
  const title = part ? `${p.title} ${partLabel(p.strings, part.index, part.total)}` : p.title;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateChars(title, SLACK_HEADER_CHARS), emoji: true } },
  ];
  if (mentions) blocks.push(section(mentions));
  for (const a of shown) blocks.push(section(a.text));
  const footer: string[] = [];
  if (omitted > 0) footer.push(slackEscape(moreLine(p.strings, omitted, p.reportUrl)));
  if (p.reportUrl) footer.push(`<${p.reportUrl}|${slackEscape(p.strings.openReport)}>`);
  if (footer.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer.join(' · ') }] });
  const fallback = [slackEscape(title), mentions].filter(Boolean).join(' ');
  return { text: fallback, blocks };
}
