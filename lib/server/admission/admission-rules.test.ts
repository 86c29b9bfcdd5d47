import { describe, expect, it } from "vitest";
import { mayReceiveToken, onEnterWaitingRoom } from "./admission-rules";

describe("admission", () => {
  it("someone waiting stays waiting unless the visit admits automatically", () => {
    expect(onEnterWaitingRoom("WAITING", false)).toBe("WAITING");
    expect(onEnterWaitingRoom("WAITING", true)).toBe("ADMITTED");
  });

  it("auto-admit never overrides a host's denial", () => {
    expect(onEnterWaitingRoom("DENIED", true)).toBe("DENIED");
  });

  it("only admitted people get a token", () => {
    expect(mayReceiveToken("ADMITTED")).toBe(true);
    expect(mayReceiveToken("WAITING")).toBe(false);
    expect(mayReceiveToken("DENIED")).toBe(false);
  });
});
