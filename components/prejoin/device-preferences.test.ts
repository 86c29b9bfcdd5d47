import { describe, expect, it } from "vitest";
import { DEFAULT_PREFERENCES, DEVICE_PREFERENCES_KEY, loadPreferences, savePreferences } from "./device-preferences";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe("remembered device choices", () => {
  it("round-trips the choices and never stores a name", () => {
    const storage = memoryStorage();
    const choices = { audioEnabled: false, videoEnabled: true, videoDeviceId: "cam-1", audioOutputDeviceId: "spk" };
    savePreferences(storage, { ...choices, displayName: "Ada Example" } as typeof choices);
    expect(storage.data.get(DEVICE_PREFERENCES_KEY)).not.toContain("Ada");
    expect(loadPreferences(storage)).toEqual({ ...choices, audioDeviceId: undefined });
  });

  it("falls back to camera and microphone on when nothing or garbage is stored", () => {
    expect(loadPreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
    expect(loadPreferences(memoryStorage())).toEqual(DEFAULT_PREFERENCES);
    expect(loadPreferences(memoryStorage({ [DEVICE_PREFERENCES_KEY]: "{not json" }))).toEqual(DEFAULT_PREFERENCES);
    expect(
      loadPreferences(
        memoryStorage({ [DEVICE_PREFERENCES_KEY]: JSON.stringify({ audioEnabled: "no", videoDeviceId: 7 }) }),
      ),
    ).toEqual({ audioEnabled: true, videoEnabled: true });
  });

  it("a storage that throws (private browsing) is not an error", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
    };
    expect(loadPreferences(broken)).toEqual(DEFAULT_PREFERENCES);
    expect(() => savePreferences(broken, DEFAULT_PREFERENCES)).not.toThrow();
  });
});
