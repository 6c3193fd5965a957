import { type Role, roleLabel } from "./boardsApi";

/** My role on a board as a small badge (Owner, Editor, Viewer). */
export function RoleBadge({ role, testId }: { readonly role: Role; readonly testId?: string }) {
  return (
    <span className={`role-badge is-${role}`} data-testid={testId} data-role={role}>
      {roleLabel(role)}
    </span>
  );
}
