"use client";

import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import type { JoinChoices } from "@/components/prejoin/join-choices";
import { loadPreferences, savePreferences } from "./device-preferences";
import { BROWSER_NAMES, type BrowserFamily, detectBrowser, type MediaProblem, permissionSteps } from "./media-problems";
import { chimeWav } from "./test-sound";
import { useAudioLevel } from "./use-audio-level";
import { type LocalMediaState, useLocalMedia } from "./use-local-media";
import { type DeviceOption, useMediaDevices } from "./use-media-devices";

export type DeviceCheckProps = {
  defaultDisplayName: string;
  canEditName: boolean;
  /** The button's words, e.g. "Join the waiting room" or "Join visit". */
  joinLabel: string;
  /** False for observers: no camera or microphone, only name, speaker and join. */
  publishes: boolean;
  onJoin: (choices: JoinChoices) => void;
  busy?: boolean;
};

export const MAX_DISPLAY_NAME_LENGTH = 100;

/** After a join that did not leave this page (an error), wait this long before opening the camera again. */
const REOPEN_DELAY_MS = 1_500;

const buttonBase =
  "inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-4 py-2 text-lg font-medium disabled:cursor-not-allowed disabled:opacity-60";
const primaryButton = `${buttonBase} bg-brand-600 text-white hover:bg-brand-700`;
const secondaryButton = `${buttonBase} border-2 border-slate-400 bg-white text-slate-900 hover:bg-slate-50`;
const selectClass = "min-h-12 w-full rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg";

const isOn = (state: LocalMediaState) => state.status === "ready" || state.status === "starting";

/**
 * The check before joining: camera preview, a live microphone meter, device
 * pickers, a speaker test, camera and microphone switches, and plain help
 * when the browser blocks a device or has none. The preview's tracks are
 * stopped on join and on unmount; the room opens its own from the chosen ids.
 */
