import { type BoardViewName, isBoardView } from "./boardViews";

/** A page of the app, parsed from the location's path. */
export type Route =
  | { readonly page: "boards" }
  | { readonly page: "board"; readonly boardId: string; readonly view: BoardViewName }
  | { readonly page: "invite"; readonly token: string }
  | { readonly page: "notFound" };

/**
 * Maps a URL path to a route: `/` lists boards, `/boards/:id` opens one (`/boards/:id/<view>` one of
 * its views), `/invite/:token` offers an invitation.
 */
export function parseRoute(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { page: "boards" };
  const match = /^\/boards\/([^/]+)(?:\/([a-z]+))?\/?$/.exec(pathname);
  if (match?.[1]) {
    const view = match[2] ?? "board";
    if (!isBoardView(view)) return { page: "notFound" };
    return { page: "board", boardId: decodeURIComponent(match[1]), view };
  }
  const invite = /^\/invite\/([^/]+)\/?$/.exec(pathname);
  if (invite?.[1]) return { page: "invite", token: decodeURIComponent(invite[1]) };
  return { page: "notFound" };
}

const NAVIGATE_EVENT = "converge:navigate";

/** Goes to `path` with the history API and tells every route subscriber. */
export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Subscribes to path changes from navigate() and the back/forward buttons. */
export function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}
