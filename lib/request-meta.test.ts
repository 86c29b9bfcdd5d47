import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/request-meta";

describe("client address", () => {
  it("believes only the address our server saw when no proxy is trusted", () => {
    expect(clientIpFrom("127.0.0.1", false)).toBe("127.0.0.1");
    expect(clientIpFrom("203.0.113.9, 127.0.0.1", false)).toBe("127.0.0.1");
  });

  it("behind a trusted proxy, takes the address that proxy saw", () => {
    expect(clientIpFrom("198.51.100.7, 10.0.0.2", true)).toBe("198.51.100.7");
    expect(clientIpFrom("10.0.0.2", true)).toBe("10.0.0.2");
  });

  it("is null without a header", () => {
    expect(clientIpFrom(null, false)).toBeNull();
    expect(clientIpFrom(" , ", true)).toBeNull();
  });
});
