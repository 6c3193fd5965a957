/**
 * WebSocket close codes of the sync socket, shared by server and client: the one place these numbers live.
 * 44xx codes mirror HTTP 4xx and tell the stock y-websocket client not to reconnect; 4500 and the standard 10xx
 * codes are transient, so the client retries.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnect later. */
  goingAway: 1001,
  /** The server failed to handle a message it accepted (a bug, logged); the client may reconnect. */
  internalError: 1011,
  /** A frame larger than the configured maximum message size (sent by `ws` itself via maxPayload). */
  messageTooBig: 1009,
  /** A frame that is not a well-formed y-websocket message, or an update that cannot be applied safely. */
  malformed: 4400,
  /**
   * The socket's session ended: signed out (reason "signed out") or expired (reason "session expired"). Sign in again;
   * the stock client does not reconnect on 44xx.
   */
  unauthenticated: 4401,
  /**
   * The principal may not do this: a viewer that keeps sending document updates, or a member removed from the board
   * (reason "removed from board") or who left it.
   */
  notAllowed: 4403,
  /** The board does not exist, or was deleted while the socket was open (reason "board deleted"). */
  unknownBoard: 4404,
  /** The socket does not read what it is sent; its outgoing buffer passed the limit. */
  slowConsumer: 4408,
  /** Applying the update would take the document past the maximum document size. */
  documentTooLarge: 4413,
  /** More messages per second than the rate limit allows. */
  tooManyMessages: 4429,
  /** The board's stored state could not be loaded; nothing was sent or written. */
  loadFailed: 4500,
} as const;
/** One of the sync socket close codes. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Sub-types of an auth message (top-level type 2). y-protocols/auth defines only `permissionDenied`; its reader (and so
 * the stock `WebsocketProvider`) silently ignores any other sub-type, which is why the server's own signals live here:
 * a custom top-level message type would make the stock client log "Unable to compute message" on every one.
 */
export const AuthType = {
  /** The client may not do what it tried; a reason string follows. */
  permissionDenied: 0,
  /**
   * Converge's save status, sent server to client: one varuint `SaveStatus` follows (readers ignore any later bytes).
   * `unsaved` is sent to everyone in the room when a store write first fails, and to each socket that joins while it
   * keeps failing; `saved` follows once everything held in memory is stored. Until then the room stays loaded, keeps
   * the updates, retries with backoff, and broadcasts nothing new (nothing is shown before it is kept), so a client
   * showing "Not saved yet — retrying" should keep its local edits and its connection.
   */
  saveStatus: 1,
} as const;

/** The value carried by an `AuthType.saveStatus` message. */
export const SaveStatus = {
  /** Everything the room holds is stored (sent after a failure clears). */
  saved: 0,
  /** The store is refusing writes; updates are held in memory and retried. */
  unsaved: 1,
} as const;
/** One of the save status values. */
export type SaveStatus = (typeof SaveStatus)[keyof typeof SaveStatus];
