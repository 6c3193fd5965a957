import type { CardType } from "./cardFields";
import type { Board, Card } from "./schema";

/**
 * What the board shows: every given criterion must hold. For team, owner, type and goalId a string
 * keeps cards with that value and null keeps cards without one; an absent key (or "" text) is no criterion.
 */
export interface CardFilter {
  /** Whitespace-separated words, each found (case-insensitively) in the title, description or a label. */
  readonly text?: string;
  readonly team?: string | null;
  readonly owner?: string | null;
  readonly type?: CardType | null;
  /** A label the card carries (case-insensitive). */
  readonly label?: string;
  readonly goalId?: string | null;
}

function matchesField(wanted: string | null | undefined, actual: string | null): boolean {
  return wanted === undefined || wanted === actual;
}

/**
 * The search index: each card's lower-cased title, description and labels, kept per Card object. A board
 * snapshot gives a new object only to a card that changed, so after an edit only that card is re-indexed,
 * and typing a query re-reads no card text.
 */
const searchText = new WeakMap<Card, string>();

function searchTextOf(card: Card): string {
  let text = searchText.get(card);
  if (text === undefined) {
    text = `${card.title}\n${card.description}\n${card.labels.join("\n")}`.toLocaleLowerCase();
    searchText.set(card, text);
  }
  return text;
}

/**
 * The ids of the live cards the filter keeps (all live cards for an empty filter); pure, and linear in the
 * cards: one pass, each card's text from the search index.
 */
export function filterCards(board: Board, filter: CardFilter): ReadonlySet<string> {
  const words = (filter.text ?? "").toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const label = filter.label?.toLocaleLowerCase();
  const visible = new Set<string>();
  for (const card of board.cards.values()) {
    if (card.archived) continue;
    if (
      !matchesField(filter.team, card.team) ||
      !matchesField(filter.owner, card.owner) ||
      !matchesField(filter.type, card.type) ||
      !matchesField(filter.goalId, card.goalId)
    ) {
      continue;
    }
    if (label !== undefined && !card.labels.some((candidate) => candidate.toLocaleLowerCase() === label))
      continue;
    if (words.length > 0) {
      const haystack = searchTextOf(card);
      if (!words.every((word) => haystack.includes(word))) continue;
    }
    visible.add(card.id);
  }
  return visible;
}

/** One horizontal band of the board: a team's or a goal's cards, lane by lane. */
export interface Swimlane {
  /** The team name or goal id; null for the band of cards with none. */
  readonly key: string | null;
  readonly title: string;
  /** Every board lane in order, with this band's visible cards in display order. */
  readonly lanes: readonly { readonly laneId: string; readonly cardIds: readonly string[] }[];
  /** Visible cards in the band. */
  readonly count: number;
}

function keyOf(card: Card, by: "team" | "goal", knownGoals: ReadonlySet<string>): string | null {
  if (by === "team") return card.team;
  return card.goalId !== null && knownGoals.has(card.goalId) ? card.goalId : null;
}

/**
 * Splits the visible cards into swimlanes by team or by goal. Bands come in the board's order (its
 * team list, or its goals), then teams missing from the list alphabetically, then the "No team" /
 * "No goal" band last; listed teams and live goals always have a band, the rest only when they hold
 * a visible card. A card naming a goal this peer has not received yet counts as having no goal.
 */
export function groupIntoSwimlanes(
  board: Board,
  by: "team" | "goal",
  visibleIds: ReadonlySet<string>,
): readonly Swimlane[] {
  const knownGoals = new Set(board.goals.map((goal) => goal.id));
  const bands = new Map<string | null, Map<string, string[]>>();
  for (const lane of board.lanes) {
    for (const cardId of lane.cardIds) {
      if (!visibleIds.has(cardId)) continue;
      const card = board.cards.get(cardId);
      if (!card) continue;
      const key = keyOf(card, by, knownGoals);
      let band = bands.get(key);
      if (!band) {
        band = new Map();
        bands.set(key, band);
      }
      let cell = band.get(lane.id);
      if (!cell) {
        cell = [];
        band.set(lane.id, cell);
      }
      cell.push(cardId);
    }
  }
  const order: { key: string | null; title: string }[] = [];
  if (by === "team") {
    for (const team of board.teams) order.push({ key: team, title: team });
    const listed = new Set(board.teams);
    const unlisted = [...bands.keys()]
      .filter((key): key is string => key !== null && !listed.has(key))
      .sort();
    for (const team of unlisted) order.push({ key: team, title: team });
    order.push({ key: null, title: "No team" });
  } else {
    for (const goal of board.goals) {
      if (!goal.archived || bands.has(goal.id)) order.push({ key: goal.id, title: goal.title });
    }
    order.push({ key: null, title: "No goal" });
  }
  return order.map(({ key, title }) => {
    const band = bands.get(key);
    const lanes = board.lanes.map((lane) => ({ laneId: lane.id, cardIds: band?.get(lane.id) ?? [] }));
    return { key, title, lanes, count: lanes.reduce((sum, lane) => sum + lane.cardIds.length, 0) };
  });
}
