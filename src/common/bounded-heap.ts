/**
 * The house's one bounded binary heap: keeps the `capacity` best items offered, O(log k) per
 * offer, O(k) memory. "Best" is `compare` order (negative = a ranks before b). The root is the
 * worst kept item, so a full heap rejects anything not strictly better than it in O(1) — which
 * also makes ties go to the item offered first (a stable sort of the input, then the limit).
 * Used by the executor's ORDER BY … LIMIT (TopN), vector top-k scans and `topK` of a score array.
 *
 * @example
 * const heap = new BoundedHeap<number>(2, (a, b) => b - a);   // two largest
 * [3, 9, 5].forEach((x) => heap.offer(x));
 * heap.sorted(); // [9, 5]
 */
export class BoundedHeap<T> {
  private readonly items: T[] = [];

  constructor(
    readonly capacity: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** True when the heap holds `capacity` items (offers then replace the worst). */
  get full(): boolean {
    return this.items.length >= this.capacity;
  }

  /** The worst kept item (the next to be dropped), if any. */
  get worst(): T | undefined {
    return this.items[0];
  }

  /**
   * Offers an item: kept if the heap is not full or it ranks strictly before the worst kept one.
   * Returns true when the heap grew (callers that account memory per item need that).
   */
  offer(item: T): boolean {
    const items = this.items;
    if (items.length < this.capacity) {
      items.push(item);
      for (let i = items.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (this.compare(items[i]!, items[parent]!) <= 0) break;
        this.swap(i, parent);
        i = parent;
      }
      return true;
    }
    if (this.capacity === 0 || this.compare(item, items[0]!) >= 0) return false;
    items[0] = item;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < items.length && this.compare(items[l]!, items[top]!) > 0) top = l;
      if (r < items.length && this.compare(items[r]!, items[top]!) > 0) top = r;
      if (top === i) return false;
      this.swap(i, top);
      i = top;
    }
  }

  /** The kept items in no particular order (the heap's array; do not modify). */
  unordered(): readonly T[] {
    return this.items;
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.items].sort(this.compare);
  }

  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }
}
