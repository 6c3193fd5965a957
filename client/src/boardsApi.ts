import type { BoardTemplateId } from "@converge/shared";
import { json, request } from "./api";

/** A member's role on a board: owner (everything), editor (content), viewer (watch live). */
export type Role = "owner" | "editor" | "viewer";

/** Every role, strongest first, for pickers. */
export const ROLES: readonly Role[] = ["owner", "editor", "viewer"];

/** The role's name as people read it. */
export function roleLabel(role: Role): string {
  return role === "owner" ? "Owner" : role === "editor" ? "Editor" : "Viewer";
}

/** True when this role may change the board's content. */
export function canEdit(role: Role | null): boolean {
  return role === "owner" || role === "editor";
}

/** Someone on a board. */
export interface Member {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** A board as the REST API lists it for me: the record, my role and who is in it. */
export interface BoardSummary {
  readonly id: string;
  readonly title: string;
  readonly createdAt: string | number;
  readonly role: Role;
  readonly members: readonly Member[];
}

/** A pending invitation as a board's owners see it (the token is shown only once, at creation). */
export interface Invite {
  readonly id: string;
  readonly role: Role;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** A just-created invitation: the only time its token and link are known. */
export interface CreatedInvite {
  readonly id: string;
  readonly token: string;
  /** The path that accepts it, e.g. `/invite/abc`. */
  readonly url: string;
  readonly role: Role;
  readonly expiresAt: number;
}

/** What the invitation page shows before accepting. */
export interface InvitePreview {
  readonly boardId: string;
  readonly boardTitle: string;
  readonly role: Role;
  readonly invitedBy: string;
  readonly expiresAt: number;
}

function board(id: string): string {
  return `/api/boards/${encodeURIComponent(id)}`;
}

/** The boards I belong to (GET /api/boards). */
export function listBoards(): Promise<BoardSummary[]> {
  return request<BoardSummary[]>("/api/boards");
}

/** Creates a board from a template; I own it (POST /api/boards). */
export function createBoard(title: string, template: BoardTemplateId): Promise<BoardSummary> {
  return request<BoardSummary>("/api/boards", json("POST", { title, template }));
}

/** One board with my role (GET /api/boards/:id): 404 no such board, 403 not a member. */
export function getBoard(id: string): Promise<BoardSummary> {
  return request<BoardSummary>(board(id));
}

/** Renames a board, owners and editors (PATCH /api/boards/:id). */
export function renameBoardRecord(id: string, title: string): Promise<BoardSummary> {
  return request<BoardSummary>(board(id), json("PATCH", { title }));
}

/** Deletes a board, owners only (DELETE /api/boards/:id). */
export function deleteBoard(id: string): Promise<void> {
  return request<void>(board(id), json("DELETE"));
}

/** The board's members, owners first (GET /api/boards/:id/members). */
export function listMembers(id: string): Promise<Member[]> {
  return request<Member[]>(`${board(id)}/members`);
}

/** Changes a member's role, owners only; 409 when the board would lose its last owner. */
export function setMemberRole(id: string, userId: string, role: Role): Promise<Member> {
  return request<Member>(`${board(id)}/members/${encodeURIComponent(userId)}`, json("PATCH", { role }));
}

/** Removes a member (owners), or leaves the board (oneself); 409 when the board would lose its last owner. */
export function removeMember(id: string, userId: string): Promise<void> {
  return request<void>(`${board(id)}/members/${encodeURIComponent(userId)}`, json("DELETE"));
}

/** Creates an invitation link, owners only (POST /api/boards/:id/invites). */
export function createInvite(id: string, role: Role, expiresInHours: number): Promise<CreatedInvite> {
  return request<CreatedInvite>(`${board(id)}/invites`, json("POST", { role, expiresInHours }));
}

/** The board's pending invitations, owners only. */
export function listInvites(id: string): Promise<Invite[]> {
  return request<Invite[]>(`${board(id)}/invites`);
}

/** Revokes an invitation, owners only. */
export function revokeInvite(id: string, inviteId: string): Promise<void> {
  return request<void>(`${board(id)}/invites/${encodeURIComponent(inviteId)}`, json("DELETE"));
}

/** What an invitation offers (GET /api/invites/:token): 404 unknown or revoked, 410 expired. */
export function previewInvite(token: string): Promise<InvitePreview> {
  return request<InvitePreview>(`/api/invites/${encodeURIComponent(token)}`);
}

/** Joins the board an invitation is for (POST /api/invites/:token/accept). */
export function acceptInvite(token: string): Promise<{ boardId: string; role: Role }> {
  return request<{ boardId: string; role: Role }>(
    `/api/invites/${encodeURIComponent(token)}/accept`,
    json("POST"),
  );
}
