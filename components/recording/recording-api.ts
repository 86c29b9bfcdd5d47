import type { ActionResult } from "@/lib/actions/action-result";
import type { HostRecordingStatus, ParticipantRecordingStatus } from "@/lib/server/recordings/recording-status";

export type ConsentAnswerInput = { recordingId: string; decision: "GRANTED" | "DECLINED"; textVersion: string };

/**
 * The recording calls a room can make, bound by the page to the right server
 * actions (invitee or staff). Every one is checked on the server.
 */
export type RecordingApi = {
  myStatus: () => Promise<ActionResult<ParticipantRecordingStatus>>;
  answer: (input: ConsentAnswerInput) => Promise<ActionResult<unknown>>;
  withdraw: (recordingId: string) => Promise<ActionResult<unknown>>;
  /** Only for people who run the visit. */
  host?: {
    request: () => Promise<ActionResult<{ recordingId: string }>>;
    stop: () => Promise<ActionResult<unknown>>;
    status: () => Promise<ActionResult<HostRecordingStatus>>;
  };
};
