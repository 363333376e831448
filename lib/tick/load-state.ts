import { decodeState } from '../state/decode-state';
import type { MonitorState } from '../state/model';
import type { StateStore } from '../state/types';

export interface LoadedState {
  state: MonitorState;
  /** The store's version token, for `save`. */
  version: string | null;
}

/**
 * Loads and decodes the saved state, adding what was wrong with it to `warnings`. A function of its own so that the
 * parsed document is garbage once it returns: held in the tick's frame, it stayed alive next to its decoded copy for
 * the whole tick (twice the state's size in memory).
 */
export async function loadState(store: StateStore, now: number, warnings: string[]): Promise<LoadedState> {
  const loaded = await store.load();
  if (loaded.corrupt) {
    const { reason, keptAs, restoredFrom } = loaded.corrupt;
    const next = restoredFrom ? `continuing from the copy of the last save (${restoredFrom})` : 'starting empty';
    warnings.push(`the saved state was unreadable (${reason}); kept as ${keptAs}, ${next}`);
  }
  const decoded = decodeState(loaded.data, { now });
  warnings.push(...decoded.warnings);
  return { state: decoded.state, version: loaded.version };
}
