import "server-only";
import { env } from "@/lib/env";
import { localDiskStorage, type RecordingStorage } from "@/lib/recording/storage";

let storage: RecordingStorage | undefined;

/** This deployment's recording storage (local disk under RECORDINGS_DIR). */
export function recordingStorage(): RecordingStorage {
  storage ??= localDiskStorage(env().RECORDINGS_DIR);
  return storage;
}
