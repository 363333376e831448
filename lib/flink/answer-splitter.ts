/**
 * Splits the JSON text of a `GetDeploymentsByLabel` answer, chunk by chunk as it arrives, into the elements of its
 * top-level `data` list and the small envelope around them (`requestId`, `success`, the error fields).
 *
 * Why not parse the whole answer: one label can select tens of thousands of deployments, and the whole answer
 * (about 1 KB per deployment) as one string plus its parsed objects is several times the function's memory. Why not
 * a streaming JSON library: they build every value in JavaScript, several times slower than the engine's
 * `JSON.parse` (figures in docs/performance.md). This only finds where each element begins and ends — one pass over the
 * bytes — and leaves the parsing to `JSON.parse`, one element at a time.
 * It checks the structure it walks through (brackets, commas between elements); `JSON.parse` checks the rest.
 */

import { AnswerSyntaxError } from './errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** Depth of an element's own brackets: the answer's object is 1, the `data` list 2. */
const ELEMENT_DEPTH = 3;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Where the splitter is in the answer's text. */
enum Where {
  /** Outside the `data` list: the bytes belong to the envelope. */
  Envelope,
  /** After the top-level key `data` and its colon: `[` starts the list, any other value stays in the envelope. */
  DataValue,
  /** Inside the `data` list, between elements. */
  BetweenElements,
  /** Inside one element. */
  Element,
}

export class AnswerSplitter {
  private where = Where.Envelope;
  /** Nesting depth of objects and lists over the whole answer. */
  private depth = 0;
  private inString = false;
  /** The previous byte inside a string was an unescaped backslash. */
  private escaped = false;
  private readonly envelope: Buffer[] = [];
  /** Pieces of the current element that arrived in earlier chunks. */
  private pending: Buffer[] = [];
  /** The raw text of the last string at the top level, kept to recognise the key `data`. */
  private topString = '';
  /** Where that string's text starts in the current chunk, while it is being read; -1 otherwise. */
  private topStringFrom = -1;
  private dataListSeen = false;
  /** Between elements: the last thing was an element (a comma or `]` must follow), not a comma or `[`. */
  private afterElement = false;
  /** The current element is a string, number or literal: it ends at the `,` or `]` after it. */
  private scalarElement = false;
  private count = 0;

  /** `onElement` receives each element of `data` as JSON text, in order. */
  constructor(private readonly onElement: (text: string) => void) {}

