import { EmailTakenError, type UserRecord, type UserStore } from "./UserStore";

/** The in-memory UserStore twin for unit tests. */
export class MemoryUserStore implements UserStore {
  readonly #users = new Map<string, UserRecord>();

  async create(user: UserRecord): Promise<void> {
    if (this.#users.has(user.id)) throw new Error(`user ${user.id} already exists`);
    for (const existing of this.#users.values()) {
      if (existing.email === user.email) throw new EmailTakenError("this email is already registered");
    }
    this.#users.set(user.id, { ...user });
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const user = this.#users.get(id);
    return user && { ...user };
  }

  async getByEmail(email: string): Promise<UserRecord | undefined> {
    for (const user of this.#users.values()) if (user.email === email) return { ...user };
    return undefined;
  }

  async getMany(ids: readonly string[]): Promise<UserRecord[]> {
    return [...new Set(ids)].flatMap((id) => {
      const user = this.#users.get(id);
      return user ? [{ ...user }] : [];
    });
  }
}
