"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type Announcement = { id: number; text: string; at: number };

const KEEP = 30;
const TOAST_MS = 6_000;

/** Messages for the room's live region: joins, leaves, reconnections, new chat, moderation. */
export function useAnnouncements() {
  const [items, setItems] = useState<Announcement[]>([]);
  const nextId = useRef(0);
  const announce = useCallback((text: string) => {
    nextId.current += 1;
    const item = { id: nextId.current, text, at: Date.now() };
    setItems((previous) => [...previous.slice(-(KEEP - 1)), item]);
  }, []);
  return { items, announce };
}

/** A polite log that screen readers read as lines are added (joins, leaves, reconnections, chat, moderation). */
export function LiveLog({ items }: { items: Announcement[] }) {
  return (
    <div
      role="log"
      aria-live="polite"
      aria-label="Visit announcements"
      className="sr-only"
      data-testid="room-announcements"
    >
      {items.map((item) => (
        <p key={item.id}>{item.text}</p>
      ))}
    </div>
  );
}

/** The same lines shown briefly over the video for everyone else (hidden from screen readers: the log has them). */
export function AnnouncementToasts({ items }: { items: Announcement[] }) {
  const [now, setNow] = useState(() => Date.now());
  const latest = items[items.length - 1];
  useEffect(() => {
    if (!latest) return;
    setNow(Date.now());
    const timer = window.setTimeout(() => setNow(Date.now()), TOAST_MS + 50);
    return () => window.clearTimeout(timer);
  }, [latest]);
  const recent = items.filter((item) => now - item.at < TOAST_MS).slice(-3);
  if (recent.length === 0) return null;
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute inset-x-0 top-3 z-20 flex flex-col items-center gap-2 px-3"
    >
      {recent.map((item) => (
        <p
          key={item.id}
          className="max-w-md rounded-full bg-slate-100 px-4 py-1.5 text-sm font-medium text-slate-950 shadow-lg"
        >
          {item.text}
        </p>
      ))}
    </div>
  );
}
