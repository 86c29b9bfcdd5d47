import "server-only";
import { matchesHash } from "@/lib/invites/invite-token";
import { type AccessVerdict, accessVerdict } from "@/lib/server/tokens/issue-participant-token";
import type { Invite } from "./find-invite";

export type InviteState = AccessVerdict | "UNKNOWN" | "IN_USE_ELSEWHERE" | "BOUND_HERE";

/**
 * What opening an invite link means right now, for this browser. A link bound
 * to another browser is "in use elsewhere"; one bound to this browser goes
 * straight to the visit.
 */
export function inviteState(invite: Invite | null, deviceSecret: string | null, at: Date): InviteState {
  if (!invite) return "UNKNOWN";
  const verdict = accessVerdict(invite, invite.consultation, at);
  if (verdict !== "OPEN") return verdict;
  if (!invite.deviceSecretHash) return "OPEN";
  return deviceSecret && matchesHash(deviceSecret, invite.deviceSecretHash) ? "BOUND_HERE" : "IN_USE_ELSEWHERE";
}
