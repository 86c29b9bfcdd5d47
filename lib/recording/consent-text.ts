/**
 * The words every participant sees before answering a recording request. The
 * version is stored with every answer: change the text, change the version.
 */
export const CONSENT_TEXT_VERSION = "2026-12-03.1";

export const CONSENT_TEXT = [
  "Your clinician would like to record this video visit (sound, video, screen sharing and chat).",
  "The recording becomes part of your care record. Only the clinician who ran the visit and authorised staff can watch it, every viewing is logged, and it is deleted automatically after the retention period.",
  "Recording starts only if everyone in the visit agrees. You may say no without any effect on your care, and you can stop the recording at any time with “Stop recording”.",
] as const;
