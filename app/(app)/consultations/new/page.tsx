import type { Metadata } from "next";
import { ScheduleConsultationForm } from "@/components/consultation/schedule-consultation-form";
import { requireStaffPage } from "@/lib/auth/current-staff";

export const metadata: Metadata = { title: "Schedule a visit" };

export default async function NewConsultationPage() {
  await requireStaffPage("consultation:schedule", "/consultations/new");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Schedule a visit</h1>
      <ScheduleConsultationForm />
    </div>
  );
}
