"use client";

import {
  ConnectionQuality,
  ConnectionState,
  type DisconnectReason,
  type Participant,
  type RemoteParticipant,
  type Room,
  RoomEvent,
} from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { participantRole } from "./participant-role";
import { emptyPresence, type Person, type PresenceEvent, type PresenceState, presenceReducer } from "./presence";

/** Data topic of our own presence messages (today only "I am leaving on purpose"). */
export const PRESENCE_TOPIC = "oc.presence";
/** A connection reported "lost" this long is announced; shorter blips are not worth interrupting anyone. */
const LOST_ANNOUNCE_AFTER_MS = 3_000;
const LEAVING = JSON.stringify({ type: "leaving" });

function person(participant: Participant): Person {
  return { identity: participant.identity, name: participant.name ?? "", role: participantRole(participant) };
}

/**
 * Feeds LiveKit's participant events into the presence reducer and hands its
 * announcements to `announce`. Disconnects are judged a tick later: on a full
 * reconnect livekit-client drops every remote participant just before it
 * reports its own "reconnecting", and those drops are not people leaving.
 */
export function usePresence(room: Room, announce: (message: string) => void): PresenceState {
  const [presence, setPresence] = useState<PresenceState>(emptyPresence);
  const current = useRef<PresenceState>(emptyPresence);
  const announceRef = useRef(announce);
  announceRef.current = announce;

  const dispatch = useCallback((event: PresenceEvent) => {
    const result = presenceReducer(current.current, event);
    if (result.state !== current.current) {
      current.current = result.state;
      setPresence(result.state);
    }
    for (const message of result.announcements) announceRef.current(message);
  }, []);

  useEffect(() => {
    const announcedLeaving = new Set<string>();
    const snapshot = () =>
      dispatch({ type: "snapshot", people: [...room.remoteParticipants.values()].map(person), at: Date.now() });

    const onState = (state: ConnectionState) => {
      if (state === ConnectionState.Connected) snapshot();
      else dispatch({ type: "self-connection", connected: false });
    };
    const onConnected = (participant: RemoteParticipant) => {
      announcedLeaving.delete(participant.identity);
      dispatch({ type: "joined", person: person(participant) });
    };
    const onDisconnected = (participant: RemoteParticipant, reason?: DisconnectReason) => {
      const identity = participant.identity;
      queueMicrotask(() => {
        // Already back under the same identity (a full reconnect can report both in one update).
        if (room.remoteParticipants.has(identity)) return;
        dispatch({
          type: "disconnected",
          identity,
          reason,
          announcedLeaving: announcedLeaving.has(identity),
          at: Date.now(),
        });
      });
    };
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== PRESENCE_TOPIC || !participant) return;
      if (new TextDecoder().decode(payload) === LEAVING) announcedLeaving.add(participant.identity);
    };
    const lostTimers = new Map<string, number>();
    // The LiveKit session (sid) someone had when their connection was lost: a new one means they are back,
    // even before the server sends a fresh connection quality for it.
    const lostSessions = new Map<string, string>();
    const backIfNewSession = (participant: Participant) => {
      const lostSid = lostSessions.get(participant.identity);
      if (lostSid === undefined || participant.sid === lostSid) return;
      lostSessions.delete(participant.identity);
      dispatch({ type: "connection-restored", identity: participant.identity });
    };
    const onTrackEvent = (_track: unknown, _publication: unknown, participant?: RemoteParticipant) => {
      if (participant) backIfNewSession(participant);
    };
    const onQuality = (quality: ConnectionQuality, participant: Participant) => {
      if (participant.isLocal) return;
      const identity = participant.identity;
      if (quality === ConnectionQuality.Lost) {
        if (lostTimers.has(identity)) return;
        lostTimers.set(
          identity,
          window.setTimeout(() => {
            lostTimers.delete(identity);
            if (participant.connectionQuality !== ConnectionQuality.Lost) return;
            lostSessions.set(identity, participant.sid);
            dispatch({ type: "connection-lost", identity });
          }, LOST_ANNOUNCE_AFTER_MS),
        );
      } else {
        window.clearTimeout(lostTimers.get(identity));
        lostTimers.delete(identity);
        lostSessions.delete(identity);
        dispatch({ type: "connection-restored", identity });
      }
    };
    const onNameChanged = (_name: string, participant: Participant) => {
      if (participant !== room.localParticipant && room.state === ConnectionState.Connected) {
        dispatch({ type: "joined", person: person(participant) });
      }
    };

    room.on(RoomEvent.ConnectionStateChanged, onState);
    room.on(RoomEvent.ParticipantConnected, onConnected);
    room.on(RoomEvent.ParticipantDisconnected, onDisconnected);
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.ParticipantNameChanged, onNameChanged);
    room.on(RoomEvent.ConnectionQualityChanged, onQuality);
    room.on(RoomEvent.TrackSubscribed, onTrackEvent);
    if (room.state === ConnectionState.Connected) snapshot();
    const timer = window.setInterval(() => dispatch({ type: "tick", at: Date.now() }), 1_000);
    return () => {
      room.off(RoomEvent.ConnectionStateChanged, onState);
      room.off(RoomEvent.ParticipantConnected, onConnected);
      room.off(RoomEvent.ParticipantDisconnected, onDisconnected);
      room.off(RoomEvent.DataReceived, onData);
      room.off(RoomEvent.ParticipantNameChanged, onNameChanged);
      room.off(RoomEvent.ConnectionQualityChanged, onQuality);
      room.off(RoomEvent.TrackSubscribed, onTrackEvent);
      window.clearInterval(timer);
      for (const pending of lostTimers.values()) window.clearTimeout(pending);
    };
  }, [room, dispatch]);

  return presence;
}

/** Tells the others we leave on purpose (so they hear "left", not "reconnecting"), waiting at most a moment. */
export async function announceLeaving(room: Room): Promise<void> {
  if (room.state !== ConnectionState.Connected) return;
  const sent = room.localParticipant
    .publishData(new TextEncoder().encode(LEAVING), { reliable: true, topic: PRESENCE_TOPIC })
    .catch(() => undefined);
  await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 400))]);
}
