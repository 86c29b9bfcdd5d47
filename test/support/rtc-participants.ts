import { Room } from "@livekit/rtc-node";

/**
 * rtc-node participants for integration tests: `join` connects one (failing
 * after 20 s rather than hanging the run); `disconnectAll` goes in afterEach.
 */
export function rtcParticipants(url: string) {
  const rooms: Room[] = [];
  return {
    async join(token: string): Promise<Room> {
      const room = new Room();
      rooms.push(room);
      await Promise.race([
        room.connect(url, token, { autoSubscribe: false, dynacast: false }),
        new Promise((_, reject) => setTimeout(() => reject(new Error("connect timed out")), 20_000)),
      ]);
      return room;
    },
    async disconnectAll(): Promise<void> {
      await Promise.allSettled(rooms.splice(0).map((room) => room.disconnect()));
    },
  };
}
