import { useEffect, useState } from "react";
import { ApiError, describeError, request } from "../api";
import type { FlowDay } from "./insights";

/** The board's flow history as fetched: loading, the days, or why there are none. */
export type FlowState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly days: readonly FlowDay[] }
  | { readonly status: "unavailable"; readonly message: string };

function isFlowDay(value: unknown): value is FlowDay {
  if (typeof value !== "object" || value === null) return false;
  const { date, lanes } = value as { date?: unknown; lanes?: unknown };
  return typeof date === "string" && typeof lanes === "object" && lanes !== null;
}

/** Fetches `GET /api/boards/:id/flow?days=…` once per board; the chart adds today's counts from the live board. */
export function useFlow(boardId: string, days = 30): FlowState {
  const [state, setState] = useState<FlowState>({ status: "loading" });
  useEffect(() => {
    let cancelled = false;
    setState({ status: "loading" });
    request<unknown>(`/api/boards/${encodeURIComponent(boardId)}/flow?days=${days}`)
      .then((body) => {
        if (cancelled) return;
        const list = Array.isArray(body) ? body.filter(isFlowDay) : [];
        setState({ status: "ready", days: list });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.warn("Could not load the board's flow history", error);
        setState({
          status: "unavailable",
          message:
            error instanceof ApiError && error.status === 404
              ? "This server keeps no flow history yet; the chart shows today only."
              : `Flow history could not be loaded (${describeError(error)}); the chart shows today only.`,
        });
      });
    return () => {
      cancelled = true;
    };
  }, [boardId, days]);
  return state;
}
