import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./same-origin";

const direct = { trustedProxyHops: 0 };
const behindOneProxy = { trustedProxyHops: 1 };
const check = (headers: Record<string, string>, options = direct) => checkSameOrigin(new Headers(headers), options);

describe("checkSameOrigin", () => {
  it("accepts the app's own origin, with or without a default port spelled out", () => {
    expect(check({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).toEqual({ ok: true });
    expect(check({ origin: "https://records.example.org", host: "records.example.org" })).toEqual({ ok: true });
    expect(check({ origin: "https://records.example.org", host: "records.example.org:443" })).toEqual({ ok: true });
    expect(check({ origin: "http://records.example.org", host: "Records.Example.org:80" })).toEqual({ ok: true });
    expect(check({ origin: "http://[::1]:3000", host: "[::1]:3000" })).toEqual({ ok: true });
  });

  it("refuses a missing, null or malformed Origin", () => {
    expect(check({ host: "127.0.0.1:3000" })).toEqual({ ok: false, reason: "missing" });
    expect(check({ origin: "", host: "127.0.0.1:3000" })).toEqual({ ok: false, reason: "missing" });
    expect(check({ origin: "null", host: "127.0.0.1:3000" })).toEqual({ ok: false, reason: "null" });
    for (const origin of ["127.0.0.1:3000", "http://127.0.0.1:3000/", "http://127.0.0.1:3000/path", "http://user@127.0.0.1:3000", "file:///etc", "http://a http://127.0.0.1:3000"]) {
      expect(check({ origin, host: "127.0.0.1:3000" }), origin).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("refuses another host, another port, or a look-alike", () => {
    expect(check({ origin: "https://evil.example", host: "records.example.org" })).toEqual({ ok: false, reason: "cross-origin" });
    expect(check({ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" })).toEqual({ ok: false, reason: "cross-origin" });
    expect(check({ origin: "https://records.example.org.evil.example", host: "records.example.org" })).toEqual({ ok: false, reason: "cross-origin" });
    expect(check({ origin: "https://sub.records.example.org", host: "records.example.org" })).toEqual({ ok: false, reason: "cross-origin" });
  });

  it("refuses when the addressed host is unknown or not a host", () => {
    expect(check({ origin: "http://127.0.0.1:3000" })).toEqual({ ok: false, reason: "no-host" });
    expect(check({ origin: "http://a.example", host: "a.example/@b.example" })).toEqual({ ok: false, reason: "no-host" });
  });

  it("ignores X-Forwarded-Host unless a proxy is trusted", () => {
    const headers = { origin: "https://evil.example", host: "records.internal:3000", "x-forwarded-host": "evil.example" };
    expect(check(headers, direct)).toEqual({ ok: false, reason: "cross-origin" });
    expect(check({ ...headers, origin: "http://records.internal:3000" }, direct)).toEqual({ ok: true });
  });

  it("behind trusted proxies, compares with the host the outermost trusted proxy forwarded", () => {
    expect(check({ origin: "https://records.example.org", host: "app:3000", "x-forwarded-host": "records.example.org" }, behindOneProxy)).toEqual({ ok: true });
    expect(check({ origin: "http://app:3000", host: "app:3000", "x-forwarded-host": "records.example.org" }, behindOneProxy)).toEqual({ ok: false, reason: "cross-origin" });
    // A client-written entry before the proxy's own is not trusted.
    expect(check({ origin: "https://evil.example", host: "app:3000", "x-forwarded-host": "evil.example, records.example.org" }, behindOneProxy)).toEqual({ ok: false, reason: "cross-origin" });
    expect(check({ origin: "https://records.example.org", host: "app:3000", "x-forwarded-host": "evil.example, records.example.org" }, behindOneProxy)).toEqual({ ok: true });
    expect(check({ origin: "https://records.example.org", host: "app:3000", "x-forwarded-host": "evil.example, records.example.org, edge.internal" }, { trustedProxyHops: 2 })).toEqual({ ok: true });
    // A proxy that sends no X-Forwarded-Host passes the browser's Host through.
    expect(check({ origin: "https://records.example.org", host: "records.example.org" }, behindOneProxy)).toEqual({ ok: true });
  });
});
