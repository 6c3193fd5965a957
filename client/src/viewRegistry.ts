import { type ComponentType, lazy } from "react";
import type { BoardViewName } from "./boardViews";
import type { ViewProps } from "./views/ViewProps";

type ViewModule = Record<string, unknown>;

// The Roadmap, Priorities, Matrix and Insights views are built beside this file's owner; a glob
// import picks up whichever of them exist at build time, so the board page builds before they land.
const modules = import.meta.glob<ViewModule>("./views/*View.tsx");

const FILES = {
  roadmap: ["./views/RoadmapView.tsx", "RoadmapView"],
  priorities: ["./views/PrioritiesView.tsx", "PrioritiesView"],
  matrix: ["./views/MatrixView.tsx", "MatrixView"],
  insights: ["./views/InsightsView.tsx", "InsightsView"],
} as const satisfies Record<Exclude<BoardViewName, "board">, readonly [string, string]>;

const cache = new Map<BoardViewName, ComponentType<ViewProps> | null>();
const loading = new Map<BoardViewName, Promise<ComponentType<ViewProps>>>();
const loaded = new Map<BoardViewName, ComponentType<ViewProps>>();

function loadView(view: Exclude<BoardViewName, "board">): Promise<ComponentType<ViewProps>> | null {
  const [path, exportName] = FILES[view];
  const load = modules[path];
  if (!load) return null;
  let pending = loading.get(view);
  if (!pending) {
    pending = load().then((module) => {
      const found = module[exportName] ?? module.default;
      if (typeof found !== "function" && typeof found !== "object") {
        throw new Error(`${path} does not export ${exportName}`);
      }
      loaded.set(view, found as ComponentType<ViewProps>);
      return found as ComponentType<ViewProps>;
    });
    // A failed preload is fetched again when the view first renders, where a failure shows in its boundary.
    pending.catch(() => loading.delete(view));
    loading.set(view, pending);
  }
  return pending;
}

/**
 * Starts fetching a view's module while the board itself loads, so the view's first render finds it
 * and need not suspend (a lazy component shows its fallback and renders again once it resolves).
 */
export function preloadView(view: BoardViewName): void {
  if (view !== "board") loadView(view)?.catch(() => undefined);
}

/** The component of a non-Board view (lazily loaded unless preloaded in time), or null while its module does not exist yet. */
export function lazyView(view: Exclude<BoardViewName, "board">): ComponentType<ViewProps> | null {
  const known = cache.get(view);
  if (known !== undefined) return known;
  const ready = loaded.get(view);
  const pending = ready ? null : loadView(view);
  const component = ready ?? (pending ? lazy(async () => ({ default: await pending })) : null);
  cache.set(view, component);
  return component;
}
