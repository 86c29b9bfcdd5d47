"use client";

import {
  ConnectionState,
  type DisconnectReason,
  Room,
  RoomEvent,
  type RoomOptions,
  ScreenSharePresets,
  VideoPresets,
} from "livekit-client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

export type RoomCredentials = { serverUrl: string; token: string };

declare global {
  interface Window {
    /** The visit's Room, only on builds served for end-to-end tests (the page passes exposeForTests). */
    __openConsultRoom?: Room;
  }
}

export type LiveKitRoomOptions = {
  roomOptions?: RoomOptions;
  /** Put the Room on window.__openConsultRoom so tests can read stats and simulate network faults. */
  exposeForTests?: boolean;
};

export type DisconnectInfo = { reason: DisconnectReason | undefined; userLeft: boolean };

/**
 * Adaptive stream (subscribe at the size shown, pause what is off screen),
 * dynacast (stop encoding layers nobody watches) and simulcast (three layers,
 * so a 25-person grid receives small ones) keep a big visit within what
 * phones and clinic networks can carry.
 */
export function roomOptionsWithDefaults(options: RoomOptions = {}): RoomOptions {
  return {
    adaptiveStream: true,
    dynacast: true,
    ...options,
    publishDefaults: {
      simulcast: true,
      videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
      screenShareEncoding: ScreenSharePresets.h1080fps15.encoding,
      dtx: true,
      red: true,
      ...options.publishDefaults,
    },
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution, ...options.videoCaptureDefaults },
  };
}

/**
 * The one place a LiveKit Room is created, connected and torn down. Components
 * read its state through this hook; every listener added here is removed here.
 */
export function useLiveKitRoom(credentials: RoomCredentials | null, options?: LiveKitRoomOptions) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the Room is created once per mount; options are read then.
  const room = useMemo(() => new Room(roomOptionsWithDefaults(options?.roomOptions)), []);
  const [state, setState] = useState<ConnectionState>(ConnectionState.Disconnected);
  const [error, setError] = useState<string | null>(null);
  const [disconnected, setDisconnected] = useState<DisconnectInfo | null>(null);
  // Set just before we disconnect on purpose, so that disconnect is not mistaken for a lost connection.
  const leaving = useRef(false);

  useEffect(() => {
    if (!credentials) return;
    const onStateChanged = (next: ConnectionState) => setState(next);
    const onDisconnected = (reason?: DisconnectReason) => setDisconnected({ reason, userLeft: leaving.current });
    room.on(RoomEvent.ConnectionStateChanged, onStateChanged);
    room.on(RoomEvent.Disconnected, onDisconnected);
    let cancelled = false;
    room.connect(credentials.serverUrl, credentials.token).catch(() => {
      if (!cancelled) setError("Could not connect to the video server. Check your network and try again.");
    });
    return () => {
      cancelled = true;
      room.off(RoomEvent.ConnectionStateChanged, onStateChanged);
      room.off(RoomEvent.Disconnected, onDisconnected);
      void room.disconnect();
    };
  }, [room, credentials]);

  const exposeForTests = options?.exposeForTests === true;
  useEffect(() => {
    if (!exposeForTests) return;
    window.__openConsultRoom = room;
    return () => {
      if (window.__openConsultRoom === room) delete window.__openConsultRoom;
    };
  }, [room, exposeForTests]);

  /** Disconnects on purpose (the Leave button): reported as userLeft, never as a lost connection. */
  const leave = useCallback(async () => {
    leaving.current = true;
    await room.disconnect();
  }, [room]);

  return { room, state, error, disconnected, leave };
}
