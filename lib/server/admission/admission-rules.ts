/**
 * Who waits and who enters. Pure, so the rules are unit-tested on their own.
 * People invited by link wait for the host unless the visit admits
 * automatically; staff participants were admitted when their row was made.
 */
export type AdmissionState = "WAITING" | "ADMITTED" | "DENIED";

export type AdmissionView = "WAITING" | "ADMITTED" | "DENIED";

/** What entering the waiting room does to a participant: admit at once when auto-admit is on. */
export function onEnterWaitingRoom(state: AdmissionState, autoAdmit: boolean): AdmissionState {
  if (state === "WAITING" && autoAdmit) return "ADMITTED";
  return state;
}

export function mayReceiveToken(state: AdmissionState): boolean {
  return state === "ADMITTED";
}
