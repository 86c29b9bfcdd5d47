import { randomBase62 } from "@/lib/random-id";

/**
 * Every visit's LiveKit room is named `v-` and random characters: no patient, clinician or
 * time in it. The prefix also tells this app's rooms apart from those of other apps that share
 * the LiveKit project, which the sweeper must never touch.
 */
export const VISIT_ROOM_PREFIX = "v-";

export function newVisitRoomName(): string {
  return `${VISIT_ROOM_PREFIX}${randomBase62(22)}`;
}

export function isVisitRoomName(name: string): boolean {
  return name.startsWith(VISIT_ROOM_PREFIX);
}
