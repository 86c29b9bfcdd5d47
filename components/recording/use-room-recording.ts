"use client";

import { type Room, RoomEvent } from "livekit-client";
import { useEffect, useState } from "react";
import { decodeRoomMetadata, type RoomRecordingMetadata } from "@/lib/recording/room-metadata";

/** The recording state the server last told this room (LiveKit room metadata), live. */
export function useRoomRecording(room: Room): RoomRecordingMetadata["recording"] {
  const [recording, setRecording] = useState(() => decodeRoomMetadata(room.metadata).recording);
  useEffect(() => {
    const update = () => setRecording(decodeRoomMetadata(room.metadata).recording);
    update();
    room.on(RoomEvent.RoomMetadataChanged, update);
    room.on(RoomEvent.Connected, update);
    return () => {
      room.off(RoomEvent.RoomMetadataChanged, update);
      room.off(RoomEvent.Connected, update);
    };
  }, [room]);
  return recording;
}
