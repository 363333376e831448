import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileRules } from '../../lib/rules/compile';
import { evaluateRules } from '../../lib/rules/evaluate';
import { buildDeploymentFacts, recordSample } from '../../lib/rules/facts';
import { deployment, MINUTE, rule, summary, T0 } from './fixtures';

const docs = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

/** The rules of every ```yaml block of docs/rules.md. */
function documentedRules() {
  const blocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block) => {
    const parsed: unknown = parse(block);
    const rules = (parsed as { rules?: Array<Record<string, unknown>> }).rules ?? [];
    return rules.map((r) =>
      rule(String(r['name']), String(r['when']), { scope: r['scope'] === 'watch' ? 'watch' : 'deployment' }),
    );
  });
}

describe('docs/rules.md', () => {
  it('has example rules that all compile', () => {
    const rules = documentedRules();
    expect(rules.length).toBeGreaterThanOrEqual(8);
    const { compiled, problems } = compileRules(rules);
    expect(problems).toEqual([]);
    expect(compiled.map((c) => c.config.name)).toContain('restart-storm');
  });

  it('has inline expressions that compile', () => {
    const expressions = [
      'has(labels.tier) && labels.tier == "critical"',
      '"tier" in labels && labels["tier"] == "critical"',
      'labels.?owner.orValue("nobody") == "nobody"',
      'deployment.increaseIn("1h").failed > 0 && deployment.namespace == "default-namespace"',
    ];
    const { problems } = compileRules(expressions.map((when, i) => rule(`r${i}`, when)));
    expect(problems).toEqual([]);
  });

  it('computes the worked window example as documented', () => {
    let history: Parameters<typeof recordSample>[0];
    [0, 2, 2, 5, 1].forEach((failed, i) => {
      history = recordSample(history, {
        deployment: deployment({ jobSummary: summary({ failed }) }),
        watches: ['w'],
        now: T0 + i * 20 * MINUTE,
        keepMs: 90 * MINUTE,
      });
    });
    const facts = buildDeploymentFacts({
      deployment: deployment({ jobSummary: summary({ failed: 4 }) }),
      watch: 'w',
      history,
      now: T0 + 100 * MINUTE,
      windowsMs: [10 * MINUTE, 30 * MINUTE, 60 * MINUTE, 90 * MINUTE],
    });
    const { compiled } = compileRules([
      rule(
        'worked-example',
        'increaseIn("10m").failed == 3 && increaseIn("30m").failed == 3 && increaseIn("1h").failed == 6 && increaseIn("90m").failed == 8',
      ),
    ]);
    const { results } = evaluateRules({ compiled, watches: [{ watch: 'w', facts: [facts] }] });
    expect([...results][0]!.holds).toBe(true);
  });
});