export function DeviceCheck(props: DeviceCheckProps) {
  const { publishes, busy = false } = props;
  const ids = useId();
  const [loaded, setLoaded] = useState(false);
  const [browser, setBrowser] = useState<BrowserFamily>("other");
  const [canPickSpeaker, setCanPickSpeaker] = useState(false);
  const [videoWanted, setVideoWanted] = useState(true);
  const [audioWanted, setAudioWanted] = useState(true);
  const [videoDeviceId, setVideoDeviceId] = useState<string | undefined>();
  const [audioDeviceId, setAudioDeviceId] = useState<string | undefined>();
  const [outputDeviceId, setOutputDeviceId] = useState<string | undefined>();
  const [videoAttempt, setVideoAttempt] = useState(0);
  const [audioAttempt, setAudioAttempt] = useState(0);
  // True from "Join" until the parent either moves on (unmounts us) or, after an error, lets us open devices again.
  const [released, setReleased] = useState(false);
  const [name, setName] = useState(props.defaultDisplayName);
  const [nameError, setNameError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  // Browser-only facts and remembered choices, read after hydration so the server render matches.
  useEffect(() => {
    const saved = loadPreferences(window.localStorage);
    setVideoWanted(saved.videoEnabled);
    setAudioWanted(saved.audioEnabled);
    setVideoDeviceId(saved.videoDeviceId);
    setAudioDeviceId(saved.audioDeviceId);
    setOutputDeviceId(saved.audioOutputDeviceId);
    setBrowser(detectBrowser(navigator.userAgent, navigator.maxTouchPoints));
    setCanPickSpeaker(typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype);
    setLoaded(true);
  }, []);

  const active = loaded && publishes && !released;
  const video = useLocalMedia("video", active && videoWanted, videoDeviceId, videoAttempt);
  const audio = useLocalMedia("audio", active && audioWanted, audioDeviceId, audioAttempt);
  const devices = useMediaDevices(`${loaded}/${video.status}/${audio.status}`);

  // After an unsuccessful join the parent clears `busy` and keeps showing the check: open the devices again.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy) {
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current || !released) return;
    wasBusy.current = false;
    const timer = setTimeout(() => setReleased(false), REOPEN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [busy, released]);

  const problems: { kind: "camera" | "microphone"; problem: MediaProblem }[] = [];
  if (video.status === "problem") problems.push({ kind: "camera", problem: video.problem });
  if (audio.status === "problem") problems.push({ kind: "microphone", problem: audio.problem });

  function tryAgain() {
    if (video.status === "problem") setVideoAttempt((n) => n + 1);
    if (audio.status === "problem") setAudioAttempt((n) => n + 1);
  }

  // A blocked device asks again when the person allows it in the browser's own settings.
  const retryBlocked = useRef(tryAgain);
  retryBlocked.current = tryAgain;
  const anyDenied = problems.some((p) => p.problem === "denied");
  useEffect(() => {
    if (!anyDenied || !navigator.permissions?.query) return;
    const statuses: PermissionStatus[] = [];
    const onChange = (event: Event) => {
      if ((event.target as PermissionStatus).state === "granted") retryBlocked.current();
    };
    let cancelled = false;
    for (const permission of ["camera", "microphone"]) {
      navigator.permissions
        .query({ name: permission as PermissionName })
        .then((status) => {
          if (cancelled) return;
          status.addEventListener("change", onChange);
          statuses.push(status);
        })
        .catch(() => {});
    }
    return () => {
      cancelled = true;
      for (const status of statuses) status.removeEventListener("change", onChange);
    };
  }, [anyDenied]);

  function toggle(kind: "camera" | "microphone") {
    const state = kind === "camera" ? video : audio;
    const wanted = kind === "camera" ? videoWanted : audioWanted;
    // Pressing a switch whose device failed means "try again", not "turn off".
    if (wanted && state.status === "problem")
      return kind === "camera" ? setVideoAttempt((n) => n + 1) : setAudioAttempt((n) => n + 1);
    if (kind === "camera") setVideoWanted(!wanted);
    else setAudioWanted(!wanted);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const displayName = props.canEditName ? name.trim() : props.defaultDisplayName;
    if (props.canEditName && (displayName.length < 1 || displayName.length > MAX_DISPLAY_NAME_LENGTH)) {
      setNameError(
        displayName.length < 1
          ? "Please type your name, so the others know who you are."
          : `Your name can be at most ${MAX_DISPLAY_NAME_LENGTH} characters.`,
      );
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    const chosenVideo = video.status === "ready" ? video.deviceId : videoDeviceId;
    const chosenAudio = audio.status === "ready" ? audio.deviceId : audioDeviceId;
    const choices: JoinChoices = {
      displayName,
      videoEnabled: publishes && videoWanted && isOn(video),
      audioEnabled: publishes && audioWanted && isOn(audio),
      videoDeviceId: publishes ? chosenVideo : undefined,
      audioDeviceId: publishes ? chosenAudio : undefined,
      audioOutputDeviceId: outputDeviceId,
    };
    if (publishes) {
      savePreferences(window.localStorage, {
        videoEnabled: videoWanted,
        audioEnabled: audioWanted,
        videoDeviceId: chosenVideo,
        audioDeviceId: chosenAudio,
        audioOutputDeviceId: outputDeviceId,
      });
    } else {
      const saved = loadPreferences(window.localStorage);
      savePreferences(window.localStorage, { ...saved, audioOutputDeviceId: outputDeviceId });
    }
    // Stops the preview's tracks (their effects clean up) before the room opens its own.
    setReleased(true);
    props.onJoin(choices);
  }

  const titleId = `${ids}-title`;
  return (
    <section aria-labelledby={titleId} data-testid="device-check" className="flex w-full flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h2 id={titleId} className="text-2xl font-semibold">
          {publishes ? "Check your camera and sound" : "Check your sound"}
        </h2>
        <p className="text-lg text-slate-700">
          {publishes
            ? "Before you join, make sure the others will see and hear you. Nobody can see or hear you on this page."
            : "You will watch and listen. Your camera and microphone stay off in this visit."}
        </p>
      </div>

      <form onSubmit={submit} noValidate className="flex flex-col gap-6">
        {publishes ? (
          <div className="grid gap-6 md:grid-cols-2">
            <div className="flex flex-col gap-3">
              <CameraPreview state={video} wanted={videoWanted} joining={released} />
              <div className="grid grid-cols-2 gap-3">
                <DeviceSwitch
                  label="Camera"
                  on={videoWanted && isOn(video)}
                  onClick={() => toggle("camera")}
                  icon={<CameraIcon off={!(videoWanted && isOn(video))} />}
                  disabled={released}
                />
                <DeviceSwitch
                  label="Microphone"
                  on={audioWanted && isOn(audio)}
                  onClick={() => toggle("microphone")}
                  icon={<MicrophoneIcon off={!(audioWanted && isOn(audio))} />}
                  disabled={released}
                />
              </div>
            </div>

            <div className="flex flex-col gap-5">
              <MicrophoneMeter state={audio} wanted={audioWanted} labelId={`${ids}-meter`} />
              <DevicePicker
                id={`${ids}-camera`}
                label="Camera to use"
                options={devices.videoinput}
                value={video.status === "ready" ? video.deviceId : videoDeviceId}
                onChange={setVideoDeviceId}
              />
              <DevicePicker
                id={`${ids}-microphone`}
                label="Microphone to use"
                options={devices.audioinput}
                value={audio.status === "ready" ? audio.deviceId : audioDeviceId}
                onChange={setAudioDeviceId}
              />
              <SpeakerCheck
                id={`${ids}-speaker`}
                canPick={canPickSpeaker}
                options={devices.audiooutput}
                value={outputDeviceId}
                onChange={setOutputDeviceId}
              />
            </div>
          </div>
        ) : (
          <SpeakerCheck
            id={`${ids}-speaker`}
            canPick={canPickSpeaker}
            options={devices.audiooutput}
            value={outputDeviceId}
            onChange={setOutputDeviceId}
          />
        )}

        {problems.length > 0 ? <ProblemHelp problems={problems} browser={browser} onTryAgain={tryAgain} /> : null}

        {props.canEditName ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${ids}-name`} className="text-lg font-medium">
              Your name
            </label>
            <p id={`${ids}-name-hint`} className="text-slate-600">
              The others in the visit will see this name.
            </p>
            <input
              ref={nameRef}
              id={`${ids}-name`}
              name="displayName"
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={MAX_DISPLAY_NAME_LENGTH}
              autoComplete="name"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${ids}-name-hint ${ids}-name-error` : `${ids}-name-hint`}
              className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg"
            />
            {nameError ? (
              <p id={`${ids}-name-error`} className="text-lg text-red-700">
                {nameError}
              </p>
            ) : null}
          </div>
        ) : (
          <p className="text-lg">
            You will join as <strong>{props.defaultDisplayName}</strong>.
          </p>
        )}

        <button
          type="submit"
          // Until the page is interactive a click would only reload it (a plain form submit).
          disabled={busy || !loaded}
          aria-busy={busy || undefined}
          className={`${primaryButton} w-full text-xl sm:w-auto sm:self-start sm:px-8`}
        >
          {busy ? "Joining…" : props.joinLabel}
        </button>
      </form>
    </section>
  );
}

