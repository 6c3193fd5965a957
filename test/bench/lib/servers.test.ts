import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convergeNodeFlags, REPO_ROOT } from "./servers";

describe("convergeNodeFlags", () => {
  it("reads the flags `pnpm start` runs the server with", () => {
    const flags = convergeNodeFlags();
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) expect(flag).toMatch(/^--[a-z-]+(=\S+)?$/);
    const start = (
      JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { start: string } }
    ).scripts.start;
    expect(start).toContain(`node ${flags.join(" ")} server/dist/main.js`);
  });

  it("matches every way the README tells people to run the bundle", () => {
    // The flags are explained in the README and written out in its deployment example; the bench measures the server
    // with the start script's. A flag changed in one place and not the others would make the figures lie.
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const commands = [...readme.matchAll(/\bnode((?:\s+--\S+)*)\s+server\/dist\/main\.js/g)];
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const [command, flags = ""] of commands) {
      expect({ command, flags: flags.trim().split(/\s+/).filter(Boolean) }).toEqual({
        command,
        flags: convergeNodeFlags(),
      });
    }
  });
});
