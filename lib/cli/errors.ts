/** A command line that cannot be run as written; exit code 2 with the usage hint. */
export class UsageError extends Error {
  override name = 'UsageError';
}
