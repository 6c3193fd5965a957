import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/** Anything ordered by a fractional rank key, ties broken by id. */
export interface Ranked {
  readonly id: string;
  readonly rank: string;
}

/** Orders two ranked items the same way on every peer: by rank key (code-unit order), then by id. */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * A stored rank as a bound for key generation. A rank reads as "" while its newest value is still
 * in flight (Yjs applies a delete before the insert that replaced it has arrived); such an item
 * sorts first and counts as the start of the list.
 */
function bound(rank: string | undefined): string | null {
  return rank ? rank : null;
}

/** A rank key after every item of an ordered list. */
export function rankAfterLast(sorted: readonly Ranked[]): string {
  return generateKeyBetween(bound(sorted.at(-1)?.rank), null);
}

/** Where a moved item goes: its own new rank, plus new ranks for neighbours that had to be spread apart. */
export interface Placement {
  readonly rank: string;
  readonly respaced: ReadonlyMap<string, string>;
}

/**
 * Computes the rank that puts `movingId` at `index` of `sorted` (a list in display order, which may
 * contain the moving item itself). Concurrent inserts can leave neighbours with equal keys; when
 * the target gap has no room, that run of equal keys is spread to distinct keys in the same move.
 */
export function placeAt(sorted: readonly Ranked[], index: number, movingId: string): Placement {
  const others = sorted.filter((item) => item.id !== movingId);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1];
  const after = others[at];
  if (!before || !after || before.rank < after.rank) {
    return { rank: generateKeyBetween(bound(before?.rank), bound(after?.rank)), respaced: new Map() };
  }
  // before.rank === after.rank: spread the whole run of that key between its distinct neighbours.
  const tied = before.rank;
  let first = at - 1;
  while (first > 0 && others[first - 1]?.rank === tied) first--;
  let last = at;
  while (last < others.length - 1 && others[last + 1]?.rank === tied) last++;
  const lower = bound(others[first - 1]?.rank);
  const upper = bound(others[last + 1]?.rank);
  // One key per tied item plus one for the moving item, in display order.
  const keys = generateNKeysBetween(lower, upper, last - first + 2);
  const respaced = new Map<string, string>();
  let key = 0;
  let rank = "";
  for (let i = first; i <= last; i++) {
    if (i === at) rank = keys[key++] as string;
    respaced.set((others[i] as Ranked).id, keys[key++] as string);
  }
  if (at > last) rank = keys[key++] as string;
  return { rank, respaced };
}

/**
 * Indexes of a longest run of strictly increasing, non-empty ranks in `ranks` (patience sorting, O(n log n)): the
 * items that can keep their keys when a list is put in a new order.
 */
function longestIncreasing(ranks: readonly string[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(ranks.length).fill(-1);
  ranks.forEach((rank, i) => {
    if (rank === "") return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((ranks[tails[mid] as number] as string) < rank) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] as number;
    tails[low] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i] as number) kept.add(i);
  return kept;
}

/**
 * New ranks that put the items of `sorted` (display order) named in `order` into the slots those items hold now, in
 * `order`'s order; items not named keep their places, and ids in `order` that are not in `sorted` are ignored. Only
 * the fewest items get a new rank (those outside a longest run already in order), each run of them spread evenly
 * between its kept neighbours, so a concurrent move of an item left in place is not overwritten.
 */
export function reorderedRanks(
  sorted: readonly Ranked[],
  order: readonly string[],
): ReadonlyMap<string, string> {
  const rankOf = new Map(sorted.map((item) => [item.id, item.rank]));
  const wanted = [...new Set(order)].filter((id) => rankOf.has(id));
  const named = new Set(wanted);
  let next = 0;
  const target = sorted.map((item) => (named.has(item.id) ? (wanted[next++] as string) : item.id));
  const ranks = target.map((id) => rankOf.get(id) as string);
  const kept = longestIncreasing(ranks);
  const changed = new Map<string, string>();
  let start = 0;
  for (let i = 0; i <= target.length; i++) {
    if (i < target.length && !kept.has(i)) continue;
    if (i > start) {
      const keys = generateNKeysBetween(ranks[start - 1] ?? null, ranks[i] ?? null, i - start);
      keys.forEach((key, j) => {
        changed.set(target[start + j] as string, key);
      });
    }
    start = i + 1;
  }
  return changed;
}
