/**
 * A bounded least-recently-used map, limited by entry count and by total weight (bytes). Backs the read
 * API's in-process caches; a Map keeps insertion order, so re-inserting on access makes the first key
 * the least recently used.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly limits: {
      maxEntries: number;
      /** Total weight kept; an entry heavier than this on its own is not kept at all. */
      maxWeight?: number;
      weigh?: (value: V) => number;
    },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keep `value`, evicting the least recently used entries to stay within the limits. False when not kept. */
  set(key: K, value: V): boolean {
    const weight = this.limits.weigh?.(value) ?? 0;
    const maxWeight = this.limits.maxWeight ?? Infinity;
    this.delete(key);
    if (this.limits.maxEntries < 1 || weight > maxWeight) return false;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.entries.size > this.limits.maxEntries || this.totalWeight > maxWeight) {
      const oldest = this.entries.keys().next().value as K;
      this.delete(oldest);
    }
    return true;
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }
}
