import * as net from "node:net";
import type { PortSetting } from "./stack-config.js";

/** Every service binds loopback only: the local stack is never reachable from the network. */
export const LOOPBACK = "127.0.0.1";

/** True when nothing listens on the loopback port, found by binding it for a moment. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The settings whose port something else already listens on. */
export async function busyPorts(settings: readonly PortSetting[]): Promise<PortSetting[]> {
  const free = await Promise.all(settings.map((s) => isPortFree(s.port)));
  return settings.filter((_, i) => !free[i]);
}
