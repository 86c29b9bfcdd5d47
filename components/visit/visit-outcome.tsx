import type { ReactNode } from "react";

/** The full-page message a person sees when they are not (or no longer) in the visit. */
export function VisitOutcome({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="mx-auto flex max-w-xl flex-col gap-4 py-10" aria-live="polite">
      <h2 className="text-2xl font-semibold">{title}</h2>
      <div className="text-lg text-slate-700">{children}</div>
      {action}
    </section>
  );
}
