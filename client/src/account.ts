import type { User } from "./accountApi";

/** Whether someone is signed in, as far as this tab knows. */
export type AccountState =
  | { readonly status: "loading" }
  | { readonly status: "signedOut"; readonly notice: string | null }
  | { readonly status: "signedIn"; readonly user: User };

/** The app-wide account state with its transitions; React reads it through useAccount. */
export interface AccountStore {
  getSnapshot(): AccountState;
  subscribe(listener: () => void): () => void;
  /** Asks the server who is signed in; a failure to reach it keeps the state and rethrows. */
  load(): Promise<void>;
  signedIn(user: User): void;
  /** No session any more; `notice` tells the person why when it was not their own doing. */
  signedOut(notice: string | null): void;
}

/** Builds an account store over `fetchMe` (injectable for tests). */
export function createAccountStore(fetchMe: () => Promise<User | null>): AccountStore {
  let state: AccountState = { status: "loading" };
  const listeners = new Set<() => void>();
  const set = (next: AccountState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load() {
      const user = await fetchMe();
      set(user ? { status: "signedIn", user } : { status: "signedOut", notice: null });
    },
    signedIn: (user) => set({ status: "signedIn", user }),
    signedOut(notice) {
      // A burst of 401s (several requests failing together) says it once.
      if (state.status === "signedOut" && state.notice === notice) return;
      set({ status: "signedOut", notice });
    },
  };
}
