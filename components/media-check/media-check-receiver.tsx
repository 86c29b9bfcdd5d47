"use client";

import { ConnectionState, type RemoteTrack, RemoteVideoTrack, RoomEvent, Track } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { joinMediaCheckAction } from "@/app/(app)/media-check/actions";
import { type RoomCredentials, useLiveKitRoom } from "@/components/room/use-livekit-room";
import { ErrorAlert } from "@/components/ui/error-alert";
import { framesDecoded } from "./video-stats";

/** Watches a media-check room and shows that frames really arrive and decode. */
export function MediaCheckReceiver({ roomName }: { roomName: string }) {
  const [credentials, setCredentials] = useState<RoomCredentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { room, state, error: connectError } = useLiveKitRoom(credentials);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [videoTrack, setVideoTrack] = useState<RemoteVideoTrack | null>(null);
  const [frames, setFrames] = useState(0);

  useEffect(() => {
    let cancelled = false;
    joinMediaCheckAction({ room: roomName }).then((result) => {
      if (cancelled) return;
      if (result.ok) setCredentials(result.data);
      else setError(result.message);
    });
    return () => {
      cancelled = true;
    };
  }, [roomName]);

  useEffect(() => {
    const onSubscribed = (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Video && track instanceof RemoteVideoTrack && videoRef.current) {
        track.attach(videoRef.current);
        setVideoTrack(track);
      } else if (track.kind === Track.Kind.Audio) {
        track.attach();
      }
    };
    const onUnsubscribed = (track: RemoteTrack) => {
      track.detach();
      if (track.kind === Track.Kind.Video) setVideoTrack(null);
    };
    room.on(RoomEvent.TrackSubscribed, onSubscribed);
    room.on(RoomEvent.TrackUnsubscribed, onUnsubscribed);
    return () => {
      room.off(RoomEvent.TrackSubscribed, onSubscribed);
      room.off(RoomEvent.TrackUnsubscribed, onUnsubscribed);
    };
  }, [room]);

  useEffect(() => {
    if (!videoTrack) return;
    const timer = setInterval(() => {
      framesDecoded(videoTrack).then(setFrames, () => {});
    }, 1000);
    return () => clearInterval(timer);
  }, [videoTrack]);

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert>{error ?? connectError}</ErrorAlert>
      <p aria-live="polite">
        Status:{" "}
        <strong>
          {videoTrack
            ? "Receiving video"
            : state === ConnectionState.Connected
              ? "Connected, waiting for the camera"
              : state}
        </strong>
      </p>
      <video
        ref={videoRef}
        muted
        playsInline
        autoPlay
        data-testid="received-video"
        className="aspect-video w-full max-w-md rounded-md bg-black"
      />
      <p>
        Frames decoded: <output data-testid="frames-decoded">{frames}</output>
      </p>
    </div>
  );
}
