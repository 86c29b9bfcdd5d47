"use client";

import { useEffect, useRef, useState } from "react";
import { startPlaybackAction } from "@/app/(app)/recordings/actions";
import type { TimelineEvent } from "@/lib/server/recordings/get-recording-record";

function offsetLabel(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(hours > 0 ? 2 : 1, "0");
  const ss = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The player: asks once for a playback (the server checks, verifies the file
 * and audits this viewing), then streams it with range requests for seeking.
 * The timeline's markers seek the video to the moment they happened.
 */
export function RecordingPlayer({
  recordingId,
  mediaStartedAt,
  durationSeconds,
  timeline,
}: {
  recordingId: string;
  mediaStartedAt: string | null;
  durationSeconds: number | null;
  timeline: TimelineEvent[];
}) {
  const [source, setSource] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const asked = useRef(false);

  useEffect(() => {
    // One playback per opening of the page (React may run effects twice in development).
    if (asked.current) return;
    asked.current = true;
    void startPlaybackAction({ recordingId }).then(
      (result) => {
        if (result.ok) setSource(`/api/recordings/${recordingId}/media?playback=${result.data.playbackId}`);
        else setError(result.message);
      },
      () => setError("We could not reach the server. Reload the page to try again."),
    );
  }, [recordingId]);

  const start = mediaStartedAt ? new Date(mediaStartedAt).getTime() : null;
  const offsetOf = (event: TimelineEvent) => (start === null ? null : (new Date(event.at).getTime() - start) / 1000);

  return (
    <div className="flex flex-col gap-4">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-red-900" data-testid="player-error">
          {error}
        </p>
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: recordings have no caption track (the chat transcript is beside it).
        <video
          ref={video}
          src={source ?? undefined}
          controls
          preload="metadata"
          className="aspect-video w-full rounded-lg bg-black"
          data-testid="recording-video"
        />
      )}
      <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          Timeline
        </h2>
        {timeline.length === 0 ? (
          <p className="text-slate-600">Nothing happened during the recording that is shown here.</p>
        ) : (
          <ol className="flex flex-col gap-1" data-testid="recording-timeline">
            {timeline.map((event) => {
              const offset = offsetOf(event);
              const within =
                offset !== null && offset >= 0 && (durationSeconds === null || offset <= durationSeconds + 1);
              return (
                <li key={`${event.at}-${event.kind}-${event.label}`}>
                  <button
                    type="button"
                    disabled={!within || !source}
                    onClick={() => {
                      if (video.current && offset !== null) {
                        video.current.currentTime = offset;
                        void video.current.play().catch(() => {});
                      }
                    }}
                    className="flex w-full gap-3 rounded px-2 py-1 text-left hover:bg-slate-100 disabled:text-slate-500 disabled:hover:bg-transparent"
                    data-kind={event.kind}
                  >
                    <span className="w-16 shrink-0 font-mono tabular-nums">
                      {within && offset !== null
                        ? offsetLabel(offset)
                        : offset !== null && offset < 0
                          ? "before"
                          : "after"}
                    </span>
                    <span className="break-words">{event.label}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
