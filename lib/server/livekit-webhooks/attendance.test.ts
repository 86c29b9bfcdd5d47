import { describe, expect, it } from "vitest";
import { type Attendance, applyJoined, applyLeft, applyRoomFinished } from "@/lib/server/livekit-webhooks/attendance";

const T0 = Date.parse("2026-12-10T10:00:00Z");
const t = (seconds: number) => new Date(T0 + seconds * 1000);
const never: Attendance = { firstJoinedAt: null, lastJoinedAt: null, lastLeftAt: null, connectedSince: null };

type Event =
  | { kind: "joined"; at: number }
  | { kind: "left"; at: number; joinedAt: number | null }
  | { kind: "room_finished"; at: number };

/** Runs events through the rules the way the webhook handler does, adding up the seconds. */
function replay(events: Event[], start: Attendance = never) {
  let state = start;
  let seconds = 0;
  for (const e of events) {
    const change =
      e.kind === "joined"
        ? applyJoined(state, t(e.at))
        : e.kind === "left"
          ? applyLeft(state, t(e.at), e.joinedAt === null ? null : t(e.joinedAt))
          : applyRoomFinished(state, t(e.at));
    state = change.next;
    seconds += change.addSeconds;
  }
  return { state, seconds };
}

describe("attendance from webhooks", () => {
  it("a join opens a connection and records the first and last join", () => {
    const { next, addSeconds } = applyJoined(never, t(0));
    expect(next).toEqual({ firstJoinedAt: t(0), lastJoinedAt: t(0), lastLeftAt: null, connectedSince: t(0) });
    expect(addSeconds).toBe(0);
  });

  it("a join and its leave 90 s apart add 90 seconds and close the connection", () => {
    const { state, seconds } = replay([
      { kind: "joined", at: 0 },
      { kind: "left", at: 90, joinedAt: 0 },
    ]);
    expect(seconds).toBe(90);
    expect(state).toEqual({ firstJoinedAt: t(0), lastJoinedAt: t(0), lastLeftAt: t(90), connectedSince: null });
  });

  it("a leave that arrives before its join counts from the session start, and the late join does not reopen", () => {
    const { state, seconds } = replay([
      { kind: "left", at: 90, joinedAt: 0 },
      { kind: "joined", at: 0 },
    ]);
    expect(seconds).toBe(90);
    expect(state).toEqual({ firstJoinedAt: t(0), lastJoinedAt: t(0), lastLeftAt: t(90), connectedSince: null });
  });

  it("a leave without its join and without a session start records the time but adds nothing", () => {
    const { state, seconds } = replay([{ kind: "left", at: 90, joinedAt: null }]);
    expect(seconds).toBe(0);
    expect(state).toEqual({ firstJoinedAt: t(90), lastJoinedAt: t(90), lastLeftAt: t(90), connectedSince: null });
  });

  it("the same leave delivered twice is counted once", () => {
    const { seconds } = replay([
      { kind: "joined", at: 0 },
      { kind: "left", at: 90, joinedAt: 0 },
      { kind: "left", at: 90, joinedAt: 0 },
    ]);
    expect(seconds).toBe(90);
  });

  it("two sessions add up in order and in either interleaving of their events", () => {
    const a = { joined: { kind: "joined", at: 0 }, left: { kind: "left", at: 60, joinedAt: 0 } } as const;
    const b = { joined: { kind: "joined", at: 100 }, left: { kind: "left", at: 130, joinedAt: 100 } } as const;
    const orders: Event[][] = [
      [a.joined, a.left, b.joined, b.left],
      [a.joined, b.joined, a.left, b.left],
      [b.joined, a.left, a.joined, b.left],
      [a.left, b.left, a.joined, b.joined],
      [a.left, a.joined, b.left, b.joined],
    ];
    for (const order of orders) {
      const { state, seconds } = replay(order);
      expect(seconds, JSON.stringify(order)).toBe(90);
      expect(state.connectedSince, JSON.stringify(order)).toBeNull();
      expect(state.firstJoinedAt, JSON.stringify(order)).toEqual(t(0));
      expect(state.lastLeftAt, JSON.stringify(order)).toEqual(t(130));
    }
  });

  it("a second join while connected keeps the earliest start", () => {
    const { state, seconds } = replay([
      { kind: "joined", at: 10 },
      { kind: "joined", at: 40 },
      { kind: "left", at: 100, joinedAt: 40 },
    ]);
    expect(seconds).toBe(90);
    expect(state.lastJoinedAt).toEqual(t(40));
  });

  it("the room finishing closes an open connection at that time", () => {
    const { state, seconds } = replay([
      { kind: "joined", at: 0 },
      { kind: "room_finished", at: 90 },
    ]);
    expect(seconds).toBe(90);
    expect(state.connectedSince).toBeNull();
    expect(state.lastLeftAt).toEqual(t(90));
  });

  it("the room finishing changes nothing for someone not connected, and a later leave is not counted twice", () => {
    const { state, seconds } = replay([
      { kind: "joined", at: 0 },
      { kind: "room_finished", at: 90 },
      { kind: "left", at: 90, joinedAt: 0 },
    ]);
    expect(seconds).toBe(90);
    expect(state.connectedSince).toBeNull();
    expect(applyRoomFinished(never, t(5))).toEqual({ next: never, addSeconds: 0 });
  });

  it("never adds negative time", () => {
    expect(applyLeft({ ...never, connectedSince: null }, t(10), t(50)).addSeconds).toBe(0);
    expect(applyRoomFinished({ ...never, connectedSince: t(50) }, t(10)).addSeconds).toBe(0);
  });
});
