/**
 * Filtered and sorted listings, kept until the store changes, so paging through
 * 200k orders sorted by UPDATED_AT sorts once rather than once per page.
 */
export class ListCache {
  private readonly entries = new Map<string, { version: number; items: readonly unknown[] }>();

  get<T>(key: string, version: number, build: () => readonly T[]): readonly T[] {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.items as readonly T[];
    const items = build();
    this.entries.delete(key);
    this.entries.set(key, { version, items });
    if (this.entries.size > 16) this.entries.delete(this.entries.keys().next().value as string);
    return items;
  }

  clear(): void {
    this.entries.clear();
  }
}
