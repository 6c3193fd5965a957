import { type Peer, type PresenceCursor, parseCursor, parsePresence } from "@converge/shared";
import { useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import "./liveCursors.css";

/** At most one cursor update every 50 ms (20 Hz). */
const INTERVAL_MS = 50;

interface RemoteCursor extends PresenceCursor {
  readonly clientId: number;
  readonly user: Peer["user"];
}

function readCursors(awareness: Awareness): RemoteCursor[] {
  const cursors: RemoteCursor[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const presence = parsePresence(state);
    const cursor = parseCursor(state);
    if (presence && cursor) cursors.push({ clientId, user: presence.user, ...cursor });
  }
  return cursors;
}

/**
 * Everyone else's pointer on the board, and mine published as `cursor` in awareness: board-content coordinates
 * (relative to the scrollable board element, its scroll included) so different window sizes line up. Mounted as
 * the board element's child, in its own layer, so cursor moves re-render only this. Hidden from screen readers:
 * the avatars say who is here.
 */
export function LiveCursors({ awareness }: { readonly awareness: Awareness }) {
  const layerRef = useRef<HTMLDivElement>(null);
  const [cursors, setCursors] = useState<RemoteCursor[]>(() => readCursors(awareness));

  useEffect(() => {
    const onChange = () => setCursors(readCursors(awareness));
    awareness.on("change", onChange);
    onChange();
    return () => awareness.off("change", onChange);
  }, [awareness]);

  useEffect(() => {
    const board = layerRef.current?.parentElement;
    if (!board) return;
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    let latest: PresenceCursor | null = null;
    const publish = () => {
      pending = null;
      last = Date.now();
      awareness.setLocalStateField("cursor", latest);
    };
    const onMove = (event: PointerEvent) => {
      const rect = board.getBoundingClientRect();
      latest = {
        x: Math.round(event.clientX - rect.left + board.scrollLeft),
        y: Math.round(event.clientY - rect.top + board.scrollTop),
      };
      if (pending) return;
      const wait = INTERVAL_MS - (Date.now() - last);
      if (wait <= 0) publish();
      else pending = setTimeout(publish, wait);
    };
    const onLeave = () => {
      if (pending) clearTimeout(pending);
      pending = null;
      latest = null;
      awareness.setLocalStateField("cursor", null);
    };
    board.addEventListener("pointermove", onMove);
    board.addEventListener("pointerleave", onLeave);
    return () => {
      board.removeEventListener("pointermove", onMove);
      board.removeEventListener("pointerleave", onLeave);
      onLeave();
    };
  }, [awareness]);

  const board = layerRef.current?.parentElement;
  const shown = board
    ? cursors.filter((cursor) => cursor.x <= board.scrollWidth && cursor.y <= board.scrollHeight)
    : cursors;
  return (
    <div ref={layerRef} className="live-cursors" aria-hidden="true" data-testid="live-cursors">
      {shown.map(({ clientId, user, x, y }) => (
        <div
          key={clientId}
          className="live-cursor"
          data-testid="live-cursor"
          style={{ transform: `translate(${x}px, ${y}px)`, color: user.color }}
        >
          <svg width="14" height="20" viewBox="0 0 14 20" aria-hidden="true">
            <path d="M1 1 L1 16 L5 12 L8 19 L10.5 18 L7.5 11 L13 11 Z" fill="currentColor" stroke="#fff" />
          </svg>
          <span className="live-cursor-name" style={{ backgroundColor: user.color }}>
            {user.name}
          </span>
        </div>
      ))}
    </div>
  );
}
