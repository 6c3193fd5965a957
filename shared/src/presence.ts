/** Who a presence entry belongs to. The server will stamp `id` and `name` from the session (accounts issue). */
export interface PresenceUser {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** What a person is doing with a card right now, shared through awareness and never written to the document. */
export interface PresenceActivity {
  readonly kind: "dragging" | "editing";
  readonly cardId: string;
  /** While dragging: the lane the card is currently over. */
  readonly overLaneId?: string;
}

/** One awareness entry as Converge writes it. */
export interface PresenceState {
  readonly user: PresenceUser;
  readonly activity: PresenceActivity | null;
}

/** A remote peer's presence with its awareness client id. */
export interface Peer extends PresenceState {
  readonly clientId: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Reads one awareness state defensively (any peer can send anything); null when it is not a Converge presence. */
export function parsePresence(state: unknown): PresenceState | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { id, name, color } = state.user;
  if (typeof id !== "string" || typeof name !== "string" || typeof color !== "string") return null;
  let activity: PresenceActivity | null = null;
  const raw = state.activity;
  if (
    isRecord(raw) &&
    (raw.kind === "dragging" || raw.kind === "editing") &&
    typeof raw.cardId === "string"
  ) {
    activity = {
      kind: raw.kind,
      cardId: raw.cardId,
      ...(typeof raw.overLaneId === "string" ? { overLaneId: raw.overLaneId } : {}),
    };
  }
  return {
    user: { id, name: name.slice(0, 80), color: /^#[0-9a-f]{6}$/i.test(color) ? color : "#888888" },
    activity,
  };
}

/** The other peers present on a board, one entry per awareness client, ordered by name. */
export function readPeers(states: ReadonlyMap<number, unknown>, selfClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const presence = parsePresence(state);
    if (presence) peers.push({ clientId, ...presence });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}
