/** Who a presence entry belongs to. The server stamps `id` and `name` from the socket's session; `color` is the sender's. */
export interface PresenceUser {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** What a person is doing with a card right now, shared through awareness and never written to the document. */
export interface PresenceActivity {
  /** `viewing`: the card's dialog is open; `editing`: typing in it (in `field` when known). */
  readonly kind: "dragging" | "editing" | "viewing";
  readonly cardId: string;
  /** While dragging: the lane the card is currently over. */
  readonly overLaneId?: string;
  /** While editing: the field being typed in ("title", "description", "effort"…). */
  readonly field?: string;
}

/** Where a person's pointer is, in board-content pixels (relative to the scrollable board, scroll included). */
export interface PresenceCursor {
  readonly x: number;
  readonly y: number;
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

/** A field name as the card dialog sends it: a short identifier, nothing to render as markup. */
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
/** Cursors further out than this are nonsense (no board is a million pixels wide). */
const MAX_COORDINATE = 1_000_000;

/** Reads the `cursor` of one awareness state defensively; null when absent or not two sane coordinates. */
export function parseCursor(state: unknown): PresenceCursor | null {
  if (!isRecord(state) || !isRecord(state.cursor)) return null;
  const { x, y } = state.cursor;
  const sane = (value: unknown): value is number =>
    typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= MAX_COORDINATE;
  return sane(x) && sane(y) ? { x, y } : null;
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
    (raw.kind === "dragging" || raw.kind === "editing" || raw.kind === "viewing") &&
    typeof raw.cardId === "string"
  ) {
    activity = {
      kind: raw.kind,
      cardId: raw.cardId,
      ...(raw.kind === "dragging" && typeof raw.overLaneId === "string"
        ? { overLaneId: raw.overLaneId }
        : {}),
      ...(raw.kind === "editing" && typeof raw.field === "string" && FIELD.test(raw.field)
        ? { field: raw.field }
        : {}),
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
