import { join } from "node:path";
import type { ActivityStore } from "../activity/ActivityStore";
import type { BoardStore } from "./BoardStore";
import type { DocStore } from "./DocStore";
import type { InviteStore } from "./InviteStore";
import type { MemberStore } from "./MemberStore";
import type { SessionStore } from "./SessionStore";
import { SqliteBoardStore } from "./SqliteBoardStore";
import { SqliteDocStore } from "./SqliteDocStore";
import { SqliteInviteStore } from "./SqliteInviteStore";
import { SqliteMemberStore } from "./SqliteMemberStore";
import { SqliteSessionStore } from "./SqliteSessionStore";
import { SqliteUserStore } from "./SqliteUserStore";
import { SqliteVoteStore } from "./SqliteVoteStore";
import { openSqlite } from "./sqlite";
import type { UserStore } from "./UserStore";
import type { VoteStore } from "./VoteStore";

/** Every store the server uses. */
export interface ServerStores {
  docs: DocStore;
  boards: BoardStore;
  users: UserStore;
  sessions: SessionStore;
  members: MemberStore;
  invites: InviteStore;
  votes: VoteStore;
  /** Activity history, when it lives in this database (PostgreSQL); otherwise the server opens its own. */
  activity?: ActivityStore;
}

/** Opened stores and how to close the connection under them (after every store's own `close`). */
export interface OpenedStores {
  stores: ServerStores;
  close(): Promise<void>;
}

/**
 * Opens every store: on PostgreSQL when `databaseUrl` is set (several instances share it), otherwise on SQLite at
 * `<dataDir>/converge.db`; either way migrated to the current schema.
 */
export async function openStores(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<OpenedStores> {
  if (config.databaseUrl) {
    // Loaded only here: a server on SQLite never loads the PostgreSQL driver (start-up time and memory).
    const { openPgStores } = await import("./pg/openPgStores");
    return openPgStores(config.databaseUrl);
  }
  const db = openSqlite(join(config.dataDir, "converge.db"));
  return {
    stores: {
      docs: new SqliteDocStore(db),
      boards: new SqliteBoardStore(db),
      users: new SqliteUserStore(db),
      sessions: new SqliteSessionStore(db),
      members: new SqliteMemberStore(db),
      invites: new SqliteInviteStore(db),
      votes: new SqliteVoteStore(db),
    },
    close: async () => {
      db.close();
    },
  };
}
