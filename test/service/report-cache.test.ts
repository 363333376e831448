import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../lib/report/model';
import { createReportModelCache } from '../../lib/service/report-cache';

function model(title: string): ReportModel {
  return {
    title,
    generatedAt: '2026-11-28T00:00:00.000Z',
    timeZone: 'UTC',
    watches: [],
    deployments: [],
    alerts: [],
    history: {},
    outbox: { queued: 0 },
  };
}

describe('report model cache', () => {
  it('serves concurrent and repeated requests from one load until the TTL passes', async () => {
    let t = 1_000;
    const cache = createReportModelCache({ now: () => t }, 10_000);
    let loads = 0;
    const load = async () => model(`load ${++loads}`);
    const [a, b] = await Promise.all([cache.get('', load), cache.get('', load)]);
    expect(a.title).toBe('load 1');
    expect(b).toBe(a);
    t += 9_999;
    expect((await cache.get('', load)).title).toBe('load 1');
    t += 1;
    expect((await cache.get('', load)).title).toBe('load 2');
    expect((await cache.get('payments', load)).title).toBe('load 3');
  });

  it('does not keep a failed load', async () => {
    const cache = createReportModelCache({ now: () => 0 }, 10_000);
    await expect(cache.get('', async () => Promise.reject(new Error('FlinkApiError: down')))).rejects.toThrow('down');
    expect((await cache.get('', async () => model('recovered'))).title).toBe('recovered');
  });
});
