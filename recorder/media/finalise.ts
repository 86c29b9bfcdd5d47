// After recording: the fragmented MP4 (complete, or cut short by a crash) becomes a normal MP4 with
// its index at the front (+faststart: a browser can start playing and seek over HTTP ranges at
// once). Only a remux (-c copy): seconds, not minutes, and no quality lost.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { probeMedia } from "./probe";
import { runTool } from "./run-tool";

export type FinalisedRecording = { durationSeconds: number; bytes: number; sha256: string };

export async function finaliseRecordingFile(
  sourcePath: string,
  targetPath: string,
  options: { ffmpegPath?: string; ffprobePath?: string } = {},
): Promise<FinalisedRecording> {
  const ffmpeg = options.ffmpegPath ?? "ffmpeg";
  await mkdir(path.dirname(targetPath), { recursive: true });
  // Written next to the target and renamed: a crash mid-remux never leaves a half file under the final name.
  const partial = path.join(path.dirname(targetPath), `.${path.basename(targetPath)}.${process.pid}.partial.mp4`);
  try {
    await runTool(ffmpeg, [
      "-hide_banner",
      "-nostdin",
      "-loglevel",
      "error",
      // A crash can cut the last fragment short: keep what is whole rather than give up.
      "-err_detect",
      "ignore_err",
      "-i",
      sourcePath,
      "-map",
      "0",
      "-c",
      "copy",
      "-movflags",
      "+faststart",
      "-f",
      "mp4",
      "-y",
      partial,
    ]);
    const facts = await probeMedia(partial, options.ffprobePath);
    if (!(facts.durationSeconds > 0) || facts.streams.length === 0) {
      throw new Error("the recording holds no playable media");
    }
    await rename(partial, targetPath);
    const [{ size }, sha256] = await Promise.all([stat(targetPath), sha256OfFile(targetPath)]);
    return { durationSeconds: facts.durationSeconds, bytes: size, sha256 };
  } finally {
    await rm(partial, { force: true });
  }
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
