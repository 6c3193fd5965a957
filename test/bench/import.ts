import { median, sleep } from "./lib/common";
import { startServer } from "./lib/servers";

// `node --import tsx test/bench/import.ts`: how long `POST /api/boards/:id/import` takes for a file of BENCH_CARDS
// cards (default 2,000) in each format — a Trello export, a CSV and a Converge JSON board file — against a real
// Converge server (SQLite, as shipped). Each import runs into a fresh empty board; the figure is the median of
// BENCH_ROUNDS (default 3) request round trips, which include parsing, the dry run on a copy, applying the import to
// the live document and storing it. Prints a markdown table. Not part of `pnpm test`.

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LANES = ["Backlog", "Next", "Doing", "Done"];
const TEAMS = ["Engineering", "Design", "Marketing", "Support"];

/** A Trello board export with CARDS open cards over four lists, labels, descriptions and a checklist on every 5th. */
function trelloFile(): string {
  const hex = (n: number) => n.toString(16).padStart(24, "0");
  const lists = LANES.map((name, i) => ({ id: hex(1 + i), name, closed: false, pos: 16384 * (i + 1) }));
  const labels = [
    { id: hex(100), name: "Backend", color: "blue" },
    { id: hex(101), name: "", color: "red" },
  ];
  const cards = Array.from({ length: CARDS }, (_, i) => ({
    id: hex(1000 + i),
    name: `Card ${i}: improve the onboarding flow`,
    desc: `Why: customers asked for it (${i}).\n\n- keep edits\n- show "saved" state`,
    idList: lists[i % lists.length]?.id,
    closed: false,
    pos: 16384 * (i + 1),
    due: i % 7 === 0 ? "2026-03-01T12:00:00.000Z" : null,
    idLabels: i % 3 === 0 ? [hex(100)] : i % 3 === 1 ? [hex(101)] : [],
  }));
  const checklists = cards
    .filter((_, i) => i % 5 === 0)
    .map((card, i) => ({
      id: hex(100_000 + i),
      idCard: card.id,
      name: "Launch",
      pos: 16384,
      checkItems: [
        { name: "Write the copy", state: "complete", pos: 1 },
        { name: "Tell support", state: "incomplete", pos: 2 },
      ],
    }));
  return JSON.stringify({ name: "Bench board", lists, cards, labels, checklists, actions: [] });
}

/** A CSV of CARDS cards over four lanes with planning fields. */
function csvFile(): string {
  const rows = ["lane,title,description,type,team,estimate,reach,impact,confidence,effort,labels"];
  for (let i = 0; i < CARDS; i++) {
    rows.push(
      [
        LANES[i % LANES.length],
        `Card ${i}`,
        `"Customers asked, ""often"" (${i})"`,
        "feature",
        TEAMS[i % TEAMS.length],
        (i % 8) + 1,
        100 + i,
        1,
        80,
        (i % 5) + 1,
        "growth;q3",
      ].join(","),
    );
  }
  return `${rows.join("\n")}\n`;
}

interface Bench {
  url: string;
  cookie: string;
  createBoards(count: number, title?: string): Promise<string[]>;
}

async function importInto(server: Bench, boardId: string, format: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/boards/${boardId}/import?format=${format}`, {
    method: "POST",
    headers: { cookie: server.cookie, origin: server.url, "content-type": "text/plain" },
    body,
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`import ${format}: ${response.status} ${text}`);
  return elapsed;
}

async function exportOf(server: Bench, boardId: string, format: string): Promise<string> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/export?format=${format}`, {
    headers: { cookie: server.cookie, origin: server.url },
  });
  if (response.status !== 200) throw new Error(`export ${format}: ${response.status}`);
  return response.text();
}

async function main(): Promise<void> {
  const server = await startServer("converge", { env: { IMPORT_MAX_BYTES: String(64 * 1024 * 1024) } });
  try {
    const files: Record<string, string> = { trello: trelloFile(), csv: csvFile() };
    // The JSON board file is a real export: the CSV imported once, exported as a board file.
    const [source] = await server.createBoards(1, "Source");
    await importInto(server, source as string, "csv", files.csv as string);
    files.json = await exportOf(server, source as string, "json");
    const rows: string[] = [];
    for (const format of ["trello", "csv", "json"]) {
      const body = files[format] as string;
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const [board] = await server.createBoards(1, `Import ${format} ${round}`);
        times.push(await importInto(server, board as string, format, body));
        await sleep(200);
      }
      const kib = Math.round(Buffer.byteLength(body) / 1024);
      rows.push(
        `| ${format} | ${CARDS} | ${kib} | ${Math.round(median(times))} | ${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))} |`,
      );
    }
    console.log(`\nImport of ${CARDS} cards (median of ${ROUNDS}, ms per request)\n`);
    console.log("| format | cards | file KiB | median ms | min–max ms |");
    console.log("| ------ | ----- | -------- | --------- | ---------- |");
    for (const row of rows) console.log(row);
  } finally {
    await server.stop();
  }
}

await main();
