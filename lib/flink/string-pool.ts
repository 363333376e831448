/**
 * One copy of each distinct text within an answer. The engine's JSON parser makes a new string for every value, so
 * 50 000 deployments in one namespace hold 50 000 copies of its name, of their workspace, engine version, execution
 * mode and label keys and values. Made per answer: it lives as long as the answer is being read.
 */
export class StringPool {
  private readonly texts = new Map<string, string>();

  intern(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }
}
