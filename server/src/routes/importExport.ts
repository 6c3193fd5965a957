import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod";
import { ApiError } from "../ApiError";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  type ImportExportService,
} from "../importExport/importExportService";

/** Paths of the import route, which has its own (larger) body limit instead of the one for the rest of /api. */
export const IMPORT_PATH = /^\/api\/boards\/[^/]+\/import\/?$/;

/** The `format` query parameter, or a 400 naming the formats there are. */
function formatOf<const F extends readonly [string, ...string[]]>(
  formats: F,
  value: string | undefined,
): F[number] {
  const parsed = z.enum(formats).default(formats[0]).safeParse(value);
  if (!parsed.success) {
    throw new ApiError(400, "invalid_format", `format: expected one of ${formats.join(", ")}`);
  }
  return parsed.data;
}

/**
 * `/api/boards/:id/export?format=json|csv` (members) and `/api/boards/:id/import?format=json|csv|trello` (editors and
 * owners; the body is the file itself, up to `maxImportBytes`).
 */
export function createImportExportRoutes({
  importExport,
  maxImportBytes,
}: {
  importExport: ImportExportService;
  maxImportBytes: number;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/:id/export", async (c) => {
    const { user } = requireUser(c);
    const format = formatOf(EXPORT_FORMATS, c.req.query("format"));
    const file = await importExport.export(user.id, c.req.param("id"), format);
    c.header("Content-Type", file.contentType);
    c.header("Content-Disposition", `attachment; filename="${file.filename}"`);
    return c.body(file.body);
  });

  app.post(
    "/:id/import",
    bodyLimit({
      maxSize: maxImportBytes,
      onError: () => {
        throw new ApiError(413, "body_too_large", `An import file is at most ${maxImportBytes} bytes.`);
      },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const format = formatOf(IMPORT_FORMATS, c.req.query("format"));
      const text = await c.req.text();
      if (text.trim() === "")
        throw new ApiError(400, "empty_file", "The request body (the file to import) is empty.");
      return c.json(await importExport.import(user.id, c.req.param("id"), format, text));
    },
  );

  return app;
}
