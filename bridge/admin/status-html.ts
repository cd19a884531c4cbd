// The status page's few HTML helpers: every value goes through escapeHtml; cells given to `table` are HTML
// already built with these helpers.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  empty: string,
  className = "",
): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<table${
    className ? ` class="${escapeHtml(className)}"` : ""
  }><thead><tr>${
    headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")
  }</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join("")}</tr>`)
      .join("")
  }</tbody></table>`;
}

export const code = (value: unknown) => `<code>${escapeHtml(value)}</code>`;

export const okText = (ok: boolean, text: string) =>
  `<span class="${ok ? "ok" : "fail"}">${escapeHtml(text)}</span>`;

/** A doctor finding as a table row: ok/FAIL, the check's name, what it found. */
export const findingRow = (
  c: { ok: boolean; name: string; detail: string },
) => [
  okText(c.ok, c.ok ? "ok" : "FAIL"),
  escapeHtml(c.name),
  escapeHtml(c.detail),
];
