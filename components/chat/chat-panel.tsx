"use client";

import { ConnectionState, type Room, type TextStreamReader } from "livekit-client";
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { type ParticipantRole, roleLabel } from "@/components/room/participant-role";
import type { ActionResult } from "@/lib/actions/action-result";
import { MAX_CHAT_LENGTH } from "@/lib/chat-limits";
import type { ChatApi } from "./chat-api";

/** LiveKit's conventional chat topic (its own components use it too). */
export const CHAT_TOPIC = "lk.chat";

/** Keep the screen light in a very long visit; the full record is on the server. */
const MAX_SHOWN = 500;
/** Show the counter once this few characters are left. */
const COUNTER_FROM = 200;

export type ChatPanelProps = {
  room: Room;
  /** The local participant's id (= their LiveKit identity). */
  selfParticipantId: string;
  /** The server's side of chat: store, reload, and confirm what arrives over LiveKit. */
  chat: ChatApi;
  /** Messages from others that arrived while the panel was not on screen (0 when it is seen again). */
  onUnread?: (count: number) => void;
  /**
   * Where to announce new messages from others ("New message from …"). Give the room's own live
   * region here so a screen reader does not hear them twice; without it the panel announces them
   * in a polite live region of its own.
   */
  announce?: (text: string) => void;
};

type Entry = {
  key: string;
  self: boolean;
  senderName: string;
  senderRole: ParticipantRole | null;
  text: string;
  at: number;
  undelivered?: boolean;
};

/** Reads at most a little over the limit: a modified client could stream far more than a message. */
async function readCapped(reader: TextStreamReader): Promise<string> {
  let text = "";
  for await (const chunk of reader) {
    text += chunk;
    if (text.length > MAX_CHAT_LENGTH) break;
  }
  return text.trim().slice(0, MAX_CHAT_LENGTH);
}

function timeLabel(at: number) {
  return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(at);
}

/**
 * The visit's chat. Sending stores the message on the server first, then sends
 * it over a LiveKit text stream with the stored message's id. What arrives is
 * shown only once the server confirms it is on the record, from the sender
 * LiveKit reports (taken from their token), and as the record has it (text,
 * name, role): what people read is what is on the consultation afterwards.
 * Text is rendered as text, never as HTML. Keep the panel mounted while it is
 * hidden, so messages keep arriving and `onUnread` can count them.
 */
