import "server-only";
import { TrackSource, TrackType } from "livekit-server-sdk";
import { audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { isOpenStatus } from "@/lib/consultations/join-window";
import { AppError } from "@/lib/errors";
import { roomService } from "@/lib/livekit/room-service";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableParticipant } from "@/lib/server/consultations/find-manageable-participant";

/** LiveKit answers a twirp "not_found" (HTTP 404) for a room or participant that is not there. */
function isNotFound(error: unknown): boolean {
  if ((error as { status?: number }).status === 404) return true;
  return error instanceof Error && /not.?found|does not exist/i.test(error.message);
}

/**
 * Mutes someone's microphone for everyone (host or administrator only; the
 * query decides). Browser tokens carry no roomAdmin grant, so this is the only
 * way one participant can mute another. The person can unmute themselves
 * again: a mute is a courtesy, not a sanction (remove them for that).
 */
export async function muteParticipant(
  staff: Staff,
  participantId: string,
  request: RequestMeta,
): Promise<{ mutedTracks: number }> {
  const participant = await findManageableParticipant(staff, participantId);
  const { consultation } = participant;
  if (!isOpenStatus(consultation.status)) throw new AppError("VISIT_ENDED", "This visit has already ended.");

  let tracks: { sid: string; type: TrackType; source: TrackSource; muted: boolean }[];
  try {
    tracks = (await roomService().getParticipant(consultation.roomName, participant.id)).tracks;
  } catch (error) {
    if (isNotFound(error)) throw new AppError("NOT_FOUND", "That person is not connected to the visit right now.");
    throw error;
  }
  const microphones = tracks.filter(
    (track) => track.type === TrackType.AUDIO && track.source === TrackSource.MICROPHONE && !track.muted,
  );
  for (const track of microphones) {
    await roomService().mutePublishedTrack(consultation.roomName, participant.id, track.sid, true);
  }
  await audit({
    actor: { type: "USER", id: staff.id },
    action: "participant.mute",
    objectType: "Participant",
    objectId: participant.id,
    detail: { consultationId: consultation.id, role: participant.role, mutedTracks: microphones.length },
    request,
  });
  return { mutedTracks: microphones.length };
}
