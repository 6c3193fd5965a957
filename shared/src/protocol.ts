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
