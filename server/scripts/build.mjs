// Bundles the server into dist/main.js for `node dist/main.js`: our TypeScript (server and @converge/shared) is
// compiled in, every runtime dependency of @converge/server stays an import from node_modules (native modules such as
// better-sqlite3 and @node-rs/argon2 cannot be bundled, and one copy of yjs must be shared).
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const external = Object.keys(pkg.dependencies)
  .filter((name) => !name.startsWith("@converge/"))
  .flatMap((name) => [name, `${name}/*`]);

await build({
  absWorkingDir: new URL(".", root).pathname,
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.6",
  external,
  sourcemap: true,
  logLevel: "warning",
});
