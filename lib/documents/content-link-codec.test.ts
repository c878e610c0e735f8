import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CONTENT_LINK_TTL_MS, contentLinkCodec } from "./content-link-codec";

const SECRET = "s".repeat(40);
const user = randomUUID();
const document = randomUUID();

function flipCharacter(token: string, index: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const next = alphabet[(alphabet.indexOf(token[index]!) + 1) % alphabet.length]!;
  return token.slice(0, index) + next + token.slice(index + 1);
}

describe("content links", () => {
  it("name the user they were made for, for the document they were made for", () => {
    const codec = contentLinkCodec(SECRET);
    const token = codec.sign(user, document);
    expect(token).toMatch(/^[A-Za-z0-9_-]{30}\.[A-Za-z0-9_-]{43}$/);
    expect(codec.verify(token, document)).toBe(user);
    expect(token).not.toContain(user);
  });

  it("are refused for another document, another user's MAC, or any changed character", () => {
    const codec = contentLinkCodec(SECRET);
    const token = codec.sign(user, document);
    expect(codec.verify(token, randomUUID())).toBeNull();
    // Another user's payload with this user's MAC (a user swapping ids in their own link).
    const other = codec.sign(randomUUID(), document);
    expect(codec.verify(`${other.split(".")[0]}.${token.split(".")[1]}`, document)).toBeNull();
    for (const index of [0, 10, 29, 31, 50, token.length - 1]) expect([index, codec.verify(flipCharacter(token, index), document)]).toEqual([index, null]);
    expect(codec.verify(`${token}x`, document)).toBeNull();
    expect(codec.verify("", document)).toBeNull();
    expect(codec.verify(token, "not-a-uuid")).toBeNull();
  });

  it("are refused under another secret", () => {
    const token = contentLinkCodec(SECRET).sign(user, document);
    expect(contentLinkCodec("t".repeat(40)).verify(token, document)).toBeNull();
  });

  it("expire after their time to live (five minutes by default)", () => {
    let now = Date.UTC(2026, 11, 1, 9, 0, 0);
    const codec = contentLinkCodec(SECRET, () => now);
    const token = codec.sign(user, document);
    const short = codec.sign(user, document, 1000);
    now += CONTENT_LINK_TTL_MS - 1;
    expect(codec.verify(token, document)).toBe(user);
    expect(codec.verify(short, document)).toBeNull();
    now += 1;
    expect(codec.verify(token, document)).toBeNull();
    expect(CONTENT_LINK_TTL_MS).toBe(5 * 60 * 1000);
  });
});
