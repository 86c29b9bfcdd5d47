// What a media file holds, from ffprobe: its duration and streams.

import { runTool } from "./run-tool";

export type MediaStream = { codecType: "audio" | "video" | string; codecName: string; width?: number; height?: number };
export type MediaFacts = { durationSeconds: number; streams: MediaStream[] };

type FfprobeOutput = {
  format?: { duration?: string };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string }[];
};

export async function probeMedia(path: string, ffprobePath = "ffprobe"): Promise<MediaFacts> {
  const output = await runTool(ffprobePath, [
    "-v",
    "error",
    "-print_format",
    "json",
    "-show_entries",
    "format=duration:stream=codec_type,codec_name,width,height,duration",
    path,
  ]);
  const parsed = JSON.parse(output.toString("utf8")) as FfprobeOutput;
  const streams = (parsed.streams ?? []).map((stream) => ({
    codecType: stream.codec_type ?? "unknown",
    codecName: stream.codec_name ?? "unknown",
    ...(stream.width ? { width: stream.width } : {}),
    ...(stream.height ? { height: stream.height } : {}),
  }));
  // A fragmented file may lack a container duration; the longest stream then stands for it.
  const seconds = (value: string | undefined) => {
    const parsedValue = Number.parseFloat(value ?? "");
    return Number.isFinite(parsedValue) && parsedValue > 0 ? parsedValue : 0;
  };
  const durationSeconds =
    seconds(parsed.format?.duration) || Math.max(0, ...(parsed.streams ?? []).map((s) => seconds(s.duration)));
  return { durationSeconds, streams };
}
