/**
 * Whether a request's `Origin` may change state or open a socket: one of `allowedOrigins` when any are configured,
 * otherwise the server's own origin (the Origin's host equals the request's host; with `trustProxy`, the
 * X-Forwarded-Host the proxy saw). A missing, opaque ("null") or unparsable Origin is never allowed.
 */
export function isAllowedOrigin(
  request: Request,
  { allowedOrigins, trustProxy }: { allowedOrigins: readonly string[]; trustProxy: boolean },
): boolean {
  const origin = request.headers.get("origin");
  if (!origin || !URL.canParse(origin)) return false;
  const parsed = new URL(origin);
  if (parsed.origin === "null") return false;
  if (allowedOrigins.length > 0)
    return allowedOrigins.some((allowed) => new URL(allowed).origin === parsed.origin);
  const forwardedHost = trustProxy ? firstValue(request.headers.get("x-forwarded-host")) : undefined;
  const ownHost = forwardedHost ?? new URL(request.url).host;
  const candidate = `${parsed.protocol}//${ownHost}`;
  return URL.canParse(candidate) && new URL(candidate).host === parsed.host;
}

/** Whether the client reached us over https: the request URL, or with `trustProxy` the proxy's X-Forwarded-Proto. */
export function isSecureRequest(request: Request, trustProxy: boolean): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return trustProxy && firstValue(request.headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
}

/**
 * The client's IP: the socket's peer address, or with `trustProxy` the right-most X-Forwarded-For entry (the one our
 * own proxy appended; entries to its left are whatever the client claimed).
 */
export function clientIp(request: Request, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    const last = forwarded?.[forwarded.length - 1];
    if (last) return last;
  }
  return socketAddress ?? "unknown";
}

function firstValue(header: string | null): string | undefined {
  const first = header?.split(",")[0]?.trim();
  return first ? first : undefined;
}
