import { type Member, roleLabel } from "./boardsApi";
import { defaultColor, initials } from "./identity";

/** Props of MemberAvatars. */
export interface MemberAvatarsProps {
  readonly members: readonly Member[];
  /** How many avatars to draw before "+N". */
  readonly shown?: number;
}

/** Who is on a board: initials with name and role in the tooltip, then "+N" for the rest. */
export function MemberAvatars({ members, shown = 4 }: MemberAvatarsProps) {
  const hidden = members.slice(shown);
  const everyone = members.map((member) => member.name).join(", ");
  return (
    <ul className="member-avatars" aria-label={`Members: ${everyone}`} data-testid="board-members">
      {members.slice(0, shown).map((member) => {
        const label = `${member.name} (${roleLabel(member.role)})`;
        return (
          <li
            key={member.id}
            className="avatar small"
            title={label}
            style={{ backgroundColor: defaultColor(member.id) }}
          >
            <span aria-hidden="true">{initials(member.name)}</span>
          </li>
        );
      })}
      {hidden.length > 0 && (
        <li className="avatar small more" title={hidden.map((member) => member.name).join(", ")}>
          <span aria-hidden="true">+{hidden.length}</span>
        </li>
      )}
    </ul>
  );
}
