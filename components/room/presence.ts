import { DisconnectReason } from "livekit-client";
import { type ParticipantRole, roleLabel } from "./participant-role";

/**
 * Who is in the visit, as the people in it should hear it. When someone's
 * connection fails, LiveKit first reports their connection quality as lost,
 * may then report them "disconnected", and after a full reconnect they come
 * back (sometimes as a new participant). Saying "X left" at any point of that
 * would be false: unless X left on purpose (or was removed) they are shown
 * as reconnecting, and only said to have left when a grace period runs out.
 * Pure: the hook feeds it LiveKit's events and a clock.
 */

/** livekit-client retries for about 45 s with its default policy; wait a little longer before saying someone left. */
export const RECONNECT_GRACE_MS = 50_000;

export type PresenceEntry = {
  identity: string;
  name: string;
  role: ParticipantRole | null;
  /** reconnecting: gone from the room, within the grace period. */
  status: "present" | "reconnecting";
  /** Still in the room, but LiveKit has lost their media for a while (announced as reconnecting). */
  connectionLost?: boolean;
  /** When they dropped out of the room (status reconnecting). */
  lostAt?: number;
};

export type PresenceState = {
  /** Whether this browser is itself connected: while it reconnects, others "disconnecting" means nothing. */
  selfConnected: boolean;
  people: Record<string, PresenceEntry>;
};

export type Person = { identity: string; name: string; role: ParticipantRole | null };

export type PresenceEvent =
  /** Who is there when this browser (re)connects: no announcements. */
  | { type: "snapshot"; people: Person[]; at: number }
  | { type: "joined"; person: Person }
  | {
      type: "disconnected";
      identity: string;
      reason: DisconnectReason | undefined;
      /** They told us they were leaving (the Leave button sends a message first). */
      announcedLeaving: boolean;
      at: number;
    }
  /** Their connection quality has stayed "lost" for a while (the hook waits a few seconds first). */
  | { type: "connection-lost"; identity: string }
  | { type: "connection-restored"; identity: string }
  | { type: "self-connection"; connected: boolean }
  | { type: "tick"; at: number };

export const emptyPresence: PresenceState = { selfConnected: false, people: {} };

type Result = { state: PresenceState; announcements: string[] };

function nameOf(entry: Pick<PresenceEntry, "name" | "role">): string {
  const name = entry.name || "Someone";
  return entry.role === "OBSERVER" ? `${name} (${roleLabel("OBSERVER").toLowerCase()})` : name;
}

/** Reasons that mean the person is gone on purpose or by the host, not by a network fault. */
function leftForGood(reason: DisconnectReason | undefined): boolean {
  return reason === DisconnectReason.CLIENT_INITIATED || reason === DisconnectReason.PARTICIPANT_REMOVED;
}

function withEntry(state: PresenceState, entry: PresenceEntry): PresenceState {
  return { ...state, people: { ...state.people, [entry.identity]: entry } };
}

function without(state: PresenceState, identity: string): PresenceState {
  const { [identity]: _gone, ...people } = state.people;
  return { ...state, people };
}

const silent = (state: PresenceState): Result => ({ state, announcements: [] });

export function presenceReducer(state: PresenceState, event: PresenceEvent): Result {
  switch (event.type) {
    case "snapshot": {
      const people: Record<string, PresenceEntry> = {};
      for (const person of event.people) {
        const known = state.people[person.identity];
        people[person.identity] = { ...person, status: "present", connectionLost: known?.connectionLost };
      }
      // Someone we knew who is not there after our own reconnect may be reconnecting too: give them the grace period.
      for (const entry of Object.values(state.people)) {
        if (!people[entry.identity]) {
          people[entry.identity] = { ...entry, status: "reconnecting", lostAt: entry.lostAt ?? event.at };
        }
      }
      return silent({ selfConnected: true, people });
    }
    case "joined": {
      const known = state.people[event.person.identity];
      const next = withEntry(state, { ...event.person, status: "present" });
      if (!state.selfConnected) return silent(next);
      if (!known) return { state: next, announcements: [`${nameOf(event.person)} joined`] };
      if (known.status === "reconnecting" || known.connectionLost) {
        return { state: next, announcements: [`${nameOf(event.person)} is back`] };
      }
      return silent(next);
    }
    case "disconnected": {
      const known = state.people[event.identity];
      // While we reconnect ourselves livekit-client drops everyone locally; they have not gone anywhere.
      if (!known || !state.selfConnected) return silent(state);
      if (event.announcedLeaving || leftForGood(event.reason)) {
        return { state: without(state, event.identity), announcements: [`${nameOf(known)} left the visit`] };
      }
      if (known.status === "reconnecting") return silent(state);
      const next = withEntry(state, { ...known, status: "reconnecting", lostAt: event.at });
      // Already announced when their connection was lost: say nothing twice.
      return { state: next, announcements: known.connectionLost ? [] : [`${nameOf(known)} is reconnecting…`] };
    }
    case "connection-lost": {
      const known = state.people[event.identity];
      if (known?.status !== "present" || known.connectionLost || !state.selfConnected) return silent(state);
      return {
        state: withEntry(state, { ...known, connectionLost: true }),
        announcements: [`${nameOf(known)} is reconnecting…`],
      };
    }
    case "connection-restored": {
      const known = state.people[event.identity];
      if (!known?.connectionLost) return silent(state);
      const next = withEntry(state, { ...known, connectionLost: false });
      return known.status === "present" && state.selfConnected
        ? { state: next, announcements: [`${nameOf(known)} is back`] }
        : silent(next);
    }
    case "self-connection":
      return silent({ ...state, selfConnected: event.connected });
    case "tick": {
      if (!state.selfConnected) return silent(state);
      const expired = Object.values(state.people).filter(
        (entry) => entry.status === "reconnecting" && (entry.lostAt ?? event.at) + RECONNECT_GRACE_MS <= event.at,
      );
      if (expired.length === 0) return silent(state);
      let next = state;
      for (const entry of expired) next = without(next, entry.identity);
      return {
        state: next,
        announcements: expired.map((entry) => `${nameOf(entry)} lost their connection and left the visit`),
      };
    }
  }
}

/** People who dropped and are still within the grace period: shown as "reconnecting" tiles and list rows. */
export function reconnectingPeople(state: PresenceState): PresenceEntry[] {
  return Object.values(state.people).filter((entry) => entry.status === "reconnecting");
}
