import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseDeployment } from '../../lib/flink/normalise';

const CONTEXT = { workspace: 'ws-query', namespace: 'ns-query' };
const FULL_SUMMARY = { starting: 0, running: 1, cancelling: 0, cancelled: 2, finished: 0, failed: 3 };

function example(): { data: unknown[] } {
  const url = new URL('../fixtures/flink/get-deployments-by-label.example.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { data: unknown[] };
}

function normaliseOk(raw: unknown) {
  const result = normaliseDeployment(raw, CONTEXT);
  if (!result.ok) throw new Error(`expected a deployment, got skipped: ${result.skipped.reason}`);
  return result;
}

describe('normaliseDeployment: the documented example answer', () => {
  it('parses the complete example of the API page', () => {
    const { data } = example();
    expect(data).toHaveLength(1);
    const { deployment, notes } = normaliseOk(data[0]);
    expect(deployment).toEqual({
      deploymentId: '00000000-0000-0000-0000-0000012312****',
      name: 'deploymentName',
      namespace: 'default-namespace',
      workspace: 'edcef******b4f',
      labels: { test: 'test', test2: '1' },
      executionMode: 'STREAMING',
      engineVersion: 'vvr-6.0.0-flink-1.15',
      deploymentHasChanged: true,
      createdAt: 1714058507 * 1000,
      modifiedAt: 1714058843 * 1000,
      jobSummary: { starting: 1, running: 2, cancelling: 0, cancelled: 5, finished: 4, failed: 6 },
    });
    expect(deployment).not.toHaveProperty('jobSummaryProblem');
    expect(notes).toEqual([]);
  });
});

describe('normaliseDeployment: odd values', () => {
  const base = { deploymentId: 'd1', name: 'job', labels: { team: 'a' }, jobSummary: FULL_SUMMARY };

  it('turns number and boolean label values into text and drops null/object values with a note', () => {
    const { deployment, notes } = normaliseOk({
      ...base,
      labels: { n: 1, f: 1.5, zero: 0, b: false, s: 'x', nul: null, obj: { a: 1 }, arr: [1], sp: ' y\n' },
    });
    expect(deployment.labels).toEqual({ n: '1', f: '1.5', zero: '0', b: 'false', s: 'x', sp: ' y\n' });
    expect(notes).toEqual([
      'label "nul" has the value null; dropped',
      'label "obj" has the value a object; dropped',
      'label "arr" has the value an array; dropped',
    ]);
  });

  it('never lets a label named __proto__ or constructor touch the prototype', () => {
    const raw = JSON.parse('{"deploymentId":"d1","labels":{"__proto__":{"x":"1"},"constructor":"c"}}') as unknown;
    const { deployment, notes } = normaliseOk(raw);
    expect(Object.getPrototypeOf(deployment.labels)).toBe(Object.prototype);
    expect(Object.keys(deployment.labels)).toEqual(['constructor']);
    expect(deployment.labels.constructor).toBe('c');
    expect(notes).toContain('label "__proto__" cannot be stored; dropped');
  });

  it.each([
    [1714058507, 1714058507000],
    ['1714058507\n', 1714058507000],
    ['  1714058507  ', 1714058507000],
    [1714058507123, 1714058507123],
    ['1714058507123', 1714058507123],
    ['1714058507.5', 1714058507500],
    ['2024-04-25T15:21:47Z', 1714058507000],
    ['2024-04-25T15:21:47.000+00:00\n', 1714058507000],
  ])('reads createdAt %j', (createdAt, ms) => {
    const { deployment, notes } = normaliseOk({ ...base, createdAt, modifiedAt: createdAt });
    expect(deployment.createdAt).toBe(ms);
    expect(deployment.modifiedAt).toBe(ms);
    expect(notes).toEqual([]);
  });

  it.each([[undefined], [null], [''], ['""'], ['  ']])('leaves an absent createdAt (%j) empty without a note', (v) => {
    const { deployment, notes } = normaliseOk({ ...base, createdAt: v });
    expect(deployment.createdAt).toBeNull();
    expect(notes).toEqual([]);
  });

  it.each([['yesterday'], ['1'.repeat(30)], [-5], [0], [true], [{}], ['2024-13-45'], ['12:00']])(
    'leaves an unparseable createdAt (%j) empty with a note',
    (createdAt) => {
      const { deployment, notes } = normaliseOk({ ...base, createdAt });
      expect(deployment.createdAt).toBeNull();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^createdAt is .*, not an epoch time or ISO date; left empty$/);
    },
  );

  it.each([
    [true, true, 0],
    [false, false, 0],
    ['true', true, 0],
    [' TRUE\n', true, 0],
    ['false', false, 0],
    [undefined, false, 0],
    ['""', false, 0],
    ['yes', false, 1],
    [1, false, 1],
  ])('reads deploymentHasChanged %j as %s', (value, expected, noteCount) => {
    const { deployment, notes } = normaliseOk({ ...base, deploymentHasChanged: value });
    expect(deployment.deploymentHasChanged).toBe(expected);
    expect(notes).toHaveLength(noteCount);
  });

  it('upper-cases executionMode and treats "\\"\\"" error-ish fields as empty', () => {
    const { deployment } = normaliseOk({ ...base, executionMode: ' streaming\n', engineVersion: '""' });
    expect(deployment.executionMode).toBe('STREAMING');
    expect(deployment.engineVersion).toBe('');
    expect(normaliseOk({ ...base, executionMode: '""' }).deployment.executionMode).toBe('');
    expect(normaliseOk({ ...base }).deployment.executionMode).toBe('');
  });

  it("falls back to the query's workspace and namespace", () => {
    expect(normaliseOk({ ...base }).deployment).toMatchObject({ workspace: 'ws-query', namespace: 'ns-query' });
    expect(normaliseOk({ ...base, workspace: '""', namespace: '' }).deployment).toMatchObject(CONTEXT);
    expect(normaliseOk({ ...base, workspace: 'w', namespace: 'n' }).deployment).toMatchObject({
      workspace: 'w',
      namespace: 'n',
    });
  });

  it('ignores unknown fields', () => {
    const { deployment, notes } = normaliseOk({ ...base, somethingNew: { deep: [1, 2] }, flinkConf: 'x' });
    expect(Object.keys(deployment)).not.toContain('somethingNew');
    expect(notes).toEqual([]);
  });

  it('uses the id when the name is missing, with a note', () => {
    const { deployment, notes } = normaliseOk({ ...base, name: undefined });
    expect(deployment.name).toBe('d1');
    expect(notes).toEqual(['name is missing; using the deploymentId']);
  });

  it('reads a numeric deploymentId as text', () => {
    expect(normaliseOk({ ...base, deploymentId: 42 }).deployment.deploymentId).toBe('42');
  });

  it.each([[undefined], [null], [''], ['""'], [{}]])('skips a deployment whose deploymentId is %j', (id) => {
    const result = normaliseDeployment({ ...base, deploymentId: id }, CONTEXT);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.skipped.name).toBe('job');
      expect(result.skipped.reason).toMatch(
        /^the deployment has no deploymentId \(it was .*\), so it cannot be tracked$/,
      );
    }
  });

  it('skips a data element that is not an object', () => {
    for (const raw of [null, 'x', 3, [1]]) {
      const result = normaliseDeployment(raw, CONTEXT);
      expect(result).toEqual({ ok: false, skipped: { reason: expect.stringContaining('where a deployment belongs') } });
    }
    expect(normaliseDeployment({ labels: { team: 7 } }, CONTEXT)).toEqual({
      ok: false,
      skipped: { reason: 'the deployment has no deploymentId (it was missing), so it cannot be tracked' },
      labels: { team: '7' },
    });
  });
});

