import type { PresenceUser } from "@converge/shared";
import type { User } from "./accountApi";

/** Colours people can pick for themselves, with names for the picker; each keeps white initials readable (4.5:1). */
export const PALETTE: readonly { readonly name: string; readonly color: string }[] = [
  { name: "Teal", color: "#0f766e" },
  { name: "Coral", color: "#c2410c" },
  { name: "Indigo", color: "#4f46e5" },
  { name: "Rose", color: "#be123c" },
  { name: "Amber", color: "#92400e" },
  { name: "Violet", color: "#7c3aed" },
  { name: "Sky", color: "#0369a1" },
  { name: "Lime", color: "#3f6212" },
];

const COLOR_KEY_PREFIX = "converge.color.";

/** A stable colour for anyone, picked from the palette by their id (the same on every screen). */
export function defaultColor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[hash % PALETTE.length]?.color ?? "#0f766e";
}

/** The colour this person chose on this device, or their default one. */
export function loadColor(userId: string, storage: Storage = window.localStorage): string {
  const stored = storage.getItem(COLOR_KEY_PREFIX + userId);
  return stored && PALETTE.some((swatch) => swatch.color === stored) ? stored : defaultColor(userId);
}

/** Remembers this person's colour on this device. */
export function saveColor(userId: string, color: string, storage: Storage = window.localStorage): void {
  storage.setItem(COLOR_KEY_PREFIX + userId, color);
}

/** The presence identity for an account: id and name from the account (the server stamps them), colour local. */
export function presenceUser(user: User, color: string): PresenceUser {
  return { id: user.id, name: user.name, color };
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
