/**
 * The role each participant has in the visit, as the server put it in their
 * token (attribute `role`, and the same in metadata). Only a label for the
 * people in the room: what anyone may do is decided by the server.
 */
export type ParticipantRole = "HOST" | "CLINICIAN" | "PATIENT" | "GUEST" | "OBSERVER";

const ROLES: readonly ParticipantRole[] = ["HOST", "CLINICIAN", "PATIENT", "GUEST", "OBSERVER"];

function isRole(value: unknown): value is ParticipantRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function participantRole(participant: {
  attributes?: Readonly<Record<string, string>>;
  metadata?: string;
}): ParticipantRole | null {
  const fromAttributes = participant.attributes?.role;
  if (isRole(fromAttributes)) return fromAttributes;
  if (!participant.metadata) return null;
  try {
    const parsed: unknown = JSON.parse(participant.metadata);
    const role = typeof parsed === "object" && parsed !== null ? (parsed as { role?: unknown }).role : undefined;
    return isRole(role) ? role : null;
  } catch {
    return null;
  }
}

const LABELS: Record<ParticipantRole, string> = {
  HOST: "Clinician (host)",
  CLINICIAN: "Clinician",
  PATIENT: "Patient",
  GUEST: "Guest",
  OBSERVER: "Observer",
};

export function roleLabel(role: ParticipantRole | null): string {
  return role ? LABELS[role] : "Participant";
}

/** Order of the people in a visit: clinicians first, then the patient, guests, and observers last. */
export function roleRank(role: ParticipantRole | null): number {
  return role ? ROLES.indexOf(role) : ROLES.length;
}

/** Whether a role can ever publish audio or video (observers never do; their tokens forbid it). */
export function publishesMedia(role: ParticipantRole | null): boolean {
  return role !== "OBSERVER";
}

/** Two letters for a tile without video. */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s'-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? "?";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}
