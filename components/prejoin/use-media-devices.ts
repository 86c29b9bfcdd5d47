"use client";

import { useEffect, useState } from "react";

export type DeviceOption = { deviceId: string; label: string };

export type MediaDeviceLists = { audioinput: DeviceOption[]; videoinput: DeviceOption[]; audiooutput: DeviceOption[] };

const EMPTY: MediaDeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };

const FALLBACK_LABEL: Record<MediaDeviceKind, string> = {
  audioinput: "Microphone",
  videoinput: "Camera",
  audiooutput: "Speaker",
};

/**
 * The cameras, microphones and speakers the browser reveals. Before
 * permission is given browsers hide ids and labels, so `refresh` changes
 * (a track opened) re-read the list, as does plugging a device in or out.
 */
export function useMediaDevices(refresh: unknown): MediaDeviceLists {
  const [devices, setDevices] = useState<MediaDeviceLists>(EMPTY);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is only a trigger to read the list again.
  useEffect(() => {
    const media = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let cancelled = false;
    const read = () =>
      media
        .enumerateDevices()
        .then((all) => {
          if (cancelled) return;
          const next: MediaDeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
          for (const device of all) {
            // Without permission the ids are empty: nothing to choose between yet.
            if (!device.deviceId) continue;
            const list = next[device.kind];
            list.push({
              deviceId: device.deviceId,
              label: device.label || `${FALLBACK_LABEL[device.kind]} ${list.length + 1}`,
            });
          }
          setDevices(next);
        })
        .catch(() => {});
    void read();
    media.addEventListener?.("devicechange", read);
    return () => {
      cancelled = true;
      media.removeEventListener?.("devicechange", read);
    };
  }, [refresh]);

  return devices;
}