  /** Whether the answer had a top-level `data` list (its elements went to `onElement`). */
  get hadDataList(): boolean {
    return this.dataListSeen;
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let copyFrom = this.where === Where.Envelope || this.where === Where.DataValue ? 0 : -1;
    let elementFrom = this.where === Where.Element ? 0 : -1;
    if (this.topStringFrom >= 0) this.topStringFrom = 0;
    let i = 0;
    while (i < n) {
      if (this.where === Where.Element && !this.scalarElement) {
        // Nearly every byte of an answer is inside an element: scanned by a loop of its own.
        const end = this.scanElement(chunk, i);
        if (end < 0) break;
        this.emit(chunk, elementFrom, end);
        elementFrom = -1;
        i = end;
        continue;
      }
      const byte = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.topStringFrom >= 0) {
            this.topString += chunk.toString('latin1', this.topStringFrom, i);
            this.topStringFrom = -1;
          }
        }
        i++;
        continue;
      }
      if (this.where === Where.Envelope) {
        if (byte === QUOTE) {
          this.inString = true;
          if (this.depth === 1) {
            this.topString = '';
            this.topStringFrom = i + 1;
          }
        } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
          this.depth++;
        } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          if (--this.depth < 0) throw new AnswerSyntaxError('the answer closes more brackets than it opens');
        } else if (byte === COLON && this.depth === 1 && this.topString === 'data') {
          // JSON.parse would keep the last of two `data` fields; a stream cannot take back what it handed out.
          if (this.dataListSeen) throw new AnswerSyntaxError('the answer has two "data" fields');
          this.where = Where.DataValue;
        }
        i++;
      } else if (this.where === Where.DataValue) {
        if (byte === OPEN_BRACKET) {
          this.dataListSeen = true;
          this.depth++;
          i++;
          // The envelope keeps the list's brackets, so that it says `"data":[]`.
          this.envelope.push(chunk.subarray(copyFrom, i));
          copyFrom = -1;
          this.where = Where.BetweenElements;
          this.afterElement = false;
        } else if (isSpace(byte)) {
          i++;
        } else {
          this.where = Where.Envelope;
        }
      } else if (this.where === Where.BetweenElements) {
        if (isSpace(byte)) {
          i++;
        } else if (byte === COMMA) {
          if (!this.afterElement) throw new AnswerSyntaxError(`a comma without an element before it in the data list`);
          this.afterElement = false;
          i++;
        } else if (byte === CLOSE_BRACKET) {
          if (!this.afterElement && this.count > 0) throw new AnswerSyntaxError('the data list ends with a comma');
          this.depth--;
          this.where = Where.Envelope;
          copyFrom = i;
          i++;
        } else {
          if (this.afterElement)
            throw new AnswerSyntaxError(`element ${this.count + 1} of the data list follows without a comma`);
          this.where = Where.Element;
          elementFrom = i;
          this.scalarElement = byte !== OPEN_BRACE && byte !== OPEN_BRACKET;
          if (!this.scalarElement) this.depth++;
          else if (byte === QUOTE) this.inString = true;
          i++;
        }
      } else if (this.scalarElement) {
        if (byte === COMMA || byte === CLOSE_BRACKET) {
          this.emit(chunk, elementFrom, i);
          elementFrom = -1;
        } else if (byte === QUOTE) {
          this.inString = true;
          i++;
        } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET || byte === CLOSE_BRACE) {
          throw new AnswerSyntaxError(`element ${this.count + 1} of the data list is not valid JSON`);
        } else {
          i++;
        }
      }
    }
    if (this.inString && this.topStringFrom >= 0) this.topString += chunk.toString('latin1', this.topStringFrom, n);
    if (copyFrom >= 0 && copyFrom < n) this.envelope.push(chunk.subarray(copyFrom, n));
    if (elementFrom >= 0) this.pending.push(chunk.subarray(elementFrom, n));
  }

  /** The answer with an empty `data` list, as text. Call once the body has ended. */
  finish(): string {
    if (this.where === Where.Element || this.where === Where.BetweenElements || this.inString || this.depth !== 0) {
      throw new AnswerSyntaxError('the answer ended in the middle of its JSON text');
    }
    return Buffer.concat(this.envelope).toString('utf8');
  }

  /**
   * Scans an object or list element from `from` with its state in locals (the hot loop); returns the index just after
   * its closing bracket, or -1 when the chunk ends first.
   */
  private scanElement(chunk: Buffer, from: number): number {
    const n = chunk.length;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let i = from;
    let end = -1;
    scan: while (i < n) {
      if (inString) {
        // To the end of the string: only a quote or a backslash matters here.
        if (escaped) {
          escaped = false;
          i++;
        }
        for (;;) {
          if (i >= n) break scan;
          const c = chunk[i++]!;
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            if (i >= n) {
              escaped = true;
              break scan;
            }
            i++;
          }
        }
        inString = false;
        continue;
      }
      const b = chunk[i++]!;
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && depth-- === ELEMENT_DEPTH) {
        end = i;
        break;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return end;
  }

  private emit(chunk: Buffer, from: number, to: number): void {
    let text: string;
    if (this.pending.length === 0) {
      text = chunk.toString('utf8', from, to);
    } else {
      this.pending.push(chunk.subarray(0, to));
      text = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
    }
    this.where = Where.BetweenElements;
    this.afterElement = true;
    this.count++;
    this.onElement(text);
  }
}
