import { type BenchClient, connectToSeededBoard, presenceState } from "../lib/clients";
import { type MetricRow, pool, sleep } from "../lib/common";
import type { ServerHandle } from "../lib/servers";

export interface HeapSize {
  /** Boards connected in each of the two steps. */
  boardsPerStep: number;
  clientsPerBoard: number;
}

export interface HeapResult {
  idleBytes: number;
  bytesPerBoard: number;
}

/**
 * Live heap per board, from the server itself: its heap after two full GCs (see `heapProbe`) idle, then with
 * `boardsPerStep` boards connected, then with twice as many. Per board = the growth between the two loaded steps
 * divided by `boardsPerStep`, so what the first board of a kind warms up (compiled code, caches) is left out. Every
 * client announces presence once and then stays quiet, so only what a connected board costs is measured; every
 * board holds a new Converge board's document, as in the many-boards scenario.
 */
export async function heapPerBoard(server: ServerHandle, size: HeapSize): Promise<HeapResult> {
  const idleBytes = await server.heapUsedAfterGc();
  const clients: BenchClient[] = [];
  const connectStep = async (): Promise<number> => {
    const boards = await server.createBoards(size.boardsPerStep, "Heap");
    await pool(
      Array.from({ length: boards.length * size.clientsPerBoard }, (_, i) => i),
      40,
      async (i) => {
        const client = connectToSeededBoard(server, boards[Math.floor(i / size.clientsPerBoard)] as string, {
          firstOnBoard: i % size.clientsPerBoard === 0,
          title: "Heap",
        });
        client.awareness.setLocalState(presenceState(server, { x: 0 }));
        clients.push(client);
        await client.synced;
      },
    );
    // Let the join-time presence waves and sync replies settle.
    await sleep(1_500);
    return server.heapUsedAfterGc();
  };
  const first = await connectStep();
  const second = await connectStep();
  for (const client of clients) client.destroy();
  return { idleBytes, bytesPerBoard: (second - first) / size.boardsPerStep };
}

export function heapRows(server: string, size: HeapSize, result: HeapResult): MetricRow[] {
  return [
    { server, metric: "heap after GC, idle", unit: "MiB", values: [result.idleBytes / 2 ** 20] },
    { server, metric: "heap per board after GC", unit: "KiB", values: [result.bytesPerBoard / 1024] },
    {
      server,
      metric: "heap per connection after GC",
      unit: "KiB",
      values: [result.bytesPerBoard / size.clientsPerBoard / 1024],
    },
  ];
}
