import { formatScore } from "@converge/shared";
import { memo } from "react";
import type { EditResult } from "./cardEdits";
import { InputEditor } from "./InputEditor";
import { formatInput, INPUT_LABELS, type PriorityRow as Row, type ScoringInput } from "./priorities";

/** A column of the Priorities table. */
export type PriorityColumn =
  | { readonly kind: "rank" | "title" | "score" | "lane" | "team" | "owner" }
  | { readonly kind: "input"; readonly field: ScoringInput };

/** Props of PriorityRow: the row's data plus stable callbacks, so an edit elsewhere leaves this row alone. */
export interface PriorityRowProps {
  readonly row: Row;
  /** 1-based position among the table's rows, the header being row 1. */
  readonly rowIndex: number;
  readonly columns: readonly PriorityColumn[];
  readonly laneTitle: string;
  readonly ownerName: string;
  /** The column holding the grid's focus stop when it is in this row, else null. */
  readonly activeCol: number | null;
  /** The column being edited in this row, else null. */
  readonly editingCol: number | null;
  readonly readOnly: boolean;
  readonly onCommit: (cardId: string, field: ScoringInput, value: number | null) => EditResult;
  readonly onDoneEditing: (refocus: boolean, message?: string) => void;
  readonly onOpenCard: (cardId: string) => void;
}

/** The cell's test hook and grid address: `cardId:column`. */
export function cellKey(cardId: string, col: number): string {
  return `${cardId}:${col}`;
}

/** One card's row in the Priorities grid: rank, title, the model's inputs (editable), score, lane, team and owner. */
export const PriorityRow = memo(function PriorityRow({
  row,
  rowIndex,
  columns,
  laneTitle,
  ownerName,
  activeCol,
  editingCol,
  readOnly,
  onCommit,
  onDoneEditing,
  onOpenCard,
}: PriorityRowProps) {
  const { card, score, rank } = row;
  return (
    <tr aria-rowindex={rowIndex} data-testid="priority-row" data-card-id={card.id}>
      {columns.map((column, col) => {
        const key = column.kind === "input" ? column.field : column.kind;
        const common = {
          "data-cell": cellKey(card.id, col),
          "data-col": col,
          tabIndex: activeCol === col ? 0 : -1,
        };
        switch (column.kind) {
          case "rank":
            return (
              <td key={key} {...common} className="num">
                {rank ?? "—"}
              </td>
            );
          case "title":
            return (
              <td key={key} {...common} className="priority-title">
                <button type="button" tabIndex={-1} className="link-like" onClick={() => onOpenCard(card.id)}>
                  {card.title}
                </button>
              </td>
            );
          case "input": {
            const value = card[column.field];
            const editing = editingCol === col;
            return (
              <td
                key={key}
                {...common}
                className={`num${readOnly ? "" : " is-editable"}${editing ? " is-editing" : ""}`}
                data-field={column.field}
              >
                {editing ? (
                  <InputEditor
                    field={column.field}
                    value={value}
                    label={`${INPUT_LABELS[column.field]} of ${card.title}`}
                    onCommit={(next) => onCommit(card.id, column.field, next)}
                    onDone={onDoneEditing}
                  />
                ) : (
                  formatInput(column.field, value)
                )}
              </td>
            );
          }
          case "score":
            return (
              <td key={key} {...common} className="num priority-score" data-testid="priority-score">
                {formatScore(score)}
              </td>
            );
          case "lane":
            return (
              <td key={key} {...common}>
                {laneTitle}
              </td>
            );
          case "team":
            return (
              <td key={key} {...common}>
                {card.team ?? "—"}
              </td>
            );
          case "owner":
            return (
              <td key={key} {...common}>
                {ownerName}
              </td>
            );
          default:
            return null;
        }
      })}
    </tr>
  );
});
