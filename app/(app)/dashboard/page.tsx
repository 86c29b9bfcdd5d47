import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/current-staff";

export const metadata: Metadata = { title: "Home" };

export default async function DashboardPage() {
  const staff = await requireStaffPage("staff-home:view", "/dashboard");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Welcome, {staff.displayName}</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Before your first visit</h2>
        <p className="mt-1 text-slate-700">
          Run a media check to make sure your camera and microphone reach the video server from this browser.
        </p>
        <Link
          href="/media-check"
          className="mt-3 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Open media check
        </Link>
      </section>
      <section className="rounded-lg border border-dashed border-slate-300 p-5 text-slate-600">
        <h2 className="font-semibold text-slate-800">Consultations</h2>
        <p className="mt-1">Scheduling arrives in the next release.</p>
      </section>
    </div>
  );
}
