import * as Y from "yjs";
import { encodeSyncStep1, MessageType, SyncType } from "../protocol";
import { type RawSocket, rawSocket, type TestUser } from "../testServer";
import { answersStep1, type FuzzFrame } from "./frameFuzzer";

/** What became of one fuzz frame: the socket stayed open, or the server closed it with a code and reason. */
export type FuzzOutcome = (
  | { frame: FuzzFrame; closed: null }
  | { frame: FuzzFrame; closed: { code: number; reason: string } }
) & {
  /** `performance.now()` when the frame was sent (set by `sendFuzzFrames`), to line frames up with a stall. */
  sentAt?: number;
};

/** The outcomes whose frame was in flight during `window` (`performance.now()` times), e.g. a monitor's worst stall. */
export function framesDuring(
  outcomes: readonly FuzzOutcome[],
  window: { start: number; end: number } | null,
): string[] {
  if (!window) return [];
  return outcomes
    .filter((outcome, i) => {
      const sent = outcome.sentAt ?? Number.NaN;
      const next = outcomes[i + 1]?.sentAt ?? Number.POSITIVE_INFINITY;
      return sent < window.end && next > window.start;
    })
    .map((outcome) => `${outcome.frame.name}${outcome.closed ? ` -> ${outcome.closed.code}` : ""}`);
}

/** The probe after each frame: sync step 1 with an empty state vector, answered with step 2 once handled. */
const PROBE = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));

/**
 * Sends each frame on a raw socket followed by a probe (messages are handled in order, so the probe's answer means
 * the frame was handled), and records whether the server kept the socket or closed it; a closed socket is replaced
 * by a new one. Throws, naming the frame, if the server neither answers nor closes within `timeoutMs`.
 */
export async function sendFuzzFrames(
  baseUrl: string,
  boardId: string,
  user: TestUser,
  frames: readonly FuzzFrame[],
  timeoutMs = 15_000,
): Promise<FuzzOutcome[]> {
  const outcomes: FuzzOutcome[] = [];
  let socket: ProbedSocket | null = null;
  try {
    for (const frame of frames) {
      const sentAt = performance.now();
      socket ??= await openProbed(baseUrl, boardId, user);
      const closed = await socket.exchange(frame, timeoutMs);
      outcomes.push({ frame, closed, sentAt });
      if (closed) socket = null;
    }
  } finally {
    socket?.raw.ws.terminate();
  }
  return outcomes;
}

interface ProbedSocket {
  raw: RawSocket;
  exchange(frame: FuzzFrame, timeoutMs: number): Promise<{ code: number; reason: string } | null>;
}

async function openProbed(baseUrl: string, boardId: string, user: TestUser): Promise<ProbedSocket> {
  const raw = rawSocket(baseUrl, boardId, user);
  let step2s = 0;
  let wake: (() => void) | null = null;
  let closed: { code: number; reason: string } | null = null;
  raw.ws.on("message", (data: Buffer) => {
    if (data[0] === MessageType.sync && data[1] === SyncType.step2) step2s++;
    wake?.();
  });
  void raw.closed.then((result) => {
    closed = result;
    wake?.();
  });
  await Promise.race([raw.ready, raw.closed]);
  if (closed) throw new Error(`fuzz socket closed before it was ready: ${JSON.stringify(closed)}`);
  return {
    raw,
    async exchange(frame, timeoutMs) {
      const expected = step2s + 1 + (answersStep1(frame.bytes) ? 1 : 0);
      raw.ws.send(frame.bytes);
      raw.ws.send(PROBE);
      const deadline = Date.now() + timeoutMs;
      while (!closed && step2s < expected) {
        if (Date.now() > deadline) throw new Error(`server neither answered nor closed after ${frame.name}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
        wake = null;
      }
      return closed;
    },
  };
}
