import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerSplitter } from '../../lib/flink/answer-splitter';
import { AnswerSyntaxError } from '../../lib/flink/errors';

/** Splits `text` at `cuts` (byte offsets) and runs it through the splitter: the elements parsed, and the envelope. */
function split(text: string, cuts: number[] = []): { elements: unknown[]; envelope: unknown; dataIsList: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  const elements: unknown[] = [];
  const splitter = new AnswerSplitter((element) => elements.push(JSON.parse(element)));
  let from = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(from, cut));
    from = cut;
  }
  splitter.push(bytes.subarray(from));
  return { elements, envelope: JSON.parse(splitter.finish()), dataIsList: splitter.hadDataList };
}

/** What parsing the whole text at once says, in the same terms; `'error'` when it is not JSON. */
function whole(text: string): { elements: unknown[]; envelope: unknown; dataIsList: boolean } | 'error' {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'error';
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return { elements: (value as { data: unknown[] }).data, envelope: { ...value, data: [] }, dataIsList: true };
  }
  return { elements: [], envelope: value, dataIsList: false };
}

function splitOrError(text: string, cuts: number[]) {
  try {
    return split(text, cuts);
  } catch {
    return 'error' as const;
  }
}

const json = fc.jsonValue({ maxDepth: 3 });
const unicodeJson = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });
const envelopeFields = fc.dictionary(
  fc.string({ maxLength: 8 }).filter((k) => k !== 'data' && k !== '__proto__'),
  json,
  { maxKeys: 4 },
);
const cutsOf = (max: number) => fc.array(fc.nat({ max }), { maxLength: 12 });

describe('AnswerSplitter', () => {
  it('hands out the data elements and an envelope with an empty list, however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        envelopeFields,
        fc.array(unicodeJson, { maxLength: 8 }),
        fc.constantFrom(undefined, 1, '\t'),
        fc.nat({ max: 6 }),
        cutsOf(4_000),
        (fields, data, indent, at, cuts) => {
          // `data` anywhere among the other fields, not only last.
          const entries = Object.entries(fields);
          entries.splice(Math.min(at, entries.length), 0, ['data', data]);
          const text = JSON.stringify(Object.fromEntries(entries), null, indent);
          const result = split(text, cuts);
          // Compared with what JSON keeps (`-0` is written as `0`).
          expect(result.elements).toEqual(JSON.parse(JSON.stringify(data)));
          expect(result.envelope).toEqual(JSON.parse(JSON.stringify({ ...fields, data: [] })));
          expect(result.dataIsList).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads byte by byte: elements with multi-byte characters cut anywhere', () => {
    const data = [{ name: '实时计算作业', labels: { 团队: '支付', emoji: '🚀' } }, '名字', ['ä', { 'k"\\': 'v\\"}]' }]];
    const text = JSON.stringify({ requestId: 'R-1', success: true, data });
    const bytes = Buffer.byteLength(text);
    const result = split(
      text,
      Array.from({ length: bytes }, (_, i) => i),
    );
    expect(result.elements).toEqual(data);
    expect(result.envelope).toEqual({ requestId: 'R-1', success: true, data: [] });
  });

  it('agrees with parsing the whole text on what is JSON, for damaged answers too', () => {
    const answer = fc
      .record({ requestId: fc.string({ maxLength: 6 }), success: fc.boolean(), data: fc.array(json, { maxLength: 5 }) })
      .map((a) => JSON.stringify(a));
    const damaged = fc
      .tuple(answer, fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', '"', ':', '\\', ' ', '1', 'x'), fc.nat(3))
      .map(([text, at, insert, remove]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + remove);
      });
    fc.assert(
      fc.property(damaged, cutsOf(200), (text, cuts) => {
        const expected = whole(text);
        const actual = splitOrError(text, cuts);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves a data field that is not a list in the envelope', () => {
    expect(split('{"success":false,"errorCode":"NoPermission","data":null}')).toEqual({
      elements: [],
      envelope: { success: false, errorCode: 'NoPermission', data: null },
      dataIsList: false,
    });
    expect(split('{"data":{"not":"a list"}}').envelope).toEqual({ data: { not: 'a list' } });
    // Only the top-level key counts.
    expect(split('{"x":{"data":[1,2]},"data":[3]}')).toMatchObject({
      elements: [3],
      envelope: { x: { data: [1, 2] } },
    });
  });

  it('names what is wrong with the structure it walks through', () => {
    const problem = (text: string) => {
      try {
        split(text);
      } catch (err) {
        return err instanceof AnswerSyntaxError ? err.message : `not a syntax error: ${String(err)}`;
      }
      return 'accepted';
    };
    expect(problem('{"data":[{"a":1}')).toBe('the answer ended in the middle of its JSON text');
    // Inside an element the engine's parser is the judge.
    expect(problem('{"data":[1 2]}')).toMatch(/^not a syntax error: SyntaxError/);
    expect(problem('{"data":[{},,{}]}')).toBe('a comma without an element before it in the data list');
    expect(problem('{"data":[{},]}')).toBe('the data list ends with a comma');
    expect(problem('{"data":[{} {}]}')).toBe('element 2 of the data list follows without a comma');
    expect(problem('{"data":[1],"data":[2]}')).toBe('the answer has two "data" fields');
    expect(problem('{"data":[]}}')).toBe('the answer closes more brackets than it opens');
  });
});
