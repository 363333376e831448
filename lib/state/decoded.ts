/**
 * The outcome of decoding one stored entry: the value (possibly repaired, with `notes` saying how) or the problem
 * that made it unusable. Decoders keep fields they do not know, so entries written by a newer part of the program
 * survive a round trip.
 */
export type Decoded<T> = { ok: true; value: T; notes: string[] } | { ok: false; problem: string };

export function accept<T>(value: T, notes: string[] = []): Decoded<T> {
  return { ok: true, value, notes };
}

export function reject<T>(problem: string): Decoded<T> {
  return { ok: false, problem };
}
