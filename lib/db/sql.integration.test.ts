import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "./sql";

describe("sql.query against the suite's Postgres", () => {
  it("prepares a statement on its connection once, then runs it by name with new parameters", async () => {
    // A text of this run's own, so no earlier test can have prepared it.
    const text = `SELECT $1::int + 1 AS "next" -- ${randomUUID()}`;
    expect(await sql.query(text, [1])).toEqual([{ next: 2 }]);
    expect(await sql.query(text, [41])).toEqual([{ next: 42 }]);
    // pg-pool hands out the connection released last, so with nothing else running this lands on the same connection.
    const prepared = await sql.query<{ name: string; parameterTypes: string[] }>(
      `SELECT name, parameter_types::text[] AS "parameterTypes" FROM pg_prepared_statements WHERE statement = $1`,
      [text],
    );
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^medanchor_[0-9a-f]{32}$/);
    expect(prepared[0]!.parameterTypes).toEqual(["integer"]);
  });

  it("keeps statements with different texts apart", async () => {
    const suffix = randomUUID();
    const [a] = await sql.query<{ value: string }>(`SELECT 'a' AS value -- ${suffix}`);
    const [b] = await sql.query<{ value: string }>(`SELECT 'b' AS value -- ${suffix}`);
    expect([a!.value, b!.value]).toEqual(["a", "b"]);
  });
});
