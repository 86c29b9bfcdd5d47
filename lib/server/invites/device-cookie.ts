import "server-only";
import { env } from "@/lib/env";

/**
 * The cookie that binds invite links to this browser. `__Host-` (Secure, no
 * Domain, Path=/) wherever the app is served over HTTPS; on plain-HTTP local
 * installs browsers refuse Secure cookies, so the prefix is dropped there.
 */
export function deviceCookieName(): string {
  return env().APP_URL.startsWith("https://") ? "__Host-oc_device" : "oc_device";
}

/** Kept as long as any visit could still use it; each redemption renews it. */
const MAX_AGE_SECONDS = 30 * 24 * 3600;

export function deviceCookieHeader(secret: string): string {
  const secure = env().APP_URL.startsWith("https://") ? "; Secure" : "";
  return `${deviceCookieName()}=${secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}${secure}`;
}

/** Reads the device secret from a Cookie header (route handlers) or a cookie store value. */
export function deviceSecretFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const name = deviceCookieName();
  for (const part of cookieHeader.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=") || null;
  }
  return null;
}
