import * as Y from "yjs";

const LANES = ["lane-now", "lane-next", "lane-later", "lane-done"];
const WORDS =
  "plan ship card lane goal team vote risk scope user data sync board edit move rank load test fast slow".split(
    " ",
  );

function sentence(rand: () => number, length: number): string {
  let text = "";
  while (text.length < length) text += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return text.slice(0, length);
}

/** A small deterministic PRNG, so every server gets the same board. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Adds `count` cards shaped like the board schema (§4): a Y.Map per card with a Y.Text description. */
export function addCards(doc: Y.Doc, count: number, rand: () => number, descriptionChars = 300): string[] {
  const cards = doc.getMap<Y.Map<unknown>>("cards");
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `card-${Math.floor(rand() * 1e12).toString(36)}-${cards.size}`;
    const card = new Y.Map<unknown>();
    const description = new Y.Text();
    description.insert(0, sentence(rand, descriptionChars));
    card.set("id", id);
    card.set("title", sentence(rand, 40));
    card.set("laneId", LANES[i % LANES.length]);
    card.set("rank", `a${Math.floor(rand() * 1e6).toString(36)}`);
    card.set("createdBy", "bench");
    card.set("createdAt", 1_700_000_000_000 + i);
    card.set("type", "feature");
    card.set("estimate", Math.floor(rand() * 13));
    card.set("description", description);
    cards.set(id, card);
    ids.push(id);
  }
  return ids;
}

/** A move: `laneId` and `rank` written together, as the client does. */
export function moveCard(doc: Y.Doc, id: string, rand: () => number): void {
  const card = doc.getMap<Y.Map<unknown>>("cards").get(id);
  if (!card) return;
  doc.transact(() => {
    card.set("laneId", LANES[Math.floor(rand() * LANES.length)]);
    card.set("rank", `a${Math.floor(rand() * 1e6).toString(36)}`);
    card.set("updatedAt", Date.now());
  });
}
