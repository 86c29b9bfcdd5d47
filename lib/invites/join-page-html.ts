/**
 * The pages behind an invite link, as plain HTML with no script: they must
 * work in any browser, answer with exact status codes (410, 409, 429), and
 * a mail scanner that fetches them can change nothing.
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export type JoinPage = {
  title: string;
  paragraphs: string[];
  /** A POST form to this URL with one button, when the person can go on. */
  form?: { action: string; button: string };
};

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f8fafc; color: #0f172a; margin: 0; }
  main { max-width: 34rem; margin: 0 auto; padding: 3rem 1.5rem; }
  .brand { color: #17645e; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; font-size: .85rem; }
  h1 { font-size: 1.6rem; margin: .4rem 0 1rem; }
  p { font-size: 1.1rem; line-height: 1.55; }
  button { font: inherit; font-size: 1.1rem; background: #17645e; color: #fff; border: 0; border-radius: .4rem; padding: .75rem 1.4rem; cursor: pointer; }
  button:hover { background: #124f4a; }
  :focus-visible { outline: 3px solid #1f7a73; outline-offset: 2px; }
`;

export function renderJoinPage(page: JoinPage): string {
  const paragraphs = page.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join("\n      ");
  const form = page.form
    ? `<form method="post" action="${escapeHtml(page.form.action)}"><button type="submit">${escapeHtml(page.form.button)}</button></form>`
    : "";
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <meta name="referrer" content="no-referrer">
    <title>${escapeHtml(page.title)} · OpenConsult</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <main>
      <p class="brand">OpenConsult</p>
      <h1>${escapeHtml(page.title)}</h1>
      ${paragraphs}
      ${form}
    </main>
  </body>
</html>`;
}
