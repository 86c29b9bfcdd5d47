"use client";

import { useEffect, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { ConsultationRoomProps, ConsultationRoom as RoomComponent } from "./consultation-room";

// The room (livekit-client, the grid, chat, moderation) is most of a visit page's JavaScript,
// and nobody needs it to check their camera. It is split from the device check's code and
// downloaded while the person checks their devices, so Join does not wait for it.
//
// Not next/dynamic or React.lazy: both suspend on first render even when the code is already
// here, and React holds a revealed Suspense boundary back for up to 300 ms, which was added to
// every join (measured: p50 300 → 580 ms). A component that is loaded renders at once here.

let loadedRoom: typeof RoomComponent | null = null;
let loadingRoom: Promise<typeof RoomComponent> | null = null;

function loadConsultationRoom(): Promise<typeof RoomComponent> {
  loadingRoom ??= import("./consultation-room").then(
    (module) => {
      loadedRoom = module.ConsultationRoom;
      return module.ConsultationRoom;
    },
    (error: unknown) => {
      loadingRoom = null; // a network hiccup: the next attempt fetches again
      throw error;
    },
  );
  return loadingRoom;
}

/** Starts fetching the room's code once the device check has rendered (a no-op once loaded). */
export function usePreloadConsultationRoom() {
  useEffect(() => {
    loadConsultationRoom().catch(() => {
      // Reported when the room is opened (and fetched again then).
    });
  }, []);
}

/** The consultation room, rendered as soon as its code is here. */
export function ConsultationRoom(props: ConsultationRoomProps) {
  const [Room, setRoom] = useState<typeof RoomComponent | null>(() => loadedRoom);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (Room || failed) return;
    let current = true;
    loadConsultationRoom().then(
      (component) => current && setRoom(() => component),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [Room, failed]);

  if (Room) return <Room {...props} />;
  if (failed) {
    return (
      <div className="mx-auto max-w-lg p-6">
        <ErrorAlert>
          The visit could not be opened: part of the page did not download. Check your internet connection, then{" "}
          <button type="button" className="underline" onClick={() => setFailed(false)}>
            try again
          </button>
          .
        </ErrorAlert>
      </div>
    );
  }
  return (
    <p role="status" className="p-6 text-center text-slate-600">
      Opening the visit…
    </p>
  );
}
