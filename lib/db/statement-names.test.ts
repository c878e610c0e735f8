import { describe, expect, it } from "vitest";
import { statementNamer } from "./statement-names";

describe("statementNamer", () => {
  it("names a text the same way every time and different texts differently", () => {
    const name = statementNamer();
    const first = name("SELECT 1");
    expect(first).toMatch(/^medanchor_[0-9a-f]{32}$/);
    expect(name("SELECT 1")).toBe(first);
    expect(name("SELECT 2")).not.toBe(first);
    // The name comes from the text alone, so every process (and every connection) agrees on it.
    expect(statementNamer()("SELECT 1")).toBe(first);
  });

  it("leaves texts past the limit unnamed, but keeps naming those it already named", () => {
    const name = statementNamer(2);
    const a = name("SELECT 'a'");
    const b = name("SELECT 'b'");
    expect(name("SELECT 'c'")).toBeUndefined();
    expect(name("SELECT 'a'")).toBe(a);
    expect(name("SELECT 'b'")).toBe(b);
  });

  it("fits Postgres's 63-byte identifier limit", () => {
    expect(statementNamer()("SELECT now()")!.length).toBeLessThanOrEqual(63);
  });
});
