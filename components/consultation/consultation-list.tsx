import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { ConsultationListItem } from "@/lib/server/consultations/list-consultations";
import { StatusBadge } from "./status-badge";

export function ConsultationList({ items, empty }: { items: ConsultationListItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div className="flex flex-col">
            <Link href={`/consultations/${item.id}`} className="font-medium text-brand-700 underline">
              {item.patient.fullName}
            </Link>
            <span className="text-sm text-slate-600">
              <LocalTime iso={item.scheduledStart.toISOString()} zone={item.timeZone} withZoneName={false} /> ·{" "}
              {item.durationMinutes} min · with {item.host.displayName} · {item._count.participants} invited
            </span>
          </div>
          <StatusBadge status={item.status} />
        </li>
      ))}
    </ul>
  );
}
