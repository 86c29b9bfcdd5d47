/**
 * The device choices remembered on this browser between visits. Never the
 * name: a family computer or a clinic tablet may be shared.
 */
export type DevicePreferences = {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
  audioOutputDeviceId?: string;
};

export const DEVICE_PREFERENCES_KEY = "openconsult.devices.v1";

export const DEFAULT_PREFERENCES: DevicePreferences = { audioEnabled: true, videoEnabled: true };

type Storage = Pick<globalThis.Storage, "getItem" | "setItem">;

const deviceId = (value: unknown) =>
  typeof value === "string" && value.length > 0 && value.length <= 256 ? value : undefined;

/** Reads what was saved, ignoring anything malformed (storage is user-editable and may be off). */
export function loadPreferences(storage: Storage | undefined): DevicePreferences {
  try {
    const raw = storage?.getItem(DEVICE_PREFERENCES_KEY);
    if (!raw) return DEFAULT_PREFERENCES;
    const saved: unknown = JSON.parse(raw);
    if (typeof saved !== "object" || saved === null) return DEFAULT_PREFERENCES;
    const value = saved as Record<string, unknown>;
    return {
      audioEnabled: typeof value.audioEnabled === "boolean" ? value.audioEnabled : true,
      videoEnabled: typeof value.videoEnabled === "boolean" ? value.videoEnabled : true,
      audioDeviceId: deviceId(value.audioDeviceId),
      videoDeviceId: deviceId(value.videoDeviceId),
      audioOutputDeviceId: deviceId(value.audioOutputDeviceId),
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function savePreferences(storage: Storage | undefined, preferences: DevicePreferences): void {
  try {
    const { audioEnabled, videoEnabled, audioDeviceId, videoDeviceId, audioOutputDeviceId } = preferences;
    storage?.setItem(
      DEVICE_PREFERENCES_KEY,
      JSON.stringify({ audioEnabled, videoEnabled, audioDeviceId, videoDeviceId, audioOutputDeviceId }),
    );
  } catch {
    // Private browsing or a full quota: the choices just are not remembered.
  }
}
