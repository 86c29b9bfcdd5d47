import type { Metadata } from "next";
import { MediaCheckSender } from "@/components/media-check/media-check-sender";
import { requireStaffPage } from "@/lib/auth/current-staff";

export const metadata: Metadata = { title: "Media check" };

export default async function MediaCheckPage() {
  await requireStaffPage("media-check:run", "/media-check");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Media check</h1>
      <p className="max-w-2xl text-slate-700">
        This sends your camera and microphone to a private test room on the video server. Nobody else can join it; it
        closes by itself a couple of minutes after you leave.
      </p>
      <MediaCheckSender />
    </div>
  );
}
