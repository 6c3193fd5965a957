import type { Board } from "@converge/shared";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { type ActivityEntry, type ActivityNames, fetchActivity } from "./activityApi";
import { ApiError, describeError } from "./api";

/** Props of ActivityFeed. */
export interface ActivityFeedProps {
  readonly boardId: string;
  /** Only this card's activity; the whole board's when omitted. */
  readonly cardId?: string;
  readonly names: ReadonlyMap<string, string>;
  /** The board, to name the lanes and cards entries refer to. */
  readonly board?: Board;
  readonly title?: string;
}

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Who changed what and when, newest first, from the activity API; "Show older" pages back. */
export function ActivityFeed({ boardId, cardId, names, board, title = "Activity" }: ActivityFeedProps) {
  const boardRef = useRef(board);
  boardRef.current = board;
  const id = useId();
  const [entries, setEntries] = useState<readonly ActivityEntry[]>([]);
  const [before, setBefore] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed" | "unavailable">("loading");
  const [message, setMessage] = useState("");

  const load = useCallback(
    async (cursor: string | null) => {
      setStatus("loading");
      try {
        const lookup: ActivityNames = {
          lane: (id) => boardRef.current?.lanes.find((lane) => lane.id === id)?.title,
          card: (id) => boardRef.current?.cards.get(id)?.title,
        };
        const page = await fetchActivity(boardId, { cardId, before: cursor, names: lookup });
        setEntries((previous) => (cursor ? [...previous, ...page.entries] : page.entries));
        setBefore(page.before);
        setStatus("ready");
        setMessage(`${page.entries.length === 0 ? "No" : page.entries.length} activity entries loaded.`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          setStatus("unavailable");
          setMessage("Activity is not available on this server yet.");
          return;
        }
        console.warn("Could not load activity", error);
        setStatus("failed");
        setMessage(`Could not load activity: ${describeError(error)}`);
      }
    },
    [boardId, cardId],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section className="activity" aria-labelledby={`${id}-title`} data-testid="activity">
      <h3 id={`${id}-title`} className="card-section-title">
        {title}
      </h3>
      <ol className="activity-list">
        {entries.map((entry) => (
          <li key={entry.id} className="activity-entry">
            <strong>{entry.actorName ?? (entry.actorId && names.get(entry.actorId)) ?? "Someone"}</strong>{" "}
            {entry.summary}
            {!cardId && entry.cardId && boardRef.current?.cards.get(entry.cardId) && (
              <span className="muted"> · {boardRef.current.cards.get(entry.cardId)?.title}</span>
            )}{" "}
            {entry.at > 0 && (
              <time className="muted" dateTime={new Date(entry.at).toISOString()}>
                {TIME.format(entry.at)}
              </time>
            )}
          </li>
        ))}
      </ol>
      {status === "ready" && entries.length === 0 && <p className="muted small-text">Nothing yet.</p>}
      {status === "loading" && <p className="muted small-text">Loading…</p>}
      {(status === "failed" || status === "unavailable") && <p className="muted small-text">{message}</p>}
      {status === "failed" && (
        <button type="button" className="button small" onClick={() => void load(null)}>
          Try again
        </button>
      )}
      {status === "ready" && before && (
        <button type="button" className="button small" onClick={() => void load(before)}>
          Show older
        </button>
      )}
      <p className="sr-only" role="status">
        {status === "loading" ? "" : message}
      </p>
    </section>
  );
}
