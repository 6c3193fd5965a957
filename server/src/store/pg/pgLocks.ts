/**
 * The first key of every two-key advisory lock the PostgreSQL stores take (`pg_advisory_xact_lock(kind, key)`), so
 * locks of different kinds on the same board never collide. The second key is `hashtext(boardId)` (0 for global).
 */
export const PgLock = {
  /** Applying schema migrations (one instance at a time). */
  migrations: 7001,
  /** Compacting or removing one board's document. */
  document: 7002,
  /** Changing one board's members (the last-owner rule reads, then writes). */
  members: 7003,
} as const;
