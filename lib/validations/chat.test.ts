import { describe, expect, it } from "vitest";
import { chatTextSchema, MAX_CHAT_LENGTH, postStaffChatSchema, postVisitChatSchema } from "./chat";

describe("chat message text", () => {
  it("is trimmed and kept otherwise as typed (no HTML processing)", () => {
    expect(chatTextSchema.parse("  <b>hello</b>\nsecond line  ")).toBe("<b>hello</b>\nsecond line");
  });

  it("refuses empty and whitespace-only text", () => {
    expect(chatTextSchema.safeParse("").success).toBe(false);
    expect(chatTextSchema.safeParse(" \n\t ").success).toBe(false);
  });

  it("allows exactly the limit and refuses one more, counted after trimming", () => {
    expect(chatTextSchema.safeParse("x".repeat(MAX_CHAT_LENGTH)).success).toBe(true);
    expect(chatTextSchema.safeParse(`  ${"x".repeat(MAX_CHAT_LENGTH)}  `).success).toBe(true);
    const tooLong = chatTextSchema.safeParse("x".repeat(MAX_CHAT_LENGTH + 1));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toMatch(/at most 2000/);
  });

  it("refuses anything that is not a string", () => {
    for (const value of [undefined, null, 42, { text: "hi" }, ["hi"]]) {
      expect(chatTextSchema.safeParse(value).success).toBe(false);
    }
  });

  it("needs the visit or participant id next to the text", () => {
    expect(postVisitChatSchema.safeParse({ text: "hi" }).success).toBe(false);
    expect(postStaffChatSchema.safeParse({ consultationId: "", text: "hi" }).success).toBe(false);
    expect(postStaffChatSchema.parse({ consultationId: "c1", text: " hi " })).toEqual({
      consultationId: "c1",
      text: "hi",
    });
  });
});
