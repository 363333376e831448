import type { Logger } from '../runtime/logger';
import type { OssBucket } from './oss-bucket';

/**
 * Generation `n` is stored as `<folder><15-digit (LIMIT - n)>-<n>.json`: the inverted, zero-padded counter makes
 * OSS's ascending listing return the newest generation first, so finding it is one small LIST however many old
 * generations remain. The plain `n` at the end is for people reading the bucket.
 */
const LIMIT = 999_999_999_999_999;
const KEY_PATTERN = /^(\d{15})-(\d+)\.json$/;
/** How many keys one LIST asks for: the newest, the kept ones, and a batch of old ones to collect. */
const PAGE_EXTRA = 50;

export interface Generation {
  n: number;
  key: string;
}

/** `created`: ours is now the newest; `exists`: someone created `n` first; `superseded`: a newer one already existed. */
export type AppendOutcome = 'created' | 'exists' | 'superseded';

/** An append-only sequence of create-only objects; the newest one is the current value. */
export interface GenerationLog {
  readonly folder: string;
  newest(): Promise<Generation | null>;
  read(generation: Generation): Promise<Buffer | null>;
  /** Creates generation `n` only if absent, confirms it is the newest, then deletes generations beyond `keep`. */
  append(n: number, body: Buffer): Promise<AppendOutcome>;
  keyOf(n: number): string;
}

export function createGenerationLog(bucket: OssBucket, folder: string, keep: number, logger: Logger): GenerationLog {
  const keyOf = (n: number) => `${folder}${String(LIMIT - n).padStart(15, '0')}-${n}.json`;

  function parse(key: string): Generation | null {
    const match = KEY_PATTERN.exec(key.slice(folder.length));
    if (!match?.[1] || !match[2]) return null;
    const n = Number(match[2]);
    if (!Number.isSafeInteger(n) || n < 1 || LIMIT - n !== Number(match[1])) return null;
    return { n, key };
  }

  async function listNewestFirst(): Promise<Generation[]> {
    const keys = await bucket.list(folder, keep + PAGE_EXTRA);
    return keys.map(parse).filter((g): g is Generation => g !== null);
  }

  async function collectGarbage(generations: Generation[]): Promise<void> {
    for (const old of generations.slice(keep)) {
      try {
        await bucket.remove(old.key);
      } catch (err) {
        logger.warn('could not delete an old generation; it will be retried on a later save', { key: old.key, err });
        return;
      }
    }
  }

  return {
    folder,
    keyOf,

    async newest() {
      return (await listNewestFirst())[0] ?? null;
    },

    read: (generation) => bucket.get(generation.key),

    async append(n, body) {
      if (!Number.isSafeInteger(n) || n < 1 || n >= LIMIT) throw new RangeError(`generation ${n} is out of range`);
      if (!(await bucket.create(keyOf(n), body))) return 'exists';
      // A writer whose read is old can recreate a generation that was already collected. The newer generations
      // existed before its create, so this listing shows them, and the stale object is withdrawn.
      const generations = await listNewestFirst();
      if (generations[0]?.n !== n) {
        await bucket.remove(keyOf(n)).catch((err: unknown) => {
          logger.warn('could not withdraw a superseded generation', { key: keyOf(n), err });
        });
        return 'superseded';
      }
      await collectGarbage(generations);
      return 'created';
    },
  };
}
