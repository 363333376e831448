import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../lib/notify/render/bytes';
import {
  cutLine,
  DIGEST_LINE_MAX_BYTES,
  digestSummary,
  digestTitle,
  fitDigestLines,
  joinDigestLines,
  scrubDigest,
} from '../../lib/notify/render/digest';
import {
  DINGTALK_DIALECT,
  FEISHU_DIALECT,
  SLACK_DIALECT,
  WECOM_DIALECT,
} from '../../lib/notify/render/digest-dialects';
import { adaptMarkdown, type DigestLine } from '../../lib/notify/render/digest-markdown';
import { REPORT_URL, realisticDigest } from './digest-fixtures';

const texts = (lines: DigestLine[]) => lines.map((l) => l.text);

describe('Markdown adapted to chat dialects', () => {
  const source = [
    '# flink-watch report',
    '',
    '**2 alerts firing** and _muted: maintenance_',
    '',
    '## Watches',
    '',
    '- **payments**: 5 deployments · see [the report](https://r.example.com/a(b)) or <https://x.example.com/y>',
    '1. first_step_name with `code`',
    '',
    '| Deployment | Watch | Running | Alerts |',
    '|---|---|---:|---|',
    '| orders\\_etl | payments | 0 | job-failed (firing) |',
    '| a \\| b | risk |   |  |',
    '',
    'Escaped \\*stars\\*, \\[brackets\\] and \\<tags\\>; a link to [nowhere](javascript:alert(1)).',
  ].join('\n');

  it('DingTalk: smaller headings, markdown kept, tables become list items, the document title dropped', () => {
    expect(texts(adaptMarkdown(source, DINGTALK_DIALECT, { dropTitle: true }))).toEqual([
      '**2 alerts firing** and *muted: maintenance*',
      '',
      '#### Watches',
      '',
      '- **payments**: 5 deployments · see [the report](https://r.example.com/a%28b%29) or [https://x.example.com/y](https://x.example.com/y)',
      '1. first_step_name with code',
      '',
      '- **orders_etl** · Watch: payments · Running: 0 · Alerts: job-failed (firing)',
      '- **a | b** · Watch: risk',
      '',
      'Escaped *stars*, [brackets] and &lt;tags&gt;; a link to nowhere.',
    ]);
  });

  it('WeCom keeps code spans', () => {
    expect(texts(adaptMarkdown(source, WECOM_DIALECT))[7]).toBe('1. first_step_name with `code`');
  });

  it('Slack: *bold*, _italic_, <url|text>, bullets, and &<> escaped in text', () => {
    const lines = texts(adaptMarkdown(source, SLACK_DIALECT, { dropTitle: true }));
    expect(lines[0]).toBe('*2 alerts firing* and _muted: maintenance_');
    expect(lines[2]).toBe('*Watches*');
    expect(lines[4]).toBe(
      '• *payments*: 5 deployments · see <https://r.example.com/a(b)|the report> or <https://x.example.com/y|https://x.example.com/y>',
    );
    expect(lines[7]).toBe('• *orders_etl* · Watch: payments · Running: 0 · Alerts: job-failed (firing)');
    expect(lines.at(-1)).toBe('Escaped *stars*, [brackets] and &lt;tags&gt;; a link to nowhere.');
  });

  it('Feishu: headings as bold lines, < and > escaped so no text becomes a mention', () => {
    const lines = texts(adaptMarkdown('## Firing\n\n- \\<at id=all\\>\\</at\\> fires', FEISHU_DIALECT));
    expect(lines).toEqual(['**Firing**', '', '- &lt;at id=all&gt;&lt;/at&gt; fires']);
  });

  it('keeps the title when not asked to drop it, and collapses blank lines', () => {
    expect(texts(adaptMarkdown('# T\n\n\n\ntext\n\n', SLACK_DIALECT))).toEqual(['*T*', '', 'text']);
  });

  it('leaves intraword underscores and unmatched markers alone', () => {
    expect(texts(adaptMarkdown('job_failed_total * 2 and **open', DINGTALK_DIALECT))).toEqual([
      'job_failed_total * 2 and **open',
    ]);
  });
});

