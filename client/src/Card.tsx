import {
  CARD_TYPE_LABELS,
  type Card as CardData,
  formatScore,
  type ScoringModel,
  scoreCard,
} from "@converge/shared";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import {
  type CSSProperties,
  type KeyboardEvent,
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import type { CardActivity } from "./peerActivity";
import { formatDueDate, initials, isOverdue } from "./people";
import { VoteBadges } from "./session/VoteBadges";

/** Props of Card: the card from the board snapshot plus stable callbacks and primitives only. */
export interface CardProps {
  readonly card: CardData;
  /** The lane this card is rendered in. */
  readonly laneId: string;
  readonly onOpen: (cardId: string) => void;
  readonly onRename: (cardId: string, title: string) => void;
  readonly onEditing: (cardId: string | null) => void;
  readonly peerName: string | null;
  readonly peerColor: string | null;
  readonly peerKind: CardActivity["kind"] | null;
  /** The board's scoring model, for the score badge. */
  readonly scoringModel?: ScoringModel;
  /** The owner's name, for the initials badge (null when unowned or not a member). */
  readonly ownerName?: string | null;
  /** The card's index in a virtualised lane, and the virtualiser's measuring ref; absent otherwise. */
  readonly index?: number;
  readonly measureRef?: (node: Element | null) => void;
  /** View only: not draggable, no renaming; Enter or a click still opens the (read-only) details. */
  readonly readOnly?: boolean;
}

/**
 * One card in a lane: a few DOM nodes, sortable by pointer, touch and keyboard. Memoised on the
 * card object from the board snapshot, so an edit to another card does not re-render this one.
 */
export const Card = memo(function Card({
  card,
  laneId,
  onOpen,
  onRename,
  onEditing,
  peerName,
  peerColor,
  peerKind,
  scoringModel = "rice",
  ownerName = null,
  index,
  measureRef,
  readOnly = false,
}: CardProps) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(card.title);
  const nodeRef = useRef<HTMLDivElement | null>(null);
  const refocus = useRef(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: card.id, data: { kind: "card", laneId }, disabled: renaming || readOnly });

  // One ref callback for the card's life: a new one each render would make React detach and re-attach it,
  // and the virtualiser would measure the card (a forced layout) on every render.
  const slotRef = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node);
      measureRef?.(node);
    },
    [setNodeRef, measureRef],
  );

  useEffect(() => {
    if (!renaming && refocus.current) {
      refocus.current = false;
      nodeRef.current?.focus();
    }
  }, [renaming]);

  const startRename = () => {
    if (readOnly) return;
    setDraft(card.title);
    setRenaming(true);
    onEditing(card.id);
  };
  const finishRename = (commit: boolean, returnFocus = false) => {
    if (!renaming) return;
    refocus.current = returnFocus;
    const next = draft.trim();
    if (commit && next !== "" && next !== card.title) onRename(card.id, next);
    setRenaming(false);
    onEditing(null);
  };

  const style: CSSProperties & Record<"--peer-color", string | undefined> = {
    transform: CSS.Translate.toString(transform),
    transition,
    "--peer-color": peerColor ?? undefined,
  };
  const className = [
    "card",
    isDragging && "is-placeholder",
    peerKind && "has-peer",
    renaming && "is-renaming",
  ]
    .filter(Boolean)
    .join(" ");

  if (renaming) {
    return (
      <li ref={setNodeRef} style={style} className="card-slot">
        <div ref={nodeRef} className={className} data-testid="card" data-card-id={card.id}>
          <input
            className="card-rename-input"
            aria-label="Card title"
            value={draft}
            // biome-ignore lint/a11y/noAutofocus: the input replaces the card the person asked to rename.
            autoFocus
            maxLength={500}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={() => finishRename(true)}
            onKeyDown={(event) => {
              if (event.key === "Enter") finishRename(true, true);
              else if (event.key === "Escape") finishRename(false, true);
            }}
          />
        </div>
      </li>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!readOnly) listeners?.onKeyDown?.(event);
    if (isDragging || event.target !== event.currentTarget) return;
    if (event.key === "Enter") {
      event.preventDefault();
      onOpen(card.id);
    } else if (event.key === "F2") {
      event.preventDefault();
      startRename();
    }
  };

  // The list item is the sortable node; the card inside it is the focusable control, so the list keeps its items.
  return (
    <li ref={slotRef} data-index={index} style={style} className="card-slot">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the role (button) comes from dnd-kit's spread attributes, or is set for viewers. */}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: same: the element is a button once the attributes are spread. */}
      <div
        ref={(node) => {
          nodeRef.current = node;
          setActivatorNodeRef(node);
        }}
        className={className}
        data-testid="card"
        data-card-id={card.id}
        {...(readOnly ? { role: "button", tabIndex: 0 } : { ...attributes, ...listeners })}
        aria-label={card.title}
        onKeyDown={onKeyDown}
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest(".card-rename")) startRename();
          else onOpen(card.id);
        }}
      >
        <span className="card-title" data-testid="card-title">
          {card.title}
        </span>
        {card.description !== "" && <span className="card-has-description" title="Has a description" />}
        <CardBadges card={card} scoringModel={scoringModel} ownerName={ownerName} />
        <VoteBadges card={card} />
        {peerKind && (
          <span className="card-peer" data-testid="card-activity">
            {peerName} is {peerKind === "dragging" ? "moving" : "editing"}
          </span>
        )}
        {/* A mouse shortcut only: keyboard users rename with F2 or in the card's dialog, so the card holds no nested control. */}
        {!readOnly && <span className="card-rename" aria-hidden="true" title="Rename (F2)" />}
      </div>
    </li>
  );
});

