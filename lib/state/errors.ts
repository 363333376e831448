/** Another writer saved since this one loaded: the stored version no longer equals the expected one. */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
  readonly expectedVersion: string | null;
  readonly actualVersion: string | null | undefined;

  constructor(message: string, details: { expectedVersion: string | null; actualVersion?: string | null }) {
    super(message);
    this.expectedVersion = details.expectedVersion;
    this.actualVersion = details.actualVersion;
  }
}

/** The store could not be read or written (I/O, permissions, network, object storage errors). */
export class StateStoreError extends Error {
  override readonly name = 'StateStoreError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The state configuration cannot work as given (missing credentials, bad options). */
export class StateConfigError extends Error {
  override readonly name = 'StateConfigError';
}
