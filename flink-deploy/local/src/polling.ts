import { setTimeout as sleep } from "node:timers/promises";

/**
 * Calls `check` until it returns true or `timeoutMs` has passed; resolves to the last answer.
 * The check always runs at least once, so a zero timeout still asks.
 */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() + intervalMs > deadline) return false;
    await sleep(intervalMs);
  }
}
