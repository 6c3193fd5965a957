import { Link } from "./Link";
import { TopBar } from "./TopBar";
import type { LostAccess } from "./useBoardAccess";

const COPY: Record<LostAccess, { readonly title: string; readonly body: string }> = {
  notFound: { title: "Board not found", body: "It may have been deleted, or the link is wrong." },
  noAccess: {
    title: "You don’t have access to this board",
    body: "Ask one of its owners for an invitation link.",
  },
  removed: {
    title: "You no longer have access to this board",
    body: "An owner removed you from it, or you left it. Ask an owner for a new invitation to come back.",
  },
  deleted: { title: "This board was deleted", body: "An owner deleted it while you had it open." },
};

/** The board page when there is no board to show: not found, not mine, taken away, or deleted. */
export function BoardGone({ reason }: { readonly reason: LostAccess }) {
  const { title, body } = COPY[reason];
  return (
    <div className="app">
      <TopBar />
      <main className="empty-state" data-testid="board-gone" data-reason={reason}>
        <div role="alert">
          <h1>{title}</h1>
          <p>{body}</p>
        </div>
        <Link href="/" className="button primary">
          Your boards
        </Link>
      </main>
    </div>
  );
}