describe('fitting a digest', () => {
  const lines = (n: number): DigestLine[] =>
    Array.from({ length: n }, (_, i) => ({ kind: 'item', text: `- line ${String(i).padStart(3, '0')} 作业` }));
  const spec = (max: number) => ({
    compose: (ls: DigestLine[]) => joinDigestLines(ls),
    fits: (b: string) => utf8Bytes(b) <= max,
  });

  it('sends everything when it fits', () => {
    expect(fitDigestLines(lines(3), cutLine(DINGTALK_DIALECT, REPORT_URL), spec(1_000))).toEqual({
      body: '- line 000 作业\n- line 001 作业\n- line 002 作业',
      cut: false,
    });
  });

  it('cuts at a line boundary, as late as fits, and ends with the report link', () => {
    const fitted = fitDigestLines(lines(100), cutLine(DINGTALK_DIALECT, REPORT_URL), spec(500));
    expect(fitted.cut).toBe(true);
    expect(utf8Bytes(fitted.body)).toBeLessThanOrEqual(500);
    const tail = `… (full report: [${REPORT_URL}](${REPORT_URL}))`;
    expect(fitted.body.endsWith(`\n\n${tail}`)).toBe(true);
    const shown = fitted.body.slice(0, -`\n\n${tail}`.length).split('\n');
    expect(shown).toEqual(texts(lines(shown.length)));
    // One more line would not have fitted.
    expect(utf8Bytes(fitted.body) + utf8Bytes('- line 000 作业\n')).toBeGreaterThan(500);
  });

  it('does not end on a heading whose content was cut, nor on a blank line', () => {
    const input: DigestLine[] = [
      { kind: 'text', text: 'x'.repeat(40) },
      { kind: 'blank', text: '' },
      { kind: 'heading', text: '#### Firing alerts' },
      { kind: 'blank', text: '' },
      { kind: 'item', text: `- ${'y'.repeat(200)}` },
    ];
    const fitted = fitDigestLines(input, cutLine(SLACK_DIALECT, undefined), spec(120));
    expect(fitted.body).toBe(`${'x'.repeat(40)}\n\n… (shortened to fit the message size limit)`);
  });

  it('cuts a single huge line so it cannot crowd out the rest', () => {
    const huge: DigestLine = { kind: 'text', text: '长'.repeat(5_000) };
    const fitted = fitDigestLines([huge, ...lines(2)], cutLine(DINGTALK_DIALECT, REPORT_URL), spec(100_000));
    const [first] = fitted.body.split('\n');
    expect(utf8Bytes(first ?? '')).toBeLessThanOrEqual(DIGEST_LINE_MAX_BYTES);
    expect(first?.endsWith('…')).toBe(true);
    expect(fitted.body).toContain('- line 001 作业');
  });

  it('DingTalk paragraphs get blank lines between them, list items do not', () => {
    const input: DigestLine[] = [
      { kind: 'heading', text: '#### W' },
      { kind: 'item', text: '- a' },
      { kind: 'item', text: '- b' },
      { kind: 'text', text: 'p' },
    ];
    expect(joinDigestLines(input, true)).toBe('#### W\n\n- a\n- b\n\np');
    expect(joinDigestLines(input)).toBe('#### W\n- a\n- b\np');
  });
});

describe('digest title, summary and secrets', () => {
  it('puts the keyword in front of the title when it is missing', () => {
    expect(digestTitle('flink-watch report: digest', ['FlinkAlarm'], 256)).toBe(
      '[FlinkAlarm] flink-watch report: digest',
    );
    expect(digestTitle('FlinkAlarm digest', ['x', 'FlinkAlarm'], 256)).toBe('FlinkAlarm digest');
    expect(digestTitle('a\nb', [], 256)).toBe('a b');
    expect(utf8Bytes(digestTitle('长'.repeat(200), ['告警'], 100))).toBeLessThanOrEqual(100);
  });

  it('summarises with the counts, or the title without them', () => {
    const digest = realisticDigest();
    expect(digestSummary(digest)).toBe('digest: 3 firing, 3 watches');
    expect(digestSummary({ ...digest, counts: { firing: 0, watches: 1 } }, true)).toBe(
      'digest: 0 firing, 1 watch (shortened)',
    );
    const { counts: _counts, ...withoutCounts } = digest;
    expect(digestSummary(withoutCounts)).toBe('digest: flink-watch report: digest');
  });

  it('masks the receiver’s secrets in the title and text', () => {
    const secret = 'SEC0secret0value0123456789';
    const scrubbed = scrubDigest({ ...realisticDigest(), title: `t ${secret}`, markdown: `x ${secret} y` }, [secret]);
    expect(JSON.stringify(scrubbed)).not.toContain(secret);
    expect(scrubbed.markdown).toBe('x <redacted> y');
  });
});
