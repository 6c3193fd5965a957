import type { Card as CardData } from "@converge/shared";

/** Props of ArchiveDrawer. */
export interface ArchiveDrawerProps {
  readonly cards: readonly CardData[];
  readonly onRestore: (cardId: string) => void;
  readonly onClose: () => void;
  /** View only: no Restore buttons. */
  readonly readOnly?: boolean;
}

/** The side drawer listing archived cards, each with a Restore button. */
export function ArchiveDrawer({ cards, onRestore, onClose, readOnly = false }: ArchiveDrawerProps) {
  return (
    <aside
      className="drawer"
      aria-label="Archived cards"
      data-testid="archive-drawer"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <header className="drawer-header">
        <h2>Archived</h2>
        <button type="button" className="icon-button" aria-label="Close archive" onClick={onClose}>
          ✕
        </button>
      </header>
      {cards.length === 0 ? (
        <p className="muted">Nothing archived. Archived cards and the cards of deleted lanes land here.</p>
      ) : (
        <ul className="drawer-list">
          {cards.map((card) => (
            <li key={card.id} className="drawer-item" data-testid="archived-card" data-card-id={card.id}>
              <span className="drawer-item-title">{card.title}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Restore ${card.title}`}
                  onClick={() => onRestore(card.id)}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
