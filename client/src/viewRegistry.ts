import { type ComponentType, type LazyExoticComponent, lazy } from "react";
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

const cache = new Map<BoardViewName, LazyExoticComponent<ComponentType<ViewProps>> | null>();

/** The lazily loaded component of a non-Board view, or null while its module does not exist yet. */
export function lazyView(
  view: Exclude<BoardViewName, "board">,
): LazyExoticComponent<ComponentType<ViewProps>> | null {
  const known = cache.get(view);
  if (known !== undefined) return known;
  const [path, exportName] = FILES[view];
  const load = modules[path];
  const component = load
    ? lazy(async () => {
        const module = await load();
        const found = module[exportName] ?? module.default;
        if (typeof found !== "function" && typeof found !== "object") {
          throw new Error(`${path} does not export ${exportName}`);
        }
        return { default: found as ComponentType<ViewProps> };
      })
    : null;
  cache.set(view, component);
  return component;
}
