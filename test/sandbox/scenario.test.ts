import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_STATES } from '../../lib/flink/types';
import { builtinScenarioPath, loadBuiltinScenario } from '../../lib/sandbox/builtin-scenarios';
import { ScenarioError } from '../../lib/sandbox/errors';
import { loadScenarioFile, parseScenario, type Scenario } from '../../lib/sandbox/scenario';
import { deploymentAtStep, scenarioAtStep } from '../../lib/sandbox/scenario-timeline';
import { testScenario } from '../helpers/sandbox';

function problemsOf(text: string): string[] {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario validation', () => {
  it('names the path of every problem', () => {
    const problems = problemsOf(`
loop: maybe
deployments:
  - id: a
    name: one
    workspace: ws
    executionMode: STREAM
    labels: { team: [x] }
    timeline:
      - { at: 0, runing: 1 }
      - { at: 2, failed: 3 }
      - { at: 1, failed: 1 }
      - { at: 4, failed: -1 }
  - { id: a, name: two }
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^loop: must be true or false/),
        expect.stringMatching(/^deployments\[0\]\.executionMode: must be STREAMING or BATCH/),
        expect.stringMatching(/^deployments\[0\]\.labels\.team: must be a string, number or boolean/),
        expect.stringMatching(/^deployments\[0\]\.timeline\[0\]\.runing: unknown field/),
        expect.stringMatching(/^deployments\[0\]\.timeline\[2\]\.at: must be greater than the previous/),
        expect.stringMatching(/^deployments\[0\]\.timeline\[2\]\.failed: 1 is less than the earlier 3/),
        expect.stringMatching(/^deployments\[0\]\.timeline\[3\]\.failed: must be a whole number/),
        expect.stringMatching(/^deployments\[1\]\.workspace: is required/),
        expect.stringMatching(/^deployments\[1\]\.id: "a" is already used by deployments\[0\]/),
      ]),
    );
  });

  it('reports YAML syntax errors, an empty file and a missing deployments list', () => {
    expect(problemsOf('deployments: [')[0]).toMatch(/^not valid YAML/);
    expect(problemsOf('')[0]).toMatch(/YAML map with a "deployments" list/);
    expect(problemsOf('name: x')).toEqual(['deployments: is required: a non-empty list of deployments']);
    expect(problemsOf('steps: 2\ndeployments: [{id: a, name: a, workspace: w, timeline: [{at: 5}]}]')).toEqual([
      "steps: must be greater than the last change's at (5)",
    ]);
  });

  it('puts the file name in the error message, and reports unreadable files', async () => {
    expect(() => parseScenario('name: x', 'my-world.yaml')).toThrow(/scenario my-world\.yaml is not valid/);
    await expect(loadScenarioFile('/nonexistent/scenario.yaml')).rejects.toThrow(/cannot read the file/);
  });

  it('loads a file and fills defaults', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scenario-'));
    try {
      const path = join(dir, 'small.yaml');
      await writeFile(path, 'deployments:\n  - { id: a, name: a, workspace: w }\n');
      const s = await loadScenarioFile(path);
      expect(s).toMatchObject({ name: 'small', loop: false, steps: 1, source: path });
      expect(s.deployments[0]).toMatchObject({
        namespace: 'default-namespace',
        executionMode: 'STREAMING',
        labels: {},
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('scenario timeline', () => {
  it('keeps counts not given, and stays at the last state past the end without loop', () => {
    const s = testScenario();
    const pay = s.deployments[0]!;
    expect(deploymentAtStep(s, pay, 3).jobSummary).toMatchObject({ starting: 1, running: 0, failed: 2 });
    expect(deploymentAtStep(s, pay, 100).jobSummary).toMatchObject({ starting: 0, running: 1, failed: 2 });
  });

  it('when looping, replays current counts but never lets history counts decrease', () => {
    const s: Scenario = { ...testScenario(), loop: true };
    const pay = s.deployments[0]!;
    let previous = deploymentAtStep(s, pay, 0).jobSummary;
    const failedSeen: number[] = [];
    for (let step = 1; step < 4 * s.steps; step += 1) {
      const now = deploymentAtStep(s, pay, step).jobSummary;
      for (const state of ['failed', 'finished', 'cancelled'] as const)
        expect(now[state]).toBeGreaterThanOrEqual(previous[state]);
      failedSeen.push(now.failed);
      previous = now;
    }
    expect(deploymentAtStep(s, pay, s.steps + 2).jobSummary).toMatchObject({ running: 0, failed: 3 });
    expect(deploymentAtStep(s, pay, 3 * s.steps + 2).jobSummary.failed).toBe(5);
    expect(Math.max(...failedSeen)).toBe(5);
  });
});

describe('built-in demo scenario', () => {
  it('is found, valid, and has the behaviours the demo shows', async () => {
    expect(builtinScenarioPath()).toMatch(/lib[\\/]sandbox[\\/]scenarios[\\/]demo\.yaml$/);
    const s = await loadBuiltinScenario();
    expect(s.loop).toBe(true);
    expect(s.deployments.length).toBeGreaterThanOrEqual(8);
    expect(new Set(s.deployments.map((d) => d.workspace)).size).toBe(2);
    const teams = new Set(s.deployments.map((d) => d.labels['team']));
    expect([...teams].sort()).toEqual(['payments', 'risk', 'search']);
    expect(s.deployments.some((d) => Object.values(d.labels).some((v) => typeof v === 'number'))).toBe(true);
    const steps = Array.from({ length: s.steps }, (_, i) => scenarioAtStep(s, i));
    const byId = (id: string) => steps.map((all) => all.find((d) => d.deployment.id === id)!);
    const kinds = s.deployments.map((d) => {
      const seq = byId(d.id);
      return {
        failsThenRecovers: seq.some((x) => x.jobSummary.running === 0) && seq.at(-1)!.jobSummary.running === 1,
        stuckStarting: seq.filter((x) => x.jobSummary.starting > 0).length >= 4,
        batchFinishes: d.executionMode === 'BATCH' && seq.at(-1)!.jobSummary.finished > seq[0]!.jobSummary.finished,
        vanishes: seq.some((x) => !x.present) && seq.at(-1)!.present,
        failedGrows: seq.at(-1)!.jobSummary.failed > seq[0]!.jobSummary.failed,
      };
    });
    for (const key of ['failsThenRecovers', 'stuckStarting', 'batchFinishes', 'vanishes', 'failedGrows'] as const) {
      expect(
        kinds.some((k) => k[key]),
        key,
      ).toBe(true);
    }
    for (const all of steps)
      for (const d of all) for (const state of JOB_STATES) expect(d.jobSummary[state]).toBeGreaterThanOrEqual(0);
  });
});
