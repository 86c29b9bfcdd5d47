import { requireStaff } from "@/lib/auth/current-staff";
import type { Staff } from "@/lib/auth/staff-session";
import { isAppError } from "@/lib/errors";
import { getOutboxMessage } from "@/lib/server/outbox/get-outbox-message";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// The file holds a personal invite link: never cached by the browser or a proxy.
const NO_STORE = { "Cache-Control": "no-store" };

/** The calendar invite of one outbox message, for the staff who may read that message. */
export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  let staff: Staff;
  try {
    staff = await requireStaff("staff-home:view");
  } catch (error) {
    if (!isAppError(error)) throw error;
    return Response.json({ error: error.userMessage }, { status: error.status, headers: NO_STORE });
  }
  const message = await getOutboxMessage(staff, id);
  // A stranger's message and a message without an invite get the same answer.
  if (!message?.ics) {
    return Response.json({ error: "We could not find that invite." }, { status: 404, headers: NO_STORE });
  }
  return new Response(message.ics, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="invite.ics"',
    },
  });
}
