/** Maps strings to dense integer codes 0..n-1 in order of first appearance. */
export class DictionaryEncoder {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  encode(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  get size(): number {
    return this.values.length;
  }
}
