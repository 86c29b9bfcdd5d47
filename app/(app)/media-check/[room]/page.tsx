import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MediaCheckReceiver } from "@/components/media-check/media-check-receiver";
import { requireStaffPage } from "@/lib/auth/current-staff";
import { MEDIA_CHECK_ROOM_PATTERN } from "@/lib/validations/media-check";

export const metadata: Metadata = { title: "Media check receiver" };

type Props = { params: Promise<{ room: string }> };

export default async function MediaCheckReceiverPage({ params }: Props) {
  const { room } = await params;
  await requireStaffPage("media-check:run", `/media-check/${room}`);
  if (!MEDIA_CHECK_ROOM_PATTERN.test(room)) notFound();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Media check: receiver</h1>
      <p className="max-w-2xl text-slate-700">
        This page receives the test camera through the video server, as a patient&apos;s browser would.
      </p>
      <MediaCheckReceiver roomName={room} />
    </div>
  );
}
