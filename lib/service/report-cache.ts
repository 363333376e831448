import type { ReportModel } from '../report/model';
import type { Clock } from '../runtime/clock';

/**
 * Every report request would otherwise run a dry-run tick (an API call per query group). A short-lived cache, keyed
 * by watch, serves concurrent and repeated requests from one tick: under 200 concurrent clients this is the
 * difference between one tick per TTL and one tick per request. In-flight loads are shared; failures are not
 * cached. Created by a composition root and passed in — never module state.
 */
export interface ReportModelCache {
  get(key: string, load: () => Promise<ReportModel>): Promise<ReportModel>;
}

export const REPORT_CACHE_TTL_MS = 10_000;

export function createReportModelCache(
  clock: Clock,
  ttlMs: number | (() => number) = REPORT_CACHE_TTL_MS,
): ReportModelCache {
  const ttl = typeof ttlMs === 'function' ? ttlMs : () => ttlMs;
  const entries = new Map<string, { at: number; model: Promise<ReportModel> }>();
  return {
    get(key, load) {
      const now = clock.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttl()) return hit.model;
      const model = load();
      entries.set(key, { at: now, model });
      model.catch(() => {
        if (entries.get(key)?.model === model) entries.delete(key);
      });
      return model;
    },
  };
}
