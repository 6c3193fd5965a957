/** A session as stored: keyed by the SHA-256 hash of its secret id, never the id itself. */
export interface SessionRecord {
  /** Hex SHA-256 of the session id the cookie carries. */
  key: string;
  userId: string;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
}

/** Where sessions live. Every method may throw. */
export interface SessionStore {
  /** Stores a new session; rejects if the key exists. */
  create(session: SessionRecord): Promise<void>;
  get(key: string): Promise<SessionRecord | undefined>;
  /** Every session of one user (expired ones included). */
  listByUser(userId: string): Promise<SessionRecord[]>;
  /** Moves a session's expiry (sliding renewal); false if there is no such session. */
  setExpiry(key: string, expiresAt: number): Promise<boolean>;
  /** Deletes one session; false if there was none. */
  remove(key: string): Promise<boolean>;
  /** Deletes every session of one user and returns their keys. */
  removeByUser(userId: string): Promise<string[]>;
  /** Deletes sessions with `expiresAt <= now` and returns how many. */
  removeExpired(now: number): Promise<number>;
}
