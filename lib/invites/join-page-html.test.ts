import { describe, expect, it } from "vitest";
import { renderJoinPage } from "@/lib/invites/join-page-html";

describe("join pages", () => {
  it("escape every piece of text, so a name cannot inject markup", () => {
    const html = renderJoinPage({
      title: "Join your visit with Dr <script>alert(1)</script>",
      paragraphs: ['Bob "the builder" & co'],
      form: { action: "/join/abc", button: "Continue" },
    });
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("Bob &quot;the builder&quot; &amp; co");
    expect(html).toContain('<form method="post" action="/join/abc">');
  });

  it("carry no script and are kept out of search engines and referrers", () => {
    const html = renderJoinPage({ title: "This visit has ended", paragraphs: [] });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('name="robots" content="noindex, nofollow"');
    expect(html).toContain('name="referrer" content="no-referrer"');
    expect(html).not.toContain("<form");
  });
});
