/** A receiver template that does not parse or could not be rendered. Names the option and what to fix. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A receiver's `options` (or URL) that cannot work. The message names the receiver, the key and the fix. */
export class ReceiverOptionsError extends Error {
  override readonly name = 'ReceiverOptionsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
