"use client";

import { RoomContext } from "@livekit/components-react";
import { ConnectionState } from "livekit-client";
import { type Dispatch, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { JoinChoices } from "@/components/prejoin/join-choices";
import type { ConnectionEvent } from "./connection-machine";
import { RoomView, type RoomViewProps } from "./room-view";
import { type RoomCredentials, useLiveKitRoom } from "./use-livekit-room";
import { announceLeaving } from "./use-presence";

type SessionProps = Omit<RoomViewProps, "onLeave" | "mediaError" | "micInitiallyOn"> & {
  credentials: RoomCredentials;
  /** Read once: the Room is created with these devices and starts with these tracks on or off. */
  choices: JoinChoices;
  exposeForTests: boolean;
  dispatch: Dispatch<ConnectionEvent>;
};

function mediaErrorMessage(kind: "camera" | "microphone", error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError") {
    return `Your browser is not allowing the ${kind}. Allow it in the address bar, then turn it on with the ${kind} button.`;
  }
  if (name === "NotReadableError") {
    return `Your ${kind} is busy in another app. Close that app, then turn it on with the ${kind} button.`;
  }
  return `Your ${kind} could not be started. Choose another one under Devices, or turn it on again.`;
}

/**
 * One connection to the visit's LiveKit room (a rejoin mounts a new one):
 * connects, publishes what the person chose on the device check, and reports
 * the connection's state to the machine in ConsultationRoom.
 */
export function RoomSession({ credentials, choices, exposeForTests, dispatch, ...view }: SessionProps) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: devices are chosen before joining; later switches go through the Room.
  const roomOptions = useMemo(
    () => ({
      audioCaptureDefaults: choices.audioDeviceId ? { deviceId: choices.audioDeviceId } : undefined,
      videoCaptureDefaults: choices.videoDeviceId ? { deviceId: choices.videoDeviceId } : undefined,
      audioOutput: choices.audioOutputDeviceId ? { deviceId: choices.audioOutputDeviceId } : undefined,
    }),
    [],
  );
  const { room, state, error, disconnected, leave } = useLiveKitRoom(credentials, { roomOptions, exposeForTests });
  const [mediaError, setMediaError] = useState<string | null>(null);
  const published = useRef(false);
  const publishes = view.self.role !== "OBSERVER";

  useEffect(() => {
    if (state === ConnectionState.Connected) dispatch({ type: "connected" });
    else if (state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting) {
      dispatch({ type: "reconnecting" });
    }
  }, [state, dispatch]);
  useEffect(() => {
    if (error) dispatch({ type: "connect-failed" });
  }, [error, dispatch]);
  useEffect(() => {
    if (disconnected) dispatch({ type: "disconnected", ...disconnected });
  }, [disconnected, dispatch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: publish once per connection, with the choices made before joining.
  useEffect(() => {
    if (state !== ConnectionState.Connected || published.current || !publishes) return;
    published.current = true;
    const local = room.localParticipant;
    local.setMicrophoneEnabled(choices.audioEnabled).catch((e) => setMediaError(mediaErrorMessage("microphone", e)));
    local.setCameraEnabled(choices.videoEnabled).catch((e) => setMediaError(mediaErrorMessage("camera", e)));
  }, [state, room, publishes]);

  const onLeave = useCallback(async () => {
    await announceLeaving(room);
    await leave();
  }, [room, leave]);

  return (
    <RoomContext.Provider value={room}>
      <RoomView
        {...view}
        mediaError={mediaError}
        onLeave={onLeave}
        micInitiallyOn={publishes && choices.audioEnabled}
      />
    </RoomContext.Provider>
  );
}
