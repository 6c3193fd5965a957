/** The views of a board, in tab order; the name is also the last segment of the view's URL. */
export const BOARD_VIEWS = ["board", "roadmap", "priorities", "matrix", "insights"] as const;
/** One of BOARD_VIEWS. */
export type BoardViewName = (typeof BOARD_VIEWS)[number];

/** Each view's tab label. */
export const BOARD_VIEW_LABELS = {
  board: "Board",
  roadmap: "Roadmap",
  priorities: "Priorities",
  matrix: "Matrix",
  insights: "Insights",
} as const satisfies Record<BoardViewName, string>;

/** True for a known view name. */
export function isBoardView(value: string): value is BoardViewName {
  return (BOARD_VIEWS as readonly string[]).includes(value);
}

/** The path of a board's view: `/boards/:id` for the Board view, `/boards/:id/<view>` for the others. */
export function boardViewPath(boardId: string, view: BoardViewName): string {
  const base = `/boards/${encodeURIComponent(boardId)}`;
  return view === "board" ? base : `${base}/${view}`;
}
