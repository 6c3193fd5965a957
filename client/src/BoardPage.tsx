import type { PresenceUser } from "@converge/shared";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { ArchiveDrawer } from "./ArchiveDrawer";
import { BoardView } from "./BoardView";
import { createBoardActions } from "./boardActions";
import { CardDialog } from "./CardDialog";
import { ConnectionBadge } from "./ConnectionBadge";
import type { ConnectionView } from "./connectionState";
import { EditableText } from "./EditableText";
import { IdentityButton } from "./IdentityButton";
import { Link } from "./Link";
import { PresenceAvatars } from "./PresenceAvatars";
import { TopBar } from "./TopBar";
import { useBoard } from "./useBoard";
import { type BoardSession, useBoardConnection } from "./useBoardConnection";
import { usePresence } from "./usePresence";
import { useRemoteMoveAnnouncements } from "./useRemoteMoveAnnouncements";

/** Props of BoardPage. */
export interface BoardPageProps {
  readonly boardId: string;
  readonly identity: PresenceUser;
  readonly onIdentityChange: (identity: PresenceUser) => void;
}

/** The page at /boards/:id: opens the board's document and renders it live. */
export function BoardPage({ boardId, identity, onIdentityChange }: BoardPageProps) {
  const { session, loaded, connection } = useBoardConnection(boardId);
  if (!session) {
    return (
      <div className="app">
        <TopBar>
          <div className="topbar-spacer" />
          <ConnectionBadge connection={connection} />
        </TopBar>
      </div>
    );
  }
  return (
    <BoardScreen
      key={session.doc.guid}
      session={session}
      loaded={loaded}
      connection={connection}
      identity={identity}
      onIdentityChange={onIdentityChange}
    />
  );
}

interface BoardScreenProps {
  readonly session: BoardSession;
  readonly loaded: boolean;
  readonly connection: ConnectionView;
  readonly identity: PresenceUser;
  readonly onIdentityChange: (identity: PresenceUser) => void;
}

function BoardScreen({ session, loaded, connection, identity, onIdentityChange }: BoardScreenProps) {
  const { doc, provider } = session;
  const board = useBoard(doc);
  const { peers, setActivity } = usePresence(provider.awareness, identity);
  const announcements = useRemoteMoveAnnouncements(doc, peers);
  const [notice, setNotice] = useState<string | null>(null);
  const [openCardId, setOpenCardId] = useState<string | null>(null);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const actions = useMemo(() => createBoardActions(doc, identity.id, setNotice), [doc, identity.id]);
  const onEditing = useCallback(
    (cardId: string | null) => setActivity(cardId ? { kind: "editing", cardId } : null),
    [setActivity],
  );

  useEffect(() => {
    document.title = board.title ? `${board.title} — Converge` : "Converge";
  }, [board.title]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 4000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const openCard = openCardId ? board.cards.get(openCardId) : undefined;
  const openCardLane = openCard && board.lanes.find((lane) => lane.cardIds.includes(openCard.id));
  useEffect(() => {
    if (openCardId && (!openCard || openCard.archived)) setOpenCardId(null);
  }, [openCardId, openCard]);

  const empty = board.lanes.length === 0;
  const notFound = connection.label === "Board not found" && empty;
  let body: ReactNode;
  if (notFound) {
    body = (
      <div className="empty-state">
        <h1>Board not found</h1>
        <p>It may have been deleted, or the link is wrong.</p>
        <Link href="/" className="button primary">
          All boards
        </Link>
      </div>
    );
  } else if (!loaded && empty) {
    body = <p className="empty-state muted">Loading board…</p>;
  } else {
    body = (
      <BoardView
        board={board}
        actions={actions}
        peers={peers}
        onActivity={setActivity}
        onOpenCard={setOpenCardId}
        onEditing={onEditing}
      />
    );
  }

  return (
    <div className="app">
      <TopBar>
        {!notFound && (loaded || board.title) && (
          <h1 className="board-title">
            <EditableText value={board.title} label="Board title" onCommit={actions.renameBoard} />
          </h1>
        )}
        <div className="topbar-spacer" />
        <PresenceAvatars self={identity} peers={peers} />
        <ConnectionBadge connection={connection} />
        {!notFound && (
          <button
            type="button"
            className="button ghost"
            aria-expanded={archiveOpen}
            onClick={() => setArchiveOpen(!archiveOpen)}
          >
            Archived{board.archived.length > 0 ? ` (${board.archived.length})` : ""}
          </button>
        )}
        <IdentityButton identity={identity} onChange={onIdentityChange} />
      </TopBar>
      <main className="board">{body}</main>
      {archiveOpen && (
        <ArchiveDrawer
          cards={board.archived}
          onRestore={actions.restoreCard}
          onClose={() => setArchiveOpen(false)}
        />
      )}
      {openCard && !openCard.archived && (
        <CardDialog
          key={openCard.id}
          card={openCard}
          laneTitle={openCardLane?.title ?? ""}
          actions={actions}
          onEditing={onEditing}
          onClose={() => {
            onEditing(null);
            setOpenCardId(null);
          }}
        />
      )}
      {notice && (
        <div className="toast" role="alert">
          {notice}
        </div>
      )}
      <div className="sr-only" aria-live="polite" data-testid="remote-moves">
        {announcements.map((announcement) => (
          <p key={announcement.id}>{announcement.text}</p>
        ))}
      </div>
    </div>
  );
}
