import type { Part } from './render/fit';
import { moreLine, partLabel } from './render/locales';
import type { Prepared, RenderedAlert } from './render/prepare';

/** Header colour: red while something critical fires, orange for other firing, green when all resolved. */
export function headerTemplate(alerts: RenderedAlert[], test: boolean): string {
  if (test) return 'blue';
  const firing = alerts.filter((a) => a.status === 'firing');
  if (firing.length === 0) return 'green';
  if (firing.some((a) => a.severity === 'critical')) return 'red';
  if (firing.some((a) => a.severity === 'warning')) return 'orange';
  return 'yellow';
}

/** Card markdown mentions: `<at id=all></at>`, `<at id=ou_xxx></at>`. */
export function cardMentions(userIds: string[], all: boolean): string {
  return [...(all ? ['<at id=all></at>'] : []), ...userIds.map((id) => `<at id=${id}></at>`)].join(' ');
}

/** An interactive card (JSON 1.0, the shape custom bots accept) for the shown alerts. */
export function feishuCard(
  p: Prepared,
  shown: RenderedAlert[],
  omitted: number,
  mentions: string,
  part?: Part,
): Record<string, unknown> {
  const title = part ? `${p.title} ${partLabel(p.strings, part.index, part.total)}` : p.title;
  const md = (content: string) => ({ tag: 'div', text: { tag: 'lark_md', content } });
  const elements: unknown[] = [];
  if (mentions) elements.push(md(mentions));
  if (shown.length > 0) elements.push(md(shown.map((a) => a.text).join('\n\n')));
  if (omitted > 0)
    elements.push({
      tag: 'note',
      elements: [{ tag: 'plain_text', content: moreLine(p.strings, omitted, p.reportUrl) }],
    });
  if (p.reportUrl) {
    elements.push({
      tag: 'action',
      actions: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: p.strings.openReport },
          url: p.reportUrl,
          type: 'primary',
        },
      ],
    });
  }
  return {
    config: { wide_screen_mode: true },
    header: { title: { tag: 'plain_text', content: title }, template: headerTemplate(p.alerts, p.group.test) },
    elements,
  };
}
