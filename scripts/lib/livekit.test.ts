import dgram from "node:dgram";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildLiveKitConfigYaml,
  generateApiCredentials,
  LIVEKIT_VERSION,
  liveKitCachePath,
  startLiveKitServer,
} from "./livekit.mjs";
import { getFreeTcpPort, getFreeUdpPort } from "./ports.mjs";

// Pure logic only: nothing here starts a LiveKit server. Validation must fail before any spawn,
// which the non-existent binary path proves (a spawn would fail with ENOENT instead).
const NO_BINARY = "/nonexistent/livekit-server";
const base = { apiKey: "APItest", port: 7880, rtcTcpPort: 7881, rtcUdpPort: 7882 };

describe("buildLiveKitConfigYaml", () => {
  it("turns room auto-creation off and binds signalling to loopback only", () => {
    const yaml = buildLiveKitConfigYaml(base);
    expect(yaml).toMatch(/^room:\n {2}auto_create: false$/m);
    expect(yaml).toMatch(/^bind_addresses:\n {2}- "127\.0\.0\.1"$/m);
    expect(yaml).toMatch(/^port: 7880$/m);
    expect(yaml).toMatch(/^ {2}tcp_port: 7881$/m);
    expect(yaml).toMatch(/^ {2}udp_port: 7882$/m);
    expect(yaml).toMatch(/^ {2}node_ip: "127\.0\.0\.1"$/m);
    expect(yaml).toMatch(/^ {2}enable_loopback_candidate: true$/m);
    expect(yaml).toMatch(/^ {2}use_external_ip: false$/m);
    expect(yaml).not.toContain("development");
  });

  it("has a webhook section only when a URL is given", () => {
    expect(buildLiveKitConfigYaml(base)).not.toContain("webhook");
    expect(buildLiveKitConfigYaml({ ...base, webhookUrl: "" })).not.toContain("webhook");

    const yaml = buildLiveKitConfigYaml({ ...base, webhookUrl: "http://127.0.0.1:3000/api/livekit/webhook" });
    expect(yaml).toContain(
      'webhook:\n  api_key: "APItest"\n  urls:\n    - "http://127.0.0.1:3000/api/livekit/webhook"\n',
    );
  });

  it("quotes values so they cannot break out of their line", () => {
    const yaml = buildLiveKitConfigYaml({ ...base, webhookUrl: 'http://x/"\n  auto_create: true\\é' });
    expect(yaml).toContain('    - "http://x/\\"\\u000a  auto_create: true\\\\\\u00e9"\n');
    expect(yaml.match(/auto_create/g)).toHaveLength(2); // the real one and the quoted text
    expect(yaml).toMatch(/^ {2}auto_create: false$/m);
  });

  it("refuses a port that is not an integer rather than writing it into the YAML", () => {
    expect(() => buildLiveKitConfigYaml({ ...base, port: Number.NaN })).toThrow(/Invalid port/);
    expect(() => buildLiveKitConfigYaml({ ...base, rtcUdpPort: 70000 })).toThrow(/Invalid port/);
  });
});

describe("startLiveKitServer validation", () => {
  const held: Array<net.Server | dgram.Socket> = [];
  afterEach(async () => {
    for (const item of held.splice(0)) await new Promise<void>((resolve) => item.close(() => resolve()));
  });

  async function freePorts() {
    return { port: await getFreeTcpPort(), rtcTcpPort: await getFreeTcpPort(), rtcUdpPort: await getFreeUdpPort() };
  }

  it("rejects a 31-character secret and accepts 32", async () => {
    const ports = await freePorts();
    await expect(
      startLiveKitServer({ binary: NO_BINARY, apiKey: "APItest", apiSecret: "x".repeat(31), ...ports }),
    ).rejects.toThrow(/^LIVEKIT_API_SECRET must be at least 32 characters/);
    // 32 passes validation and gets as far as spawning the (missing) binary.
    await expect(
      startLiveKitServer({ binary: NO_BINARY, apiKey: "APItest", apiSecret: "x".repeat(32), ...ports }),
    ).rejects.toThrow(/Could not start \/nonexistent\/livekit-server/);
  });

  it("names the env var in a one-line error when the signalling port is taken", async () => {
    const server = net.createServer();
    held.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const taken = (server.address() as net.AddressInfo).port;

    const error = await startLiveKitServer({
      binary: NO_BINARY,
      ...generateApiCredentials(),
      ...(await freePorts()),
      port: taken,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `Port ${taken} (LiveKit signalling, LIVEKIT_PORT) is already in use: stop what uses it or set LIVEKIT_PORT to a free port.`,
    );
  });

  it("checks the UDP port too, and uses the caller's env var names", async () => {
    const socket = dgram.createSocket("udp4");
    held.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    const taken = socket.address().port;

    await expect(
      startLiveKitServer({
        binary: NO_BINARY,
        ...generateApiCredentials(),
        ...(await freePorts()),
        rtcUdpPort: taken,
        portNames: { rtcUdpPort: "TEST_UDP_PORT" },
      }),
    ).rejects.toThrow(
      new Error(
        `Port ${taken} (LiveKit WebRTC over UDP, TEST_UDP_PORT) is already in use: stop what uses it or set TEST_UDP_PORT to a free port.`,
      ),
    );
  });

  it("rejects ports that are not integers", async () => {
    await expect(
      startLiveKitServer({
        binary: NO_BINARY,
        ...generateApiCredentials(),
        ...(await freePorts()),
        rtcTcpPort: 7881.5,
      }),
    ).rejects.toThrow(/^LIVEKIT_RTC_TCP_PORT must be a port number/);
  });
});

describe("generateApiCredentials", () => {
  it("makes an API… key and a 48-character secret, different each time", () => {
    const a = generateApiCredentials();
    const b = generateApiCredentials();
    expect(a.apiKey).toMatch(/^API[0-9A-Za-z]{12}$/);
    expect(a.apiSecret).toMatch(/^[0-9A-Za-z_-]{48}$/);
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(a.apiSecret).not.toBe(b.apiSecret);
  });
});

describe("liveKitCachePath", () => {
  it("is inside the git-ignored .cache folder, per version", () => {
    expect(liveKitCachePath("/project")).toBe(`/project/.cache/livekit/v${LIVEKIT_VERSION}/livekit-server`);
  });
});
