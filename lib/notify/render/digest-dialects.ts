import { feishuEscape, slackEscape } from './engine';

/** How one platform writes the pieces of a Markdown digest. Inputs other than `text` are already converted. */
export interface Dialect {
  /** Literal text (Markdown escapes already removed): escape what the platform would read as markup. */
  text(value: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  code(value: string): string;
  /** `url` is an absolute http(s) URL. */
  link(label: string, url: string): string;
  heading(level: number, inner: string): string;
  /** `marker` is `-` for bullets or `1.` for ordered items; `indent` is the source indentation. */
  item(inner: string, marker: string, indent: string): string;
}

/** `%XX` of one ASCII character (`encodeURIComponent` leaves parentheses alone). */
const percent = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** Characters that would end a Markdown link target early. */
const markdownUrl = (url: string) => url.replace(/[()\s]/g, percent);

/** `<` and `>` as entities: both platforms read some HTML (WeCom `<font>`, `<@userid>` mentions). */
const htmlEscape = (v: string) => v.replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * DingTalk markdown: `#` headings, `**bold**`, `*italic*`, links and lists; no code spans. Headings are made smaller:
 * a `#` title is huge in a chat bubble.
 */
export const DINGTALK_DIALECT: Dialect = {
  text: htmlEscape,
  bold: (inner) => `**${inner}**`,
  italic: (inner) => `*${inner}*`,
  code: htmlEscape,
  link: (label, url) => `[${label}](${markdownUrl(url)})`,
  heading: (level, inner) => `${'#'.repeat(Math.min(6, level + 2))} ${inner}`,
  item: (inner, marker, indent) => `${indent}${marker} ${inner}`,
};

/** WeCom markdown: as DingTalk, plus inline code. */
export const WECOM_DIALECT: Dialect = { ...DINGTALK_DIALECT, code: (v) => `\`${htmlEscape(v).replaceAll('`', "'")}\`` };

/** Feishu card `lark_md`: no headings (they become bold lines); `<` and `>` escaped so nothing becomes a mention. */
export const FEISHU_DIALECT: Dialect = {
  text: feishuEscape,
  bold: (inner) => `**${inner}**`,
  italic: (inner) => `*${inner}*`,
  code: feishuEscape,
  link: (label, url) => `[${label}](${markdownUrl(url)})`,
  heading: (_level, inner) => `**${inner}**`,
  item: (inner, marker, indent) => `${indent}${marker} ${inner}`,
};

/** Slack mrkdwn: `*bold*`, `_italic_`, `<url|text>`, no headings and no list syntax (bullets are `•`). */
export const SLACK_DIALECT: Dialect = {
  text: slackEscape,
  bold: (inner) => `*${inner}*`,
  italic: (inner) => `_${inner}_`,
  code: (v) => `\`${slackEscape(v).replaceAll('`', "'")}\``,
  link: (label, url) => `<${url.replace(/[<>|\s]/g, percent)}|${label}>`,
  heading: (_level, inner) => `*${inner}*`,
  item: (inner, marker, indent) => `${indent}${marker === '-' ? '•' : marker} ${inner}`,
};
