import { describe, expect, it } from 'vitest';
import { fingerprint, identifyingLabels } from '../../lib/alerts/fingerprint';
import { advanceAlert } from '../../lib/alerts/lifecycle';
import { MIN, T0 } from './fixtures';

const deployment = { name: 'orders-etl', deploymentId: 'd-1', namespace: 'default-namespace', workspace: 'ws1' };

describe('identifyingLabels', () => {
  it('sets the core identity labels of a deployment alert', () => {
    expect(identifyingLabels({ alertname: 'job-failed', watch: 'payments', severity: 'critical', deployment })).toEqual(
      {
        alertname: 'job-failed',
        deployment: 'orders-etl',
        deploymentId: 'd-1',
        namespace: 'default-namespace',
        severity: 'critical',
        watch: 'payments',
        workspace: 'ws1',
      },
    );
  });

  it('adds extra labels but never lets them override the core ones', () => {
    const labels = identifyingLabels({
      alertname: 'job-failed',
      watch: 'payments',
      severity: 'warning',
      deployment,
      extra: { owner: 'payments-oncall', severity: 'info', alertname: 'other', deploymentId: 'forged', empty: '' },
    });
    expect(labels.owner).toBe('payments-oncall');
    expect(labels.severity).toBe('warning');
    expect(labels.alertname).toBe('job-failed');
    expect(labels.deploymentId).toBe('d-1');
    expect(labels).not.toHaveProperty('empty');
  });

  it('leaves deployment labels out of watch-level alerts', () => {
    const labels = identifyingLabels({ alertname: 'fleet-down', watch: 'payments', severity: 'critical' });
    expect(labels).toEqual({ alertname: 'fleet-down', severity: 'critical', watch: 'payments' });
  });
});

describe('fingerprint', () => {
  it('is 16 lowercase hex characters', () => {
    expect(fingerprint({ alertname: 'x' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not depend on the order of keys', () => {
    const a = fingerprint({ alertname: 'job-failed', watch: 'payments', severity: 'critical' });
    const b = fingerprint({ severity: 'critical', watch: 'payments', alertname: 'job-failed' });
    expect(a).toBe(b);
  });

  it('changes with any label value and cannot be fooled by separators inside values', () => {
    const base = fingerprint({ alertname: 'job-failed', watch: 'payments' });
    expect(fingerprint({ alertname: 'job-failed', watch: 'risk' })).not.toBe(base);
    expect(fingerprint({ a: 'b=c', d: 'e' })).not.toBe(fingerprint({ a: 'b', c: 'd=e' }));
  });

  it('treats an empty label like a missing one', () => {
    expect(fingerprint({ alertname: 'x', team: '' })).toBe(fingerprint({ alertname: 'x' }));
  });

  it('is stable across ticks while volatile annotations change', () => {
    const labels = identifyingLabels({ alertname: 'job-failed', watch: 'payments', severity: 'critical', deployment });
    const first = advanceAlert(
      undefined,
      { condition: 'true', labels, annotations: { jobSummary: 'failed=6' }, forMs: 0, severity: 'critical' },
      T0,
    );
    const second = advanceAlert(
      first.record,
      { condition: 'true', labels, annotations: { jobSummary: 'failed=7' }, forMs: 0, severity: 'critical' },
      T0 + MIN,
    );
    expect(second.record?.fingerprint).toBe(first.record?.fingerprint);
    expect(second.transition).toBe('still-firing');
    expect(second.record?.annotations.jobSummary).toBe('failed=7');
  });
});
