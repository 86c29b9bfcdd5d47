"use client";

import { useEffect, useState } from "react";

type Props = { iso: string; zone: string; withZoneName?: boolean };

function format(iso: string, timeZone: string | undefined) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/**
 * A time shown in the viewer's own time zone. The server renders it in the
 * zone the visit was scheduled in; the browser then switches to its own zone
 * (and mentions the scheduling zone when they differ).
 */
export function LocalTime({ iso, zone, withZoneName = true }: Props) {
  const [viewerZone, setViewerZone] = useState<string | null>(null);
  useEffect(() => setViewerZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const shown = format(iso, viewerZone ?? zone);
  return (
    <time dateTime={iso} title={`${format(iso, zone)} (${zone})`}>
      {shown}
      {withZoneName && viewerZone && viewerZone !== zone ? (
        <span className="text-slate-500"> · scheduled in {zone}</span>
      ) : null}
    </time>
  );
}
