import {
  CloseCode,
  ConflictTracker,
  filterCards,
  setFacilitatorView,
  spotlightCard,
  startSession,
} from "@converge/shared";
import {
  type ReactNode,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { ActivityFeed } from "./ActivityFeed";
import { ArchiveDrawer } from "./ArchiveDrawer";
import { type SignedInAccount, useSignedInAccount } from "./accountContext";
import { describeError } from "./api";
import { attemptOp } from "./attemptOp";
import { BoardGone } from "./BoardGone";
import { BoardSettingsDialog } from "./BoardSettingsDialog";
import { BoardView } from "./BoardView";
import { createBoardActions, readOnlyActions, UI_ORIGIN } from "./boardActions";
import { EMPTY_FILTER, type FilterState, toCardFilter } from "./boardFilter";
import { canEdit, renameBoardRecord } from "./boardsApi";
import { BOARD_VIEW_LABELS, type BoardViewName, boardViewPath } from "./boardViews";
import { CardDialog } from "./CardDialog";
import { ConnectionBadge } from "./ConnectionBadge";
import type { ConnectionView } from "./connectionState";
import type { SwimlaneMode } from "./displayLanes";
import { EditableText } from "./EditableText";
import { EvidenceDialog } from "./EvidenceDialog";
import { FilterBar } from "./FilterBar";
import { GoalsDialog } from "./GoalsDialog";
import { LiveCursors } from "./LiveCursors";
import { MembersDialog } from "./MembersDialog";
import { Modal } from "./Modal";
import { PresenceAvatars } from "./PresenceAvatars";
import { namesById } from "./people";
import { RoleBadge } from "./RoleBadge";
import { navigate } from "./router";
import { CardDecisionForm } from "./session/CardDecisionForm";
import { ConflictBox } from "./session/ConflictBox";
import { SessionBar } from "./session/SessionBar";
import { SessionTools } from "./session/SessionTools";
import { useCardMarkers, useClockOffset, useLiveSession, useSpotlightStyle } from "./session/useLiveSession";
import { OpenVoteForm, VotePanel } from "./session/VotePanel";
import { TopBar } from "./TopBar";
import { accountStore } from "./useAccount";
import { useBoard } from "./useBoard";
import { type BoardAccess, useBoardAccess } from "./useBoardAccess";
import { type BoardConnection, type BoardSession, useBoardConnection } from "./useBoardConnection";
import { useConflicts } from "./useConflicts";
import { usePresence } from "./usePresence";
import { useRemoteMoveAnnouncements } from "./useRemoteMoveAnnouncements";
import { ViewBoundary } from "./ViewBoundary";
import { ViewTabs, viewPanelId, viewTabId } from "./ViewTabs";
import { lazyView, preloadView } from "./viewRegistry";
import type { ViewMember, ViewProps } from "./views/ViewProps";

/** Props of BoardPage. */
export interface BoardPageProps {
  readonly boardId: string;
  /** The view shown, from the URL (`/boards/:id/<view>`). */
  readonly view?: BoardViewName;
}

/** How often, at most, a failing socket makes the page ask the REST API whether access changed. */
const ACCESS_RECHECK_MS = 5000;

/** The page at /boards/:id: checks my role, opens the board's document and renders it live (read-only for viewers). */
export function BoardPage({ boardId, view = "board" }: BoardPageProps) {
  const account = useSignedInAccount();
  const access = useBoardAccess(boardId, account.user.id);
  if (access.lost) return <BoardGone reason={access.lost} />;
  return <LiveBoard boardId={boardId} view={view} access={access} account={account} />;
}

interface LiveBoardProps {
  readonly boardId: string;
  readonly view: BoardViewName;
  readonly access: BoardAccess;
  readonly account: SignedInAccount;
}

function LiveBoard({ boardId, view, access, account }: LiveBoardProps) {
  const [notice, setNotice] = useState<string | null>(null);
  const connectionRef = useRef<BoardConnection | null>(null);
  const lastRecheck = useRef(0);
  const accessRef = useRef(access);
  accessRef.current = access;

  const connection = useBoardConnection(boardId, account.user.id, {
    onPermissionDenied() {
      const { assumeViewer, refresh } = accessRef.current;
      assumeViewer();
      setNotice("You can only view this board now; your last change was not saved.");
      connectionRef.current?.resetLocal();
      void refresh();
    },
    onClosed(code, reason) {
      const current = accessRef.current;
      if (code === CloseCode.unauthenticated) {
        accountStore.signedOut(
          reason === "session expired"
            ? "Your session has expired. Sign in again to carry on."
            : "You were signed out. Sign in again to carry on.",
        );
      } else if (code === CloseCode.unknownBoard) {
        current.markLost("deleted");
      } else if (code === CloseCode.notAllowed) {
        void current.refresh().then((role) => {
          if (role === "lost") return;
          if (role === "viewer") setNotice("You can only view this board now.");
          connectionRef.current?.reconnect();
        });
      } else if (Date.now() - lastRecheck.current > ACCESS_RECHECK_MS && navigator.onLine) {
        // A refused upgrade (signed out, removed, deleted) looks like a network failure to a browser.
        lastRecheck.current = Date.now();
        void current.refresh();
      }
    },
  });
  connectionRef.current = connection;
  // The view's code downloads while the board's document loads, not after.
  useEffect(() => preloadView(view), [view]);

  const { session, loaded } = connection;
  if (!session) {
    return (
      <div className="app">
        <TopBar>
          <div className="topbar-spacer" />
          <ConnectionBadge connection={connection.connection} />
        </TopBar>
      </div>
    );
  }
  return (
    <BoardScreen
      key={session.doc.guid}
      boardId={boardId}
      view={view}
      session={session}
      loaded={loaded}
      connection={connection.connection}
      access={access}
      account={account}
      notice={notice}
      onNotice={setNotice}
    />
  );
}

interface BoardScreenProps {
  readonly boardId: string;
  readonly view: BoardViewName;
  readonly session: BoardSession;
  readonly loaded: boolean;
  readonly connection: ConnectionView;
  readonly access: BoardAccess;
  readonly account: SignedInAccount;
  readonly notice: string | null;
  readonly onNotice: (notice: string | null) => void;
}

const NO_MEMBERS: readonly ViewMember[] = [];

function BoardScreen({
  boardId,
  view,
  session,
  loaded,
  connection,
  access,
  account,
  notice,
  onNotice,
}: BoardScreenProps) {
  const { doc, provider } = session;
  const { identity } = account;
  const role = access.role;
  const readOnly = !canEdit(role);
  const board = useBoard(doc);
  const { peers, setActivity } = usePresence(provider.awareness, identity);
  const announcements = useRemoteMoveAnnouncements(doc, peers);
  const [openCardId, setOpenCardId] = useState<string | null>(null);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [panel, setPanel] = useState<"settings" | "goals" | "evidence" | "activity" | null>(null);
  const actions = useMemo(
    () => (readOnly ? readOnlyActions(onNotice) : createBoardActions(doc, identity.id, onNotice)),
    [doc, identity.id, readOnly, onNotice],
  );
  const onEditing = useCallback(
    (cardId: string | null) => setActivity(cardId ? { kind: "editing", cardId } : null),
    [setActivity],
  );
  const title = board.title || access.board?.title || "";
  const members = access.board?.members ?? NO_MEMBERS;
  const memberNames = useMemo(() => namesById(members), [members]);
  const me = useMemo(() => ({ id: account.user.id, name: account.user.name }), [account.user]);
  const tabsId = useId();
  const [filter, setFilter] = useState<FilterState>(EMPTY_FILTER);
  // Typing stays responsive on a big board: the text the cards are filtered by may lag a keystroke.
  const filterText = useDeferredValue(filter.text);
  const cardFilter = useMemo(() => toCardFilter({ ...filter, text: filterText }), [filter, filterText]);
  const visibleCardIds = useMemo(() => filterCards(board, cardFilter), [board, cardFilter]);
  const liveCount = board.cards.size - board.archived.length;
  const [swimlanes, setSwimlanes] = useState<SwimlaneMode>("none");
  const live = useLiveSession(doc);
  const clockOffset = useClockOffset();
  const [leading, setLeading] = useState(true);
  const [following, setFollowing] = useState(true);
  const isFacilitator = live.active && live.facilitator?.id === me.id;
  const spotlightId = live.active ? live.spotlightCardId : null;
  useSpotlightStyle(spotlightId);

  // Priority conflicts: a tracker per editing peer opens them on their cards, where every peer sees them.
  useEffect(() => {
    if (readOnly) return;
    const tracker = new ConflictTracker(doc, { actor: identity.id });
    return () => tracker.destroy();
  }, [doc, identity.id, readOnly]);
  // Re-read only when a change touched the conflicts, not after every edit of a 2,000-card board.
  const conflicts = useConflicts(doc);
  const conflictCardIds = useMemo(
    () => [...new Set(conflicts.map((conflict) => conflict.cardId))],
    [conflicts],
  );
  useCardMarkers(conflictCardIds);

  // Follow me: the facilitator publishes the tab and the card they have open…
  const published = live.facilitatorView;
  useEffect(() => {
    if (!isFacilitator || !leading || readOnly) return;
    if (published && published.view === view && published.focusedCardId === openCardId) return;
    attemptOp(() =>
      setFacilitatorView(
        doc,
        { by: me.id, view, focusedCardId: openCardId, anchorCardId: openCardId },
        UI_ORIGIN,
      ),
    );
  }, [isFacilitator, leading, readOnly, published, view, openCardId, doc, me.id]);

  // …and everyone else's view follows it, unless they stepped out.
  const followKey =
    live.active && !isFacilitator && following && published
      ? `${published.view}\u0000${published.focusedCardId ?? ""}`
      : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow only when what the facilitator shows changes.
  useEffect(() => {
    if (followKey === null || !published) return;
    if (published.view !== view) navigate(boardViewPath(boardId, published.view));
    setOpenCardId(published.focusedCardId);
    if (published.focusedCardId) {
      document
        .querySelector(`[data-card-id="${CSS.escape(published.focusedCardId)}"]`)
        ?.scrollIntoView({ block: "nearest" });
    }
  }, [followKey]);

  useEffect(() => {
    document.title = title ? `${title} — Converge` : "Converge";
  }, [title]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => onNotice(null), 6000);
    return () => window.clearTimeout(timer);
  }, [notice, onNotice]);

  // Anything I was doing with a card stops being shown to others once I may only view.
  useEffect(() => {
    if (readOnly) setActivity(null);
  }, [readOnly, setActivity]);

  const openCard = openCardId ? board.cards.get(openCardId) : undefined;
  const openCardLane = openCard && board.lanes.find((lane) => lane.cardIds.includes(openCard.id));
  useEffect(() => {
    if (openCardId && (!openCard || openCard.archived)) setOpenCardId(null);
  }, [openCardId, openCard]);

  const rename = (next: string) => {
    renameBoardRecord(boardId, next).catch((error: unknown) => {
      console.error("Could not rename the board", error);
      onNotice(`Could not rename the board: ${describeError(error)}`);
    });
  };

  let body: ReactNode;
  if (!loaded && board.lanes.length === 0) {
    body = <p className="empty-state muted">Loading board…</p>;
  } else if (view === "board") {
    body = (
      <BoardView
        board={board}
        actions={actions}
        peers={peers}
        onActivity={setActivity}
        onOpenCard={setOpenCardId}
        onEditing={onEditing}
        readOnly={readOnly}
        memberNames={memberNames}
        visibleCardIds={visibleCardIds}
        swimlanes={swimlanes}
      />
    );
  } else {
    const View = lazyView(view);
    const props: ViewProps = {
      doc,
      boardId,
      board,
      visibleCardIds,
      readOnly,
      me,
      members,
      onOpenCard: setOpenCardId,
    };
    body = View ? (
      <ViewBoundary key={view} name={BOARD_VIEW_LABELS[view]}>
        <Suspense fallback={<p className="empty-state muted">Loading {BOARD_VIEW_LABELS[view]}…</p>}>
          <View {...props} />
        </Suspense>
      </ViewBoundary>
    ) : (
      <p className="empty-state muted" data-testid="view-placeholder">
        The {BOARD_VIEW_LABELS[view]} view is on its way.
      </p>
    );
  }

  return (
    <div className={`app${readOnly ? " is-read-only" : ""}`}>
      <TopBar>
        {(loaded || title) && (
          <h1 className="board-title">
            {readOnly ? (
              <span className="board-title-text">{title || "Untitled"}</span>
            ) : (
              <EditableText value={title} label="Board title" onCommit={rename} />
            )}
          </h1>
        )}
        {role ? (
          <RoleBadge role={role} testId="role-badge" />
        ) : (
          <span className="muted small-text">Checking access…</span>
        )}
        <div className="topbar-spacer" />
        <PresenceAvatars self={identity} peers={peers} />
        <ConnectionBadge connection={connection} />
        {role && (
          <button type="button" className="button" onClick={() => setSharing(true)}>
            Share
          </button>
        )}
        <button
          type="button"
          className="button ghost"
          aria-expanded={archiveOpen}
          onClick={() => setArchiveOpen(!archiveOpen)}
        >
          Archived{board.archived.length > 0 ? ` (${board.archived.length})` : ""}
        </button>
        <SessionTools
          doc={doc}
          board={board}
          names={memberNames}
          readOnly={readOnly}
          sessionActive={live.active}
          onOpenCard={setOpenCardId}
        />
      </TopBar>
      {role === "viewer" && (
        <p className="read-only-banner" data-testid="read-only-banner" role="status">
          <strong>View only</strong> — you can watch this board live but not change it.
        </p>
      )}
      <nav className="board-toolbar" aria-label="Board">
        <ViewTabs
          current={view}
          idPrefix={tabsId}
          onSelect={(next) => navigate(boardViewPath(boardId, next))}
        />
        {view === "board" && (
          <label className="swimlane-picker">
            Swimlanes
            <select
              className="text-input"
              value={swimlanes}
              data-testid="swimlanes"
              onChange={(event) => setSwimlanes(event.target.value as SwimlaneMode)}
            >
              <option value="none">None</option>
              <option value="team">By team</option>
              <option value="goal">By goal</option>
            </select>
          </label>
        )}
        <div className="panel-buttons">
          <button type="button" className="button small ghost" onClick={() => setPanel("goals")}>
            Goals
          </button>
          <button type="button" className="button small ghost" onClick={() => setPanel("evidence")}>
            Evidence{board.evidence.length > 0 ? ` (${board.evidence.length})` : ""}
          </button>
          <button type="button" className="button small ghost" onClick={() => setPanel("activity")}>
            Activity
          </button>
          {!readOnly && !live.active && (
            <button
              type="button"
              className="button small"
              onClick={() =>
                onNotice(
                  attemptOp(() =>
                    startSession(doc, { facilitator: me, at: Date.now() + clockOffset }, UI_ORIGIN),
                  ),
                )
              }
            >
              Start session
            </button>
          )}
          {!readOnly && (
            <button type="button" className="button small ghost" onClick={() => setPanel("settings")}>
              Settings
            </button>
          )}
        </div>
      </nav>
      {live.active && (
        <SessionBar
          doc={doc}
          board={board}
          session={live}
          me={me}
          members={members}
          readOnly={readOnly}
          clockOffset={clockOffset}
          leading={leading}
          onLeadingChange={setLeading}
          following={following}
          onFollowingChange={setFollowing}
          onOpenCard={setOpenCardId}
          voteForm={
            isFacilitator && !readOnly && (!live.round || live.round.status === "closed") ? (
              <OpenVoteForm
                boardId={boardId}
                cardIds={[...visibleCardIds].filter((id) => board.cards.get(id)?.archived === false)}
                defaultBudget={board.voteBudget}
              />
            ) : null
          }
        />
      )}
      {live.round && live.round.status !== "closed" && (
        <VotePanel
          key={live.round.roundId}
          boardId={boardId}
          board={board}
          round={live.round}
          me={me}
          names={memberNames}
          conflicts={conflicts}
        />
      )}
      <FilterBar
        board={board}
        members={members}
        filter={filter}
        onChange={setFilter}
        shown={visibleCardIds.size}
        total={liveCount}
      />
      <main
        className={`board board-view-${view}`}
        id={viewPanelId(tabsId)}
        role="tabpanel"
        aria-labelledby={viewTabId(tabsId, view)}
        data-testid="view-panel"
        data-view={view}
      >
        {body}
        {view === "board" && <LiveCursors awareness={provider.awareness} />}
      </main>
      {archiveOpen && (
        <ArchiveDrawer
          cards={board.archived}
          onRestore={actions.restoreCard}
          onClose={() => setArchiveOpen(false)}
          readOnly={readOnly}
        />
      )}
      {openCard && !openCard.archived && (
        <CardDialog
          key={openCard.id}
          card={openCard}
          laneTitle={openCardLane?.title ?? ""}
          doc={doc}
          boardId={boardId}
          board={board}
          members={members}
          me={me}
          actions={actions}
          peers={peers}
          onActivity={setActivity}
          readOnly={readOnly}
          extra={
            <>
              <ConflictBox
                doc={doc}
                boardId={boardId}
                round={live.round}
                facilitatorId={live.facilitator?.id ?? null}
                board={board}
                conflicts={conflicts.filter((conflict) => conflict.cardId === openCard.id)}
                names={memberNames}
                me={me}
                readOnly={readOnly}
              />
              <CardDecisionForm doc={doc} card={openCard} me={me} readOnly={readOnly} />
              {isFacilitator && !readOnly && (
                <button
                  type="button"
                  className="button small"
                  aria-pressed={spotlightId === openCard.id}
                  onClick={() =>
                    onNotice(
                      attemptOp(() =>
                        spotlightCard(doc, spotlightId === openCard.id ? null : openCard.id, UI_ORIGIN),
                      ),
                    )
                  }
                >
                  {spotlightId === openCard.id ? "Clear spotlight" : "Spotlight for everyone"}
                </button>
              )}
            </>
          }
          onClose={() => {
            onEditing(null);
            setOpenCardId(null);
          }}
        />
      )}
      {panel === "settings" && !readOnly && (
        <BoardSettingsDialog doc={doc} board={board} onClose={() => setPanel(null)} />
      )}
      {panel === "goals" && (
        <GoalsDialog
          doc={doc}
          board={board}
          me={me}
          readOnly={readOnly}
          onOpenCard={(cardId) => {
            setPanel(null);
            setOpenCardId(cardId);
          }}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === "evidence" && (
        <EvidenceDialog
          doc={doc}
          board={board}
          readOnly={readOnly}
          onOpenCard={(cardId) => {
            setPanel(null);
            setOpenCardId(cardId);
          }}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === "activity" && (
        <Modal
          title="Board activity"
          onClose={() => setPanel(null)}
          className="panel-dialog"
          testId="activity-dialog"
        >
          <ActivityFeed boardId={boardId} names={memberNames} board={board} title="Recent changes" />
        </Modal>
      )}
      {sharing && role && (
        <MembersDialog
          boardId={boardId}
          boardTitle={title}
          myId={account.user.id}
          myRole={role}
          onMyRoleChanged={() => void access.refresh()}
          onLeft={() => navigate("/")}
          onClose={() => setSharing(false)}
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
