import type { Role } from "../roles";

/** An invitation to a board, stored by the SHA-256 hash of its token (the token itself is only ever in the link). */
export interface InviteRecord {
  id: string;
  boardId: string;
  /** Hex SHA-256 of the secret token. */
  tokenHash: string;
  role: Role;
  /** The user who created it. */
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

/** Where invitations live. Every method may throw. */
export interface InviteStore {
  /** Stores a new invitation; rejects if the id or token hash exists. */
  create(invite: InviteRecord): Promise<void>;
  getByTokenHash(tokenHash: string): Promise<InviteRecord | undefined>;
  /** A board's invitations, newest first (ties by id). */
  listByBoard(boardId: string): Promise<InviteRecord[]>;
  /** Revokes one invitation of a board; false if that board has no invitation with this id. */
  remove(boardId: string, id: string): Promise<boolean>;
  /** Removes every invitation of a board (when the board is deleted). */
  removeBoard(boardId: string): Promise<void>;
}
