"use client";

import { ConnectionState, Room, RoomEvent, type RoomOptions } from "livekit-client";
import { useEffect, useMemo, useState } from "react";

export type RoomCredentials = { serverUrl: string; token: string };

/**
 * The one place a LiveKit Room is created, connected and torn down. Components
 * read its state through this hook; every listener added here is removed here.
 */
export function useLiveKitRoom(credentials: RoomCredentials | null, options?: RoomOptions) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the Room is created once per mount; options are read then.
  const room = useMemo(() => new Room({ adaptiveStream: true, dynacast: true, ...options }), []);
  const [state, setState] = useState<ConnectionState>(ConnectionState.Disconnected);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!credentials) return;
    const onStateChanged = (next: ConnectionState) => setState(next);
    room.on(RoomEvent.ConnectionStateChanged, onStateChanged);
    let cancelled = false;
    room.connect(credentials.serverUrl, credentials.token).catch(() => {
      if (!cancelled) setError("Could not connect to the video server. Check your network and try again.");
    });
    return () => {
      cancelled = true;
      room.off(RoomEvent.ConnectionStateChanged, onStateChanged);
      void room.disconnect();
    };
  }, [room, credentials]);

  return { room, state, error };
}
