import { CloseCode } from "@converge/shared";

/** The coarse connection state the header badge shows, also exposed as `data-state`. */
export type ConnectionState = "live" | "connecting" | "offline" | "error";

/** What the badge renders. */
export interface ConnectionView {
  readonly state: ConnectionState;
  readonly label: string;
}

/** Everything known about a board's connection, built from provider and browser events. */
export interface ConnectionModel {
  readonly socket: "connecting" | "connected" | "disconnected";
  readonly synced: boolean;
  readonly browserOnline: boolean;
  /** The close code of the last socket the server closed, cleared once a socket syncs. */
  readonly lastCloseCode: number | null;
  /** True after a socket attempt failed; keeps the badge from flickering between retries. */
  readonly failedBefore: boolean;
  /** The server said its store is refusing writes: edits are held (here and on the server) and retried. */
  readonly serverUnsaved: boolean;
}

/** One thing that happened to the connection. */
export type ConnectionEvent =
  | { readonly type: "status"; readonly status: ConnectionModel["socket"] }
  | { readonly type: "synced"; readonly synced: boolean }
  | { readonly type: "closed"; readonly code: number | null }
  | { readonly type: "browser"; readonly online: boolean }
  /** A new document and provider replaced the old ones. */
  | { readonly type: "reset"; readonly online: boolean }
  /** The page asked to connect again after a close the provider treats as final. */
  | { readonly type: "reconnect" }
  /** The server's save status (AuthType.saveStatus): false while its store refuses writes. */
  | { readonly type: "saveStatus"; readonly saved: boolean };

/** The model before any event: connecting, with the browser's own idea of being online. */
export function initialConnection(browserOnline: boolean): ConnectionModel {
  return {
    socket: "connecting",
    synced: false,
    browserOnline,
    lastCloseCode: null,
    failedBefore: false,
    serverUnsaved: false,
  };
}

/** Folds one provider or browser event into the model. */
export function reduceConnection(model: ConnectionModel, event: ConnectionEvent): ConnectionModel {
  switch (event.type) {
    case "status":
      return {
        ...model,
        socket: event.status,
        synced: event.status === "connected" ? model.synced : false,
        // A new socket hears the save status again if the store is still failing.
        serverUnsaved: event.status === "connected" ? model.serverUnsaved : false,
        failedBefore: model.failedBefore || event.status === "disconnected",
      };
    case "synced":
      return event.synced
        ? { ...model, synced: true, lastCloseCode: null, failedBefore: false }
        : { ...model, synced: false };
    case "closed":
      return { ...model, lastCloseCode: event.code ?? model.lastCloseCode, failedBefore: true };
    case "browser":
      return { ...model, browserOnline: event.online };
    case "reset":
      return initialConnection(event.online);
    case "reconnect":
      return { ...model, lastCloseCode: null };
    case "saveStatus":
      return { ...model, serverUnsaved: !event.saved };
  }
}

/** True when the server said reconnecting cannot help: a 44xx close, after which the provider stops retrying. */
export function isTerminal(model: ConnectionModel): boolean {
  const code = model.lastCloseCode;
  return code !== null && code >= 4400 && code < 4500;
}

const SAVED_HERE = "changes saved on this device";

/** Turns the model into the badge's state and words. */
export function describeConnection(model: ConnectionModel): ConnectionView {
  if (model.lastCloseCode === CloseCode.unknownBoard) return { state: "error", label: "Board not found" };
  if (model.lastCloseCode === CloseCode.notAllowed) return { state: "error", label: "Checking your access…" };
  if (model.lastCloseCode === CloseCode.unauthenticated) return { state: "error", label: "Signed out" };
  if (!model.browserOnline) return { state: "offline", label: `Offline — ${SAVED_HERE}` };
  if (model.socket === "connected") {
    if (model.serverUnsaved) return { state: "error", label: `Not saved yet — retrying; ${SAVED_HERE}` };
    return model.synced ? { state: "live", label: "Live" } : { state: "connecting", label: "Syncing…" };
  }
  if (model.lastCloseCode === CloseCode.loadFailed) {
    return { state: "error", label: "The server could not load this board — retrying…" };
  }
  if (model.failedBefore) return { state: "offline", label: `Can’t reach the server — ${SAVED_HERE}` };
  return { state: "connecting", label: "Connecting…" };
}
