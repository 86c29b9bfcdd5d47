"use client";

import { useEffect, useState } from "react";

type AudioContextClass = typeof AudioContext;

/** Louder than this (0–1) counts as "we can hear you". */
const HEARD_THRESHOLD = 0.3;

/**
 * Reads the microphone's loudness with an AnalyserNode on every animation
 * frame and hands it to `onLevel` (0–1) without re-rendering; re-renders only
 * when "heard something" changes. Everything is released on change/unmount.
 */
export function useAudioLevel(track: MediaStreamTrack | null, onLevel: (level: number) => void) {
  const [heard, setHeard] = useState(false);

  useEffect(() => {
    setHeard(false);
    onLevel(0);
    if (!track) return;
    const Context: AudioContextClass | undefined =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
    if (!Context) return;
    const context = new Context();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let level = 0;
    let heardUntil = 0;
    let frame = 0;

    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // Decibels mapped onto 0–1 (-60 dB … 0 dB), which matches how loud it sounds.
      const loudness = rms > 0 ? Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60)) : 0;
      // Rise at once, fall gently, so the bar is easy to follow.
      level = Math.max(loudness, level * 0.9);
      onLevel(level);
      const now = performance.now();
      if (loudness > HEARD_THRESHOLD) {
        if (heardUntil < now) setHeard(true);
        heardUntil = now + 3_000;
      } else if (heardUntil && heardUntil < now) {
        heardUntil = 0;
        setHeard(false);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);

    // Browsers may start audio suspended until the person interacts with the page.
    const resume = () => {
      if (context.state === "suspended") void context.resume();
    };
    resume();
    document.addEventListener("pointerdown", resume);
    document.addEventListener("keydown", resume);

    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("pointerdown", resume);
      document.removeEventListener("keydown", resume);
      source.disconnect();
      void context.close();
    };
  }, [track, onLevel]);

  return heard;
}
