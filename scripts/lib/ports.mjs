// Free-port helpers for starting local servers (LiveKit, the app) without collisions.
// Plain Node, no dependencies: `npm start` imports this before dependencies may be installed.
//
// "Free" is only true at the moment of the check: another process may take the port before
// our server binds it. Callers start the server right away and report a bind failure clearly.

import dgram from "node:dgram";
import net from "node:net";

/**
 * A TCP port that the OS reports free on `host` right now (listen on port 0, read it, close).
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export async function getFreeTcpPort(host = "127.0.0.1") {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host, exclusive: true }, () => resolve(undefined));
  });
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (!address || typeof address === "string") throw new Error(`Could not read the port bound on ${host}`);
  return address.port;
}

/**
 * A UDP port that the OS reports free on `host` right now (bind on port 0, read it, close).
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export async function getFreeUdpPort(host = "127.0.0.1") {
  const socket = dgram.createSocket(net.isIPv6(host) ? "udp6" : "udp4");
  await new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind({ port: 0, address: host, exclusive: true }, () => resolve(undefined));
  });
  const { port } = socket.address();
  await new Promise((resolve) => socket.close(() => resolve(undefined)));
  return port;
}

/**
 * Whether a TCP listener could bind `port` on `host` now.
 * Only "address in use"/"access denied" count as taken; other errors (bad host…) are thrown.
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<boolean>}
 */
export async function isTcpPortFree(port, host = "127.0.0.1") {
  const server = net.createServer();
  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen({ port, host, exclusive: true }, () => resolve(undefined));
    });
  } catch (error) {
    if (isPortTakenError(error)) return false;
    throw error;
  }
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return true;
}

/**
 * Whether a UDP socket could bind `port` on `host` now.
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<boolean>}
 */
export async function isUdpPortFree(port, host = "127.0.0.1") {
  const socket = dgram.createSocket(net.isIPv6(host) ? "udp6" : "udp4");
  try {
    await new Promise((resolve, reject) => {
      socket.once("error", reject);
      // exclusive: don't share a handle with cluster workers; reuseAddr stays off so a taken
      // port is reported as taken rather than shared.
      socket.bind({ port, address: host, exclusive: true }, () => resolve(undefined));
    });
  } catch (error) {
    socket.close();
    if (isPortTakenError(error)) return false;
    throw error;
  }
  await new Promise((resolve) => socket.close(() => resolve(undefined)));
  return true;
}

/** @param {unknown} error */
function isPortTakenError(error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
  return code === "EADDRINUSE" || code === "EACCES";
}
