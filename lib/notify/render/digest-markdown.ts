import type { Dialect } from './digest-dialects';
import { adaptInline } from './digest-inline';

/** One line of a digest in a platform's dialect; `kind` lets composers split sections and trim a cut. */
export interface DigestLine {
  kind: 'heading' | 'item' | 'text' | 'blank';
  text: string;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Cells of a table row; `\|` stays escaped inside a cell (the inline pass unescapes it). */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const text = line.trim().replace(/^\|/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      cell += c + text[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (cell.trim() !== '') cells.push(cell.trim());
  return cells;
}

/**
 * Chat markdown has no tables: each row becomes a list item, its first cell in bold and the others as
 * `Header: value`, empty cells left out.
 */
function tableRowItem(header: string[], cells: string[], dialect: Dialect): DigestLine {
  const [first = '', ...rest] = cells;
  const parts = rest
    .map((cell, j) => ({ name: header[j + 1] ?? '', cell }))
    .filter(({ cell }) => cell !== '')
    .map(({ name, cell }) => (name ? `${adaptInline(name, dialect)}: ` : '') + adaptInline(cell, dialect));
  const lead = first === '' ? [] : [dialect.bold(adaptInline(first, dialect))];
  return { kind: 'item', text: dialect.item([...lead, ...parts].join(' · '), '-', '') };
}

function isTableStart(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  const next = lines[i + 1] ?? '';
  return line.trim().startsWith('|') && next.includes('-') && TABLE_SEPARATOR.test(next);
}

/** Drop a leading `# Title`: the platform shows the digest's own title above the text. */
function withoutTitle(lines: string[]): string[] {
  const first = lines.findIndex((l) => l.trim() !== '');
  const match = first >= 0 ? HEADING.exec(lines[first] ?? '') : null;
  return match && match[1] === '#' ? lines.slice(first + 1) : lines;
}

/** One blank line at most between blocks, none at either end. */
function tidy(lines: DigestLine[]): DigestLine[] {
  const out: DigestLine[] = [];
  for (const line of lines) {
    if (line.kind === 'blank' && (out.length === 0 || out.at(-1)?.kind === 'blank')) continue;
    out.push(line);
  }
  while (out.at(-1)?.kind === 'blank') out.pop();
  return out;
}

/**
 * CommonMark (the subset a digest uses: ATX headings, paragraphs, lists, pipe tables, rules, fenced code, inline
 * markup) rewritten line by line in a platform's dialect, tables as lists.
 */
export function adaptMarkdown(markdown: string, dialect: Dialect, options: { dropTitle?: boolean } = {}): DigestLine[] {
  let lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  if (options.dropTitle) lines = withoutTitle(lines);
  const out: DigestLine[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push({ kind: 'text', text: dialect.text(line) });
      continue;
    }
    if (line.trim() === '' || RULE.test(line)) {
      out.push({ kind: 'blank', text: '' });
      continue;
    }
    if (isTableStart(lines, i)) {
      const header = splitRow(line);
      i += 2;
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        out.push(tableRowItem(header, splitRow(lines[i] ?? ''), dialect));
        i++;
      }
      i--;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({
        kind: 'heading',
        text: dialect.heading(heading[1]?.length ?? 1, adaptInline(heading[2] ?? '', dialect)),
      });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const marker = /\d/.test(item[2] ?? '') ? `${(item[2] ?? '').slice(0, -1)}.` : '-';
      out.push({ kind: 'item', text: dialect.item(adaptInline(item[3] ?? '', dialect), marker, item[1] ?? '') });
      continue;
    }
    out.push({ kind: 'text', text: adaptInline(line.trim(), dialect) });
  }
  return tidy(out);
}
