import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/current-staff";
import { safeReturnPath } from "@/lib/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Staff sign-in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  if (await currentStaff()) redirect(returnTo);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">OpenConsult</p>
      <h1 className="mt-1 text-2xl font-semibold">Staff sign-in</h1>
      <p className="mt-2 text-slate-600">Patients do not need to sign in: use the link from your invitation.</p>
      <SignInForm returnTo={returnTo} />
    </main>
  );
}
