import { getRoots, type ItemMap, type Peer } from "@converge/shared";
import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { findRemoteMoves } from "./remoteMoves";

/** One sentence for the polite live region. */
export interface Announcement {
  readonly id: number;
  readonly text: string;
}

const KEEP = 3;

/**
 * Watches the board for cards other people moved to another lane and returns the latest few
 * sentences ("Ada moved “Login page” to Done") for an aria-live region. The mover's name comes
 * from whoever was last seen dragging that card through awareness.
 */
export function useRemoteMoveAnnouncements(doc: Y.Doc, peers: readonly Peer[]): readonly Announcement[] {
  const [announcements, setAnnouncements] = useState<readonly Announcement[]>([]);
  const lastDragger = useRef(new Map<string, string>());

  useEffect(() => {
    for (const peer of peers) {
      if (peer.activity?.kind === "dragging") lastDragger.current.set(peer.activity.cardId, peer.user.name);
    }
  }, [peers]);

  useEffect(() => {
    const { cards, lanes } = getRoots(doc);
    let nextId = 0;
    const onCards = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      const moves = findRemoteMoves(events, transaction);
      if (moves.length === 0) return;
      const texts = moves.map(({ cardId, title, laneId }) => {
        const who = lastDragger.current.get(cardId) ?? "Someone";
        const lane = (lanes.get(laneId) as ItemMap | undefined)?.get("title");
        return `${who} moved “${title}” to ${typeof lane === "string" ? lane : "another lane"}`;
      });
      setAnnouncements((previous) =>
        [...previous, ...texts.map((text) => ({ id: nextId++, text }))].slice(-KEEP),
      );
    };
    cards.observeDeep(onCards);
    return () => cards.unobserveDeep(onCards);
  }, [doc]);

  return announcements;
}
