import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfigText } from '../../lib/config';
import { FIXTURES } from './fixture-env';

function syntaxFailure(text: string, format: 'yaml' | 'json'): ConfigError {
  try {
    parseConfigText(text, { format, env: {} });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('syntax errors', () => {
  it('give the line and column of a YAML error', () => {
    // Inline rather than a fixture file: the formatter would refuse a broken file in the repository.
    const text = [
      'flink:',
      '  region: cn-hangzhou',
      'watches:',
      '  - name: payments',
      '    workspace: a14bd5d90a',
      '    selector: [team = payments',
      'receivers:',
      '  terminal: { type: console }',
    ].join('\n');
    const error = syntaxFailure(text, 'yaml');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ path: '', line: 7, column: 1 });
    expect(error.problems[0]?.message).toMatch(/^YAML syntax error: .*\(line 7, column 1\)$/);
    expect(error.problems[0]?.hint).toBeTruthy();
  });

  it('report duplicate keys with their position', () => {
    const error = syntaxFailure('flink:\n  region: a\n  region: b\n', 'yaml');
    expect(error.problems[0]).toMatchObject({ line: 3, column: 3 });
    expect(error.problems[0]?.hint).toContain('remove or rename');
  });

  it('give a position for JSON errors without echoing the input', () => {
    const trailingComma = syntaxFailure('{\n  "report": { "token": "json-secret-value" },\n}\n', 'json');
    expect(trailingComma.problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(trailingComma.problems[0]?.message).toMatch(/^JSON syntax error/);
    const badValue = syntaxFailure('{\n  "report": { "token": "json-secret-value" },\n  "flink": }\n', 'json');
    expect(badValue.problems[0]?.message).toMatch(/^JSON syntax error: Unexpected token/);
    expect(badValue.message).not.toContain('json-secret-value');
  });

  it('explain an empty file', () => {
    const error = syntaxFailure('# nothing here\n', 'yaml');
    expect(error.problems).toEqual([
      { path: '', message: 'the file is empty', hint: expect.stringContaining('examples/') },
    ]);
    const list = syntaxFailure('- flink\n', 'yaml');
    expect(list.problems[0]?.message).toContain('top level must be a mapping');
  });

  it('explain a file that cannot be read', async () => {
    await expect(loadConfigFile(join(FIXTURES, 'does-not-exist.yaml'), { env: {} })).rejects.toMatchObject({
      name: 'ConfigError',
      problems: [
        { path: '', message: 'cannot read the configuration file (ENOENT)', hint: expect.stringContaining('--config') },
      ],
    });
  });
});
