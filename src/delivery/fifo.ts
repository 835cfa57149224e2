// A fixed-capacity FIFO on a ring buffer: O(1) push/shift with no array re-indexing, so a
// queue of 5000 events costs the same per operation as a queue of 5.

export class BoundedFifo<T> {
  private readonly slots: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.slots = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** false when full (nothing is stored). */
  push(item: T): boolean {
    if (this.size === this.capacity) return false;
    this.slots[(this.head + this.size) % this.capacity] = item;
    this.size++;
    return true;
  }

  /** The oldest item, left in place. */
  peek(): T | undefined {
    return this.size === 0 ? undefined : this.slots[this.head];
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined; // let the event be collected
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    return item;
  }

  /** Remove and return everything, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    while (this.size > 0) out.push(this.shift() as T);
    return out;
  }
}
