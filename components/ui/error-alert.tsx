import type { ReactNode } from "react";

/** A message that something failed and what to do; announced to screen readers at once. */
export function ErrorAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
      {children}
    </p>
  );
}
