import { type Board, type Conflict, settleConflict } from "@converge/shared";
import { useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "../attemptOp";
import { UI_ORIGIN } from "../boardActions";

/** Props of ConflictBox. */
export interface ConflictBoxProps {
  readonly doc: Y.Doc;
  readonly board: Board;
  readonly conflicts: readonly Conflict[];
  readonly names: ReadonlyMap<string, string>;
  readonly me: { readonly id: string };
  readonly readOnly: boolean;
}

function describeValue(board: Board, field: string, value: unknown): string {
  if (field === "laneId") return board.lanes.find((lane) => lane.id === value)?.title ?? "a deleted lane";
  return value === null || value === undefined ? "(none)" : String(value);
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** A card's open priority conflicts: both sides, who and when, and "Keep …'s" to settle (logged as a decision). */
export function ConflictBox({ doc, board, conflicts, names, me, readOnly }: ConflictBoxProps) {
  const [error, setError] = useState<string | null>(null);
  if (conflicts.length === 0) return null;
  return (
    <section className="conflict-box" aria-label="Conflicts" data-testid="conflict-box">
      {conflicts.map((conflict) => (
        <div key={conflict.id} className="conflict">
          <strong>Conflicting changes</strong>
          <ul>
            {conflict.sides.map((side) => (
              <li key={`${side.userId}@${side.at}`} data-testid="conflict-side">
                {names.get(side.userId) ?? "Someone"}{" "}
                {conflict.field === "laneId" ? "put it in" : `set ${conflict.field} to`}{" "}
                {describeValue(board, conflict.field, side.value)} · {time(side.at)}
              </li>
            ))}
          </ul>
          {!readOnly && (
            <span className="conflict-actions">
              {conflict.sides.map((side, index) => (
                <button
                  key={`${side.userId}@${side.at}`}
                  type="button"
                  className="button small"
                  onClick={() =>
                    setError(
                      attemptOp(() =>
                        settleConflict(
                          doc,
                          conflict.cardId,
                          conflict.id,
                          { keep: index, decidedBy: me.id },
                          UI_ORIGIN,
                        ),
                      ),
                    )
                  }
                >
                  Keep {names.get(side.userId) ?? "this"}'s
                </button>
              ))}
            </span>
          )}
        </div>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
