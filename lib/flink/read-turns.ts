/**
 * Answers are read one at a time, in the order they arrived. Concurrent answers usually arrive together; read side by
 * side, chunk by chunk, every one of them finishes only when the last does, so the next calls all start late. Read
 * in turn, the first finishes early and its slot starts the next call while the others are read. A waiting answer's
 * socket is not read meanwhile, so TCP holds the rest of it, not memory. One per client: no state outlives it.
 */
export class ReadTurns {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `read` after every read queued before it has finished (whether it succeeded or not). */
  take<T>(read: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(read);
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }
}
