/** The columns every join-window decision reads (joinVerdict, lapsedStatus): select them with this. */
export const consultationWindowSelect = {
  status: true,
  scheduledStart: true,
  durationMinutes: true,
  opensBeforeMinutes: true,
  closesAfterMinutes: true,
} as const;
