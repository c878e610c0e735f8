/**
 * Static checks of the authorization matrix over the source tree: every server action and route handler
 * in app/ has exactly one entry, every protected action takes its actor from `currentActor()` and hands
 * it to the service it is listed with, and that service authorizes with the listed rule.
 */
import { describe, expect, it, vi } from "vitest";

// The matrix imports every service, and with them Auth.js, which needs Next's request scope.
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { rules } from "@/lib/authz/rules";
import { discoverEndpoints, endpointKey, readSource, type Endpoint } from "@/scripts/test-support/app-endpoints";
import { AUTHORIZATION_MATRIX, type ProtectedEntry, type PublicEntry } from "@/scripts/test-support/authorization-matrix";

const protectedEntries = AUTHORIZATION_MATRIX.filter((e): e is ProtectedEntry => e.kind === "action");
const publicEntries = AUTHORIZATION_MATRIX.filter((e): e is PublicEntry => e.kind !== "action");

describe("authorization matrix: static checks over app/", () => {
  const { endpoints, problems } = discoverEndpoints();
  const byKey = new Map(endpoints.map((e) => [endpointKey(e), e]));
  const describeEndpoint = (e: Endpoint) => `${endpointKey(e)} (${e.kind === "route" ? "route handler" : "server action"})`;

  it("finds the endpoints it should (sanity check of the parser)", () => {
    expect(problems).toEqual([]);
    expect(byKey.get("app/admin/doctors/actions.ts#decideDoctorAction")?.body).toContain("decideDoctor(");
    expect(byKey.get("app/api/health/route.ts#GET")?.kind).toBe("route");
    expect(byKey.get("app/api/auth/[...nextauth]/route.ts#POST")?.reexportedFrom).toBe("@/lib/auth/route-handlers");
  });

  it("has a matrix entry for every server action and route handler, and none for endpoints that no longer exist", () => {
    const listed = new Set(AUTHORIZATION_MATRIX.map(endpointKey));
    const missing = endpoints.filter((e) => !listed.has(endpointKey(e))).map(describeEndpoint);
    const stale = AUTHORIZATION_MATRIX.filter((e) => !byKey.has(endpointKey(e))).map(endpointKey);
    expect(
      missing,
      `Endpoints without an entry in scripts/test-support/authorization-matrix/ (add one to the capability's file with the service it calls and the expected outcome per caller, or list it as public with a justification):\n  ${missing.join("\n  ")}`,
    ).toEqual([]);
    expect(stale, `Matrix entries for endpoints that no longer exist:\n  ${stale.join("\n  ")}`).toEqual([]);
    expect(new Set(AUTHORIZATION_MATRIX.map(endpointKey)).size, "each endpoint is listed once").toBe(AUTHORIZATION_MATRIX.length);
  });

  it("lists only server actions as protected actions and only route handlers as public routes", () => {
    for (const entry of AUTHORIZATION_MATRIX) {
      const endpoint = byKey.get(endpointKey(entry));
      if (!endpoint) continue;
      expect(endpoint.kind === "route", `${endpointKey(entry)} is a ${endpoint.kind}`).toBe(entry.kind === "public-route");
    }
  });

  it("has every protected action take its actor from currentActor() and pass it to the service it is listed with", () => {
    const offenders: string[] = [];
    for (const entry of protectedEntries) {
      const endpoint = byKey.get(endpointKey(entry));
      const source = readSource(entry.file);
      const call = `${entry.service.name}(await currentActor()`;
      if (!endpoint?.body?.includes(call)) offenders.push(`${endpointKey(entry)} must call \`${call}, ...)\``);
      if (!/import \{[^}]*\bcurrentActor\b[^}]*\} from "@\/lib\/auth\/current-actor";/.test(source)) offenders.push(`${entry.file} must import currentActor from @/lib/auth/current-actor`);
      if (!new RegExp(`import \\{[^}]*\\b${entry.service.name}\\b[^}]*\\} from "@/lib/`).test(source)) offenders.push(`${entry.file} must import ${entry.service.name} from a lib/ service`);
    }
    expect(offenders, offenders.join("\n")).toEqual([]);
  });

  it("has every public endpoint call the service it is listed with", () => {
    for (const entry of publicEntries) {
      const endpoint = byKey.get(endpointKey(entry));
      const text = endpoint?.body ?? (endpoint?.reexportedFrom ? `from "${endpoint.reexportedFrom}"` : "");
      expect(text, `${endpointKey(entry)} should contain ${entry.calls}`).toContain(entry.calls);
    }
  });

  it("has every protected service authorize with the rule it is listed with (or say why it needs none)", () => {
    for (const entry of protectedEntries) {
      const source = (entry.authorizedBy ?? entry.service).toString();
      if (entry.authorizedBy) expect(entry.service.toString(), `${entry.service.name} must call ${entry.authorizedBy.name}`).toMatch(new RegExp(`\\b${entry.authorizedBy.name}\\)?\\(`));
      if (entry.rule === null) {
        expect(entry.unauthorized?.length ?? 0, `${entry.service.name} makes no authorization check: say why`).toBeGreaterThan(20);
        expect(source).not.toMatch(/\bauthorize\)?\(/);
        continue;
      }
      expect(rules, `rule ${entry.rule} exists`).toHaveProperty([entry.rule]);
      const authorizer = (entry.authorizedBy ?? entry.service).name;
      expect(source, `${authorizer} must call authorize`).toMatch(/\bauthorize\)?\(/);
      expect(source, `${authorizer} must authorize "${entry.rule}"`).toContain(`"${entry.rule}"`);
    }
  });
});
