"use client";

import { ConnectionState } from "livekit-client";
import { useEffect, useState } from "react";
import { type RoomCredentials, useLiveKitRoom } from "@/components/room/use-livekit-room";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { ActionResult } from "@/lib/actions/action-result";

type Credentials = RoomCredentials & { role: string };

const ROLE_LABEL: Record<string, string> = {
  HOST: "host",
  CLINICIAN: "clinician",
  PATIENT: "patient",
  GUEST: "guest",
  OBSERVER: "observer",
};

/**
 * Asks the server for a token and connects to the visit's room. The full
 * consultation room (devices, grid, chat) builds on this.
 */
export function VisitConnection({ requestToken }: { requestToken: () => Promise<ActionResult<Credentials>> }) {
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { state, error: connectError } = useLiveKitRoom(credentials);

  useEffect(() => {
    let cancelled = false;
    requestToken().then((result) => {
      if (cancelled) return;
      if (result.ok) setCredentials(result.data);
      else setError(result.message);
    });
    return () => {
      cancelled = true;
    };
  }, [requestToken]);

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert>{error ?? connectError}</ErrorAlert>
      <p aria-live="polite" data-testid="connection-status">
        {state === ConnectionState.Connected && credentials
          ? `Connected as ${ROLE_LABEL[credentials.role] ?? credentials.role}`
          : state === ConnectionState.Disconnected && (error || connectError)
            ? "Not connected"
            : state === ConnectionState.Disconnected
              ? credentials
                ? "Disconnected"
                : "Connecting…"
              : `${state[0]?.toUpperCase()}${state.slice(1)}…`}
      </p>
    </div>
  );
}
