export { BoardInputError } from "./errors";
export { isValidBoardId, newId } from "./ids";
export {
  archiveCard,
  createCard,
  createLane,
  deleteCard,
  deleteLane,
  initBoard,
  moveCard,
  moveLane,
  renameBoard,
  renameCard,
  renameLane,
  restoreCard,
  setCardDescription,
  setLaneWipLimit,
} from "./operations";
export type { Peer, PresenceActivity, PresenceState, PresenceUser } from "./presence";
export { parsePresence, readPeers } from "./presence";
export { CloseCode } from "./protocol";
export type { Placement, Ranked } from "./rank";
export { compareRanked, placeAt, rankAfterLast } from "./rank";
export type { BoardReader } from "./readBoard";
export { createBoardReader, readBoard } from "./readBoard";
export type { Board, BoardRoots, Card, ItemMap, Lane, LaneKind } from "./schema";
export {
  getRoots,
  LANE_KINDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  ROOT,
  SCHEMA_VERSION,
} from "./schema";
export type { BoardTemplate, BoardTemplateId } from "./templates";
export { BOARD_TEMPLATE_IDS, BOARD_TEMPLATES, findTemplate } from "./templates";
export type { TextSplice } from "./text";
export { diffText, normaliseTitle } from "./text";