/**
 * The card's compact badges in one row of plain spans: type, score, evidence, checklist, due date,
 * labels and the owner's initials; each badge has text a screen reader reads with the card.
 */
function CardBadges({
  card,
  scoringModel,
  ownerName,
}: {
  readonly card: CardData;
  readonly scoringModel: ScoringModel;
  readonly ownerName: string | null;
}) {
  const score = scoreCard(card, scoringModel);
  const done = card.checklist.filter((item) => item.done).length;
  const shownLabels = card.labels.slice(0, 2);
  const more = card.labels.length - shownLabels.length;
  if (
    card.type === null &&
    score === null &&
    card.evidenceCount === 0 &&
    card.checklist.length === 0 &&
    card.dueDate === null &&
    card.labels.length === 0 &&
    ownerName === null
  ) {
    return null;
  }
  return (
    <span className="card-badges">
      {card.type && (
        <span className={`badge badge-type type-${card.type}`} data-testid="badge-type">
          {CARD_TYPE_LABELS[card.type]}
        </span>
      )}
      {score !== null && (
        <span className="badge badge-score" data-testid="badge-score" title="Score">
          <span className="sr-only">score </span>
          {formatScore(score)}
        </span>
      )}
      {card.evidenceCount > 0 && (
        <span className="badge badge-evidence" data-testid="badge-evidence" title="Customer evidence">
          ❝ {card.evidenceCount}
          <span className="sr-only"> pieces of evidence</span>
        </span>
      )}
      {card.checklist.length > 0 && (
        <span
          className={`badge badge-checklist${done === card.checklist.length ? " is-complete" : ""}`}
          data-testid="badge-checklist"
          title="Checklist"
        >
          ☑ {done}/{card.checklist.length}
        </span>
      )}
      {card.dueDate && (
        <span
          className={`badge badge-due${isOverdue(card.dueDate) ? " is-overdue" : ""}`}
          data-testid="badge-due"
          title="Due date"
        >
          <span className="sr-only">due </span>
          {formatDueDate(card.dueDate)}
        </span>
      )}
      {shownLabels.map((label) => (
        <span key={label} className="badge badge-label">
          {label}
        </span>
      ))}
      {more > 0 && <span className="badge badge-label">+{more}</span>}
      {ownerName && (
        <span className="badge badge-owner" data-testid="badge-owner" title={ownerName}>
          <span aria-hidden="true">{initials(ownerName)}</span>
          <span className="sr-only">owner {ownerName}</span>
        </span>
      )}
    </span>
  );
}
