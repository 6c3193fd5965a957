import {
  createSessionReader,
  estimateClockOffset,
  type SessionState,
  timerRemaining,
} from "@converge/shared";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";

/** How many round trips to `GET /api/time` the clock offset is estimated from. */
const CLOCK_SAMPLES = 3;

/** The live session of a board's document, re-read only when the `session` root changes. */
export function useLiveSession(doc: Y.Doc): SessionState {
  const reader = useMemo(() => createSessionReader(doc), [doc]);
  useEffect(() => () => reader.destroy(), [reader]);
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot);
}

/**
 * This browser's offset to the server clock (server time ≈ Date.now() + offset), from the quickest of a
 * few round trips to `GET /api/time`; 0 until measured or when the server cannot be reached.
 */
export function useClockOffset(): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let best: { rtt: number; offset: number } | null = null;
      for (let sample = 0; sample < CLOCK_SAMPLES && !cancelled; sample++) {
        try {
          const t0 = Date.now();
          const response = await fetch("/api/time", { credentials: "same-origin" });
          const t1 = Date.now();
          const body = (await response.json()) as { now?: unknown };
          if (typeof body.now !== "number") continue;
          const candidate = { rtt: t1 - t0, offset: estimateClockOffset({ t0, t1, serverNow: body.now }) };
          if (!best || candidate.rtt < best.rtt) best = candidate;
        } catch {
          // Offline: keep the local clock (offset 0) until a later page load measures it.
        }
      }
      if (!cancelled && best) setOffset(best.offset);
    })();
    return () => {
      cancelled = true;
    };
  }, []);
  return offset;
}

/** The milliseconds left on the session's countdown, re-rendered every quarter second while it runs. */
export function useTimerRemaining(session: SessionState, offset: number): number {
  const [now, setNow] = useState(() => Date.now());
  const running = session.timer !== null && session.timer.pausedRemainingMs === null;
  useEffect(() => {
    if (!running) return;
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(tick);
  }, [running]);
  return timerRemaining(session.timer, now + offset);
}

/** A countdown as m:ss. */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Highlights the spotlit card wherever a view draws it (`[data-card-id]`), through a constructed
 * stylesheet (the page's CSP forbids inline `<style>`).
 */
export function useSpotlightStyle(cardId: string | null): void {
  useEffect(() => {
    if (!cardId || typeof CSSStyleSheet === "undefined" || !("adoptedStyleSheets" in document)) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `[data-card-id="${CSS.escape(cardId)}"] { outline: 3px solid #f5a623; outline-offset: 2px; box-shadow: 0 0 0 6px rgb(245 166 35 / 0.3); }`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet);
    };
  }, [cardId]);
}

/** Marks cards with an open conflict wherever a view draws them (`[data-card-id]`), via a constructed stylesheet. */
export function useCardMarkers(cardIds: readonly string[]): void {
  const key = cardIds.join("\u0000");
  useEffect(() => {
    const ids = key === "" ? [] : key.split("\u0000");
    if (ids.length === 0 || typeof CSSStyleSheet === "undefined" || !("adoptedStyleSheets" in document))
      return;
    const sheet = new CSSStyleSheet();
    const selector = ids.map((id) => `[data-card-id="${CSS.escape(id)}"]`).join(", ");
    sheet.replaceSync(
      `${ids.map((id) => `[data-card-id="${CSS.escape(id)}"]::before`).join(", ")} { content: "⚠ Conflict"; display: block; font-size: 0.75rem; font-weight: 600; color: #b3261e; }
${selector} { border-left: 4px solid #b3261e; }`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet);
    };
  }, [key]);
}
