import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respondToJoinLink } from "@/lib/server/invites/join-link-response";
import { type AppEnvironment, setUpAppEnvironment } from "../support/app-environment";

let app: AppEnvironment;

beforeAll(() => {
  app = setUpAppEnvironment({ JOIN_LINK_RATE_LIMIT: "3" });
});

afterAll(async () => {
  await app.close();
});

function linkRequest(ip: string) {
  return new Request(`http://127.0.0.1:3999/join/${"B".repeat(43)}`, { headers: { "x-forwarded-for": ip } });
}

describe("invite link attempts", () => {
  it("are limited per address with 429 and Retry-After, without locking out other addresses", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await respondToJoinLink(linkRequest("198.51.100.1"), "B".repeat(43), "GET")).status).toBe(410);
    }
    const limited = await respondToJoinLink(linkRequest("198.51.100.1"), "B".repeat(43), "POST");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("cache-control")).toBe("no-store");

    expect((await respondToJoinLink(linkRequest("198.51.100.2"), "B".repeat(43), "GET")).status).toBe(410);
  });
});
