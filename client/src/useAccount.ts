import { useSyncExternalStore } from "react";
import { type AccountState, createAccountStore } from "./account";
import { fetchMe } from "./accountApi";
import { onUnauthenticated } from "./api";

/** The one account store of this tab; any REST call answered 401 signs it out. */
export const accountStore = createAccountStore(fetchMe);

onUnauthenticated(() => accountStore.signedOut("Your session has ended. Sign in again to carry on."));

/** The account state (loading, signed out, signed in), re-rendering when it changes. */
export function useAccount(): AccountState {
  return useSyncExternalStore(accountStore.subscribe, accountStore.getSnapshot);
}
