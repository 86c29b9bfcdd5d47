import Link from "next/link";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/current-staff";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (await currentStaff()) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-6">
      <h1 className="text-3xl font-semibold text-brand-700">OpenConsult</h1>
      <p className="text-lg">Secure video visits with your care team.</p>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Patients and guests</h2>
        <p className="mt-1 text-slate-700">
          Open the personal link from your invitation email or message. You do not need an account or an app.
        </p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Clinic staff</h2>
        <Link
          href="/sign-in"
          className="mt-3 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Sign in
        </Link>
      </section>
    </main>
  );
}
