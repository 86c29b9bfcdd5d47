import { describe, expect, it } from "vitest";
import { applyProgressLine, defaultVideoMaxKbps, encoderArgs, type FfmpegProgress } from "./ffmpeg-encoder";

describe("ffmpeg command line", () => {
  const args = encoderArgs({ outputPath: "/tmp/x.mp4", width: 1280, height: 720, fps: 15 });
  const joined = args.join(" ");

  it("reads raw I420 video from stdin and mono 48 kHz s16le audio from fd 3", () => {
    expect(joined).toContain("-f rawvideo -pix_fmt yuv420p -s 1280x720 -framerate 15 -i pipe:0");
    expect(joined).toMatch(/-f s16le -ar 48000 -ac 1 .*-i pipe:3/);
  });

  it("writes H.264 + AAC into a fragmented MP4 with a keyframe every 2 s", () => {
    expect(joined).toContain("-c:v libx264 -preset veryfast -tune zerolatency");
    expect(joined).toContain("-g 30");
    expect(joined).toContain("-c:a aac");
    expect(joined).toContain("-movflags +frag_keyframe+empty_moov+default_base_moof");
    // Fragments reach the disk as they are made (crash safety), not when ffmpeg exits.
    expect(joined).toContain("-flush_packets 1");
    expect(args.at(-1)).toBe("/tmp/x.mp4");
  });

  it("caps the video bit rate by picture size", () => {
    expect(defaultVideoMaxKbps(1280, 720, 15)).toBe(1650);
    expect(defaultVideoMaxKbps(320, 180, 5)).toBe(300);
  });
});

describe("ffmpeg -progress lines", () => {
  it("are read into the progress, other lines are not", () => {
    const progress: FfmpegProgress = { frame: 0, outTimeSeconds: 0, speed: null };
    for (const line of ["frame=150", "out_time_us=10000000", "speed=1.01x", "progress=continue"]) {
      expect(applyProgressLine(line, progress)).toBe(true);
    }
    expect(progress).toEqual({ frame: 150, outTimeSeconds: 10, speed: 1.01 });
    expect(applyProgressLine("[libx264 @ 0x55] frame=3 something", progress)).toBe(false);
    expect(applyProgressLine("speed=N/A", progress)).toBe(true);
    expect(progress.speed).toBeNull();
  });
});
