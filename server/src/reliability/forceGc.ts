import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection, also when the test process was started without `--expose-gc` (the flag is set at
 * run time and `gc` fetched from a fresh context), so heap figures compare live objects, not garbage.
 */
export function forceGc(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) {
    exposed();
    return;
  }
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** heapUsed plus ArrayBuffers (Yjs updates and socket buffers live there) after a full collection, in bytes. */
export function liveBytes(): number {
  forceGc();
  forceGc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
