"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { rememberTimeZoneAction } from "@/app/(app)/time-zone-actions";

/** Tells the server this browser's time zone (for "today" on the dashboard); not sensitive. */
export function TimeZoneCookie({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== current) {
      void rememberTimeZoneAction({ zone }).then((result) => {
        if (result.ok) router.refresh();
      });
    }
  }, [current, router]);
  return null;
}
