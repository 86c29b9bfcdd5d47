/**
 * Why a camera or microphone could not start, and what to tell the person.
 * Pure, so the wording for each browser is unit-tested.
 */
export type MediaProblem = "denied" | "not-found" | "in-use" | "unsupported" | "failed";

export function classifyMediaError(error: unknown): MediaProblem {
  const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
  switch (name) {
    // SecurityError: blocked by policy (e.g. an insecure page); the fix is the same for the person.
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "not-found";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "in-use";
    case "TypeError":
      return "unsupported";
    default:
      return "failed";
  }
}

export type BrowserFamily =
  | "chrome"
  | "edge"
  | "firefox"
  | "safari"
  | "safari-ios"
  | "ios-other"
  | "chrome-android"
  | "samsung"
  | "other";

export function detectBrowser(userAgent: string, maxTouchPoints = 0): BrowserFamily {
  const ua = userAgent;
  // iPadOS 13+ says "Macintosh"; only touch tells it apart from a Mac.
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1);
  if (ios) return /CriOS|FxiOS|EdgiOS|OPiOS/.test(ua) ? "ios-other" : "safari-ios";
  if (/SamsungBrowser\//.test(ua)) return "samsung";
  if (/Edg(e|A)?\//.test(ua)) return "edge";
  if (/Firefox\//.test(ua)) return "firefox";
  if (/Android/.test(ua) && /Chrome\//.test(ua)) return "chrome-android";
  if (/Chrome\/|Chromium\//.test(ua)) return "chrome";
  if (/Safari\//.test(ua) && /Version\//.test(ua)) return "safari";
  return "other";
}

export const BROWSER_NAMES: Record<BrowserFamily, string> = {
  chrome: "Chrome",
  edge: "Microsoft Edge",
  firefox: "Firefox",
  safari: "Safari",
  "safari-ios": "Safari",
  "ios-other": "your browser",
  "chrome-android": "Chrome",
  samsung: "Samsung Internet",
  other: "your browser",
};

/** Step-by-step, in the words the browser itself shows, to unblock the camera and microphone. */
export function permissionSteps(browser: BrowserFamily): string[] {
  switch (browser) {
    case "chrome":
    case "edge":
      return [
        "Look at the address bar at the top, where the web address is. Click the camera icon with a red cross at its right-hand end (or the small icon just left of the web address).",
        "Choose “Always allow”, or switch Camera and Microphone on.",
        "Press “Try again” below.",
      ];
    case "firefox":
      return [
        "Click the crossed-out camera or microphone icon at the left of the address bar.",
        "Click the × next to “Blocked temporarily” (or “Blocked”) to remove the block.",
        "Press “Try again” below, then choose “Allow” when Firefox asks.",
      ];
    case "safari":
      return [
        "In the menu bar at the very top of the screen, click “Safari”, then “Settings for This Website…”.",
        "Set Camera and Microphone to “Allow”.",
        "Press “Try again” below. If nothing changes, reload the page.",
      ];
    case "safari-ios":
      return [
        "Tap “aA” (or the page menu icon) in the address bar, then “Website Settings”.",
        "Set Camera and Microphone to “Allow”.",
        "Reload the page.",
      ];
    case "ios-other":
      return [
        "Open the Settings app on your iPhone or iPad and find this browser in the list.",
        "Switch Camera and Microphone on.",
        "Come back here and reload the page.",
      ];
    case "chrome-android":
    case "samsung":
      return [
        "Tap the icon just left of the web address, then “Permissions”.",
        "Switch Camera and Microphone on (“Allow”).",
        "Press “Try again” below.",
      ];
    case "other":
      return [
        "Look for a camera icon in the address bar, or open this browser’s settings for this website.",
        "Allow the camera and microphone.",
        "Press “Try again” below.",
      ];
  }
}
