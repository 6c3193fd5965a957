import type { PresenceUser } from "@converge/shared";

/** Colours people can pick for themselves, each with a friendly name used in default names. */
export const PALETTE: readonly { readonly name: string; readonly color: string }[] = [
  { name: "Teal", color: "#0d9488" },
  { name: "Coral", color: "#e8590c" },
  { name: "Indigo", color: "#4f46e5" },
  { name: "Rose", color: "#e11d48" },
  { name: "Amber", color: "#b7791f" },
  { name: "Violet", color: "#7c3aed" },
  { name: "Sky", color: "#0284c7" },
  { name: "Lime", color: "#4d7c0f" },
];

const ANIMALS = ["Otter", "Heron", "Fox", "Lynx", "Panda", "Badger", "Falcon", "Koala", "Marten", "Puffin"];

const STORAGE_KEY = "converge.identity";

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** A fresh identity with a friendly name like "Teal Otter" in the matching colour. */
export function newIdentity(): PresenceUser {
  const colour = pick(PALETTE);
  return { id: crypto.randomUUID(), name: `${colour.name} ${pick(ANIMALS)}`, color: colour.color };
}

function parseIdentity(raw: string | null): PresenceUser | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { id, name, color } = value as Record<string, unknown>;
    if (typeof id !== "string" || typeof name !== "string" || typeof color !== "string") return null;
    if (!/^#[0-9a-f]{6}$/i.test(color) || name.trim() === "") return null;
    return { id, name, color };
  } catch (error) {
    console.warn("Ignoring an unreadable stored identity", error);
    return null;
  }
}

/** Reads this browser's identity from localStorage, creating and storing one on first use. */
export function loadIdentity(storage: Storage = window.localStorage): PresenceUser {
  const stored = parseIdentity(storage.getItem(STORAGE_KEY));
  if (stored) return stored;
  const fresh = newIdentity();
  saveIdentity(fresh, storage);
  return fresh;
}

/** Stores this browser's identity. */
export function saveIdentity(identity: PresenceUser, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(identity));
}

/** One or two initials for an avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => (word ? Array.from(word)[0]?.toUpperCase() : ""))
    .join("")
    .slice(0, 2);
}
