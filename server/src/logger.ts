import { type Logger, pino } from "pino";
import type { Config } from "./config";

export type { Logger } from "pino";

/** The server's structured logger (JSON lines on stdout) at the configured level. */
export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({ level: config.logLevel, base: { service: "converge-server" } });
}
