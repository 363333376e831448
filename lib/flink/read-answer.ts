import { AnswerSplitter } from './answer-splitter';
import { AnswerReadTimeoutError, AnswerSyntaxError, MalformedAnswerError } from './errors';

/** A readable body as the client library hands it out with `bodyType: 'binary'` (Node's `IncomingMessage`). */
export interface AnswerBody extends AsyncIterable<unknown> {
  destroy(error?: Error): unknown;
}

export interface ReadAnswerOptions {
  /** Receives each element of `data`, parsed, in answer order. */
  onElement: (raw: unknown) => void;
  /** Milliseconds the whole body may take to arrive. */
  timeoutMs: number;
  /** Aborts the read (the tick's deadline). */
  signal?: AbortSignal;
}

export interface ReadAnswer {
  /** The answer with its `data` list emptied, or `data` as sent when it was not a list. */
  envelope: unknown;
  /** Whether `data` was a list, its elements given to `onElement`. */
  dataIsList: boolean;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new MalformedAnswerError(`the answer body yielded ${typeof chunk} where bytes belong`);
}

function parseElement(text: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MalformedAnswerError(`the answer body is not JSON: element ${index + 1} of its data list`, {
      cause: err,
    });
  }
}

/**
 * Reads an answer body as it arrives, handing out the elements of `data` one by one instead of holding the whole
 * answer and its parsed objects at once (see answer-splitter.ts). Throws `MalformedAnswerError` for text that is
 * not JSON, `AnswerReadTimeoutError` when the body takes longer than `timeoutMs`, and the stream's own error when
 * the connection breaks; whatever `onElement` throws ends the read too.
 */
export async function readAnswer(body: AnswerBody, options: ReadAnswerOptions): Promise<ReadAnswer> {
  let index = 0;
  const splitter = new AnswerSplitter((text) => {
    options.onElement(parseElement(text, index));
    index += 1;
  });
  const timer = setTimeout(() => {
    body.destroy(new AnswerReadTimeoutError(`the answer body did not arrive within ${options.timeoutMs} ms`));
  }, options.timeoutMs);
  const onAbort = () => body.destroy(new AnswerReadTimeoutError('the deadline passed while the answer was arriving'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    for await (const chunk of body) splitter.push(toBuffer(chunk));
    const text = splitter.finish();
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch (err) {
      throw new MalformedAnswerError('the answer body is not JSON', { cause: err });
    }
    return { envelope, dataIsList: splitter.hadDataList };
  } catch (err) {
    // An early end (a bad element, a timeout) leaves the rest unread: the connection cannot be reused.
    body.destroy();
    if (err instanceof AnswerSyntaxError) {
      throw new MalformedAnswerError(`the answer body is not JSON: ${err.message}`, { cause: err });
    }
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
