import type { Peer } from "@converge/shared";

/** Someone else's activity on one card, as the card shows it. */
export interface CardActivity {
  readonly name: string;
  readonly color: string;
  readonly kind: "dragging" | "editing";
}

/** Indexes other people's current activity by card id (the first person by name wins a card); viewing is left out. */
export function activityByCard(peers: readonly Peer[]): ReadonlyMap<string, CardActivity> {
  const byCard = new Map<string, CardActivity>();
  for (const { user, activity } of peers) {
    if (activity && activity.kind !== "viewing" && !byCard.has(activity.cardId)) {
      byCard.set(activity.cardId, { name: user.name, color: user.color, kind: activity.kind });
    }
  }
  return byCard;
}

/** The other people typing in one field of one card, by name. */
export function editorsOf(peers: readonly Peer[], cardId: string, field: string): readonly Peer[] {
  return peers.filter(
    ({ activity }) => activity?.kind === "editing" && activity.cardId === cardId && activity.field === field,
  );
}
