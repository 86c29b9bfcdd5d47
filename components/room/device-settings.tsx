"use client";

import { useMediaDeviceSelect } from "@livekit/components-react";
import { useEffect, useId, useState } from "react";
import { RoomDialog } from "./room-dialog";

/** This browser's devices of one kind; null until the first answer, so "none found" is never said too early. */
function useDeviceList(kind: MediaDeviceKind): MediaDeviceInfo[] | null {
  const [devices, setDevices] = useState<MediaDeviceInfo[] | null>(null);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) {
      setDevices([]);
      return;
    }
    let cancelled = false;
    const load = () => {
      media
        .enumerateDevices()
        .then((all) => {
          if (!cancelled) setDevices(all.filter((device) => device.kind === kind && device.deviceId !== ""));
        })
        .catch(() => {
          if (!cancelled) setDevices([]);
        });
    };
    load();
    media.addEventListener("devicechange", load);
    return () => {
      cancelled = true;
      media.removeEventListener("devicechange", load);
    };
  }, [kind]);
  return devices;
}

function DeviceSelect({
  kind,
  label,
  onChosen,
}: {
  kind: MediaDeviceKind;
  label: string;
  onChosen: (kind: MediaDeviceKind, deviceId: string) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const devices = useDeviceList(kind);
  // The hook switches the Room's device (restarting the published track); the list above is ours.
  const { activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({
    kind,
    onError: () => setError(`This ${label.toLowerCase()} could not be used. Choose another one.`),
  });
  if (devices === null) return <p className="text-base text-slate-700">Looking for your {label.toLowerCase()}…</p>;
  if (devices.length === 0) {
    return (
      <p className="text-base text-slate-700">
        {label}: none found. Check that it is plugged in and that the browser may use it.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select
        id={id}
        value={activeDeviceId}
        onChange={async (event) => {
          setError(null);
          const deviceId = event.target.value;
          await setActiveMediaDevice(deviceId);
          onChosen(kind, deviceId);
        }}
        className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
      >
        {devices.map((device, index) => (
          <option key={device.deviceId || index} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Switching microphone, camera and speaker during the visit (observers: speaker only). */
export function DeviceSettingsDialog({
  open,
  onClose,
  publishes,
  onChosen,
}: {
  open: boolean;
  onClose: () => void;
  publishes: boolean;
  onChosen: (kind: MediaDeviceKind, deviceId: string) => void;
}) {
  const [canPickSpeaker, setCanPickSpeaker] = useState(false);
  useEffect(() => {
    // Safari and iOS cannot route audio to a chosen speaker.
    setCanPickSpeaker(typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype);
  }, []);
  return (
    <RoomDialog open={open} onClose={onClose} title="Camera, microphone and speaker">
      {open ? (
        <div className="flex flex-col gap-4">
          {publishes ? <DeviceSelect kind="audioinput" label="Microphone" onChosen={onChosen} /> : null}
          {publishes ? <DeviceSelect kind="videoinput" label="Camera" onChosen={onChosen} /> : null}
          {canPickSpeaker ? <DeviceSelect kind="audiooutput" label="Speaker" onChosen={onChosen} /> : null}
          {!publishes && !canPickSpeaker ? (
            <p className="text-base text-slate-700">This browser plays sound on its default speaker.</p>
          ) : null}
          <button
            type="button"
            onClick={onClose}
            className="min-h-11 self-end rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            Done
          </button>
        </div>
      ) : null}
    </RoomDialog>
  );
}
