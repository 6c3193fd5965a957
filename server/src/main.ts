import { type Config, ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { startServer } from "./server";

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5_000;

const startedAt = performance.now();
let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config);
const server = await startServer(config, { logger });
logger.info(
  { url: server.url, port: server.port, startupMs: Math.round(performance.now() - startedAt) },
  "listening",
);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
