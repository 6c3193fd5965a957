import type { Card as CardData } from "@converge/shared";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { type CSSProperties, type KeyboardEvent, memo, useEffect, useRef, useState } from "react";
import type { CardActivity } from "./peerActivity";

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
  readOnly = false,
}: CardProps) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(card.title);
  const nodeRef = useRef<HTMLDivElement | null>(null);
  const refocus = useRef(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: card.id, data: { kind: "card", laneId }, disabled: renaming || readOnly });

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
    <li ref={setNodeRef} style={style} className="card-slot">
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
