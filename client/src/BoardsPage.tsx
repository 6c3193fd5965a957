import type { PresenceUser } from "@converge/shared";
import { useEffect, useState } from "react";
import { type BoardRecord, createBoard, listBoards } from "./api";
import { IdentityButton } from "./IdentityButton";
import { Link } from "./Link";
import { navigate } from "./router";
import { TopBar } from "./TopBar";

/** Props of BoardsPage. */
export interface BoardsPageProps {
  readonly identity: PresenceUser;
  readonly onIdentityChange: (identity: PresenceUser) => void;
}

type Listing =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly boards: readonly BoardRecord[] }
  | { readonly status: "failed"; readonly message: string };

function formatDate(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** The page at /: every board, and a form to start a new one. */
export function BoardsPage({ identity, onIdentityChange }: BoardsPageProps) {
  const [listing, setListing] = useState<Listing>({ status: "loading" });
  const [title, setTitle] = useState("");
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  useEffect(() => {
    document.title = "Boards — Converge";
    let cancelled = false;
    listBoards().then(
      (boards) => {
        if (!cancelled) setListing({ status: "ready", boards });
      },
      (error: unknown) => {
        console.error("Could not list boards", error);
        if (!cancelled) {
          setListing({ status: "failed", message: error instanceof Error ? error.message : String(error) });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const onCreate = async () => {
    const trimmed = title.trim();
    if (trimmed === "" || creating) return;
    setCreating(true);
    setCreateError(null);
    try {
      const board = await createBoard(trimmed);
      navigate(`/boards/${encodeURIComponent(board.id)}`);
    } catch (error) {
      console.error("Could not create a board", error);
      setCreateError(error instanceof Error ? error.message : String(error));
      setCreating(false);
    }
  };

  return (
    <div className="app">
      <TopBar>
        <div className="topbar-spacer" />
        <IdentityButton identity={identity} onChange={onIdentityChange} />
      </TopBar>
      <main className="boards-page">
        <h1>Boards</h1>
        <form
          className="new-board"
          onSubmit={(event) => {
            event.preventDefault();
            void onCreate();
          }}
        >
          <label className="sr-only" htmlFor="new-board-title">
            Board title
          </label>
          <input
            id="new-board-title"
            className="text-input"
            placeholder="Board title, e.g. Q3 roadmap"
            maxLength={500}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
          <button type="submit" className="button primary" disabled={creating || title.trim() === ""}>
            {creating ? "Creating…" : "New board"}
          </button>
        </form>
        {createError && (
          <p className="form-error" role="alert">
            {createError}
          </p>
        )}
        {listing.status === "loading" && <p className="muted">Loading boards…</p>}
        {listing.status === "failed" && (
          <p className="form-error" role="alert">
            Could not load the boards: {listing.message}
          </p>
        )}
        {listing.status === "ready" &&
          (listing.boards.length === 0 ? (
            <p className="muted">No boards yet. Name one above to start planning.</p>
          ) : (
            <ul className="board-list" data-testid="board-list">
              {listing.boards.map((board) => (
                <li key={board.id}>
                  <Link href={`/boards/${encodeURIComponent(board.id)}`} className="board-link">
                    <span className="board-link-title">{board.title}</span>
                    <span className="muted">{formatDate(board.createdAt)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ))}
      </main>
    </div>
  );
}
