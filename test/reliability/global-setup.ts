import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatDetail, formatTable, readMeasures, readRows } from './harness/results';

/** Where the printed table is also written, for the README. */
export const TABLE_FILE = join(tmpdir(), 'flink-watch-reliability-table.md');

/**
 * Creates the directory the fault tests write their rows to, and at the end prints the
 * `fault | tried | survived | alerts lost` table (and writes it to TABLE_FILE).
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'flink-watch-reliability-'));
  project.provide('reliabilityResultsDir', dir);
  return () => {
    const rows = readRows(dir);
    const measures = readMeasures(dir);
    rmSync(dir, { recursive: true, force: true });
    if (rows.length === 0 && measures.length === 0) return;
    const measured = measures.map((m) => `- ${m}`).join('\n');
    const tables = rows.length > 0 ? `${formatTable(rows)}\n\n${formatDetail(rows)}\n` : '';
    const text = `${tables}${measured ? `\n${measured}\n` : ''}`;
    writeFileSync(TABLE_FILE, text);
    process.stdout.write(`\nReliability: faults injected and what survived (also in ${TABLE_FILE})\n\n${text}\n`);
  };
}
