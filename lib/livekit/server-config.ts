import "server-only";
import { env } from "@/lib/env";

/** LiveKit's HTTP API lives on the same host and port as its WebSocket signalling. */
export function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, "http$1://");
}

export function liveKitServerConfig() {
  const settings = env();
  return {
    apiUrl: toHttpUrl(settings.LIVEKIT_URL),
    // What browsers connect to; differs from LIVEKIT_URL behind a proxy or load balancer.
    publicUrl: settings.LIVEKIT_PUBLIC_URL.replace(/^http(s?):\/\//, "ws$1://"),
    apiKey: settings.LIVEKIT_API_KEY,
    apiSecret: settings.LIVEKIT_API_SECRET,
  };
}
