import type { InviteRecord, InviteStore } from "./InviteStore";

/** The in-memory InviteStore twin for unit tests. */
export class MemoryInviteStore implements InviteStore {
  readonly #invites = new Map<string, InviteRecord>();

  async create(invite: InviteRecord): Promise<void> {
    for (const existing of this.#invites.values()) {
      if (existing.id === invite.id || existing.tokenHash === invite.tokenHash) {
        throw new Error("invite already exists");
      }
    }
    this.#invites.set(invite.id, { ...invite });
  }

  async getByTokenHash(tokenHash: string): Promise<InviteRecord | undefined> {
    for (const invite of this.#invites.values()) if (invite.tokenHash === tokenHash) return { ...invite };
    return undefined;
  }

  async listByBoard(boardId: string): Promise<InviteRecord[]> {
    return [...this.#invites.values()]
      .filter((invite) => invite.boardId === boardId)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((invite) => ({ ...invite }));
  }

  async remove(boardId: string, id: string): Promise<boolean> {
    const invite = this.#invites.get(id);
    if (!invite || invite.boardId !== boardId) return false;
    return this.#invites.delete(id);
  }

  async removeBoard(boardId: string): Promise<void> {
    for (const [id, invite] of this.#invites) if (invite.boardId === boardId) this.#invites.delete(id);
  }
}
