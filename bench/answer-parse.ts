/**
 * Reading a `GetDeploymentsByLabel` answer: the whole text parsed at once (baseline: what the client library does
 * with `bodyType: 'json'`) against the answer split into its `data` elements as the chunks arrive, each parsed by
 * itself (lib/flink/answer-splitter.ts, what the client does). Prints MB/s and the ratio to the baseline for an answer
 * of 200 deployments (a typical call) and one of 50 000 (one label over a whole workspace), in 64 KiB chunks as a
 * socket delivers them. Memory is not compared here: the whole-text way needs the text (as large as the answer) and
 * its parsed tree at once, the split way one element's text at a time; bench/tick-memory.ts measures the tick.
 * Run: `npx tsx bench/answer-parse.ts`. Bounded; no network.
 */
import { AnswerSplitter } from '../lib/flink/answer-splitter';
import { renderDeployment } from '../lib/sandbox/render';
import { ververicaSuccessBody } from '../lib/sandbox/responses';
import { scenarioAtStep } from '../lib/sandbox/scenario-timeline';
import { memoryScenario } from './support/memory-world';
import { median } from './support/timing';

const CHUNK_BYTES = 64 * 1024;
const SIZES = [200, 50_000] as const;
/** Enough repetitions for a stable median on the small answer, a few on the large one. */
const BYTES_PER_SIZE = 60 * 1024 * 1024;

function answerChunks(deployments: number): Buffer[] {
  const data = scenarioAtStep(memoryScenario(deployments), 0).map((d) =>
    renderDeployment(d, { ignoreJobSummary: false, ignoreResourceSetting: true }),
  );
  const body = Buffer.from(JSON.stringify(ververicaSuccessBody('bench', data)));
  const chunks: Buffer[] = [];
  for (let at = 0; at < body.length; at += CHUNK_BYTES) chunks.push(body.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

function parseWhole(chunks: readonly Buffer[]): unknown[] {
  const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: unknown[] };
  return answer.data;
}

function parseSplit(chunks: readonly Buffer[]): unknown[] {
  const elements: unknown[] = [];
  const splitter = new AnswerSplitter((text) => elements.push(JSON.parse(text)));
  for (const chunk of chunks) splitter.push(chunk);
  JSON.parse(splitter.finish());
  return elements;
}

function measure(name: string, chunks: readonly Buffer[], parse: (c: readonly Buffer[]) => unknown[]) {
  const bytes = chunks.reduce((sum, c) => sum + c.length, 0);
  const runs = Math.max(3, Math.min(400, Math.round(BYTES_PER_SIZE / bytes)));
  let count = parse(chunks).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    count = parse(chunks).length;
    times.push(performance.now() - started);
  }
  const ms = median(times);
  return { name, ms, mbPerS: bytes / 1e6 / (ms / 1000), count, runs };
}

function main(): void {
  for (const size of SIZES) {
    const chunks = answerChunks(size);
    const bytes = chunks.reduce((sum, c) => sum + c.length, 0);
    const whole = measure('whole text, JSON.parse (baseline)', chunks, parseWhole);
    const split = measure('split by element, JSON.parse each', chunks, parseSplit);
    for (const r of [whole, split]) {
      if (r.count !== size) throw new Error(`${r.name} read ${r.count} deployments of ${size}`);
      console.log(
        `answer-parse: ${size} deployments (${(bytes / 1e6).toFixed(1)} MB): ${r.name}: ${r.ms.toFixed(2)} ms, ` +
          `${r.mbPerS.toFixed(0)} MB/s, ${(whole.ms / r.ms).toFixed(2)}× the baseline's speed (median of ${r.runs})`,
      );
    }
  }
}

main();
