import { describe, expect, it } from "vitest";
import { spawnService } from "./child-process";
import { ServiceStartError } from "./service-error";

describe("spawnService", () => {
  it("names the component and the missing binary in one line", () => {
    expect(() => spawnService("chain", "/nonexistent/bin/anvil", [])).toThrow(ServiceStartError);
    expect(() => spawnService("chain", "/nonexistent/bin/anvil", [])).toThrow(/^chain: binary not found at \/nonexistent\/bin\/anvil \(run npm install\)$/);
  });

  it("reports why a process ended early", async () => {
    const service = spawnService("demo", process.execPath, ["-e", "console.error('listen EADDRINUSE'); process.exit(3)"]);
    await new Promise((resolve) => service.child.once("exit", resolve));
    expect(service.exitReason()).toBe("exited (code 3): listen EADDRINUSE");
  });
});
