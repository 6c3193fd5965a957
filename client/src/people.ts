import type { ViewMember } from "./views/ViewProps";

/** Up to two initials of a person's name, for badges ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "?";
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Member names by user id. */
export function namesById(members: readonly ViewMember[]): ReadonlyMap<string, string> {
  return new Map(members.map((member) => [member.id, member.name]));
}

/** A short, readable due date: "12 Mar" this year, "12 Mar 2027" otherwise. */
export function formatDueDate(iso: string, now = new Date()): string {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  const sameYear = date.getUTCFullYear() === now.getFullYear();
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
}

/** True when an ISO date lies before today (local calendar). */
export function isOverdue(iso: string, now = new Date()): boolean {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return iso < today;
}
