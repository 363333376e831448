import type { JobSummary } from '../flink/types';

/**
 * One frozen copy of each distinct job summary and watch list in a decoded state. Most deployments of a fleet have
 * the same few summaries (running 1, nothing else) and cumulative increases (all zero), and belong to the same
 * watches; at 50 000 deployments a copy each was a fifth of the decoded state. Samples are never modified once made,
 * so sharing them is safe; freezing makes sure. Made per decode: it lives only while the state is being read.
 */
export class SharedValues {
  private readonly summaries = new Map<string, JobSummary>();
  private readonly watchLists = new Map<string, string[]>();

  summary(counts: JobSummary): JobSummary {
    const key = `${counts.starting},${counts.running},${counts.cancelling},${counts.cancelled},${counts.finished},${counts.failed}`;
    let shared = this.summaries.get(key);
    if (shared === undefined) {
      shared = Object.freeze({ ...counts });
      this.summaries.set(key, shared);
    }
    return shared;
  }

  watches(names: string[]): string[] {
    // A name cannot hold a newline in a way that collides here: the key only has to tell lists apart.
    const key = JSON.stringify(names);
    let shared = this.watchLists.get(key);
    if (shared === undefined) {
      shared = Object.freeze([...names]) as string[];
      this.watchLists.set(key, shared);
    }
    return shared;
  }
}
