#!/usr/bin/env node
// The app's HTTP entry point: Next.js behind a plain Node server that fixes
// one thing. Next only *adds* X-Forwarded-For when a request lacks it, so a
// client could write any address there and dodge per-address limits. Here the
// header is rewritten from the socket: replaced when no proxy is trusted,
// appended to when TRUST_PROXY says one sits in front.
import http from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "127.0.0.1";
const trustProxy = ["true", "1", "yes"].includes(String(process.env.TRUST_PROXY));

const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  const socketAddress = request.socket.remoteAddress ?? "";
  const forwarded = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] =
    trustProxy && forwarded ? `${String(forwarded)}, ${socketAddress}` : socketAddress;
  void handle(request, response);
});

server.listen(port, hostname, () => {
  console.log(`Listening on http://${hostname}:${port}`);
});

const close = () => server.close(() => process.exit(0));
process.on("SIGTERM", close);
process.on("SIGINT", close);
