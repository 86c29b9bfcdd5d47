import type { Metadata } from "next";
import Link from "next/link";
import { ConsultationList } from "@/components/consultation/consultation-list";
import { TimeZoneCookie } from "@/components/staff/time-zone-cookie";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { now } from "@/lib/clock";
import { can } from "@/lib/permissions";
import { listConsultations } from "@/lib/server/consultations/list-consultations";
import { todayBounds, viewerTimeZone } from "@/lib/viewer-time-zone";

export const metadata: Metadata = { title: "Home" };

export default async function DashboardPage() {
  const staff = await requireStaffPage("staff-home:view", "/dashboard");
  const zone = await viewerTimeZone();
  const { today, upcoming, past } = await listConsultations(staff, todayBounds(now(), zone ?? "UTC"));
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Welcome, {staff.displayName}</h1>
        {can(staff.role, "consultation:schedule") ? (
          <Link
            href="/consultations/new"
            className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            Schedule a visit
          </Link>
        ) : null}
      </div>
      <TimeZoneCookie current={zone} />
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Today</h2>
        <ConsultationList items={today} empty="No visits today." />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Upcoming</h2>
        <ConsultationList items={upcoming} empty="No visits scheduled." />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Past</h2>
        <ConsultationList items={past} empty="No past visits yet." />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Before your first visit</h2>
        <p className="mt-1 text-slate-700">
          Run a media check to make sure your camera and microphone reach the video server from this browser.
        </p>
        <Link href="/media-check" className="mt-2 inline-block font-medium text-brand-700 underline">
          Open media check
        </Link>
      </section>
    </div>
  );
}
