import type { PresenceUser } from "@converge/shared";
import { useCallback, useState } from "react";
import { loadIdentity, saveIdentity } from "./identity";

/** This browser's person (name, colour, id), kept in localStorage, with a setter that stores changes. */
export function useIdentity(): [PresenceUser, (next: PresenceUser) => void] {
  const [identity, setIdentity] = useState(loadIdentity);
  const update = useCallback((next: PresenceUser) => {
    saveIdentity(next);
    setIdentity(next);
  }, []);
  return [identity, update];
}
