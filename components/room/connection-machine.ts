import { DisconnectReason } from "livekit-client";

/**
 * The room's connection, told truthfully: connecting, connected, reconnecting
 * while livekit-client retries, lost when it gives up (then the person may ask
 * the server for a fresh token), or finished for a reason the visit flow acts on.
 * A pure reducer, so every transition is unit-tested.
 */
export type LeaveReason = "left" | "ended" | "removed" | "sent-to-waiting-room";

/** Why the room is no longer connected when the person can still try again. */
export type LostCause = "gave-up" | "replaced" | "failed-to-connect";

export type ConnectionPhase =
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "reconnecting" }
  | { kind: "lost"; cause: LostCause; message?: string }
  | { kind: "rejoining"; cause: LostCause }
  | { kind: "refused"; message: string; reason: LeaveReason }
  | { kind: "finished"; reason: LeaveReason };

export type ConnectionEvent =
  | { type: "connected" }
  | { type: "reconnecting" }
  | { type: "reconnected" }
  | { type: "connect-failed" }
  | { type: "disconnected"; reason: DisconnectReason | undefined; userLeft: boolean }
  | { type: "rejoin-requested" }
  | { type: "token-issued" }
  | { type: "token-refused"; code: string; message: string }
  | { type: "acknowledged" }
  /** The outcome is known without LiveKit saying so (the host ended the visit from this window). */
  | { type: "finish"; reason: LeaveReason };

export const initialPhase: ConnectionPhase = { kind: "connecting" };

/** What a disconnect means: the visit is over for this person, or the connection is lost and may be retried. */
export function classifyDisconnect(
  reason: DisconnectReason | undefined,
  userLeft: boolean,
): { finished: LeaveReason } | { lost: LostCause } {
  if (userLeft) return { finished: "left" };
  switch (reason) {
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return { finished: "ended" };
    case DisconnectReason.PARTICIPANT_REMOVED:
      // Removed and sent back to the waiting room look the same from here; the visit flow asks the server.
      return { finished: "removed" };
    case DisconnectReason.DUPLICATE_IDENTITY:
      // The same person joined from another tab or device, which took over.
      return { lost: "replaced" };
    case DisconnectReason.CLIENT_INITIATED:
      // livekit-client leaves by itself when the page is being closed.
      return { finished: "left" };
    default:
      // livekit-client gave up retrying (or the server dropped us): offer a rejoin.
      return { lost: "gave-up" };
  }
}

/** A refused fresh token: codes after which rejoining cannot work, and where the flow should go. */
function refusalReason(code: string): LeaveReason | null {
  switch (code) {
    case "VISIT_ENDED":
    case "VISIT_CANCELLED":
      return "ended";
    case "INVITE_REVOKED":
    case "NOT_ADMITTED":
    case "ADMISSION_DENIED":
      return "removed";
    default:
      return null;
  }
}

export function connectionReducer(phase: ConnectionPhase, event: ConnectionEvent): ConnectionPhase {
  // Once finished, nothing that livekit-client still reports changes the outcome.
  if (phase.kind === "finished") return phase;
  switch (event.type) {
    case "connected":
    case "reconnected":
      return phase.kind === "connecting" || phase.kind === "reconnecting" ? { kind: "connected" } : phase;
    case "reconnecting":
      return phase.kind === "connected" ? { kind: "reconnecting" } : phase;
    case "connect-failed":
      return phase.kind === "connecting" ? { kind: "lost", cause: "failed-to-connect" } : phase;
    case "disconnected": {
      if (phase.kind === "lost" || phase.kind === "rejoining" || phase.kind === "refused") return phase;
      const outcome = classifyDisconnect(event.reason, event.userLeft);
      return "finished" in outcome
        ? { kind: "finished", reason: outcome.finished }
        : { kind: "lost", cause: outcome.lost };
    }
    case "rejoin-requested":
      return phase.kind === "lost" ? { kind: "rejoining", cause: phase.cause } : phase;
    case "token-issued":
      return phase.kind === "rejoining" ? { kind: "connecting" } : phase;
    case "token-refused": {
      if (phase.kind !== "rejoining") return phase;
      const reason = refusalReason(event.code);
      return reason
        ? { kind: "refused", message: event.message, reason }
        : { kind: "lost", cause: phase.cause, message: event.message };
    }
    case "acknowledged":
      return phase.kind === "refused" ? { kind: "finished", reason: phase.reason } : phase;
    case "finish":
      return { kind: "finished", reason: event.reason };
  }
}

/** The words for the banner or card each phase shows (null: nothing to say). */
export function phaseMessage(phase: ConnectionPhase): string | null {
  switch (phase.kind) {
    case "connecting":
      return "Connecting to your visit…";
    case "reconnecting":
      return "Reconnecting… Your connection dropped; we are trying to restore it.";
    case "lost":
      if (phase.message) return phase.message;
      if (phase.cause === "replaced") return "You opened this visit in another window or device, which took over.";
      if (phase.cause === "failed-to-connect") return "We could not connect you to the visit.";
      return "Your connection to the visit was lost.";
    case "rejoining":
      return "Rejoining…";
    case "refused":
      return phase.message;
    default:
      return null;
  }
}
