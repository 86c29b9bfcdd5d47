import { respondToJoinLink } from "@/lib/server/invites/join-link-response";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export async function GET(request: Request, { params }: Context) {
  return respondToJoinLink(request, (await params).token, "GET");
}

export async function HEAD(request: Request, { params }: Context) {
  const response = await respondToJoinLink(request, (await params).token, "GET");
  return new Response(null, { status: response.status, headers: response.headers });
}

export async function POST(request: Request, { params }: Context) {
  return respondToJoinLink(request, (await params).token, "POST");
}
