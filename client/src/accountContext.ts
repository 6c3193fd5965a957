import type { PresenceUser } from "@converge/shared";
import { createContext, useContext } from "react";
import type { User } from "./accountApi";

/** The signed-in person as the pages use them. */
export interface SignedInAccount {
  readonly user: User;
  /** Who I am on a board's presence: account id and name, my chosen colour. */
  readonly identity: PresenceUser;
  setColor(color: string): void;
  signOut(): Promise<void>;
}

/** Provided by App while someone is signed in; null otherwise. */
export const AccountContext = createContext<SignedInAccount | null>(null);

/** The signed-in account; only pages rendered while signed in call it. */
export function useSignedInAccount(): SignedInAccount {
  const account = useContext(AccountContext);
  if (!account) throw new Error("useSignedInAccount is used outside a signed-in page");
  return account;
}

/** The signed-in account, or null on pages that also render signed out (the header). */
export function useOptionalAccount(): SignedInAccount | null {
  return useContext(AccountContext);
}
