import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * An HTTP error with a stable machine-readable code, rendered by `onError` as `{ error: { code, message } }` with any
 * extra `headers` (e.g. Retry-After).
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(status, { message });
  }
}
