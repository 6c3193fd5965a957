// Bundles the server for `node dist/main.js`: our TypeScript (server and @converge/shared) and every pure-JavaScript
// dependency in one ES module graph, so start-up reads a handful of files instead of resolving and compiling ~400
// modules under node_modules. Code only some servers need (the PostgreSQL stores, the Redis bus) is split into chunks
// under dist/chunks/ that load on first use.
//
// Left as runtime imports from node_modules: better-sqlite3 (native), what the password child process requires on its
// own (@node-rs/argon2, native, and the zxcvbn dictionaries; see src/auth/PasswordProcess.ts), and the optional native
// add-ons some dependencies try to load (pg-native, ws's bufferutil/utf-8-validate).
//
// `node scripts/build.mjs [outdir]` (default dist).
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";

const root = new URL("../", import.meta.url).pathname;
const outdir = resolve(root, process.argv[2] ?? "dist");

const RUNTIME_IMPORTS = [
  "better-sqlite3",
  "@node-rs/argon2",
  "@zxcvbn-ts/core",
  "@zxcvbn-ts/language-common",
  "pg-native",
  "bufferutil",
  "utf-8-validate",
];

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: "src/main.ts" },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20.6",
  external: RUNTIME_IMPORTS.flatMap((name) => [name, `${name}/*`]),
  // CommonJS dependencies (pg, ioredis, ws, pino) call require() for Node's built-ins; an ES module has none.
  banner: {
    js: 'import { createRequire as __converge_createRequire } from "node:module";\nconst require = __converge_createRequire(import.meta.url);',
  },
  sourcemap: true,
  logLevel: "warning",
});
