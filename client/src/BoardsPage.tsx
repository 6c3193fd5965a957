import { useEffect, useState } from "react";
import { describeError } from "./api";
import { BoardRow } from "./BoardRow";
import { type BoardSummary, listBoards } from "./boardsApi";
import { DeleteBoardDialog } from "./DeleteBoardDialog";
import { NewBoardDialog } from "./NewBoardDialog";
import { navigate } from "./router";
import { TopBar } from "./TopBar";

type Listing =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly boards: readonly BoardSummary[] }
  | { readonly status: "failed"; readonly message: string };

/** The page at / when signed in: "Your boards" with my role and the members of each, and "New board". */
export function BoardsPage() {
  const [listing, setListing] = useState<Listing>({ status: "loading" });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<BoardSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    document.title = "Your boards — Converge";
    let cancelled = false;
    listBoards().then(
      (boards) => {
        if (!cancelled) setListing({ status: "ready", boards });
      },
      (error: unknown) => {
        console.error("Could not list boards", error);
        if (!cancelled) setListing({ status: "failed", message: describeError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const replace = (next: BoardSummary) =>
    setListing((current) =>
      current.status === "ready"
        ? { ...current, boards: current.boards.map((board) => (board.id === next.id ? next : board)) }
        : current,
    );
  const drop = (id: string) =>
    setListing((current) =>
      current.status === "ready"
        ? { ...current, boards: current.boards.filter((board) => board.id !== id) }
        : current,
    );

  return (
    <div className="app">
      <TopBar />
      <main className="boards-page">
        <div className="boards-heading">
          <h1>Your boards</h1>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New board
          </button>
        </div>
        <p className="sr-only" role="status">
          {notice}
        </p>
        {listing.status === "loading" && <p className="muted">Loading boards…</p>}
        {listing.status === "failed" && (
          <p className="form-error" role="alert">
            Could not load your boards: {listing.message}
          </p>
        )}
        {listing.status === "ready" &&
          (listing.boards.length === 0 ? (
            <div className="empty-boards">
              <p className="muted">
                No boards yet. Start one with “New board”, or open an invitation link someone sent you.
              </p>
            </div>
          ) : (
            <ul className="board-list" data-testid="board-list">
              {listing.boards.map((board) => (
                <BoardRow key={board.id} board={board} onRenamed={replace} onDelete={setDeleting} />
              ))}
            </ul>
          ))}
      </main>
      {creating && (
        <NewBoardDialog
          onClose={() => setCreating(false)}
          onCreated={(board) => navigate(`/boards/${encodeURIComponent(board.id)}`)}
        />
      )}
      {deleting && (
        <DeleteBoardDialog
          boardId={deleting.id}
          boardTitle={deleting.title}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            drop(deleting.id);
            setNotice(`Deleted “${deleting.title}”.`);
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}
