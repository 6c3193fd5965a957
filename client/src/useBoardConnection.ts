import { AuthType, SaveStatus } from "@converge/shared";
import * as decoding from "lib0/decoding";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  type ConnectionModel,
  type ConnectionView,
  describeConnection,
  initialConnection,
  isTerminal,
  reduceConnection,
} from "./connectionState";
import { localDocName } from "./localBoards";
import { sendOnlyOwnPresence } from "./ownPresence";

/** One open board: its document and its sync provider. */
export interface BoardSession {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
}

/** What the server said about this socket that the page must act on. */
export interface BoardSocketEvents {
  /** The server dropped a write: I may only view this board now. */
  onPermissionDenied(reason: string): void;
  /** The server closed the socket with a code (44xx: do not simply reconnect). */
  onClosed(code: number, reason: string): void;
}

/** What useBoardConnection gives a board page. */
export interface BoardConnection {
  readonly session: BoardSession | null;
  /** True once the device copy (IndexedDB) or the server has delivered the document. */
  readonly loaded: boolean;
  readonly connection: ConnectionView;
  /** Connects again after a close the provider treats as final (e.g. 4403 after which I am still a viewer). */
  reconnect(): void;
  /** Throws away this device's copy (edits the server refused) and loads the board afresh from the server. */
  resetLocal(): void;
}

/** The y-websocket message type of auth messages (y-protocols/auth). */
const MESSAGE_AUTH = 2;

function syncOrigin(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws`;
}

/**
 * Opens a board: one Y.Doc kept in IndexedDB under this account (offline edits survive reloads)
 * and synced over the stock y-websocket provider. The connection state follows the socket and the
 * browser's online/offline signal. The server's "permission denied" and close codes reach `events`.
 */
export function useBoardConnection(
  boardId: string,
  userId: string,
  events: BoardSocketEvents,
): BoardConnection {
  const [session, setSession] = useState<BoardSession | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [model, dispatch] = useReducer(reduceConnection, navigator.onLine, initialConnection);
  const eventsRef = useRef(events);
  eventsRef.current = events;
  const controls = useRef<{ reconnect(): void; resetLocal(): void } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation reopens the board from scratch.
  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(localDocName(userId, boardId), doc);
    // The socket opens once the device copy is in the document: loaded later, its content would go out as a
    // fresh edit (refused from a viewer: "not saved"; a surprise re-send from an editor), while loaded first,
    // the sync handshake sends the server only what it lacks.
    let localLoaded = false;
    const provider = new WebsocketProvider(syncOrigin(), boardId, doc, {
      connect: false,
      // Another tab's edits reach this one through the server, which checks each socket's role.
      disableBc: true,
    });
    sendOnlyOwnPresence(provider);
    let current: ConnectionModel = initialConnection(navigator.onLine);
    const send: typeof dispatch = (event) => {
      current = reduceConnection(current, event);
      dispatch(event);
    };
    // The stock provider only logs "permission denied" and ignores other auth sub-types; the page needs both.
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      const kind = decoding.readVarUint(decoder);
      if (kind === AuthType.permissionDenied) {
        eventsRef.current.onPermissionDenied(decoding.readVarString(decoder));
      } else if (kind === AuthType.saveStatus) {
        send({ type: "saveStatus", saved: decoding.readVarUint(decoder) === SaveStatus.saved });
      }
    };
    setSession({ doc, provider });
    setLoaded(false);
    send({ type: "reset", online: navigator.onLine });

    const markLoaded = () => setLoaded(true);
    const connectOnceLoaded = () => {
      if (localLoaded) return;
      localLoaded = true;
      if (navigator.onLine && !isTerminal(current)) provider.connect();
    };
    local.on("synced", markLoaded);
    local.on("synced", connectOnceLoaded);
    // No device copy to wait for when IndexedDB cannot be opened (e.g. a private window that forbids it).
    local._db.catch(connectOnceLoaded);
    const onStatus = ({ status }: { status: ConnectionModel["socket"] }) => send({ type: "status", status });
    const onSync = (synced: boolean) => {
      send({ type: "synced", synced });
      if (synced) markLoaded();
    };
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      send({ type: "closed", code: event.code });
      eventsRef.current.onClosed(event.code, event.reason);
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
      if (localLoaded && !isTerminal(current)) provider.connect();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);

    controls.current = {
      reconnect() {
        send({ type: "reconnect" });
        if (localLoaded && navigator.onLine) provider.connect();
      },
      resetLocal() {
        provider.disconnect();
        local.clearData().then(
          () => setGeneration((value) => value + 1),
          (error: unknown) => {
            console.error("Could not clear this device's copy of the board", error);
            setGeneration((value) => value + 1);
          },
        );
      },
    };

    return () => {
      localLoaded = true; // a late load or failure must not reopen a closed board's socket
      controls.current = null;
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [boardId, userId, generation]);

  const reconnect = useCallback(() => controls.current?.reconnect(), []);
  const resetLocal = useCallback(() => controls.current?.resetLocal(), []);
  return { session, loaded, connection: describeConnection(model), reconnect, resetLocal };
}
