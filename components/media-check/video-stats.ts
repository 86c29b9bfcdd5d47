import type { RemoteVideoTrack } from "livekit-client";

/** Frames this browser has decoded from a remote video track (WebRTC inbound-rtp stats). */
export async function framesDecoded(track: RemoteVideoTrack): Promise<number> {
  const report = await track.getRTCStatsReport();
  let frames = 0;
  report?.forEach((stat) => {
    if (stat.type === "inbound-rtp" && stat.kind === "video") frames += stat.framesDecoded ?? 0;
  });
  return frames;
}
