import type { Peer } from "@converge/shared";
import { editorsOf } from "./peerActivity";

/** Props of FieldPresence. */
export interface FieldPresenceProps {
  readonly peers: readonly Peer[];
  readonly cardId: string;
  readonly field: string;
}

/** "Bo is editing", in Bo's colour, beside a field's label while a teammate types in it; nothing otherwise. */
export function FieldPresence({ peers, cardId, field }: FieldPresenceProps) {
  const editors = editorsOf(peers, cardId, field);
  if (editors.length === 0) return null;
  const first = editors[0] as Peer;
  return (
    <span className="field-presence" data-testid={`field-presence-${field}`}>
      <span className="field-presence-dot" aria-hidden="true" style={{ backgroundColor: first.user.color }} />
      {editors.map((peer) => peer.user.name).join(", ")} {editors.length === 1 ? "is" : "are"} editing
    </span>
  );
}
