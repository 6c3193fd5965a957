/** An account: who signs in, and the name others see on a board. */
export interface UserRecord {
  id: string;
  /** Normalised (trimmed, lower-case); unique. */
  email: string;
  name: string;
  /** The argon2id PHC string; never leaves the server. */
  passwordHash: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
}

/** Thrown by `UserStore.create` when the email is already registered. */
export class EmailTakenError extends Error {
  override readonly name = "EmailTakenError";
}

/** Where accounts live. Every method may throw. */
export interface UserStore {
  /** Stores a new account; rejects with EmailTakenError if the email exists (atomically: two racing sign-ups, one wins). */
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | undefined>;
  /** Looks an account up by its normalised email. */
  getByEmail(email: string): Promise<UserRecord | undefined>;
  /** The accounts with these ids that exist, in no particular order. */
  getMany(ids: readonly string[]): Promise<UserRecord[]>;
}
