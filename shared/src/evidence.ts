import * as Y from "yjs";
import { isIsoDate } from "./cardFields";
import { BoardInputError } from "./errors";
import { newId } from "./ids";
import { requireCard } from "./lookup";
import { getRoots, type ItemMap } from "./schema";

/** Where a piece of customer evidence came from. */
export const EVIDENCE_SOURCES = ["interview", "support", "survey", "sales", "other"] as const;
/** One of EVIDENCE_SOURCES. */
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
/** Longest evidence quote, in characters. */
export const MAX_QUOTE_LENGTH = 5_000;
/** Longest customer name, in characters. */
export const MAX_CUSTOMER_LENGTH = 200;

/** One piece of customer evidence (the `feedback` root) as the views read it. */
export interface Evidence {
  readonly id: string;
  readonly quote: string;
  readonly source: EvidenceSource;
  /** Who said it; "" when anonymous. Distinct customers are counted case-insensitively. */
  readonly customer: string;
  /** When it was said, "YYYY-MM-DD", or null. */
  readonly date: string | null;
  /** Linked card ids, sorted; one may name a card deleted concurrently, which views skip. */
  readonly cardIds: readonly string[];
  readonly createdBy: string;
  readonly createdAt: number;
}

/** How much evidence backs one card. */
export interface EvidenceCount {
  /** Linked pieces of evidence. */
  readonly count: number;
  /** Distinct named customers among them. */
  readonly customers: number;
}

/** The count of a card no evidence is linked to. */
export const NO_EVIDENCE: EvidenceCount = { count: 0, customers: 0 };

// Storage: feedback.<id> is a Y.Map {id, quote, source, customer, date, createdBy, createdAt, cardIds}
// where cardIds is a Y.Map<cardId, true>: linking is a set operation, so concurrent links and unlinks
// of different cards all survive and the same card linked twice is still one link.

function linkedIds(map: ItemMap): string[] {
  const stored = map.get("cardIds");
  let ids: unknown[] = [];
  if (stored instanceof Y.Map) ids = [...stored.keys()].filter((id) => stored.get(id) === true);
  else if (stored instanceof Y.Array) ids = stored.toArray();
  else if (Array.isArray(stored)) ids = stored;
  return [...new Set(ids.filter((id): id is string => typeof id === "string"))].sort();
}

/** Reads one piece of evidence defensively (unknown values read as defaults, never throws). */
export function readEvidence(id: string, map: ItemMap): Evidence {
  const quote = map.get("quote");
  const source = map.get("source");
  const customer = map.get("customer");
  const date = map.get("date");
  const createdBy = map.get("createdBy");
  const createdAt = map.get("createdAt");
  return {
    id,
    quote: typeof quote === "string" ? quote : "",
    source: EVIDENCE_SOURCES.includes(source as EvidenceSource) ? (source as EvidenceSource) : "other",
    customer: typeof customer === "string" ? customer : "",
    date: isIsoDate(date) ? date : null,
    cardIds: linkedIds(map),
    createdBy: typeof createdBy === "string" ? createdBy : "",
    createdAt: typeof createdAt === "number" && Number.isFinite(createdAt) ? createdAt : 0,
  };
}

/** Orders evidence newest first: by date, then creation time, then id, the same on every peer. */
export function compareEvidence(a: Evidence, b: Evidence): number {
  const dateA = a.date ?? "";
  const dateB = b.date ?? "";
  if (dateA !== dateB) return dateA < dateB ? 1 : -1;
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function customerKey(customer: string): string {
  return customer.trim().toLocaleLowerCase();
}

/** Counts linked evidence and distinct named customers per card id. */
export function countEvidence(evidence: Iterable<Evidence>): ReadonlyMap<string, EvidenceCount> {
  const perCard = new Map<string, { count: number; customers: Set<string> }>();
  for (const item of evidence) {
    const customer = customerKey(item.customer);
    for (const cardId of item.cardIds) {
      let entry = perCard.get(cardId);
      if (!entry) {
        entry = { count: 0, customers: new Set() };
        perCard.set(cardId, entry);
      }
      entry.count++;
      if (customer) entry.customers.add(customer);
    }
  }
  const counts = new Map<string, EvidenceCount>();
  for (const [cardId, { count, customers }] of perCard)
    counts.set(cardId, { count, customers: customers.size });
  return counts;
}

/** The editable fields of a piece of evidence. */
export interface EvidenceFields {
  readonly quote: string;
  readonly source: EvidenceSource;
  readonly customer: string;
  readonly date: string | null;
}

function checkFields(fields: Partial<EvidenceFields>): Partial<EvidenceFields> {
  const checked: { -readonly [K in keyof EvidenceFields]?: EvidenceFields[K] } = {};
  if (fields.quote !== undefined) {
    const quote = typeof fields.quote === "string" ? fields.quote.trim() : "";
    if (quote.length === 0 || quote.length > MAX_QUOTE_LENGTH) {
      throw new BoardInputError("quote_invalid", `A quote is 1–${MAX_QUOTE_LENGTH} characters.`);
    }
    checked.quote = quote;
  }
  if (fields.source !== undefined) {
    if (!EVIDENCE_SOURCES.includes(fields.source)) {
      throw new BoardInputError(
        "source_invalid",
        `The source must be one of ${EVIDENCE_SOURCES.join(", ")}.`,
      );
    }
    checked.source = fields.source;
  }
  if (fields.customer !== undefined) {
    const customer = typeof fields.customer === "string" ? fields.customer.replace(/\s+/g, " ").trim() : null;
    if (customer === null || customer.length > MAX_CUSTOMER_LENGTH) {
      throw new BoardInputError(
        "customer_invalid",
        `A customer name is at most ${MAX_CUSTOMER_LENGTH} characters.`,
      );
    }
    checked.customer = customer;
  }
  if (fields.date !== undefined) {
    if (fields.date !== null && !isIsoDate(fields.date)) {
      throw new BoardInputError("date_invalid", "The date must be written YYYY-MM-DD.");
    }
    checked.date = fields.date;
  }
  return checked;
}

function writeFields(map: ItemMap, fields: Partial<EvidenceFields>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) map.delete(key);
    else if (map.get(key) !== value) map.set(key, value);
  }
}

