import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/staff/sign-out-button";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { can } from "@/lib/permissions";

export const dynamic = "force-dynamic";

const ROLE_LABEL = { ADMIN: "Administrator", CLINICIAN: "Clinician" } as const;

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaffPage();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <nav aria-label="Main" className="flex items-center gap-4">
            <Link href="/dashboard" className="font-semibold text-brand-700">
              OpenConsult
            </Link>
            <Link href="/dashboard" className="text-slate-700 hover:underline">
              Home
            </Link>
            <Link href="/media-check" className="text-slate-700 hover:underline">
              Media check
            </Link>
            <Link href="/outbox" className="text-slate-700 hover:underline">
              Outbox
            </Link>
            {can(staff.role, "recording:watch") ? (
              <Link href="/recordings" className="text-slate-700 hover:underline">
                Recordings
              </Link>
            ) : null}
            {can(staff.role, "audit-log:read") ? (
              <Link href="/audit" className="text-slate-700 hover:underline">
                Audit log
              </Link>
            ) : null}
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {staff.displayName} <span className="text-slate-500">· {ROLE_LABEL[staff.role]}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </div>
  );
}
