import { type KeyboardEvent, useRef } from "react";
import { BOARD_VIEW_LABELS, BOARD_VIEWS, type BoardViewName } from "./boardViews";

/** Props of ViewTabs. */
export interface ViewTabsProps {
  readonly current: BoardViewName;
  readonly onSelect: (view: BoardViewName) => void;
  /** The id prefix tying each tab to its panel: tab `${idPrefix}-tab-<view>`, panel `${idPrefix}-panel`. */
  readonly idPrefix: string;
}

/** The id of the tab panel the selected view renders into. */
export function viewPanelId(idPrefix: string): string {
  return `${idPrefix}-panel`;
}

/** The id of one view's tab. */
export function viewTabId(idPrefix: string, view: BoardViewName): string {
  return `${idPrefix}-tab-${view}`;
}

/**
 * The board's view tabs (Board, Roadmap, Priorities, Matrix, Insights): a WAI-ARIA tablist with one
 * tab stop; Left/Right/Home/End move focus and select (automatic activation), as the pattern advises
 * for panels that show at once.
 */
export function ViewTabs({ current, onSelect, idPrefix }: ViewTabsProps) {
  const refs = useRef(new Map<BoardViewName, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = BOARD_VIEWS.indexOf(current);
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (at + 1) % BOARD_VIEWS.length;
    else if (event.key === "ArrowLeft") next = (at - 1 + BOARD_VIEWS.length) % BOARD_VIEWS.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = BOARD_VIEWS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const view = BOARD_VIEWS[next] as BoardViewName;
    onSelect(view);
    refs.current.get(view)?.focus();
  };

  return (
    <div className="view-tabs" role="tablist" aria-label="Board views" onKeyDown={onKeyDown}>
      {BOARD_VIEWS.map((view) => {
        const selected = view === current;
        return (
          <button
            key={view}
            ref={(node) => {
              if (node) refs.current.set(view, node);
              else refs.current.delete(view);
            }}
            type="button"
            role="tab"
            id={viewTabId(idPrefix, view)}
            className="view-tab"
            aria-selected={selected}
            aria-controls={viewPanelId(idPrefix)}
            tabIndex={selected ? 0 : -1}
            data-testid={`view-tab-${view}`}
            onClick={() => onSelect(view)}
          >
            {BOARD_VIEW_LABELS[view]}
          </button>
        );
      })}
    </div>
  );
}
