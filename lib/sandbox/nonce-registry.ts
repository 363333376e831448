/**
 * Signature nonces seen recently, so that a replayed request is refused. Bounded both in count and in age: a nonce
 * older than the allowed clock skew cannot be replayed anyway, because its `x-acs-date` would be refused.
 */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  /** Records `nonce`; false when it was already used within the window. */
  claim(nonce: string, now: number): boolean {
    this.evict(now);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (oldest.done) break;
      this.seen.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(now: number): void {
    for (const [nonce, at] of this.seen) {
      if (now - at <= this.maxAgeMs) break;
      this.seen.delete(nonce);
    }
  }
}
