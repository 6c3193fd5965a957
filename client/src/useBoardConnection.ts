import { useEffect, useReducer, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ApiError, getBoardRecord } from "./api";
import { CLOSE_CODE } from "./closeCodes";
import {
  type ConnectionModel,
  type ConnectionView,
  describeConnection,
  initialConnection,
  isTerminal,
  reduceConnection,
} from "./connectionState";

/** One open board: its document, its sync provider, and whether any copy of it has loaded yet. */
export interface BoardSession {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
}

/** What useBoardConnection gives a board page. */
export interface BoardConnection {
  readonly session: BoardSession | null;
  /** True once the device copy (IndexedDB) or the server has delivered the document. */
  readonly loaded: boolean;
  readonly connection: ConnectionView;
}

function syncOrigin(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws`;
}

/**
 * Opens a board: one Y.Doc kept in IndexedDB (offline edits survive reloads) and synced over the
 * stock y-websocket provider. The connection state follows the socket and the browser's own
 * online/offline signal; going offline disconnects, coming back reconnects.
 */
export function useBoardConnection(boardId: string): BoardConnection {
  const [session, setSession] = useState<BoardSession | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [model, dispatch] = useReducer(reduceConnection, navigator.onLine, initialConnection);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(boardId, doc);
    const provider = new WebsocketProvider(syncOrigin(), boardId, doc, { connect: navigator.onLine });
    let current: ConnectionModel = initialConnection(navigator.onLine);
    const send: typeof dispatch = (event) => {
      current = reduceConnection(current, event);
      dispatch(event);
    };
    setSession({ doc, provider });
    setLoaded(false);
    dispatch({ type: "browser", online: navigator.onLine });

    const markLoaded = () => setLoaded(true);
    local.on("synced", markLoaded);
    const onStatus = ({ status }: { status: ConnectionModel["socket"] }) => send({ type: "status", status });
    const onSync = (synced: boolean) => {
      send({ type: "synced", synced });
      if (synced) markLoaded();
    };
    const onClose = (event: CloseEvent | null) => {
      if (event) send({ type: "closed", code: event.code });
    };
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onClose);

    const goOffline = () => {
      send({ type: "browser", online: false });
      provider.disconnect();
    };
    const goOnline = () => {
      send({ type: "browser", online: true });
      if (!isTerminal(current)) provider.connect();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);

    // A socket refused before the upgrade (HTTP 404) looks like any network failure from a
    // browser, so ask the REST API whether the board exists at all.
    let active = true;
    getBoardRecord(boardId).catch((error: unknown) => {
      if (!active) return;
      if (error instanceof ApiError && error.status === 404) {
        send({ type: "closed", code: CLOSE_CODE.notFound });
        provider.disconnect();
      } else {
        console.warn("Could not check the board on the server; carrying on with the device copy", error);
      }
    });

    return () => {
      active = false;
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [boardId]);

  return { session, loaded, connection: describeConnection(model) };
}
