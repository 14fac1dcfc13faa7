// Per-user state of the coordination layer, looked up by user id.
// Not a model rule: a faster Map<number, T> for the dense user ids (0, 1, 2, ... in arrival order).

/**
 * What the coordination mechanisms keep per user (contact, plan, responsibility group, placement),
 * indexed by user id. The week asks each of them for every case of every coordinator every week;
 * as Maps those lookups were about a third of the samples in `ask` and `gatherCases`, the largest
 * self time in the 700k city's CPU profile. Measured: 1.84 -> 1.74 CPU s for the 50k municipality, 10 years (-5%, medians of an A/B of five
 * alternating process pairs, with the KE and unowned-needs changes of the same commit); the
 * bench's scale cases cannot resolve a difference that small on the shared machine
 * (docs/performance.md, "Where the time goes").
 * Same contract as the Map it replaces: `get` of an id never set is undefined, `set` replaces,
 * `values` runs in the order ids were first set.
 */
export class ByUser<T> {
  private readonly slots: Array<T | undefined> = [];
  private readonly order: number[] = [];

  get(uid: number): T | undefined {
    return uid < this.slots.length ? this.slots[uid] : undefined;
  }

  set(uid: number, value: T): void {
    if (!Number.isInteger(uid) || uid < 0) throw new Error(`byUser: user id ${uid} is not a non-negative integer`);
    // Grown one slot at a time, so the array stays packed (a far write would make it a dictionary).
    while (this.slots.length <= uid) this.slots.push(undefined);
    if (this.slots[uid] === undefined) this.order.push(uid);
    this.slots[uid] = value;
  }

  *values(): IterableIterator<T> {
    for (const uid of this.order) yield this.slots[uid] as T;
  }
}
