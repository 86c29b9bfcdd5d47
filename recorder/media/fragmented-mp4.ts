// Just enough of the MP4 box structure to tell whether ffmpeg has written media yet: a fragmented
// MP4 starts with ftyp + an empty moov (the header); each fragment is a moof + mdat pair after it.

import { open } from "node:fs/promises";

/** Top-level box types of a (possibly still growing or truncated) MP4 file, in order. */
export async function topLevelBoxes(path: string, limit = 64): Promise<string[]> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    const types: string[] = [];
    let offset = 0;
    while (offset + 8 <= size && types.length < limit) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) break;
      let boxSize = header.readUInt32BE(0);
      types.push(header.toString("latin1", 4, 8));
      if (boxSize === 1) {
        if (bytesRead < 16) break;
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        break; // runs to the end of the file
      }
      if (boxSize < 8) break; // corrupt or not an MP4
      offset += boxSize;
    }
    return types;
  } finally {
    await handle.close();
  }
}

/** True once the file holds at least one media fragment (moof) after its header. */
export async function hasMediaFragment(path: string): Promise<boolean> {
  return (await topLevelBoxes(path)).includes("moof");
}
