import { PgActivityStore } from "../../activity/PgActivityStore";
import type { OpenedStores } from "../openStores";
import { PgBoardStore } from "./PgBoardStore";
import { PgDocStore } from "./PgDocStore";
import { PgInviteStore } from "./PgInviteStore";
import { PgMemberStore } from "./PgMemberStore";
import { PgSessionStore } from "./PgSessionStore";
import { PgUserStore } from "./PgUserStore";
import { PgVoteStore } from "./PgVoteStore";
import { openPostgres } from "./postgres";

/** Every store on one PostgreSQL pool (several instances share it), migrated to the current schema. */
export async function openPgStores(databaseUrl: string): Promise<OpenedStores> {
  const pool = await openPostgres(databaseUrl);
  return {
    stores: {
      docs: new PgDocStore(pool),
      boards: new PgBoardStore(pool),
      users: new PgUserStore(pool),
      sessions: new PgSessionStore(pool),
      members: new PgMemberStore(pool),
      invites: new PgInviteStore(pool),
      votes: new PgVoteStore(pool),
      activity: new PgActivityStore(pool),
    },
    close: () => pool.end(),
  };
}
