import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../lib/config';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE_FILES = ['examples/sandbox.yaml', 'examples/production.yaml', 'test/fixtures/config/good.yaml'];

function isNode(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every schema object in the file, with its JSON pointer. */
function* walk(node: unknown, pointer = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`);
    return;
  }
  if (!isNode(node)) return;
  yield [pointer, node];
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'examples' && key !== 'enum' && key !== 'const') yield* walk(value, `${pointer}/${key}`);
  }
}

describe('schema/flink-watch.schema.json', () => {
  it('rejects unknown keys in every object it describes', () => {
    const open = [...walk(configSchema)]
      .filter(([, node]) => isNode(node.properties) && node.additionalProperties !== false)
      .map(([pointer]) => pointer);
    expect(open).toEqual([]);
  });

  it('works for a plain draft-07 validator (as editors use it) and accepts the examples', async () => {
    const editorLike = new Ajv({ strict: false, allErrors: true }).compile(configSchema as object);
    for (const file of EXAMPLE_FILES) {
      const text = await readFile(join(ROOT, file), 'utf8');
      expect(text.split('\n')[0], file).toMatch(
        /^# yaml-language-server: \$schema=(\.\.\/)+schema\/flink-watch\.schema\.json$/,
      );
      expect(editorLike(parse(text)), `${file}: ${JSON.stringify(editorLike.errors)}`).toBe(true);
    }
    expect(editorLike({ flink: { region: 'cn-hangzhou' }, watches: [], extra: 1 })).toBe(false);
    const badReceiver = { type: 'slack', url: 'https://hooks.slack.com/x', keyword: 'k' };
    expect(
      editorLike({
        flink: { region: 'x' },
        watches: [{ name: 'a', workspace: 'w', selector: 'a=b' }],
        receivers: { s: badReceiver },
      }),
    ).toBe(false);
  });

  it('documents every key in docs/configuration.md', async () => {
    const docs = await readFile(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const keys = new Set<string>();
    for (const [, node] of walk(configSchema)) {
      if (isNode(node.properties)) for (const key of Object.keys(node.properties)) keys.add(key);
    }
    const missing = [...keys].filter((key) => !docs.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});
