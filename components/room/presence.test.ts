import { DisconnectReason } from "livekit-client";
import { describe, expect, it } from "vitest";
import { initials, participantRole, roleLabel } from "./participant-role";
import {
  emptyPresence,
  type PresenceEvent,
  type PresenceState,
  presenceReducer,
  RECONNECT_GRACE_MS,
  reconnectingPeople,
} from "./presence";

const doctor = { identity: "p-doc", name: "Dr Casey", role: "HOST" as const };
const patient = { identity: "p-pat", name: "Robin", role: "PATIENT" as const };
const student = { identity: "p-obs", name: "Sam", role: "OBSERVER" as const };

function run(events: PresenceEvent[], from: PresenceState = emptyPresence) {
  const heard: string[] = [];
  let state = from;
  for (const event of events) {
    const result = presenceReducer(state, event);
    state = result.state;
    heard.push(...result.announcements);
  }
  return { state, heard };
}

const connected: PresenceEvent[] = [{ type: "snapshot", people: [doctor], at: 0 }];

describe("who is in the visit", () => {
  it("announces joins, and observers as observers; the people already there are not announced", () => {
    const { heard } = run([...connected, { type: "joined", person: patient }, { type: "joined", person: student }]);
    expect(heard).toEqual(["Robin joined", "Sam (observer) joined"]);
  });

  it("someone who leaves on purpose left; someone removed left", () => {
    const { heard, state } = run([
      ...connected,
      { type: "joined", person: patient },
      { type: "disconnected", identity: "p-pat", reason: undefined, announcedLeaving: true, at: 1 },
      { type: "joined", person: student },
      {
        type: "disconnected",
        identity: "p-obs",
        reason: DisconnectReason.PARTICIPANT_REMOVED,
        announcedLeaving: false,
        at: 2,
      },
    ]);
    expect(heard).toEqual([
      "Robin joined",
      "Robin left the visit",
      "Sam (observer) joined",
      "Sam (observer) left the visit",
    ]);
    expect(Object.keys(state.people)).toEqual(["p-doc"]);
  });

  it("a dropped connection is 'reconnecting', never 'left', when they come back within the grace period", () => {
    const { heard, state } = run([
      ...connected,
      { type: "joined", person: patient },
      {
        type: "disconnected",
        identity: "p-pat",
        reason: DisconnectReason.DUPLICATE_IDENTITY,
        announcedLeaving: false,
        at: 1_000,
      },
      { type: "tick", at: 1_000 + RECONNECT_GRACE_MS - 1 },
      { type: "joined", person: patient },
      { type: "tick", at: 1_000 + RECONNECT_GRACE_MS * 2 },
    ]);
    expect(heard).toEqual(["Robin joined", "Robin is reconnecting…", "Robin is back"]);
    expect(heard.join(" ")).not.toMatch(/left/);
    expect(state.people["p-pat"]?.status).toBe("present");
  });

  it("after the grace period, someone who never came back is said to have lost their connection", () => {
    const { heard, state } = run([
      ...connected,
      { type: "joined", person: patient },
      { type: "disconnected", identity: "p-pat", reason: undefined, announcedLeaving: false, at: 0 },
    ]);
    expect(reconnectingPeople(state).map((p) => p.identity)).toEqual(["p-pat"]);
    const later = run([{ type: "tick", at: RECONNECT_GRACE_MS }], state);
    expect([...heard, ...later.heard]).toEqual([
      "Robin joined",
      "Robin is reconnecting…",
      "Robin lost their connection and left the visit",
    ]);
    expect(later.state.people["p-pat"]).toBeUndefined();
  });

  it("while this browser reconnects, livekit-client dropping everyone locally is not anyone leaving", () => {
    const { heard, state } = run([
      ...connected,
      { type: "joined", person: patient },
      // Our own full reconnect: LiveKit drops every remote participant, then we get them back.
      { type: "self-connection", connected: false },
      { type: "disconnected", identity: "p-doc", reason: undefined, announcedLeaving: false, at: 5 },
      { type: "disconnected", identity: "p-pat", reason: undefined, announcedLeaving: false, at: 5 },
      { type: "joined", person: doctor },
      { type: "snapshot", people: [doctor, patient], at: 6 },
      { type: "joined", person: patient },
    ]);
    expect(heard).toEqual(["Robin joined"]);
    expect(reconnectingPeople(state)).toEqual([]);
  });

  it("someone missing after our own reconnect gets the grace period rather than a 'left'", () => {
    const { heard, state } = run([
      ...connected,
      { type: "joined", person: patient },
      { type: "self-connection", connected: false },
      { type: "snapshot", people: [doctor], at: 10 },
    ]);
    expect(heard).toEqual(["Robin joined"]);
    expect(reconnectingPeople(state).map((p) => p.identity)).toEqual(["p-pat"]);
  });

  it("a connection that goes quiet is announced as reconnecting once, and as back when it recovers", () => {
    const { heard } = run([
      ...connected,
      { type: "joined", person: patient },
      { type: "connection-lost", identity: "p-pat" },
      { type: "connection-lost", identity: "p-pat" },
      { type: "connection-restored", identity: "p-pat" },
      { type: "connection-restored", identity: "p-pat" },
    ]);
    expect(heard).toEqual(["Robin joined", "Robin is reconnecting…", "Robin is back"]);
  });

  it("a lost connection that LiveKit then drops is still 'reconnecting', said once, and 'back' when they rejoin", () => {
    const { heard, state } = run([
      ...connected,
      { type: "joined", person: patient },
      { type: "connection-lost", identity: "p-pat" },
      {
        type: "disconnected",
        identity: "p-pat",
        reason: DisconnectReason.SIGNAL_CLOSE,
        announcedLeaving: false,
        at: 9,
      },
    ]);
    expect(heard).toEqual(["Robin joined", "Robin is reconnecting…"]);
    expect(reconnectingPeople(state).map((p) => p.identity)).toEqual(["p-pat"]);
    expect(run([{ type: "joined", person: patient }], state).heard).toEqual(["Robin is back"]);
  });

  it("unknown people disconnecting are ignored", () => {
    expect(
      run([...connected, { type: "disconnected", identity: "x", reason: undefined, announcedLeaving: true, at: 0 }])
        .heard,
    ).toEqual([]);
  });
});

describe("roles", () => {
  it("reads the role from the token's attributes, then its metadata, and nothing else", () => {
    expect(participantRole({ attributes: { role: "OBSERVER" } })).toBe("OBSERVER");
    expect(participantRole({ attributes: {}, metadata: JSON.stringify({ role: "PATIENT" }) })).toBe("PATIENT");
    expect(participantRole({ attributes: { role: "ADMIN" } })).toBeNull();
    expect(participantRole({ metadata: "not json" })).toBeNull();
    expect(roleLabel("HOST")).toBe("Clinician (host)");
    expect(roleLabel(null)).toBe("Participant");
  });

  it("initials for tiles without video", () => {
    expect(initials("Robin Example")).toBe("RE");
    expect(initials("Dr Casey Clinician (demo)")).toBe("DD");
    expect(initials("Sam")).toBe("S");
    expect(initials("")).toBe("?");
  });
});
