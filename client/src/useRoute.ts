import { useMemo, useSyncExternalStore } from "react";
import { parseRoute, type Route, subscribeToLocation } from "./router";

function currentPath(): string {
  return window.location.pathname;
}

/** The current route, re-rendering on navigation. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribeToLocation, currentPath);
  return useMemo(() => parseRoute(path), [path]);
}
