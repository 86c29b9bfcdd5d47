import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StaffVisitFlow } from "@/components/visit/staff-visit-flow";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { getConsultation } from "@/lib/server/consultations/get-consultation";

export const metadata: Metadata = { title: "Visit room" };

type Props = { params: Promise<{ id: string }> };

/** The staff entry to a visit; the token action decides again whether this person may enter. */
export default async function StaffRoomPage({ params }: Props) {
  const { id } = await params;
  const staff = await requireStaffPage("consultation:manage", `/consultations/${id}/room`);
  const consultation = await getConsultation(staff, id).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const own = consultation.participants.find((p) => p.userId === staff.id && !p.revokedAt);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="sr-only">Visit with {consultation.patient.fullName}</h1>
      <StaffVisitFlow
        consultationId={consultation.id}
        self={{
          participantId: own?.id ?? "",
          // An administrator who is not a participant joins as a disclosed observer.
          role: own?.role ?? "OBSERVER",
          displayName: own?.displayName ?? `${staff.displayName} (administrator)`,
          canModerate: consultation.canManage,
        }}
        scheduledStartIso={consultation.scheduledStart.toISOString()}
        exposeRoomForTests={env().E2E_EXPOSE_ROOM}
      />
    </div>
  );
}
