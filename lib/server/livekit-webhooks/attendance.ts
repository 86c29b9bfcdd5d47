/**
 * Attendance kept from LiveKit webhooks, as pure functions of a participant's
 * attendance fields and one event. Webhooks can arrive late, twice or out of
 * order (LiveKit posts them concurrently), so each rule is written to keep the
 * totals sensible whatever the order.
 */
export type Attendance = {
  firstJoinedAt: Date | null;
  lastJoinedAt: Date | null;
  lastLeftAt: Date | null;
  connectedSince: Date | null;
};

export type AttendanceChange = {
  next: Attendance;
  /** Connected time to add to the participant's and the consultation's totals. */
  addSeconds: number;
};

const earlier = (a: Date | null, b: Date): Date => (a && a.getTime() <= b.getTime() ? a : b);
const later = (a: Date | null, b: Date): Date => (a && a.getTime() >= b.getTime() ? a : b);

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/** A `participant_joined` at `at`. */
export function applyJoined(current: Attendance, at: Date): AttendanceChange {
  const next: Attendance = {
    ...current,
    firstJoinedAt: earlier(current.firstJoinedAt, at),
    lastJoinedAt: later(current.lastJoinedAt, at),
  };
  // Its `left` was already processed (it came first): reopening would count time forever.
  if (current.lastLeftAt && current.lastLeftAt.getTime() >= at.getTime()) return { next, addSeconds: 0 };
  // Already connected (a second connection, or a `left` we never got): keep the earliest start.
  next.connectedSince = earlier(current.connectedSince, at);
  return { next, addSeconds: 0 };
}

/**
 * A `participant_left` (or aborted connection) at `at`. `sessionJoinedAt` is
 * when LiveKit says that connection began (`participant.joinedAt`), used when
 * the matching `joined` has not been seen.
 */
export function applyLeft(current: Attendance, at: Date, sessionJoinedAt: Date | null): AttendanceChange {
  const next: Attendance = { ...current, lastLeftAt: later(current.lastLeftAt, at) };
  const open = current.connectedSince;
  if (open && open.getTime() <= at.getTime()) {
    next.connectedSince = null;
    return { next, addSeconds: secondsBetween(open, at) };
  }
  // No open interval covers this session (its `joined` is late or lost, or this
  // `left` belongs to an older connection): count from the session's own start,
  // but never time before the last recorded leave, which is already counted.
  const start = sessionJoinedAt ?? at;
  next.firstJoinedAt = earlier(current.firstJoinedAt, start);
  next.lastJoinedAt = current.lastJoinedAt ?? start;
  const from = current.lastLeftAt ? later(current.lastLeftAt, start) : start;
  return { next, addSeconds: secondsBetween(from, at) };
}

/** The room closed at `at`: whoever is still marked connected left then. */
export function applyRoomFinished(current: Attendance, at: Date): AttendanceChange {
  const open = current.connectedSince;
  if (!open) return { next: current, addSeconds: 0 };
  return {
    next: { ...current, connectedSince: null, lastLeftAt: later(current.lastLeftAt, at) },
    addSeconds: secondsBetween(open, at),
  };
}
