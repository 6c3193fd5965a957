const PREFIX = "converge:";

/** The IndexedDB name of one person's device copy of a board: per account, so another account never sees it. */
export function localDocName(userId: string, boardId: string): string {
  return `${PREFIX}${userId}:${boardId}`;
}

/** Deletes every device copy of boards belonging to this account (on sign-out); failures are logged. */
export async function forgetLocalBoards(userId: string): Promise<void> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  try {
    const databases = await indexedDB.databases();
    for (const { name } of databases) {
      if (name?.startsWith(`${PREFIX}${userId}:`)) indexedDB.deleteDatabase(name);
    }
  } catch (error) {
    console.warn("Could not clear this device's copies of your boards", error);
  }
}
