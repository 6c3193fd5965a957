import type { Logger } from "../logger";
import type { RoomManager } from "../rooms/RoomManager";
import type { BoardStore, DocStore, InviteStore, MemberStore, UserStore, VoteStore } from "../store";
import type { SocketRegistry } from "../sync/SocketRegistry";

/** What the board, member and invitation modules work with. */
export interface BoardDeps {
  boards: BoardStore;
  docs: DocStore;
  members: MemberStore;
  invites: InviteStore;
  /** Voting rounds and ballots, removed with their board. */
  votes: Pick<VoteStore, "removeBoard">;
  /** Activity history (the recorder, so entries still being written go too), removed with its board. */
  history: { removeBoard(boardId: string): Promise<void> };
  users: Pick<UserStore, "get" | "getMany">;
  rooms: RoomManager;
  sockets: SocketRegistry;
  logger: Logger;
}
