import "server-only";
import { type AuditActor, audit } from "@/lib/audit";
import type { Staff } from "@/lib/auth/staff-session";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ACTIVE_STATES } from "@/lib/recording/recording-state";
import type { RequestMeta } from "@/lib/request-meta";
import { findManageableConsultation } from "@/lib/server/consultations/find-manageable-consultation";
import { publishRecordingState } from "./publish-recording-state";
import { recorderBackend } from "./recorder-backend";
import { declineRecording } from "./start-recording";

/** Why a recording stopped: a code kept on the row and in the audit log. */
export type StopReason = "HOST_STOPPED" | "CONSENT_WITHDRAWN" | "VISIT_ENDED";

/**
 * Stops a recording wherever it is. Before the start it simply ends (DECLINED,
 * or FAILED when nothing was ever captured); once a recorder holds it, it
 * becomes STOPPING at once (the indicator goes) and the recorder keeps the
 * media up to this instant, then finishes the file. Returns the state it left.
 */
export async function stopRecording(
  recordingId: string,
  reason: StopReason,
  actor: AuditActor,
  request?: RequestMeta,
): Promise<string> {
  const at = now();
  const recording = await db().recording.findUnique({
    where: { id: recordingId },
    select: { id: true, state: true, consultation: { select: { roomName: true, id: true } } },
  });
  if (!recording) throw new AppError("NOT_FOUND");
  const { roomName } = recording.consultation;

  if (recording.state === "REQUESTED" || recording.state === "AWAITING_CONSENT") {
    await db().recording.updateMany({ where: { id: recordingId }, data: { stopReason: reason } });
    await declineRecording(recordingId, roomName, actor);
    return "DECLINED";
  }

  // Not yet taken by a recorder: nothing was captured, and nothing will be.
  const unclaimed = await db().recording.updateMany({
    where: { id: recordingId, state: "STARTING", workerId: null },
    data: { state: "FAILED", failureReason: "STOPPED_BEFORE_START", stopReason: reason, stopRequestedAt: at },
  });
  const next = unclaimed.count > 0 ? "FAILED" : "STOPPING";
  if (next === "STOPPING") {
    const { count } = await db().recording.updateMany({
      where: { id: recordingId, state: { in: ["STARTING", "RECORDING"] } },
      data: { state: "STOPPING", stopReason: reason, stopRequestedAt: at },
    });
    if (count === 0) return recording.state;
  }
  await audit({
    actor,
    action: "recording.stop",
    objectType: "Recording",
    objectId: recordingId,
    detail: { consultationId: recording.consultation.id, reason, state: next },
    request,
  });
  await publishRecordingState(roomName, { id: recordingId, state: next });
  if (next === "STOPPING") await recorderBackend().stop({ recordingId, roomName });
  return next;
}

/** The host's (or an administrator's) "Stop recording" in a visit they manage. */
export async function hostStopRecording(staff: Staff, consultationId: string, request: RequestMeta) {
  await findManageableConsultation(staff, consultationId);
  const active = await db().recording.findFirst({
    where: { consultationId, state: { in: [...ACTIVE_STATES] } },
    orderBy: { requestedAt: "desc" },
    select: { id: true },
  });
  if (!active) throw new AppError("RECORDING_NOT_ACTIVE");
  return { state: await stopRecording(active.id, "HOST_STOPPED", { type: "USER", id: staff.id }, request) };
}

const VISIT_END_WAIT_MS = 10_000;

/**
 * Before a visit's room closes: stop every recording of it and give the
 * recorder a moment to write the tail (it needs the room for that), so ending
 * the visit never cuts the last seconds off nor leaves a recording running.
 */
export async function stopRecordingsBeforeRoomCloses(consultationId: string, actor: AuditActor): Promise<void> {
  const active = await db().recording.findMany({
    where: { consultationId, state: { in: [...ACTIVE_STATES] } },
    select: { id: true },
  });
  for (const { id } of active) await stopRecording(id, "VISIT_ENDED", actor);
  if (active.length === 0) return;
  const deadline = Date.now() + VISIT_END_WAIT_MS;
  while (Date.now() < deadline) {
    const capturing = await db().recording.count({
      where: { consultationId, state: { in: ["STARTING", "RECORDING", "STOPPING"] } },
    });
    if (capturing === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
