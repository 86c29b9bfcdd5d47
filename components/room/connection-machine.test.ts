import { DisconnectReason } from "livekit-client";
import { describe, expect, it } from "vitest";
import {
  type ConnectionEvent,
  type ConnectionPhase,
  classifyDisconnect,
  connectionReducer,
  initialPhase,
  phaseMessage,
} from "./connection-machine";

function run(events: ConnectionEvent[], from: ConnectionPhase = initialPhase): ConnectionPhase {
  return events.reduce(connectionReducer, from);
}

describe("room connection", () => {
  it("connects, shows reconnecting while livekit-client retries, and recovers", () => {
    expect(run([{ type: "connected" }])).toEqual({ kind: "connected" });
    expect(run([{ type: "connected" }, { type: "reconnecting" }])).toEqual({ kind: "reconnecting" });
    expect(run([{ type: "connected" }, { type: "reconnecting" }, { type: "reconnected" }])).toEqual({
      kind: "connected",
    });
  });

  it("offers a rejoin when livekit-client gives up, and connects again with a fresh token", () => {
    const lost = run([
      { type: "connected" },
      { type: "reconnecting" },
      { type: "disconnected", reason: undefined, userLeft: false },
    ]);
    expect(lost).toEqual({ kind: "lost", cause: "gave-up" });
    expect(phaseMessage(lost)).toMatch(/lost/);
    const rejoining = connectionReducer(lost, { type: "rejoin-requested" });
    expect(rejoining).toEqual({ kind: "rejoining", cause: "gave-up" });
    expect(connectionReducer(rejoining, { type: "token-issued" })).toEqual({ kind: "connecting" });
  });

  it("a refused rejoin after the visit ended says so and then finishes as ended", () => {
    const refused = run([
      { type: "connected" },
      { type: "disconnected", reason: DisconnectReason.SIGNAL_CLOSE, userLeft: false },
      { type: "rejoin-requested" },
      { type: "token-refused", code: "VISIT_ENDED", message: "This visit has ended." },
    ]);
    expect(refused).toEqual({ kind: "refused", message: "This visit has ended.", reason: "ended" });
    expect(phaseMessage(refused)).toBe("This visit has ended.");
    expect(connectionReducer(refused, { type: "acknowledged" })).toEqual({ kind: "finished", reason: "ended" });
  });

  it("a temporary refusal (server unreachable) keeps the rejoin button with the server's message", () => {
    const phase = run([
      { type: "connected" },
      { type: "disconnected", reason: undefined, userLeft: false },
      { type: "rejoin-requested" },
      { type: "token-refused", code: "LIVEKIT_UNAVAILABLE", message: "Try again in a minute." },
    ]);
    expect(phase).toEqual({ kind: "lost", cause: "gave-up", message: "Try again in a minute." });
  });

  it("maps LiveKit's disconnect reasons to what the visit flow needs", () => {
    expect(classifyDisconnect(DisconnectReason.ROOM_DELETED, false)).toEqual({ finished: "ended" });
    expect(classifyDisconnect(DisconnectReason.PARTICIPANT_REMOVED, false)).toEqual({ finished: "removed" });
    expect(classifyDisconnect(DisconnectReason.DUPLICATE_IDENTITY, false)).toEqual({ lost: "replaced" });
    expect(classifyDisconnect(DisconnectReason.JOIN_FAILURE, false)).toEqual({ lost: "gave-up" });
    expect(classifyDisconnect(undefined, false)).toEqual({ lost: "gave-up" });
    // Leaving on purpose wins over whatever LiveKit reports.
    expect(classifyDisconnect(DisconnectReason.ROOM_DELETED, true)).toEqual({ finished: "left" });
  });

  it("the host ending the visit from this window finishes it as ended, whatever LiveKit reports next", () => {
    const ended = run([{ type: "connected" }, { type: "finish", reason: "ended" }]);
    expect(ended).toEqual({ kind: "finished", reason: "ended" });
    expect(connectionReducer(ended, { type: "disconnected", reason: undefined, userLeft: false })).toBe(ended);
  });

  it("a failed first connection can be retried", () => {
    expect(run([{ type: "connect-failed" }])).toEqual({ kind: "lost", cause: "failed-to-connect" });
  });

  it("once finished, late events from livekit-client change nothing", () => {
    const ended = run([
      { type: "connected" },
      { type: "disconnected", reason: DisconnectReason.ROOM_DELETED, userLeft: false },
    ]);
    expect(ended).toEqual({ kind: "finished", reason: "ended" });
    expect(run([{ type: "reconnected" }, { type: "connect-failed" }, { type: "rejoin-requested" }], ended)).toBe(ended);
  });

  it("a disconnect reported while already lost does not overwrite the cause", () => {
    const lost: ConnectionPhase = { kind: "lost", cause: "replaced" };
    expect(connectionReducer(lost, { type: "disconnected", reason: undefined, userLeft: false })).toBe(lost);
  });
});
