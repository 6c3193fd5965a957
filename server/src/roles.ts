/** The roles a member can hold on a board (DESIGN §5), weakest first. */
export const ROLES = ["viewer", "editor", "owner"] as const;
/** One of the board roles: `owner` (everything), `editor` (content and rename), `viewer` (read live). */
export type Role = (typeof ROLES)[number];

/** True when `role` is at least `minimum` (owner > editor > viewer). */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** The stronger of two roles (an invitation never demotes an existing member). */
export function higherRole(a: Role, b: Role): Role {
  return hasRole(a, b) ? a : b;
}

/** Whether a role may change a board's document. */
export function canWriteDocument(role: Role): boolean {
  return role !== "viewer";
}
