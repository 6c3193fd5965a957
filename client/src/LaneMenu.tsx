import { useEffect, useRef, useState } from "react";

/** Props of LaneMenu. */
export interface LaneMenuProps {
  readonly laneTitle: string;
  readonly cardCount: number;
  readonly wipLimit: number | null;
  readonly onRename: () => void;
  readonly onSetWipLimit: (limit: number | null) => void;
  readonly onDelete: () => void;
}

type Mode = "closed" | "menu" | "wip" | "delete";

/** The lane's "⋯" menu: rename, set the WIP limit, delete (after a confirmation naming what happens to the cards). */
export function LaneMenu({
  laneTitle,
  cardCount,
  wipLimit,
  onRename,
  onSetWipLimit,
  onDelete,
}: LaneMenuProps) {
  const [mode, setMode] = useState<Mode>("closed");
  const [limit, setLimit] = useState("");
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (mode === "closed") return;
    panelRef.current?.querySelector<HTMLElement>("input, button")?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setMode("closed");
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !rootRef.current?.contains(document.activeElement)) return;
      event.stopPropagation();
      setMode("closed");
      toggleRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [mode]);

  const close = () => {
    setMode("closed");
    toggleRef.current?.focus();
  };

  return (
    <div className="lane-menu" ref={rootRef}>
      <button
        ref={toggleRef}
        type="button"
        className="icon-button"
        aria-label={`Lane actions for ${laneTitle}`}
        aria-expanded={mode !== "closed"}
        onClick={() => setMode(mode === "closed" ? "menu" : "closed")}
      >
        ⋯
      </button>
      {mode !== "closed" && (
        <div className="popover" ref={panelRef}>
          {mode === "menu" && (
            <>
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  setMode("closed");
                  onRename();
                }}
              >
                Rename lane
              </button>
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  setLimit(wipLimit === null ? "" : String(wipLimit));
                  setMode("wip");
                }}
              >
                Set WIP limit…
              </button>
              <button type="button" className="menu-item danger" onClick={() => setMode("delete")}>
                Delete lane…
              </button>
            </>
          )}
          {mode === "wip" && (
            <form
              className="popover-form"
              onSubmit={(event) => {
                event.preventDefault();
                const value = limit.trim() === "" ? null : Number(limit);
                if (value !== null && (!Number.isInteger(value) || value < 1 || value > 999)) return;
                onSetWipLimit(value);
                close();
              }}
            >
              <label className="field">
                <span>WIP limit for “{laneTitle}”</span>
                <input
                  type="number"
                  min={1}
                  max={999}
                  inputMode="numeric"
                  placeholder="No limit"
                  value={limit}
                  onChange={(event) => setLimit(event.target.value)}
                />
              </label>
              <div className="popover-actions">
                <button type="submit" className="button primary">
                  Save
                </button>
                {wipLimit !== null && (
                  <button
                    type="button"
                    className="button ghost"
                    onClick={() => {
                      onSetWipLimit(null);
                      close();
                    }}
                  >
                    Remove limit
                  </button>
                )}
              </div>
            </form>
          )}
          {mode === "delete" && (
            <div className="popover-form">
              <p>
                Delete “{laneTitle}”?{" "}
                {cardCount === 0
                  ? "It has no cards."
                  : `Its ${cardCount === 1 ? "card" : `${cardCount} cards`} will be archived, and can be restored.`}
              </p>
              <div className="popover-actions">
                <button
                  type="button"
                  className="button danger"
                  onClick={() => {
                    setMode("closed");
                    onDelete();
                  }}
                >
                  Delete lane
                </button>
                <button type="button" className="button ghost" onClick={close}>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
