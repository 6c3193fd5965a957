import { statSync } from "node:fs";
import { join } from "node:path";
import * as Y from "yjs";
import { addCards, moveCard, prng } from "../lib/board";
import { connect } from "../lib/clients";
import { type MetricRow, sleep, until } from "../lib/common";
import { type ServerHandle, type StartOptions, startServer } from "../lib/servers";

export interface ColdLoadSize {
  cards: number;
  /** Card moves after creation, each its own update (the "long history"). */
  edits: number;
  rounds: number;
}

export interface ColdLoadRound {
  /** Server spawn → HTTP answers. */
  startMs: number;
  /** HTTP answers → first client synced (room load from the store, sync, client apply). */
  syncedMs: number;
  /** Spawn → first client synced. */
  totalMs: number;
}

export interface ColdLoadResult {
  rounds: ColdLoadRound[];
  storeBytes: number | undefined;
  updatesSent: number;
}

/**
 * Seeds a board with `cards` cards, one update each, then `edits` moves, one update each (pacing the writer so the
 * room stores many small appends), stops the server, then restarts it `rounds` times and times the first client to
 * be synced. Seeding runs with MESSAGES_PER_SECOND raised (seeding is not measured); the measured restarts run with
 * the default limits.
 */
export async function coldLoad(
  size: ColdLoadSize,
  env: Record<string, string> = {},
  cpuProfDir?: string,
): Promise<ColdLoadResult> {
  const seedServer = await startServer("converge", { env: { ...env, MESSAGES_PER_SECOND: "100000" } });
  const dataDir = seedServer.dataDir as string;
  const cookie = seedServer.cookie;
  const [board] = (await seedServer.createBoards(1, "Cold")) as [string];
  const writer = connect(seedServer, board);
  writer.awareness.setLocalState(null);
  await writer.synced;
  const rand = prng(7);
  const ids: string[] = [];
  let updatesSent = 0;
  for (let i = 0; i < size.cards; i++) {
    ids.push(...addCards(writer.doc, 1, rand, 120));
    updatesSent++;
    if (updatesSent % 25 === 0) await sleep(2);
  }
  for (let i = 0; i < size.edits; i++) {
    moveCard(writer.doc, ids[Math.floor(rand() * ids.length)] as string, rand);
    updatesSent++;
    if (updatesSent % 25 === 0) await sleep(2);
  }
  // Everything reached the server when a second client sees every card.
  const check = connect(seedServer, board);
  await check.synced;
  const complete = await until(() => check.doc.getMap("cards").size >= size.cards, 60_000, 50);
  check.destroy();
  writer.destroy();
  if (!complete) throw new Error("cold load: the seeded board never reached the server");
  await seedServer.stop({ keepData: true });
  let storeBytes: number | undefined;
  try {
    storeBytes = ["converge.db", "converge.db-wal"]
      .map((f) => {
        try {
          return statSync(join(dataDir, f)).size;
        } catch {
          return 0;
        }
      })
      .reduce((a, b) => a + b, 0);
  } catch {
    storeBytes = undefined;
  }

  const rounds: ColdLoadRound[] = [];
  let last: ServerHandle | undefined;
  try {
    for (let r = 0; r < size.rounds; r++) {
      const options: StartOptions = {
        env,
        dataDir,
        signUp: false,
        cookie,
        ...(cpuProfDir ? { cpuProfDir: join(cpuProfDir, `round-${r}`) } : {}),
      };
      const spawned = performance.now();
      const server = await startServer("converge", options);
      last = server;
      const ready = performance.now();
      server.markMeasure();
      const doc = new Y.Doc();
      const client = connect(server, board, doc);
      await client.synced;
      const synced = performance.now();
      const cards = doc.getMap("cards").size;
      client.destroy();
      await server.stop({ keepData: true });
      if (cards !== size.cards) throw new Error(`cold load: synced ${cards} cards, expected ${size.cards}`);
      rounds.push({ startMs: ready - spawned, syncedMs: synced - ready, totalMs: synced - spawned });
    }
  } finally {
    await last?.stop({ keepData: true });
    const { rmSync } = await import("node:fs");
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rounds, storeBytes, updatesSent };
}

export function coldLoadRows(server: string, result: ColdLoadResult): MetricRow[] {
  return [
    {
      server,
      metric: "first client synced after restart (from listening)",
      unit: "ms",
      values: result.rounds.map((r) => r.syncedMs),
    },
    // The first restart replays the stored history and then writes a snapshot; later restarts load that snapshot.
    {
      server,
      metric: "first client synced, first restart only (replays the history)",
      unit: "ms",
      values: result.rounds.slice(0, 1).map((r) => r.syncedMs),
    },
    { server, metric: "spawn → listening", unit: "ms", values: result.rounds.map((r) => r.startMs) },
    {
      server,
      metric: "spawn → first client synced",
      unit: "ms",
      values: result.rounds.map((r) => r.totalMs),
    },
  ];
}
