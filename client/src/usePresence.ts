import { type Peer, type PresenceActivity, type PresenceUser, readPeers } from "@converge/shared";
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";

/** Others on the board and a way to say what I am doing. */
export interface Presence {
  readonly peers: readonly Peer[];
  setActivity(activity: PresenceActivity | null): void;
}

/** Peers' presence without their cursors, so a cursor moving (LiveCursors' business) changes nothing here. */
function createPeerStore(awareness: Awareness) {
  let peers: Peer[] = readPeers(awareness.getStates(), awareness.clientID);
  let key = JSON.stringify(peers);
  return {
    subscribe(onChange: () => void) {
      const handler = () => {
        const next = readPeers(awareness.getStates(), awareness.clientID);
        const nextKey = JSON.stringify(next);
        if (nextKey === key) return;
        peers = next;
        key = nextKey;
        onChange();
      };
      awareness.on("change", handler);
      return () => awareness.off("change", handler);
    },
    getSnapshot: () => peers,
  };
}

/**
 * Publishes this person on the board's awareness (`{user, activity}`) and reads everyone else's.
 * Activity is never written to the document.
 */
export function usePresence(awareness: Awareness, user: PresenceUser): Presence {
  useEffect(() => {
    const previous = awareness.getLocalState();
    const activity = previous && "activity" in previous ? previous.activity : null;
    awareness.setLocalState({ user, activity: activity ?? null });
  }, [awareness, user]);
  const store = useMemo(() => createPeerStore(awareness), [awareness]);
  const peers = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const setActivity = useCallback(
    (activity: PresenceActivity | null) => awareness.setLocalStateField("activity", activity),
    [awareness],
  );
  return { peers, setActivity };
}
