/** A template that does not parse or could not be rendered. Names the template and what went wrong. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
