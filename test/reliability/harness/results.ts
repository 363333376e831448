import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** One fault case as the table shows it: how often it was tried, how often every property held, alerts lost. */
export interface FaultRow {
  /** Sort key: rows print in this order (e.g. `1-api-03`). */
  order: string;
  fault: string;
  tried: number;
  survived: number;
  alertsLost: number;
  /** Further figures for the detail table (longest tick vs deadline, duplicates, …). */
  detail?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityResultsDir: string;
  }
}

/** The directory the global setup created for this run. */
export function resultsDir(): string {
  return inject('reliabilityResultsDir');
}

/** Write the row before asserting, so a failing case still shows in the table (with survived < tried). */
export function recordRow(row: FaultRow): void {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${row.order}-${randomBytes(4).toString('hex')}.json`), JSON.stringify(row));
}

/** A measured figure (load, memory) printed under the tables. */
export function recordMeasure(name: string, line: string): void {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.measure.txt`), line);
}

export function readMeasures(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.measure.txt'))
      .sort()
      .map((n) => readFileSync(join(dir, n), 'utf8'));
  } catch {
    return [];
  }
}

export function readRows(dir: string): FaultRow[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as FaultRow)
    .sort((a, b) => a.order.localeCompare(b.order));
}

function pad(cells: string[], widths: number[], numericFrom: number): string {
  const cell = (c: string, i: number) => (i >= numericFrom ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0));
  return `| ${cells.map(cell).join(' | ')} |`;
}

function table(header: string[], rows: string[][], numericFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const rule = `| ${widths.map((w, i) => (i >= numericFrom ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [pad(header, widths, numericFrom), rule, ...rows.map((r) => pad(r, widths, numericFrom))].join('\n');
}

/** The README table: `fault | tried | survived | alerts lost`, one row per case, and a total. */
export function formatTable(rows: readonly FaultRow[]): string {
  const body = rows.map((r) => [r.fault, String(r.tried), String(r.survived), String(r.alertsLost)]);
  const sum = (pick: (r: FaultRow) => number) => String(rows.reduce((n, r) => n + pick(r), 0));
  body.push(['**total**', sum((r) => r.tried), sum((r) => r.survived), sum((r) => r.alertsLost)]);
  return table(['fault', 'tried', 'survived', 'alerts lost'], body, 1);
}

/** What was measured per case, for the detail table. */
export function formatDetail(rows: readonly FaultRow[]): string {
  return table(
    ['fault', 'measured'],
    rows.filter((r) => r.detail).map((r) => [r.fault, r.detail ?? '']),
    Number.POSITIVE_INFINITY,
  );
}
