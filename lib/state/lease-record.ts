import type { Lease } from './types';

/** A lease as stored: by the file lock (`{owner, expiresAt}`) and by the OSS lease log (which adds `released`). */
export interface LeaseRecord extends Lease {
  released?: boolean;
}

export function encodeLeaseRecord(record: LeaseRecord): Buffer {
  const { owner, expiresAt, released } = record;
  return Buffer.from(`${JSON.stringify(released ? { owner, expiresAt, released } : { owner, expiresAt })}\n`);
}

/** `null` for anything that is not a lease record; callers treat that as expired, so a broken lock never blocks. */
export function parseLeaseRecord(bytes: Buffer | null): LeaseRecord | null {
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const owner: unknown = Reflect.get(value, 'owner');
    const expiresAt: unknown = Reflect.get(value, 'expiresAt');
    if (typeof owner !== 'string' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
    return Reflect.get(value, 'released') === true ? { owner, expiresAt, released: true } : { owner, expiresAt };
  } catch {
    return null;
  }
}

export function sameLease(a: Lease, b: Lease): boolean {
  return a.owner === b.owner && a.expiresAt === b.expiresAt;
}
