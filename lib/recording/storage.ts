import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/**
 * Where recording files live. Keys are random (lib/random-id.ts): no PHI in a
 * path. Local disk is the default; an S3-compatible store implements the same
 * five calls (the recorder always writes its working file to local disk,
 * because ffmpeg writes a file, and `put` moves the finished one in).
 */
export interface RecordingStorage {
  /** The local file the recorder writes while recording (fragmented MP4). */
  workingPath(key: string): string;
  /** Takes a finished local file into storage under `key` (the local file is gone afterwards). */
  put(key: string, localPath: string): Promise<void>;
  /** Size in bytes, or null when there is no such file. */
  size(key: string): Promise<number | null>;
  /** The bytes from `start` to `end` inclusive (HTTP Range semantics), or the whole file. */
  read(key: string, range?: { start: number; end: number }): Readable;
  remove(key: string): Promise<void>;
}

const KEY_PATTERN = /^[A-Za-z0-9]{16,64}$/;

function checkedKey(key: string): string {
  // Keys are made by the server; anything else (a path, "..") is a bug or an attack.
  if (!KEY_PATTERN.test(key)) throw new Error("invalid recording storage key");
  return key;
}

export function localDiskStorage(root: string): RecordingStorage {
  const finalPath = (key: string) => path.join(root, `${checkedKey(key)}.mp4`);
  return {
    workingPath: (key) => path.join(root, "incoming", `${checkedKey(key)}.fmp4`),
    async put(key, localPath) {
      await fs.mkdir(root, { recursive: true });
      await fs.rename(localPath, finalPath(key));
    },
    async size(key) {
      try {
        return (await fs.stat(finalPath(key))).size;
      } catch {
        return null;
      }
    },
    read: (key, range) => createReadStream(finalPath(key), range),
    async remove(key) {
      await fs.rm(finalPath(key), { force: true });
      await fs.rm(path.join(root, "incoming", `${checkedKey(key)}.fmp4`), { force: true });
    },
  };
}