describe('normaliseDeployment: jobSummary is exact or null, never zero-filled', () => {
  const base = { deploymentId: 'd1', name: 'job', labels: {} };

  it('accepts integer strings', () => {
    const jobSummary = { starting: '0', running: ' 1\n', cancelling: 0, cancelled: '12', finished: 0, failed: 3 };
    expect(normaliseOk({ ...base, jobSummary }).deployment.jobSummary).toEqual({
      starting: 0,
      running: 1,
      cancelling: 0,
      cancelled: 12,
      finished: 0,
      failed: 3,
    });
  });

  it.each([
    [undefined, 'jobSummary is missing'],
    [null, 'jobSummary is null'],
    ['""', 'jobSummary is "\\"\\"", not an object of job counts'],
    [[1, 2], 'jobSummary is an array, not an object of job counts'],
    [{ ...FULL_SUMMARY, failed: undefined }, 'jobSummary.failed is missing'],
    [{ ...FULL_SUMMARY, running: -1 }, 'jobSummary.running is -1, not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: 1.5 }, 'jobSummary.running is 1.5, not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: '1.0' }, 'jobSummary.running is "1.0", not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: 'abc' }, 'jobSummary.running is "abc", not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: '' }, 'jobSummary.running is "", not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: null }, 'jobSummary.running is null, not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: true }, 'jobSummary.running is true, not a non-negative integer'],
    [{ ...FULL_SUMMARY, running: 2 ** 60 }, `jobSummary.running is ${String(2 ** 60)}, not a non-negative integer`],
    [
      { starting: 0, running: 'x', cancelling: 0, cancelled: 0, finished: 0 },
      'jobSummary.running is "x", not a non-negative integer; jobSummary.failed is missing',
    ],
  ])('%j → null with problem %j', (jobSummary, problem) => {
    const { deployment } = normaliseOk({ ...base, jobSummary });
    expect(deployment.jobSummary).toBeNull();
    expect(deployment.jobSummaryProblem).toBe(problem);
  });
});
