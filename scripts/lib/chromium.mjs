// Where the test browser comes from: Debian's Chromium when present (nothing
// to download), else Playwright's own build (only on a machine with internet).
import fs from "node:fs";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** @returns {string | undefined} */
export function systemChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return SYSTEM_CHROMIUM.find((candidate) => fs.existsSync(candidate));
}

/**
 * Flags for headless Chromium in tests (STACK.md): fake camera and microphone,
 * no sandbox as root, and no background traffic to the internet.
 * @param {{ fakeVideoFile?: string, fakeAudioFile?: string }} [media]
 */
export function chromiumTestArgs(media = {}) {
  const args = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
  ];
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  if (media.fakeVideoFile) args.push(`--use-file-for-fake-video-capture=${media.fakeVideoFile}`);
  if (media.fakeAudioFile) args.push(`--use-file-for-fake-audio-capture=${media.fakeAudioFile}`);
  return args;
}