function CameraPreview({ state, wanted, joining }: { state: LocalMediaState; wanted: boolean; joining: boolean }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const track = state.status === "ready" ? state.track : null;
  useEffect(() => {
    const element = videoRef.current;
    if (!element || !track) return;
    element.srcObject = new MediaStream([track]);
    void element.play().catch(() => {});
    return () => {
      element.srcObject = null;
    };
  }, [track]);

  const message = joining
    ? "Joining…"
    : !wanted
      ? "Your camera is off. The others will not see you."
      : state.status === "starting"
        ? "Starting your camera…"
        : state.status === "problem"
          ? `${PROBLEM_SUMMARY[state.problem]("camera")} See the help below.`
          : null;

  return (
    <div className="relative aspect-video w-full overflow-hidden rounded-xl bg-slate-800">
      <video
        ref={videoRef}
        data-testid="camera-preview"
        aria-label="Your camera preview"
        muted
        playsInline
        autoPlay
        // Mirrored, like a mirror: moving your right hand moves the hand on the right.
        className={`h-full w-full -scale-x-100 object-cover ${track && !joining ? "" : "invisible"}`}
      />
      {message ? (
        <p className="absolute inset-0 flex items-center justify-center p-4 text-center text-lg text-white">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function DeviceSwitch(props: { label: string; on: boolean; onClick: () => void; icon: ReactNode; disabled: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={props.on}
      onClick={props.onClick}
      disabled={props.disabled}
      className={`${buttonBase} flex-col border-2 sm:flex-row ${
        props.on
          ? "border-brand-600 bg-brand-50 text-brand-700 hover:bg-brand-100"
          : "border-red-700 bg-red-50 text-red-800 hover:bg-red-100"
      }`}
    >
      {props.icon}
      <span>{props.label}</span>
      {/* The state is in aria-pressed; this is for the eyes. */}
      <span aria-hidden="true" className="text-base font-semibold">
        {props.on ? "On" : "Off"}
      </span>
    </button>
  );
}

function MicrophoneMeter({ state, wanted, labelId }: { state: LocalMediaState; wanted: boolean; labelId: string }) {
  const barRef = useRef<HTMLDivElement>(null);
  const meterRef = useRef<HTMLMeterElement>(null);
  const lastReported = useRef(0);
  const onLevel = useCallback((level: number) => {
    if (barRef.current) barRef.current.style.transform = `scaleX(${level})`;
    // The bar moves every frame; the accessible value (and what tests read) a few times a second.
    const now = performance.now();
    if (meterRef.current && (now - lastReported.current > 200 || level === 0)) {
      lastReported.current = now;
      meterRef.current.value = Math.round(level * 100);
    }
  }, []);
  const heard = useAudioLevel(state.status === "ready" ? state.track : null, onLevel);

  const status = !wanted
    ? "Your microphone is off. The others will not hear you."
    : state.status === "starting"
      ? "Starting your microphone…"
      : state.status === "problem"
        ? `${PROBLEM_SUMMARY[state.problem]("microphone")} See the help below.`
        : state.status === "ready"
          ? heard
            ? "We can hear you."
            : "Say something. The green bar should move."
          : "";

  return (
    <div className="flex flex-col gap-2">
      <p id={labelId} className="text-lg font-medium">
        Microphone level
      </p>
      {/* The native meter is what assistive technology (and the tests) read; the bar is for the eyes. */}
      <meter
        ref={meterRef}
        aria-labelledby={labelId}
        min={0}
        max={100}
        value={0}
        data-testid="mic-level"
        className="sr-only"
      />
      <div
        aria-hidden="true"
        className="h-6 w-full overflow-hidden rounded-full border-2 border-slate-400 bg-slate-100"
      >
        <div ref={barRef} className="h-full w-full origin-left bg-green-600" style={{ transform: "scaleX(0)" }} />
      </div>
      <p role="status" className="text-lg text-slate-700">
        {status}
      </p>
    </div>
  );
}

function DevicePicker(props: {
  id: string;
  label: string;
  options: DeviceOption[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
}) {
  if (props.options.length === 0) return null;
  const value = props.options.some((o) => o.deviceId === props.value) ? props.value : props.options[0]?.deviceId;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="text-lg font-medium">
        {props.label}
      </label>
      <select
        id={props.id}
        value={value}
        onChange={(event) => props.onChange(event.target.value)}
        className={selectClass}
      >
        {props.options.map((option) => (
          <option key={option.deviceId} value={option.deviceId}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type SoundState = "idle" | "playing" | "played" | "failed";

function SpeakerCheck(props: {
  id: string;
  canPick: boolean;
  options: DeviceOption[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
}) {
  const [sound, setSound] = useState<SoundState>("idle");
  const urlRef = useRef<string | null>(null);
  const playing = useRef<HTMLAudioElement | null>(null);
  useEffect(
    () => () => {
      playing.current?.pause();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  async function play() {
    urlRef.current ??= URL.createObjectURL(new Blob([chimeWav()], { type: "audio/wav" }));
    playing.current?.pause();
    const audio = new Audio(urlRef.current);
    playing.current = audio;
    audio.addEventListener("ended", () => setSound("played"), { once: true });
    setSound("playing");
    try {
      if (props.canPick && props.value) await audio.setSinkId(props.value);
      await audio.play();
    } catch {
      setSound("failed");
    }
  }

  const hasChoice = props.canPick && props.options.length > 0;
  return (
    <div className="flex flex-col gap-2">
      {hasChoice ? (
        <DevicePicker
          id={props.id}
          label="Speaker to use"
          options={props.options}
          value={props.value}
          onChange={props.onChange}
        />
      ) : (
        <p className="text-lg font-medium">Speaker</p>
      )}
      <button type="button" onClick={() => void play()} className={`${secondaryButton} sm:self-start`}>
        <SpeakerIcon />
        Play test sound
      </button>
      <p role="status" className="text-lg text-slate-700">
        {sound === "playing"
          ? "Playing a chime now…"
          : sound === "played"
            ? "Did you hear a chime? If not, turn up the volume or choose another speaker."
            : sound === "failed"
              ? "The test sound could not play. Check that your speaker is on and the volume is up."
              : ""}
      </p>
    </div>
  );
}

const DEVICE_WORD = { camera: "camera", microphone: "microphone" } as const;

/** One short sentence under the preview or the meter; the details are in the help box. */
const PROBLEM_SUMMARY: Record<MediaProblem, (word: "camera" | "microphone") => string> = {
  denied: (word) => `Your ${word} is blocked.`,
  "not-found": (word) => `We could not find a ${word}.`,
  "in-use": (word) => `Your ${word} is busy in another program.`,
  unsupported: (word) => `This browser cannot use a ${word} here.`,
  failed: (word) => `Your ${word} could not start.`,
};

function ProblemHelp(props: {
  problems: { kind: "camera" | "microphone"; problem: MediaProblem }[];
  browser: BrowserFamily;
  onTryAgain: () => void;
}) {
  const denied = props.problems.filter((p) => p.problem === "denied").map((p) => DEVICE_WORD[p.kind]);
  const others = props.problems.filter((p) => p.problem !== "denied");
  const browserName = BROWSER_NAMES[props.browser];
  const blockedLabel = denied.join(" and ");
  const missingCamera = props.problems.some((p) => p.kind === "camera");
  const missingMicrophone = props.problems.some((p) => p.kind === "microphone");
  const consequence =
    missingCamera && missingMicrophone
      ? "The others will not see or hear you, but you can hear them and use the chat."
      : missingCamera
        ? "The others will hear you but not see you."
        : "The others will see you but not hear you. You can use the chat to write to them.";

  return (
    <div
      role="alert"
      data-testid="device-help"
      className="flex flex-col gap-3 rounded-xl border-2 border-amber-600 bg-amber-50 p-4 text-lg text-slate-900"
    >
      {denied.length > 0 ? (
        <>
          <h3 className="text-xl font-semibold">
            {browserName === "your browser" ? "Your browser" : browserName} is blocking your {blockedLabel}
          </h3>
          <p>To let the others {denied.length === 2 ? "see and hear" : denied[0] === "camera" ? "see" : "hear"} you:</p>
          <ol className="ml-6 list-decimal space-y-1">
            {permissionSteps(props.browser).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <p className="text-base text-slate-700">
            Still blocked? Your computer or phone may block the {blockedLabel} for every program: look in its privacy
            settings.
          </p>
        </>
      ) : null}
      {others.map(({ kind, problem }) => (
        <p key={kind}>{otherProblemText(kind, problem)}</p>
      ))}
      <p>
        <strong>You can also join without {props.problems.length > 1 ? "them" : "it"}.</strong> {consequence}
      </p>
      <button type="button" onClick={props.onTryAgain} className={`${secondaryButton} sm:self-start`}>
        Try again
      </button>
    </div>
  );
}

function otherProblemText(kind: "camera" | "microphone", problem: MediaProblem): string {
  const word = DEVICE_WORD[kind];
  switch (problem) {
    case "not-found":
      return `We could not find a ${word}. If you have one, plug it in or switch it on, then press “Try again”.`;
    case "in-use":
      return `Your ${word} is being used by another program, such as another video call. Close that program, then press “Try again”.`;
    case "unsupported":
      return `This browser cannot use a ${word} on this page. Please open your link in an up-to-date Chrome, Edge, Firefox or Safari.`;
    default:
      return `Your ${word} could not start. Press “Try again”, or restart your browser.`;
  }
}

function CameraIcon({ off }: { off: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-7 w-7" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="2" y="6" width="14" height="12" rx="2" />
      <path d="M16 10l6-3v10l-6-3z" />
      {off ? <path d="M3 3l18 18" strokeLinecap="round" /> : null}
    </svg>
  );
}

function MicrophoneIcon({ off }: { off: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-7 w-7" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="9" y="2" width="6" height="12" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v4" strokeLinecap="round" />
      {off ? <path d="M3 3l18 18" strokeLinecap="round" /> : null}
    </svg>
  );
}

function SpeakerIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4 9h4l5-4v14l-5-4H4z" strokeLinejoin="round" />
      <path d="M16 8a5 5 0 0 1 0 8M19 5a9 9 0 0 1 0 14" strokeLinecap="round" />
    </svg>
  );
}
