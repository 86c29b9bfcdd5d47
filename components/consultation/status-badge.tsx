const LABELS = {
  SCHEDULED: ["Scheduled", "bg-sky-100 text-sky-900"],
  IN_PROGRESS: ["In progress", "bg-green-100 text-green-900"],
  COMPLETED: ["Completed", "bg-slate-200 text-slate-800"],
  CANCELLED: ["Cancelled", "bg-amber-100 text-amber-900"],
  NO_SHOW: ["No-show", "bg-orange-100 text-orange-900"],
  EXPIRED: ["Expired", "bg-slate-200 text-slate-800"],
} as const;

export function StatusBadge({ status }: { status: keyof typeof LABELS }) {
  const [label, colours] = LABELS[status];
  return <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${colours}`}>{label}</span>;
}
