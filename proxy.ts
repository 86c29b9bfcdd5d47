import { type NextRequest, NextResponse } from "next/server";

/**
 * Convenience only: sends a visitor without a session cookie to sign-in before
 * rendering a staff page. Every page, action and route checks the session on
 * the server itself; nothing relies on this file for access control.
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/media-check/:path*",
    "/consultations/:path*",
    "/outbox/:path*",
    "/recordings/:path*",
  ],
};
