import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./servers";

function serverSource(): string {
  return ["server/src/server.ts", "server/src/main.ts"]
    .map((path) => {
      try {
        return readFileSync(join(REPO_ROOT, path), "utf8");
      } catch {
        return "";
      }
    })
    .join("\n");
}

/** Whether the server start-up uses DATABASE_URL (the PostgreSQL stores), judged from its source. */
export function postgresWired(): boolean {
  return /databaseUrl|PgDocStore|openPostgres/.test(serverSource());
}

/** Whether the server start-up uses REDIS_URL (Redis fan-out between instances), judged from its source. */
export function redisWired(): boolean {
  return /redisUrl|RedisFanoutBus/.test(serverSource());
}
