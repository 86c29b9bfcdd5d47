// @ts-check

/**
 * Security headers every response carries. Pages that need stricter rules
 * (invite links: no-store) set their own on top of these.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // No page URL may leak to another origin (invite pages and visit URLs).
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(self), display-capture=(self), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A separate build folder per concurrent test run (NEXT_DIST_DIR), so two runs never build into one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests included) in `npm test`;
  // repeating it inside every `npm start` build would only slow the start.
  typescript: { ignoreBuildErrors: true },
  // Native or worker-thread based packages must stay outside the server bundle.
  serverExternalPackages: ["pino", "@node-rs/argon2", "@libsql/client", "@prisma/adapter-libsql", "livekit-server-sdk"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
