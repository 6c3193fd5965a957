import type { Logger } from "../logger";
import type { RoomManager } from "../rooms/RoomManager";
import type { BoardStore, DocStore, InviteStore, MemberStore, UserStore } from "../store";
import type { SocketRegistry } from "../sync/SocketRegistry";

/** What the board, member and invitation modules work with. */
export interface BoardDeps {
  boards: BoardStore;
  docs: DocStore;
  members: MemberStore;
  invites: InviteStore;
  users: Pick<UserStore, "get" | "getMany">;
  rooms: RoomManager;
  sockets: SocketRegistry;
  logger: Logger;
}
