import { beforeEach, describe, expect, it, vi } from "vitest";

// decode is wrapped so the tests can see how often a token is really decrypted.
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...original, decode: vi.fn(original.decode) };
});
const { decode, encode } = await import("next-auth/jwt");
const { createSessionTokenReader, sessionCookieName } = await import("./session-token");

const SECRET = "a-test-secret-that-is-long-enough-for-hkdf-0123456789";
const COOKIE = sessionCookieName("production");
const SESSION_ID = "5f0c8a52-3c1b-4d8e-9a57-0b6e2f1d4c3a";

const tokenFor = (claims: Record<string, unknown>, maxAge = 3600, secret = SECRET, salt = COOKIE) => encode({ token: claims, secret, salt, maxAge });

describe("sessionCookieName", () => {
  it("has the __Secure- prefix in production only, as auth-config's useSecureCookies does", () => {
    expect(sessionCookieName("production")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName("development")).toBe("authjs.session-token");
    expect(sessionCookieName("test")).toBe("authjs.session-token");
  });
});

describe("createSessionTokenReader", () => {
  beforeEach(() => { vi.mocked(decode).mockClear(); });

  it("reads the session id from a token Auth.js sealed, decrypting each token once", async () => {
    const read = createSessionTokenReader({ secret: SECRET, cookieName: COOKIE });
    const token = await tokenFor({ sid: SESSION_ID });
    expect(await read(token)).toBe(SESSION_ID);
    expect(await read(token)).toBe(SESSION_ID);
    expect(await read(token)).toBe(SESSION_ID);
    expect(decode).toHaveBeenCalledTimes(1);
    const other = await tokenFor({ sid: "0d7e1b6a-9c2f-4b1e-8f3a-6c5d4e3b2a19" });
    expect(await read(other)).toBe("0d7e1b6a-9c2f-4b1e-8f3a-6c5d4e3b2a19");
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("answers no session for a missing, tampered or foreign token, and does not remember it", async () => {
    const read = createSessionTokenReader({ secret: SECRET, cookieName: COOKIE });
    const token = await tokenFor({ sid: SESSION_ID });
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await read(undefined)).toBeUndefined();
    expect(await read("")).toBeUndefined();
    expect(await read("not-a-token")).toBeUndefined();
    expect(await read(tampered)).toBeUndefined();
    expect(await read(await tokenFor({ sid: SESSION_ID }, 3600, "another-secret-that-is-long-enough-for-hkdf-987654"))).toBeUndefined();
    // Sealed for the other cookie name (the development one): its key is derived with another salt.
    expect(await read(await tokenFor({ sid: SESSION_ID }, 3600, SECRET, sessionCookieName("development")))).toBeUndefined();
    vi.mocked(decode).mockClear();
    expect(await read(tampered)).toBeUndefined();
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("stops honouring a remembered token once it expires", async () => {
    let clock = Date.now();
    const read = createSessionTokenReader({ secret: SECRET, cookieName: COOKIE, now: () => clock });
    const token = await tokenFor({ sid: SESSION_ID }, 60);
    expect(await read(token)).toBe(SESSION_ID);
    clock += 60_000 + 14_000;
    expect(await read(token)).toBe(SESSION_ID);
    clock += 2_000;
    expect(await read(token)).toBeUndefined();
  });

  it("answers no session id for a token without one", async () => {
    const read = createSessionTokenReader({ secret: SECRET, cookieName: COOKIE });
    expect(await read(await tokenFor({}))).toBeUndefined();
    expect(await read(await tokenFor({ sid: 42 }))).toBeUndefined();
  });
});
