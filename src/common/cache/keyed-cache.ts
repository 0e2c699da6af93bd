/**
 * A bounded map whose entries expire, for rows another process may change. Each forget or clear
 * starts a new generation; a value read before it (`set` with an older mark) is not kept, since
 * the read may have seen the row before the change it was told of.
 */
export class KeyedCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private generation = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Take a mark before reading a value from its source; pass it to `set`. */
  mark(): number {
    return this.generation;
  }

  set(key: string, value: V, mark: number, now = Date.now()): void {
    if (mark !== this.generation) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.ttlMs });
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