export function ChatPanel({ room, selfParticipantId, chat, onUnread, announce }: ChatPanelProps) {
  const { persist, loadHistory, confirm } = chat;
  const ids = useId();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [portalTarget, setPortalTarget] = useState<HTMLElement | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const onScreen = useRef(false);
  const unread = useRef(0);
  const onUnreadRef = useRef(onUnread);
  onUnreadRef.current = onUnread;
  const announceRef = useRef(announce);
  announceRef.current = announce;
  const announceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(announceTimer.current), []);

  const append = useCallback((entry: Entry) => {
    setEntries((current) =>
      current.some((e) => e.key === entry.key) ? current : [...current, entry].slice(-MAX_SHOWN),
    );
  }, []);

  // Earlier messages come from the server's record, keyed by message id like live ones, so none shows twice.
  useEffect(() => {
    let cancelled = false;
    loadHistory().then((result) => {
      if (cancelled || !result.ok) return;
      const selfId = room.localParticipant.identity || selfParticipantId;
      const earlier: Entry[] = result.data.map((message) => ({
        key: message.id,
        self: message.senderParticipantId === selfId,
        senderName: message.senderParticipantId === selfId ? "You" : message.senderName,
        senderRole: message.senderParticipantId === selfId ? null : message.senderRole,
        text: message.text,
        at: new Date(message.createdAt).getTime(),
      }));
      setEntries((current) => {
        const known = new Set(current.map((e) => e.key));
        return [...earlier.filter((e) => !known.has(e.key)), ...current].sort((a, b) => a.at - b.at).slice(-MAX_SHOWN);
      });
    });
    return () => {
      cancelled = true;
    };
  }, [loadHistory, room, selfParticipantId]);

  // Is the panel on screen? Hidden panels (display: none) and background tabs count as unseen.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    let intersecting = false;
    const update = () => {
      onScreen.current = intersecting && document.visibilityState === "visible";
      if (onScreen.current && unread.current > 0) {
        unread.current = 0;
        onUnreadRef.current?.(0);
      }
    };
    const observer = new IntersectionObserver(([entry]) => {
      intersecting = Boolean(entry?.isIntersecting);
      update();
    });
    observer.observe(panel);
    document.addEventListener("visibilitychange", update);
    return () => {
      observer.disconnect();
      document.removeEventListener("visibilitychange", update);
    };
  }, []);

  useEffect(() => {
    const handler = (reader: TextStreamReader, { identity }: { identity: string }) => {
      const messageId = reader.info.attributes?.messageId;
      readCapped(reader)
        // Shown only as the server's record has it: a message put into the room without being
        // stored (a modified browser) has no record, or not from this sender, and is dropped.
        .then((text) => (text && messageId ? confirm({ id: messageId, senderParticipantId: identity }) : null))
        .then((result) => {
          if (!result?.ok) return;
          const message = result.data;
          const self = identity === selfParticipantId;
          const senderName = self ? "You" : message.senderName;
          append({
            key: message.id,
            self,
            senderName,
            senderRole: message.senderRole,
            text: message.text,
            at: Date.parse(message.createdAt) || Date.now(),
          });
          if (self) return;
          const words = `New message from ${senderName}: ${message.text.slice(0, 300)}`;
          if (announceRef.current) announceRef.current(words);
          else {
            // Cleared first so the same words twice are announced twice.
            setAnnouncement("");
            clearTimeout(announceTimer.current);
            announceTimer.current = setTimeout(() => setAnnouncement(words), 50);
          }
          if (!onScreen.current) {
            unread.current += 1;
            onUnreadRef.current?.(unread.current);
          }
        })
        .catch(() => {
          // A stream cut off mid-way (the sender left), or the server out of reach: nothing confirmed to show.
        });
    };
    // Registering a topic twice throws. This panel is the visit's chat, so it takes the topic over.
    try {
      room.registerTextStreamHandler(CHAT_TOPIC, handler);
    } catch {
      room.unregisterTextStreamHandler(CHAT_TOPIC);
      room.registerTextStreamHandler(CHAT_TOPIC, handler);
    }
    return () => room.unregisterTextStreamHandler(CHAT_TOPIC);
  }, [room, selfParticipantId, append, confirm]);

  // The live region lives outside the panel, so it is announced even while the panel is hidden.
  useEffect(() => setPortalTarget(document.body), []);

  // Follow new messages when the reader is already at the bottom (or wrote one).
  const stickToBottom = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new message is rendered.
  useEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [entries]);

  const trimmed = draft.trim();
  const left = MAX_CHAT_LENGTH - trimmed.length;

  async function send() {
    if (sending) return;
    if (!trimmed) {
      setError("Type a message first.");
      return;
    }
    if (left < 0) {
      setError(`Your message is too long. Please shorten it to ${MAX_CHAT_LENGTH} characters.`);
      return;
    }
    if (room.state !== ConnectionState.Connected) {
      setError("You are not connected to the visit at the moment. Wait a few seconds and try again.");
      return;
    }
    setSending(true);
    setError(null);
    let result: ActionResult<{ id: string; createdAt: string }>;
    try {
      result = await persist(trimmed);
    } catch {
      result = {
        ok: false,
        code: "INTERNAL",
        message: "Your message could not be sent. Check your internet connection and try again.",
      };
    }
    if (!result.ok) {
      setSending(false);
      setError(result.fieldErrors?.text?.[0] ?? result.message);
      return;
    }
    const { id, createdAt } = result.data;
    setDraft("");
    stickToBottom.current = true;
    let undelivered = false;
    try {
      await room.localParticipant.sendText(trimmed, { topic: CHAT_TOPIC, attributes: { messageId: id } });
    } catch {
      undelivered = true;
    }
    append({
      key: id,
      self: true,
      senderName: "You",
      senderRole: null,
      text: trimmed,
      at: Date.parse(createdAt) || Date.now(),
      undelivered,
    });
    setSending(false);
    textareaRef.current?.focus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter is a new line; never while an input method is composing a character.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }

  const hintId = `${ids}-hint`;
  const counterId = `${ids}-counter`;
  const errorId = `${ids}-error`;
  return (
    // No heading of its own: the room's side panel titles it "Chat".
    <div ref={panelRef} data-testid="chat-panel" className="flex h-full min-h-0 flex-col gap-3 text-base">
      <p className="text-sm text-slate-600">
        Everyone in the visit can read these messages. They are kept with the visit record.
      </p>

      <ol
        ref={listRef}
        aria-label="Chat messages"
        data-testid="chat-messages"
        onScroll={(event) => {
          const list = event.currentTarget;
          stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
        }}
        className="flex min-h-32 flex-1 flex-col gap-3 overflow-y-auto rounded-lg border border-slate-200 bg-white p-3"
      >
        {entries.length === 0 ? (
          <li className="text-slate-600">No messages yet.</li>
        ) : (
          entries.map((entry) => (
            <li
              key={entry.key}
              data-testid="chat-message"
              className={`flex max-w-[90%] flex-col gap-1 rounded-lg px-3 py-2 ${
                entry.self ? "self-end bg-brand-50" : "self-start bg-slate-100"
              }`}
            >
              <p className="text-sm text-slate-700">
                <span className="font-semibold text-slate-900">{entry.senderName}</span>
                {entry.senderRole ? ` · ${roleLabel(entry.senderRole)}` : null}
                {" · "}
                <time dateTime={new Date(entry.at).toISOString()}>{timeLabel(entry.at)}</time>
              </p>
              {/* Plain text on purpose: what people type is never interpreted as HTML or links. */}
              <p className="whitespace-pre-wrap break-words text-lg">{entry.text}</p>
              {entry.undelivered ? (
                <p className="text-sm text-red-800">
                  Saved, but the others may not have received it. Check your connection.
                </p>
              ) : null}
            </li>
          ))
        )}
      </ol>

      <form onSubmit={onSubmit} className="flex flex-col gap-2">
        <label htmlFor={`${ids}-message`} className="font-medium">
          Your message
        </label>
        <textarea
          ref={textareaRef}
          id={`${ids}-message`}
          name="message"
          rows={2}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          aria-describedby={[hintId, left <= COUNTER_FROM ? counterId : null, error ? errorId : null]
            .filter(Boolean)
            .join(" ")}
          aria-invalid={left < 0 || undefined}
          className="min-h-16 w-full resize-y rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg"
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p id={hintId} className="text-sm text-slate-600">
            Press Enter to send. Shift + Enter starts a new line.
          </p>
          {left <= COUNTER_FROM ? (
            <p id={counterId} className={`text-sm font-medium ${left < 0 ? "text-red-800" : "text-slate-700"}`}>
              {left >= 0 ? `${left} characters left` : `${-left} characters too many`}
            </p>
          ) : null}
        </div>
        {error ? (
          <p id={errorId} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={sending}
          className="min-h-12 self-end rounded-lg bg-brand-600 px-6 py-2 text-lg font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {sending ? "Sending…" : "Send"}
        </button>
      </form>

      {portalTarget && !announce
        ? createPortal(
            <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="chat-announcer">
              {announcement}
            </div>,
            portalTarget,
          )
        : null}
    </div>
  );
}
