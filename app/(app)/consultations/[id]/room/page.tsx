import type { Metadata } from "next";
import Link from "next/link";
import { VisitConnection } from "@/components/visit/visit-connection";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { requestStaffTokenAction } from "../../actions";

export const metadata: Metadata = { title: "Visit room" };

type Props = { params: Promise<{ id: string }> };

/** The staff entry to a visit; the token action decides whether this person may enter. */
export default async function StaffRoomPage({ params }: Props) {
  const { id } = await params;
  await requireStaffPage("consultation:manage", `/consultations/${id}/room`);
  const requestToken = requestStaffTokenAction.bind(null, { consultationId: id });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Visit room</h1>
      <VisitConnection requestToken={requestToken} />
      <Link href={`/consultations/${id}`} className="font-medium text-brand-700 underline">
        Back to the consultation
      </Link>
    </div>
  );
}
