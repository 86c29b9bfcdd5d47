/**
 * What the person chose on the device check. The room creates its own tracks
 * from these ids; the check stops every track it opened before handing over.
 */
export type JoinChoices = {
  displayName: string;
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
  audioOutputDeviceId?: string;
};
