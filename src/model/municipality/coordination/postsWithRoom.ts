// The coordinator posts that may have room, for the coordinating unit's assignment (assignment.ts).
// No model rule here: a cache of a scan, giving the same candidates in the same order.
import type { Coordinator } from './coordinator.js';

/**
 * The posts that had room (in post, below the cap) when the list was last made, in the roster's
 * order, so the assignment looks at those instead of every post. A post outside it can only gain
 * room when a caseload shrinks or a post is added; the owner calls `changed()` on both, which
 * makes the list again before it is next used. A post in it may have filled up since: the caller
 * still checks each one, so it meets the same candidates in the same order as a scan of every
 * post. With continuous assignment each new request retries the whole queue, and scanning all
 * 1,008 posts of the 700k city for each was 8.5-12% of its CPU profile (two profiles over 2
 * years). Posts visited in the city over 10 years: 110 M -> 43 M; with the other changes of
 * 2026-12-07 the city's bench went 24.8 -> 24.1 CPU s (medians of 3 A/B pairs, paired ratio 0.92;
 * docs/performance.md). The 50k bench does not resolve it.
 */
export class PostsWithRoom {
  private readonly list: Array<Readonly<Coordinator>> = [];
  private stale = true;

  /** A caseload shrank or a post was added: a post outside the list may have room now. */
  changed(): void {
    this.stale = true;
  }

  /** Every post that may have room, in the roster's order; `hasRoom` says whether one has now. */
  of(posts: ReadonlyArray<Readonly<Coordinator>>, hasRoom: (k: Readonly<Coordinator>) => boolean): ReadonlyArray<Readonly<Coordinator>> {
    if (this.stale) {
      this.list.length = 0;
      for (const k of posts) if (hasRoom(k)) this.list.push(k);
      this.stale = false;
    }
    return this.list;
  }
}
