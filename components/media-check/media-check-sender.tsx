"use client";

import { ConnectionState, type LocalVideoTrack, RoomEvent, Track } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { startMediaCheckAction } from "@/app/(app)/media-check/actions";
import { type RoomCredentials, useLiveKitRoom } from "@/components/room/use-livekit-room";
import { ErrorAlert } from "@/components/ui/error-alert";

type Started = RoomCredentials & { room: string };

/** Publishes this browser's camera and microphone into a fresh private test room. */
export function MediaCheckSender() {
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const { room, state, error: connectError } = useLiveKitRoom(started);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [publishing, setPublishing] = useState(false);

  useEffect(() => {
    if (state !== ConnectionState.Connected) return;
    const attachLocalVideo = () => {
      const publication = room.localParticipant.getTrackPublication(Track.Source.Camera);
      const track = publication?.track as LocalVideoTrack | undefined;
      if (track && videoRef.current) track.attach(videoRef.current);
      setPublishing(Boolean(track));
    };
    room.on(RoomEvent.LocalTrackPublished, attachLocalVideo);
    room.localParticipant
      .enableCameraAndMicrophone()
      .then(attachLocalVideo)
      .catch(() => setError("This browser could not use your camera or microphone. Allow access and try again."));
    return () => {
      room.off(RoomEvent.LocalTrackPublished, attachLocalVideo);
    };
  }, [room, state]);

  async function start() {
    setPending(true);
    setError(null);
    const result = await startMediaCheckAction({});
    setPending(false);
    if (!result.ok) return setError(result.message);
    setStarted(result.data);
  }

  const receiverPath = started ? `/media-check/${started.room}` : null;

  return (
    <div className="flex flex-col gap-4">
      {!started ? (
        <button
          type="button"
          onClick={start}
          disabled={pending}
          className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Starting…" : "Start media check"}
        </button>
      ) : null}
      <ErrorAlert>{error ?? connectError}</ErrorAlert>
      {started ? (
        <div className="flex flex-col gap-3">
          <p aria-live="polite">
            Status:{" "}
            <strong>
              {state === ConnectionState.Connected
                ? publishing
                  ? "Sending camera and microphone"
                  : "Connected"
                : state}
            </strong>
          </p>
          <video
            ref={videoRef}
            muted
            playsInline
            autoPlay
            className="aspect-video w-full max-w-md rounded-md bg-black"
          />
          {receiverPath ? (
            <p>
              Open{" "}
              <a href={receiverPath} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
                the receiver page
              </a>{" "}
              on another device or browser where you are signed in, to see this camera arrive through the video server.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
