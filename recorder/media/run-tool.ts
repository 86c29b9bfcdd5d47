import { spawn } from "node:child_process";

/** Runs ffmpeg or ffprobe to completion: stdout as a Buffer; rejects with the end of stderr on failure. */
export function runTool(command: string, args: string[], { timeoutMs = 10 * 60_000 } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      err = (err + chunk).slice(-4000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else {
        const lines = err.trim().split("\n").slice(-8).join("\n");
        reject(new Error(`${command} failed (${signal ?? `exit code ${code}`}): ${lines}`));
      }
    });
  });
}
