import { describe, expect, it } from "vitest";
import { BROWSER_NAMES, classifyMediaError, detectBrowser, permissionSteps } from "./media-problems";

const UA = {
  chrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0",
  firefox: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0",
  safari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
  iphoneChrome:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/141.0 Mobile/15E148 Safari/604.1",
  android:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36",
  samsung:
    "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
};

describe("browser detection for permission help", () => {
  it("tells the common browsers apart", () => {
    expect(detectBrowser(UA.chrome)).toBe("chrome");
    expect(detectBrowser(UA.edge)).toBe("edge");
    expect(detectBrowser(UA.firefox)).toBe("firefox");
    expect(detectBrowser(UA.safari)).toBe("safari");
    expect(detectBrowser(UA.iphone)).toBe("safari-ios");
    expect(detectBrowser(UA.iphoneChrome)).toBe("ios-other");
    expect(detectBrowser(UA.android)).toBe("chrome-android");
    expect(detectBrowser(UA.samsung)).toBe("samsung");
    expect(detectBrowser(UA.headless)).toBe("chrome");
    expect(detectBrowser("")).toBe("other");
  });

  it("an iPad that reports itself as a Mac is recognised by its touch screen", () => {
    expect(detectBrowser(UA.safari, 5)).toBe("safari-ios");
    expect(detectBrowser(UA.safari, 0)).toBe("safari");
  });

  it("names what to click in each browser", () => {
    expect(permissionSteps("chrome").join(" ")).toMatch(/address bar.*camera icon/);
    expect(permissionSteps("edge")).toEqual(permissionSteps("chrome"));
    expect(permissionSteps("firefox").join(" ")).toMatch(/crossed-out camera/);
    expect(permissionSteps("safari").join(" ")).toMatch(/Safari.*Settings for This Website/);
    expect(permissionSteps("safari-ios").join(" ")).toMatch(/Website Settings/);
    expect(BROWSER_NAMES.edge).toBe("Microsoft Edge");
    for (const browser of Object.keys(BROWSER_NAMES) as (keyof typeof BROWSER_NAMES)[]) {
      expect(permissionSteps(browser).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("media error classification", () => {
  const named = (name: string) => Object.assign(new Error(name), { name });

  it("maps getUserMedia errors to what the person can do about them", () => {
    expect(classifyMediaError(new DOMException("denied", "NotAllowedError"))).toBe("denied");
    expect(classifyMediaError(named("PermissionDeniedError"))).toBe("denied");
    expect(classifyMediaError(named("NotFoundError"))).toBe("not-found");
    expect(classifyMediaError(named("OverconstrainedError"))).toBe("not-found");
    expect(classifyMediaError(named("NotReadableError"))).toBe("in-use");
    expect(classifyMediaError(new TypeError("no mediaDevices"))).toBe("unsupported");
    expect(classifyMediaError("weird")).toBe("failed");
    expect(classifyMediaError(null)).toBe("failed");
  });
});
