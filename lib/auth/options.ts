import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateStaff } from "@/lib/auth/authenticate-staff";
import { createStaffSession, revokeStaffSession } from "@/lib/auth/staff-session";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/request-meta";

/** Error codes the sign-in form turns into sentences. */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", rateLimited: "RATE_LIMITED" } as const;

function headerBag(headers: Record<string, unknown> | undefined) {
  return {
    get(name: string): string | null {
      const value = headers?.[name.toLowerCase()];
      return typeof value === "string" ? value : null;
    },
  };
}

let options: NextAuthOptions | undefined;

/**
 * next-auth v4 (stable; v5 is still beta) with email + password. The JWT cookie
 * carries only a StaffSession id: the server checks that row on every request,
 * so idle/absolute limits, sign-out and disabled accounts take effect at once.
 */
export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_HOURS * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const request = requestMetaFrom(headerBag(req.headers));
          const result = await authenticateStaff(credentials, request);
          if (!result.ok) {
            if (result.reason === "RATE_LIMITED") throw new Error(SIGN_IN_ERRORS.rateLimited);
            return null;
          }
          const sessionId = await createStaffSession(result.userId, request);
          return { id: result.userId, sessionId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user && "sessionId" in user && typeof user.sessionId === "string") {
          // Keep the token minimal: no name, email or picture in the cookie.
          return { sub: user.id, sid: user.sessionId };
        }
        return token;
      },
      async session({ session, token }) {
        return { expires: session.expires, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeStaffSession(token.sid);
      },
    },
  };
  return options;
}