function requireEvidence(doc: Y.Doc, evidenceId: string): ItemMap {
  const evidence = getRoots(doc).feedback.get(evidenceId);
  if (!(evidence instanceof Y.Map))
    throw new BoardInputError("evidence_not_found", `There is no evidence ${evidenceId} on this board.`);
  return evidence;
}

function links(evidence: ItemMap): Y.Map<true> {
  const stored = evidence.get("cardIds");
  if (stored instanceof Y.Map) return stored as Y.Map<true>;
  const created = new Y.Map<true>(linkedIds(evidence).map((id) => [id, true]));
  evidence.set("cardIds", created);
  return created;
}

/** Records a piece of customer evidence, optionally linked to cards, and returns its id. */
export function createEvidence(
  doc: Y.Doc,
  {
    quote,
    source,
    customer = "",
    date = null,
    cardIds = [],
    by,
  }: {
    quote: string;
    source: EvidenceSource;
    customer?: string;
    date?: string | null;
    cardIds?: readonly string[];
    by: string;
  },
  origin?: unknown,
): string {
  const fields = checkFields({ quote, source, customer, date });
  const id = newId();
  doc.transact(() => {
    for (const cardId of cardIds) requireCard(doc, cardId);
    const stored = Object.entries(fields).filter(([, value]) => value !== null);
    getRoots(doc).feedback.set(
      id,
      new Y.Map<unknown>([
        ["id", id],
        ...stored,
        ["createdBy", by],
        ["createdAt", Date.now()],
        ["cardIds", new Y.Map<true>(cardIds.map((cardId) => [cardId, true]))],
      ]),
    );
  }, origin);
  return id;
}

/** Edits a piece of evidence's quote, source, customer or date (null clears the date). */
export function editEvidence(
  doc: Y.Doc,
  evidenceId: string,
  patch: Partial<EvidenceFields>,
  origin?: unknown,
): void {
  const fields = checkFields(patch);
  doc.transact(() => writeFields(requireEvidence(doc, evidenceId), fields), origin);
}

/** Links a piece of evidence to a card (linking twice is one link). */
export function linkEvidence(doc: Y.Doc, evidenceId: string, cardId: string, origin?: unknown): void {
  doc.transact(() => {
    const evidence = requireEvidence(doc, evidenceId);
    requireCard(doc, cardId);
    const cardIds = links(evidence);
    if (cardIds.get(cardId) !== true) cardIds.set(cardId, true);
  }, origin);
}

/** Unlinks a piece of evidence from a card. */
export function unlinkEvidence(doc: Y.Doc, evidenceId: string, cardId: string, origin?: unknown): void {
  doc.transact(() => {
    const cardIds = links(requireEvidence(doc, evidenceId));
    if (cardIds.has(cardId)) cardIds.delete(cardId);
  }, origin);
}

/** Deletes a piece of evidence for good. */
export function deleteEvidence(doc: Y.Doc, evidenceId: string, origin?: unknown): void {
  doc.transact(() => {
    requireEvidence(doc, evidenceId);
    getRoots(doc).feedback.delete(evidenceId);
  }, origin);
}

/** Removes a deleted card from every piece of evidence; call inside the deleting transaction. */
export function unlinkCardEverywhere(doc: Y.Doc, cardId: string): void {
  getRoots(doc).feedback.forEach((evidence) => {
    const cardIds = evidence instanceof Y.Map ? evidence.get("cardIds") : null;
    if (cardIds instanceof Y.Map && cardIds.has(cardId)) cardIds.delete(cardId);
  });
}
