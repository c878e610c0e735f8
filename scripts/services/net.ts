import net from "node:net";
import { ServiceStartError } from "./service-error";

/** Asks the kernel for a free TCP port on loopback (tests and benchmarks run isolated stacks). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Fails with a one-line error naming the component when its port is already taken. */
export async function assertPortFree(component: string, port: number): Promise<void> {
  const taken = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
  if (taken) throw new ServiceStartError(component, `port ${port} is already in use (stop what holds it or set another port)`);
}

/** Polls `probe` until it resolves true or the timeout passes; the error names the component. */
export async function waitUntilReady(
  component: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 100, failure }: { timeoutMs?: number; intervalMs?: number; failure?: () => string | undefined } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    const exited = failure?.();
    if (exited) throw new ServiceStartError(component, exited);
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new ServiceStartError(component, `not ready after ${timeoutMs} ms${lastError ? ` (${lastError})` : ""}`);
}
