import "server-only";
import { db } from "@/lib/db";
import { roomService } from "@/lib/livekit/room-service";

function isRoomMissing(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === 404 || (error instanceof Error && /not.?found|does not exist/i.test(error.message));
}

/**
 * Who is in the visit's room right now, as LiveKit (not any browser) sees it:
 * the participant ids of this consultation that are connected, leaving out
 * hidden participants such as the recorder.
 */
export async function presentParticipantIds(consultationId: string, roomName: string): Promise<string[]> {
  let identities: string[];
  try {
    const inRoom = await roomService().listParticipants(roomName);
    identities = inRoom.filter((p) => !p.permission?.hidden && !p.permission?.recorder).map((p) => p.identity);
  } catch (error) {
    if (isRoomMissing(error)) return [];
    throw error;
  }
  if (identities.length === 0) return [];
  const rows = await db().participant.findMany({
    where: { consultationId, id: { in: identities }, revokedAt: null },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
