/**
 * Runs once when the server process starts. The Node-only work lives in its
 * own module so the Edge build never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("@/lib/server-start");
    onServerStart();
  }
}
