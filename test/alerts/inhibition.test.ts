import { describe, expect, it } from 'vitest';
import { inhibitionMuter } from '../../lib/alerts/inhibition-muter';
import { watchEmpty, watchQueryFailing } from '../../lib/alerts/meta-alerts';
import { deploymentLabels, record } from './fixtures';

const watch = { name: 'payments', workspace: 'ws1', namespace: 'default-namespace', selector: 'team=payments' };
const failingLabels = watchQueryFailing({ watch, health: { consecutiveFailures: 3 }, threshold: 3 }).labels;
const emptyLabels = watchEmpty({ watch, health: { consecutiveFailures: 0, lastCount: 0 } }).labels;

describe('inhibitionMuter', () => {
  const critical = record(deploymentLabels({ severity: 'critical', deployment: 'orders-etl' }), 'firing');

  it('a firing critical alert inhibits warning and info alerts of the same deployment', () => {
    const muter = inhibitionMuter([critical]);
    const warning = deploymentLabels({ severity: 'warning', rule: 'slow', deployment: 'orders-etl' });
    const info = deploymentLabels({ severity: 'info', rule: 'note', deployment: 'orders-etl', watch: 'other' });
    expect(muter.mutedBy(warning, 0)).toContain(critical.fingerprint);
    expect(muter.mutedBy(info, 0)).toContain('job-failed');
    expect(muter.reason).toBe('inhibit');
  });

  it('does not inhibit other deployments, critical alerts, or alerts without a deployment', () => {
    const muter = inhibitionMuter([critical]);
    expect(muter.mutedBy(deploymentLabels({ severity: 'warning', deployment: 'billing' }), 0)).toBeUndefined();
    expect(muter.mutedBy(deploymentLabels({ severity: 'critical', rule: 'other' }), 0)).toBeUndefined();
    expect(muter.mutedBy(emptyLabels, 0)).toBeUndefined();
  });

  it('only firing alerts inhibit', () => {
    const pending = record(critical.labels, 'pending');
    const resolved = record(critical.labels, 'resolved');
    const warning = deploymentLabels({ severity: 'warning', rule: 'slow' });
    expect(inhibitionMuter([pending, resolved]).mutedBy(warning, 0)).toBeUndefined();
  });

  it('a firing WatchQueryFailing inhibits WatchEmpty of the same watch only', () => {
    const muter = inhibitionMuter([record(failingLabels, 'firing')]);
    expect(muter.mutedBy(emptyLabels, 0)).toContain('WatchQueryFailing');
    const otherEmpty = watchEmpty({
      watch: { ...watch, name: 'risk' },
      health: { consecutiveFailures: 0, lastCount: 0 },
    });
    expect(muter.mutedBy(otherEmpty.labels, 0)).toBeUndefined();
  });

  it('a watch-level critical alert does not inhibit watch-level warnings', () => {
    const muter = inhibitionMuter([record(failingLabels, 'firing')]);
    const fleet = {
      alertname: 'fleet-degraded',
      watch: 'payments',
      severity: 'warning',
      workspace: 'ws1',
      namespace: 'default-namespace',
    };
    expect(muter.mutedBy(fleet, 0)).toBeUndefined();
  });
});
