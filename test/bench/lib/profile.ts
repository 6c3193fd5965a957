import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string): string {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/.exec(url);
  if (pnpm) return pnpm[1] as string;
  const repo = /\/(server|shared|test)\/src\/(.+)$/.exec(url);
  if (repo) return `${repo[1]}/src/${repo[2]}`;
  return url.replace(/^file:\/\//, "").replace(/^node:/, "node:") || "(native)";
}

/** The top self-time functions over every .cpuprofile in `dir`, as a markdown table (ms and share of samples). */
export function summariseProfiles(dir: string, top = 25): string {
  let files: string[];
  try {
    // Main threads only (CPU.<date>.<pid>.<tid>.<seq>.cpuprofile with tid 0), not tsx's loader worker.
    files = readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  } catch {
    return "_no profile written_";
  }
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let fromUs = 0;
  try {
    fromUs = (JSON.parse(readFileSync(join(dir, "mark.json"), "utf8")) as { fromMs: number }).fromMs * 1000;
  } catch {
    // no mark: the whole run
  }
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    let clock = 0;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      clock += delta;
      if (clock < fromUs) return;
      const node = nodes.get(id);
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)") {
        idleUs += delta;
        return;
      }
      totalUs += delta;
      const where = shortUrl(url);
      const key = `${functionName || "(anonymous)"} — ${where}${url ? `:${lineNumber + 1}` : ""}`;
      self.set(key, (self.get(key) ?? 0) + delta);
      const group = url
        ? where
            .split("/")
            .slice(0, where.startsWith("@") ? 2 : 1)
            .join("/")
        : functionName;
      const fileKey = where.startsWith("server/") || where.startsWith("shared/") ? where : group;
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + delta);
    });
  }
  if (files.length === 0) return "_no profile written_";
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [
    `${files.length} profile(s)${fromUs ? `, from ${(fromUs / 1000).toFixed(0)} ms after spawn (the measured part)` : ""}; busy ${(totalUs / 1000).toFixed(0)} ms, idle ${(idleUs / 1000).toFixed(0)} ms.`,
    "",
    "| self ms | share of busy | function — file:line |",
    "|---|---|---|",
    ...rows.map(
      ([key, us]) =>
        `| ${(us / 1000).toFixed(1)} | ${((us / totalUs) * 100).toFixed(1)}% | ${key.replace(/\|/g, "\\|")} |`,
    ),
    "",
    "By module / package (self time):",
    "",
    "| self ms | share | module |",
    "|---|---|---|",
    ...[...byFile.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([key, us]) => `| ${(us / 1000).toFixed(1)} | ${((us / totalUs) * 100).toFixed(1)}% | ${key} |`),
  ];
  return lines.join("\n");
}
