"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";

const MESSAGES: Record<string, string> = {
  RATE_LIMITED: "Too many failed sign-in attempts. Wait 15 minutes and try again, or ask your administrator.",
  CredentialsSignin: "That email and password do not match an active account. Check them and try again.",
};

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Please try again.");
      return;
    }
    // A full navigation, so every server component sees the new session cookie.
    window.location.assign(returnTo);
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 flex flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        />
      </label>
      <ErrorAlert>{error}</ErrorAlert>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
