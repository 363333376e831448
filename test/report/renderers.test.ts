import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../lib/report/build-model';
import type { ReportModel } from '../../lib/report/model';
import { CSV_COLUMNS, csvField, neutraliseFormula, renderCsv } from '../../lib/report/render-csv';
import { renderJson } from '../../lib/report/render-json';
import { escapeMarkdown, renderMarkdown } from '../../lib/report/render-markdown';
import { createTimeFormat, formatAge } from '../../lib/report/time-format';
import { deployment, NOW, REPORT_TOKEN, sampleInput, summary, WEBHOOK_TOKEN, XSS_NAME } from './fixtures';

/** RFC 4180 reader, to check the writer round-trips (quotes, commas, line breaks inside fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  expect(field).toBe('');
  return rows;
}

function modelWith(names: string[], labels: Record<string, string> = {}): ReportModel {
  const input = sampleInput();
  const deployments = names.map((name, i) => deployment(name, { deploymentId: `d${i}`, labels }));
  input.results = new Map([['payments', { watch: 'payments', ok: true, deployments, skipped: [], requestIds: [] }]]);
  return buildReportModel(input);
}

describe('renderCsv', () => {
  it('writes a header and one row per deployment with CRLF line ends', () => {
    const model = buildReportModel(sampleInput());
    const text = renderCsv(model);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(model.deployments.length + 1);
    const orders = rows.find((r) => r[1] === 'orders-etl');
    expect(orders).toEqual([
      'payments',
      'orders-etl',
      'dep-ordersetl',
      'a14bd5d90a',
      'default-namespace',
      'STREAMING',
      '0',
      '0',
      '0',
      '1',
      '0',
      '7',
      'failing',
      'job-failed',
    ]);
    const fraud = rows.find((r) => r[1] === 'fraud-scorer');
    expect(fraud?.slice(6, 13)).toEqual(['', '', '', '', '', '', 'unknown']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and round-trips them', () => {
    const tricky = ['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf'];
    const rows = parseCsv(renderCsv(modelWith(tricky)));
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([...tricky].sort());
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(7)).toBe('7');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises the formula %j',
    (name) => {
      const rows = parseCsv(renderCsv(modelWith([name])));
      expect(rows[1]?.[1]).toBe(`'${name}`);
      expect(neutraliseFormula(name).startsWith("'")).toBe(true);
    },
  );

  it('leaves ordinary text and counts alone', () => {
    expect(neutraliseFormula('orders-etl')).toBe('orders-etl');
    expect(neutraliseFormula('a=b')).toBe('a=b');
  });
});

describe('renderJson', () => {
  it('is the model, losslessly', () => {
    const model = buildReportModel(sampleInput());
    expect(JSON.parse(renderJson(model))).toEqual(model);
  });
});

describe('renderMarkdown', () => {
  const model = buildReportModel(sampleInput());
  const text = renderMarkdown(model, { reportUrl: 'https://report.example.com/' });

  it('starts with the headline and the counts', () => {
    expect(text.startsWith('# flink-watch report\n')).toBe(true);
    expect(text).toContain('**3 alerts firing · 1 watch blind**');
    expect(text).toContain('8 deployments in 3 watches: 1 failing, 2 degraded, 2 unknown, 2 healthy, 1 idle.');
    expect(text).toContain('Generated 2030-01-01 10:00 UTC+08:00.');
  });

  it('has a line per watch, the firing alerts and a table of unhealthy deployments', () => {
    expect(text).toContain('- **payments**: 5 deployments (1 failing, 2 degraded, 1 unknown, 1 healthy) · 2 firing');
    expect(text).toMatch(/- \*\*risk\*\*: BLIND, query failed: .*\\<redacted\\>/);
    expect(text).toContain(
      '- **CRITICAL** job-failed · orders-etl (payments) · since 2030-01-01 09:48 UTC+08:00 (12m)',
    );
    expect(text).toContain('| orders-etl | payments | failing | 0 | 7 | job-failed (firing) |');
    expect(text).toContain('| fraud-scorer | payments | unknown | ? | ? |');
    expect(text).not.toContain('| payments-enricher |');
    expect(text).toContain('1 notification waiting in the outbox');
    expect(text.trim().endsWith('[Full report](https://report.example.com/)')).toBe(true);
  });

  it('escapes markup in names and keeps rows on one line', () => {
    expect(text).not.toContain('<script>');
    expect(text).toContain(escapeMarkdown(XSS_NAME));
    expect(escapeMarkdown('a|b\nc*d_<x>')).toBe('a\\|b c\\*d\\_\\<x\\>');
  });

  it('caps the alerts and rows for a digest', () => {
    const short = renderMarkdown(model, { maxAlerts: 1, maxDeployments: 2 });
    expect(short).toContain('- … +2 more');
    expect(short).toContain('+3 more not shown.');
  });

  it('says so when nothing is wrong', () => {
    const input = sampleInput();
    input.state.alerts = {};
    input.results = new Map([
      [
        'payments',
        {
          watch: 'payments',
          ok: true,
          deployments: [deployment('ok', { jobSummary: summary({ running: 1 }) })],
          skipped: [],
          requestIds: [],
        },
      ],
    ]);
    const calm = renderMarkdown(buildReportModel(input));
    expect(calm).toContain('**All clear: nothing firing, every watch answering**');
    expect(calm).toContain('## Firing alerts\n\nNone.');
    expect(calm).toContain('## Unhealthy deployments\n\nNone.');
  });

  it('holds no secret', () => {
    for (const secret of [REPORT_TOKEN, WEBHOOK_TOKEN]) expect(text).not.toContain(secret);
  });
});

describe('time formatting', () => {
  it('shows the zone offset', () => {
    expect(createTimeFormat('Asia/Shanghai').time(new Date(NOW).toISOString())).toBe('2030-01-01 10:00 UTC+08:00');
    expect(createTimeFormat('UTC').time(new Date(NOW).toISOString())).toBe('2030-01-01 02:00 UTC+00:00');
    expect(createTimeFormat('America/St_Johns').time(new Date(NOW).toISOString())).toBe('2029-12-31 22:30 UTC-03:30');
  });
  it('falls back to UTC for an unknown zone', () => {
    const t = createTimeFormat('Mars/Olympus');
    expect(t.timeZone).toBe('UTC');
    expect(t.time(new Date(NOW).toISOString())).toBe('2030-01-01 02:00 UTC+00:00');
  });
  it.each([
    [45_000, '45s'],
    [12 * 60_000, '12m'],
    [185 * 60_000, '3h 5m'],
    [3 * 3_600_000, '3h'],
    [52 * 3_600_000, '2d 4h'],
  ])('ages %d ms as %s', (ms, text) => {
    expect(formatAge(new Date(NOW - ms).toISOString(), new Date(NOW).toISOString())).toBe(text);
  });
});
