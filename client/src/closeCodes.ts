/** Close codes the sync server uses to end a board socket (the server's protocol module owns the numbers). */
export const CLOSE_CODE = {
  /** Not allowed to edit: the socket is read-only and updates are dropped. */
  forbidden: 4403,
  /** The board does not exist. */
  notFound: 4404,
  /** The server failed to load the board; the provider retries. */
  loadFailed: 4500,
} as const;
