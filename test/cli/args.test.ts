import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../lib/cli/args';
import { UsageError } from '../../lib/cli/errors';
import { terminalLine } from '../../lib/cli/log-sink';
import { problemsText } from '../../lib/cli/problem-text';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseCommandLine', () => {
  it('reads run with every option', () => {
    expect(
      parseCommandLine([
        'run',
        '-c',
        'f.yaml',
        '--now',
        '2026-11-28T17:00:00+08:00',
        '--dry-run',
        '--json',
        '--watch',
        'a',
        '--watch',
        'b',
      ]),
    ).toEqual({
      name: 'run',
      config: 'f.yaml',
      now: new Date('2026-11-28T09:00:00Z'),
      dryRun: true,
      json: true,
      watches: ['a', 'b'],
    });
  });

  it.each([
    ['2026-11-28T09:00:00Z', '2026-11-28T09:00:00.000Z'],
    ['2026-11-28T09:00Z', '2026-11-28T09:00:00.000Z'],
    ['2026-11-28T09:00:00.250Z', '2026-11-28T09:00:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('--now %s is %s', (value, iso) => {
    const command = parseCommandLine(['explain', '--config', 'f', '--now', value]);
    expect(command.name === 'explain' && command.now?.toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    '2026-11-28',
    '2026-11-28T09:00:00', // no zone: would be read in the machine's zone
    '2026-02-29T00:00:00Z', // not a leap year; Date.parse would roll it into March
    '2026-13-01T00:00:00Z',
    '2026-11-28T24:30:00Z',
  ])('refuses --now %s, naming the flag and the expected form', (value) => {
    const message = usageError(['run', '--config', 'f', '--now', value]);
    expect(message).toContain(`--now ${JSON.stringify(value)}`);
    expect(message).toContain('2026-11-28T09:00:00Z');
  });

  it('refuses options another command takes, listing the ones this command takes', () => {
    expect(usageError(['validate', '--config', 'f', '--dry-run'])).toBe(
      'validate: unknown option --dry-run; validate takes --config, --json',
    );
    expect(usageError(['run', '--config', 'f', '--port', '1'])).toContain('run: unknown option --port');
  });

  it('checks values of ports, durations and counts', () => {
    expect(usageError(['demo', '--port', '70000'])).toContain('--port "70000" is not a port');
    expect(usageError(['demo', '--port', '1e3'])).toContain('--port "1e3" is not a port');
    expect(usageError(['demo', '--step', '3'])).toContain('--step "3" is not a duration');
    expect(usageError(['demo', '--step', '0s'])).toContain('--step "0s" is not a duration');
    expect(usageError(['demo', '--ticks', '0'])).toContain('--ticks "0" is not a positive whole number');
    expect(parseCommandLine(['demo', '--port', '0', '--step', '200ms', '--ticks', '12'])).toEqual({
      name: 'demo',
      port: 0,
      step: 200,
      ticks: 12,
    });
  });

  it('needs --config and the receiver name where they apply', () => {
    expect(usageError(['explain'])).toBe('explain needs --config FILE (a YAML or JSON configuration)');
    expect(usageError(['test-receiver', '--config', 'f'])).toContain('test-receiver needs exactly one receiver NAME');
    expect(usageError(['run', '--config', 'f', 'extra'])).toBe('run: unexpected argument "extra"');
  });

  it('treats --help anywhere as help', () => {
    expect(parseCommandLine([])).toEqual({ name: 'help' });
    expect(parseCommandLine(['run', '--help'])).toEqual({ name: 'help' });
  });
});

describe('CLI text helpers', () => {
  it('prints problems as blocks with indented detail and the hint on its own line', () => {
    const text = problemsText('f.yaml', [
      { path: 'rules[0].when', message: 'Unexpected token\nrunning < && 1\n          ^', hint: 'see docs/rules.md' },
      { path: 'routes[0].receivers[0]', message: 'unknown receiver "x"' },
    ]);
    expect(text).toBe(
      [
        'f.yaml has 2 problems:',
        '',
        'rules[0].when: Unexpected token',
        '    running < && 1',
        '              ^',
        '  hint: see docs/rules.md',
        '',
        'routes[0].receivers[0]: unknown receiver "x"',
      ].join('\n'),
    );
  });

  it('turns a JSON log line into one readable line and leaves the error cause out', () => {
    const line = JSON.stringify({
      level: 'warn',
      time: '2026-11-28T09:00:00.000Z',
      msg: 'label query failed',
      workspace: 'ws-a',
      watches: ['w1'],
      error: { name: 'FlinkApiError', message: 'authentication failed', cause: { message: 'raw answer' } },
    });
    expect(terminalLine(line, false)).toBe(
      'warn: label query failed (workspace=ws-a watches=["w1"]): authentication failed',
    );
    expect(terminalLine(line, true)).toContain('raw answer');
    expect(terminalLine('not json', false)).toBe('not json');
  });
});
