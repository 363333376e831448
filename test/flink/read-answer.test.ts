import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AnswerReadTimeoutError, MalformedAnswerError } from '../../lib/flink/errors';
import { readAnswer } from '../../lib/flink/read-answer';

function bodyOf(...chunks: string[]): Readable {
  return Readable.from(chunks.map((c) => Buffer.from(c, 'utf8')));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
  if (!(outcome instanceof Error)) throw new Error(`rejected with a non-error: ${String(outcome)}`);
  return outcome;
}

describe('readAnswer', () => {
  it('hands out each parsed element in order, the envelope with an empty list', async () => {
    const seen: unknown[] = [];
    const read = await readAnswer(
      bodyOf('{"requestId":"R","success":true,"data":[{"deploymentId":"a"},', '{"deploymentId":"b"}]}'),
      {
        onElement: (raw) => seen.push(raw),
        timeoutMs: 5_000,
      },
    );
    expect(seen).toEqual([{ deploymentId: 'a' }, { deploymentId: 'b' }]);
    expect(read).toEqual({ envelope: { requestId: 'R', success: true, data: [] }, dataIsList: true });
  });

  it('reports text that is not JSON as a malformed answer, naming the element', async () => {
    const err = await rejection(
      readAnswer(bodyOf('{"data":[{"a":1},{"a":}]}'), { onElement: () => undefined, timeoutMs: 5_000 }),
    );
    expect(err).toBeInstanceOf(MalformedAnswerError);
    expect(err.message).toBe('the answer body is not JSON: element 2 of its data list');
    expect(err.cause).toBeInstanceOf(SyntaxError);
    const cut = await rejection(
      readAnswer(bodyOf('{"data":[{"a":1}'), { onElement: () => undefined, timeoutMs: 5_000 }),
    );
    expect(cut.message).toBe('the answer body is not JSON: the answer ended in the middle of its JSON text');
    const envelope = await rejection(
      readAnswer(bodyOf('{"data":[],}'), { onElement: () => undefined, timeoutMs: 5_000 }),
    );
    expect(envelope.message).toBe('the answer body is not JSON');
  });

  it('gives up on a body that stops arriving, and releases the stream', async () => {
    const body = new PassThrough();
    body.write('{"data":[{"a":1},');
    const started = Date.now();
    const err = await rejection(readAnswer(body, { onElement: () => undefined, timeoutMs: 150 }));
    expect(err).toBeInstanceOf(AnswerReadTimeoutError);
    expect(err.name).toBe('RequestTimeoutError');
    expect(err.message).toBe('the answer body did not arrive within 150 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(body.destroyed).toBe(true);
  });

  it('stops when the deadline passes while the answer arrives', async () => {
    const body = new PassThrough();
    body.write('{"data":[');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await rejection(
      readAnswer(body, { onElement: () => undefined, timeoutMs: 60_000, signal: controller.signal }),
    );
    expect(err.message).toBe('the deadline passed while the answer was arriving');
    expect(body.destroyed).toBe(true);
  });

  it('ends the read when the element handler throws', async () => {
    const body = bodyOf('{"data":[1,2,3]}');
    const err = await rejection(
      readAnswer(body, {
        onElement: (raw) => {
          if (raw === 2) throw new Error('no room for element 2');
        },
        timeoutMs: 5_000,
      }),
    );
    expect(err.message).toBe('no room for element 2');
  });
});
