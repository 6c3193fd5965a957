import type { Peer, PresenceUser } from "@converge/shared";
import { initials } from "./identity";

/** Props of PresenceAvatars. */
export interface PresenceAvatarsProps {
  readonly self: PresenceUser;
  readonly peers: readonly Peer[];
}

const SHOWN = 6;

/** Initials in each person's colour for everyone on the board, me first. */
export function PresenceAvatars({ self, peers }: PresenceAvatarsProps) {
  const people = [{ key: "self", user: self, you: true }].concat(
    peers.map((peer) => ({ key: String(peer.clientId), user: peer.user, you: false })),
  );
  const hidden = people.length - SHOWN;
  return (
    <ul className="presence" data-testid="presence" aria-label={`${people.length} here`}>
      {people.slice(0, SHOWN).map(({ key, user, you }) => {
        const name = you ? `${user.name} (you)` : user.name;
        return (
          <li
            key={key}
            className="avatar"
            data-testid="avatar"
            title={name}
            aria-label={name}
            style={{ backgroundColor: user.color }}
          >
            <span aria-hidden="true">{initials(user.name)}</span>
          </li>
        );
      })}
      {hidden > 0 && (
        <li
          className="avatar more"
          title={people
            .slice(SHOWN)
            .map((person) => person.user.name)
            .join(", ")}
        >
          +{hidden}
        </li>
      )}
    </ul>
  );
}
