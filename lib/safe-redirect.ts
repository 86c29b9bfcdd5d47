/** Only same-site paths may be redirect targets (no open redirects via callbackUrl). */
export function safeReturnPath(candidate: string | string[] | undefined | null, fallback = "/dashboard"): string {
  const value = Array.isArray(candidate) ? candidate[0] : candidate;
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
