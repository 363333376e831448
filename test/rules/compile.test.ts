import { describe, expect, it } from 'vitest';
import { allWindowsMs, compileRules, maxWindowMs } from '../../lib/rules/compile';
import { HOUR, MINUTE, rule } from './fixtures';

function onlyProblem(when: string, scope: 'deployment' | 'watch' = 'deployment') {
  const { compiled, problems } = compileRules([rule('ok', 'running < 1'), rule('broken', when, { scope })]);
  expect(compiled.map((c) => c.config.name)).toEqual(['ok']);
  expect(problems).toHaveLength(1);
  const problem = problems[0]!;
  expect(problem.rule).toBe('broken');
  expect(problem.index).toBe(1);
  expect(problem.path).toBe('rules[1].when');
  return problem;
}

describe('compileRules problems', () => {
  it('reports a syntax error with its position and a caret snippet', () => {
    const problem = onlyProblem('running < 1 &&& failed > 0');
    expect(problem.position).toBe(14);
    expect(problem.message).toBe('Unexpected character: &');
    expect(problem.snippet).toBe('running < 1 &&& failed > 0\n              ^');
  });

  it('reports a missing operand at the end of the expression', () => {
    const problem = onlyProblem('running <');
    expect(problem.position).toBe(9);
    expect(problem.message).toBe('Unexpected token: EOF');
  });

  it('reports an unterminated string at its start', () => {
    const problem = onlyProblem('executionMode == "STREAMING');
    expect(problem.position).toBe(17);
    expect(problem.message).toMatch(/Unterminated string/);
  });

  it('suggests == for a single =', () => {
    const problem = onlyProblem('running = 1');
    expect(problem.position).toBe(8);
    expect(problem.message).toContain('compare with ==');
  });

  it('reports an unknown variable with a suggestion', () => {
    const problem = onlyProblem('runing < 1');
    expect(problem.position).toBe(0);
    expect(problem.message).toContain('Unknown variable: runing');
    expect(problem.message).toContain('did you mean "running"?');
  });

  it('shows the offending line of a multi-line expression', () => {
    const problem = onlyProblem('running < 1 &&\n  fialed > 0');
    expect(problem.position).toBe(17);
    expect(problem.snippet).toBe('  fialed > 0\n  ^');
    expect(problem.message).toContain('did you mean "failed"?');
  });

  it('explains variables of the other scope', () => {
    expect(onlyProblem('deployments.size() > 2').message).toContain('only in rules with scope: watch');
    expect(onlyProblem('running < 1', 'watch').message).toContain('deployments.exists(d, d.running');
  });

  it('explains that namespace is reserved and how to read it', () => {
    expect(onlyProblem('namespace == "prod"').message).toContain('write deployment.namespace');
  });

  it('reports an unknown function', () => {
    const problem = onlyProblem('isBroken(running)');
    expect(problem.message).toContain("found no matching overload for 'isBroken(int)'");
  });

  it('reports a misspelt count field', () => {
    const problem = onlyProblem('increase.faild > 0');
    expect(problem.message).toContain('No such key: faild');
    expect(problem.position).toBe(9);
  });

  it('reports a type mismatch', () => {
    expect(onlyProblem('running > "1"').message).toMatch(/no such overload: int > string/);
  });

  it('reports an expression that cannot return bool', () => {
    const problem = onlyProblem('running + failed');
    expect(problem.message).toBe(
      'the expression returns int, but a rule must return bool (true = the condition holds)',
    );
    expect(problem.position).toBeUndefined();
  });

  it('reports an empty expression', () => {
    expect(onlyProblem('  ').message).toContain('the expression is empty');
  });

  it('reports a window that is not a literal or cannot be read, at the argument', () => {
    const nonLiteral = onlyProblem('increaseIn(name).failed > 0');
    expect(nonLiteral.position).toBe(11);
    expect(nonLiteral.message).toContain('takes one duration literal');
    const unreadable = onlyProblem('increaseIn("1x").failed > 0');
    expect(unreadable.position).toBe(11);
    expect(unreadable.message).toContain('window duration "1x" cannot be read');
    expect(onlyProblem('increaseIn("0m").failed > 0').message).toContain('longer than zero');
    expect(onlyProblem('increaseIn("31d").failed > 0').message).toContain('maximum of 30d');
  });

  it('tells watch rules to apply increaseIn to a deployment', () => {
    const problem = onlyProblem('increaseIn("1h").failed > 0', 'watch');
    expect(problem.message).toContain('d.increaseIn("1h")');
    const onWatch = onlyProblem('watch.increaseIn("1h").failed > 0', 'watch');
    expect(onWatch.message).toContain('applies to a deployment');
  });

  it('compiles the valid rules even when others are broken', () => {
    const { compiled, problems } = compileRules([
      rule('a', 'running <'),
      rule('b', 'increase.failed > 0'),
      rule('c', 'nope'),
    ]);
    expect(compiled.map((c) => c.config.name)).toEqual(['b']);
    expect(problems.map((p) => p.path)).toEqual(['rules[0].when', 'rules[2].when']);
  });
});

describe('windows', () => {
  it('extracts the windows each rule uses, deduplicated and sorted', () => {
    const { compiled, problems } = compileRules([
      rule('storm', 'increaseIn("10m").failed >= 3 || increaseIn("600s").failed > 5 || increaseIn("1h").failed > 9'),
      rule('plain', 'running < 1'),
      rule(
        'fleet',
        'deployments.filter(d, d.increaseIn("1h30m").failed > 0).size() > 2 && deployments.exists(d, d.increaseIn("24h").cancelled > 0)',
        { scope: 'watch' },
      ),
    ]);
    expect(problems).toEqual([]);
    expect(compiled.map((c) => c.windowsMs)).toEqual([[10 * MINUTE, HOUR], [], [90 * MINUTE, 24 * HOUR]]);
    expect(allWindowsMs(compiled)).toEqual([10 * MINUTE, HOUR, 90 * MINUTE, 24 * HOUR]);
    expect(maxWindowMs(compiled)).toBe(24 * HOUR);
  });

  it('has no history to keep when no rule uses a window', () => {
    const { compiled } = compileRules([rule('a', 'running < 1')]);
    expect(maxWindowMs(compiled)).toBe(0);
    expect(allWindowsMs(compiled)).toEqual([]);
  });
});
