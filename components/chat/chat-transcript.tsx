import { roleLabel } from "@/components/room/participant-role";
import { LocalTime } from "@/components/ui/local-time";
import type { ChatMessageDto } from "@/lib/server/chat/list-chat-messages";

/**
 * A visit's stored chat for the staff consultation page. Server-renderable;
 * the text is rendered as text (React escapes it), never as HTML.
 */
export function ChatTranscript({ messages, timeZone = "UTC" }: { messages: ChatMessageDto[]; timeZone?: string }) {
  return (
    <section aria-labelledby="chat-transcript-title" data-testid="chat-transcript" className="flex flex-col gap-3">
      <h2 id="chat-transcript-title" className="text-xl font-semibold">
        Chat
      </h2>
      {messages.length === 0 ? (
        <p className="text-slate-600">No chat messages in this visit.</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {messages.map((message) => (
            <li key={message.id} className="rounded-md border border-slate-200 bg-white px-3 py-2">
              <p className="text-sm text-slate-700">
                <span className="font-semibold text-slate-900">{message.senderName}</span> ·{" "}
                {roleLabel(message.senderRole)} ·{" "}
                <LocalTime iso={message.createdAt} zone={timeZone} withZoneName={false} />
              </p>
              <p className="whitespace-pre-wrap break-words">{message.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
