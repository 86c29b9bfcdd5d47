/**
 * A short, gentle two-note chime as a WAV file, made in memory so the speaker
 * test needs no asset and nothing from the network.
 */
export function chimeWav(sampleRate = 22_050): Uint8Array<ArrayBuffer> {
  const notes = [
    { frequency: 660, seconds: 0.45 },
    { frequency: 880, seconds: 0.7 },
  ];
  const total = notes.reduce((sum, note) => sum + Math.round(note.seconds * sampleRate), 0);
  const bytes = new Uint8Array(44 + total * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + total * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, total * 2, true);

  let offset = 44;
  for (const note of notes) {
    const length = Math.round(note.seconds * sampleRate);
    for (let i = 0; i < length; i++) {
      // Soft attack and a decay, so it sounds like a bell rather than a beep.
      const envelope = Math.min(1, i / (0.01 * sampleRate)) * Math.exp((-3 * i) / length);
      const sample = 0.4 * envelope * Math.sin((2 * Math.PI * note.frequency * i) / sampleRate);
      view.setInt16(offset, Math.round(sample * 32_767), true);
      offset += 2;
    }
  }
  return bytes;
}
