import { decodeAlert, decodeLogEntry } from './decode-alerts';
import { decodeOutboxEntry, decodeSendTimes, decodeWatchHealth } from './decode-delivery';
import { decodeDeployment } from './decode-deployments';
import type { Decoded } from './decoded';
import { describeType, isRecord, isTimeString } from './json-guards';
import { emptyState, type MonitorState, STATE_FORMAT_VERSION } from './model';
import { SharedValues } from './shared-values';

export interface DecodedState {
  state: MonitorState;
  /** One line per problem found, for the tick's log and summary; empty for a clean document. */
  warnings: string[];
  /** Set when the whole document was unusable and the state starts empty (the next save replaces it). */
  discarded?: string;
}

/** Warnings per section beyond this are summarised in one line, so a badly damaged state cannot flood the log. */
const MAX_WARNINGS_PER_SECTION = 10;

class SectionWarnings {
  private count = 0;
  constructor(
    private readonly section: string,
    private readonly out: string[],
  ) {}
  add(text: string): void {
    this.count += 1;
    if (this.count <= MAX_WARNINGS_PER_SECTION) this.out.push(`state ${this.section}: ${text}`);
  }
  finish(): void {
    const hidden = this.count - MAX_WARNINGS_PER_SECTION;
    if (hidden > 0) this.out.push(`state ${this.section}: ${hidden} more problem${hidden === 1 ? '' : 's'} not listed`);
  }
}

function decodeRecordSection<T>(
  section: string,
  raw: unknown,
  decode: (key: string, value: unknown) => Decoded<T>,
  warnings: string[],
): Record<string, T> {
  const out: Record<string, T> = {};
  if (raw === undefined) return out;
  const notes = new SectionWarnings(section, warnings);
  if (!isRecord(raw)) {
    notes.add(`is ${describeType(raw)}, not an object; it was ignored`);
  } else {
    for (const [key, value] of Object.entries(raw)) {
      const result = decode(key, value);
      if (!result.ok) notes.add(`dropped ${JSON.stringify(key)}: it ${result.problem}`);
      else {
        out[key] = result.value;
        for (const note of result.notes) notes.add(`${JSON.stringify(key)}: ${note}`);
      }
    }
  }
  notes.finish();
  return out;
}

function decodeOutbox(raw: unknown, warnings: string[]): MonitorState['outbox'] {
  if (raw === undefined) return [];
  const notes = new SectionWarnings('outbox', warnings);
  const out: MonitorState['outbox'] = [];
  if (!Array.isArray(raw)) notes.add(`is ${describeType(raw)}, not a list; it was ignored`);
  else {
    raw.forEach((item, index) => {
      const result = decodeOutboxEntry(item);
      if (!result.ok) notes.add(`dropped entry ${index}: it ${result.problem}`);
      else {
        out.push(result.value);
        for (const note of result.notes) notes.add(`entry ${result.value.id}: ${note}`);
      }
    });
  }
  notes.finish();
  return out;
}

function startEmpty(reason: string): DecodedState {
  return { state: emptyState(), warnings: [`${reason}; starting from an empty state`], discarded: reason };
}

/**
 * Turn what a store loaded into a `MonitorState`. Never throws: a document from a newer format, or one that is not
 * an object, starts an empty state; missing sections are empty; malformed entries are dropped (or repaired where
 * dropping would re-notify or lose a notification), each with a warning. `now` only flags a state saved after the
 * evaluation time (a replay over a newer state).
 */
export function decodeState(data: unknown | null, options: { now: number }): DecodedState {
  if (data === null || data === undefined) return { state: emptyState(), warnings: [] };
  if (!isRecord(data)) return startEmpty(`the stored state is ${describeType(data)}, not an object`);
  const warnings: string[] = [];
  const format = data.formatVersion;
  if (typeof format === 'number' && Number.isInteger(format) && format > STATE_FORMAT_VERSION) {
    return startEmpty(
      `the stored state has format ${format}, written by a newer flink-watch (this one reads format ` +
        `${STATE_FORMAT_VERSION}); upgrade, or accept that the next save replaces it`,
    );
  }
  if (format !== STATE_FORMAT_VERSION) {
    warnings.push(`state has no known formatVersion (found ${JSON.stringify(format) ?? 'none'}); read as format 1`);
  }
  let savedAt = emptyState().savedAt;
  if (isTimeString(data.savedAt)) savedAt = data.savedAt;
  else if (data.savedAt !== undefined) warnings.push('state savedAt is not a time; ignored');
  if (Date.parse(savedAt) > options.now) {
    warnings.push(`state was saved at ${savedAt}, after the evaluation time ${new Date(options.now).toISOString()}`);
  }
  const shared = new SharedValues();
  return {
    state: {
      formatVersion: STATE_FORMAT_VERSION,
      savedAt,
      deployments: decodeRecordSection(
        'deployments',
        data.deployments,
        (_k, v) => decodeDeployment(v, shared),
        warnings,
      ),
      alerts: decodeRecordSection('alerts', data.alerts, decodeAlert, warnings),
      notificationLog: decodeRecordSection(
        'notificationLog',
        data.notificationLog,
        (_k, v) => decodeLogEntry(v),
        warnings,
      ),
      outbox: decodeOutbox(data.outbox, warnings),
      watches: decodeRecordSection('watches', data.watches, (_k, v) => decodeWatchHealth(v), warnings),
      sends: decodeRecordSection('sends', data.sends, (_k, v) => decodeSendTimes(v), warnings),
    },
    warnings,
  };
}
