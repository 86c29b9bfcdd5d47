"use client";

import { useEffect, useState } from "react";
import { classifyMediaError, type MediaProblem } from "./media-problems";

export type LocalMediaState =
  | { status: "off" }
  | { status: "starting" }
  | { status: "ready"; track: MediaStreamTrack; deviceId?: string }
  | { status: "problem"; problem: MediaProblem };

function constraintsFor(kind: "audio" | "video", deviceId: string | undefined): MediaStreamConstraints {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  return kind === "video"
    ? { video: { ...device, width: { ideal: 1280 }, height: { ideal: 720 } } }
    : { audio: { ...device, echoCancellation: true, noiseSuppression: true, autoGainControl: true } };
}

async function open(kind: "audio" | "video", deviceId: string | undefined): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraintsFor(kind, deviceId));
    const [track] = kind === "video" ? stream.getVideoTracks() : stream.getAudioTracks();
    if (!track) throw new DOMException("no track", "NotFoundError");
    return track;
  } catch (error) {
    // A remembered device that is gone (unplugged, another computer): fall back to the default one.
    const name = error instanceof Error ? error.name : "";
    if (deviceId && (name === "OverconstrainedError" || name === "NotFoundError")) return open(kind, undefined);
    throw error;
  }
}

/**
 * One camera or microphone track for the preview, opened while `wanted` and
 * stopped when unwanted, when the device changes and on unmount. `attempt`
 * re-runs the request (the "Try again" button).
 */
export function useLocalMedia(kind: "audio" | "video", wanted: boolean, deviceId: string | undefined, attempt: number) {
  const [state, setState] = useState<LocalMediaState>({ status: "off" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger for "Try again".
  useEffect(() => {
    if (!wanted) {
      setState({ status: "off" });
      return;
    }
    if (typeof navigator === "undefined" || !navigator.mediaDevices?.getUserMedia) {
      setState({ status: "problem", problem: "unsupported" });
      return;
    }
    let cancelled = false;
    let track: MediaStreamTrack | null = null;
    // The device was unplugged or taken by the system while previewing.
    const onEnded = () => {
      if (!cancelled) setState({ status: "problem", problem: "not-found" });
    };
    setState({ status: "starting" });
    open(kind, deviceId).then(
      (opened) => {
        // Unmounted or changed while the browser was asking: never leave a camera light on.
        if (cancelled) return opened.stop();
        track = opened;
        opened.addEventListener("ended", onEnded);
        setState({ status: "ready", track: opened, deviceId: opened.getSettings().deviceId });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: "problem", problem: classifyMediaError(error) });
      },
    );
    return () => {
      cancelled = true;
      track?.removeEventListener("ended", onEnded);
      track?.stop();
    };
  }, [kind, wanted, deviceId, attempt]);

  return state;
}
