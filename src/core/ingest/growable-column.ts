type NumericArray = Int32Array | Uint8Array | Float64Array;
type NumericArrayConstructor<T extends NumericArray> = { new (length: number): T };

/** A typed array that doubles when full: columns are built row by row without row objects. */
export class GrowableColumn<T extends NumericArray> {
  private data: T;
  private readonly Ctor: NumericArrayConstructor<T>;
  length = 0;

  constructor(Ctor: NumericArrayConstructor<T>, initialCapacity = 1024) {
    this.Ctor = Ctor;
    this.data = new Ctor(initialCapacity);
  }

  /** Makes room for at least `capacity` values, so a column of known size never regrows. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new this.Ctor(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** Appends a whole array (another part of the same column). */
  append(values: ArrayLike<number>): void {
    this.reserve(Math.max(this.data.length, this.length + values.length));
    this.data.set(values, this.length);
    this.length += values.length;
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new this.Ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The filled part, trimmed to length (a copy, so the builder's spare capacity is freed). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
