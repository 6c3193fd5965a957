import type { ConnectionView } from "./connectionState";

/** The always-visible connection state: Live, Connecting…, Offline — changes saved on this device, or an error. */
export function ConnectionBadge({ connection }: { readonly connection: ConnectionView }) {
  return (
    <output
      className={`connection is-${connection.state}`}
      data-testid="connection-status"
      data-state={connection.state}
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      {connection.label}
    </output>
  );
}
