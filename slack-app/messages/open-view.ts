import type { SlackAPIClient } from "deno-slack-api/types.ts";

/** views.open from a function's interactivity pointer; a result, so callers can fall back or explain. */
export async function openView(
  client: SlackAPIClient,
  interactivityPointer: string | undefined,
  view: Record<string, unknown>,
): Promise<
  { ok: true; viewId: string | undefined } | { ok: false; error: string }
> {
  if (!interactivityPointer) return { ok: false, error: "no_interactivity" };
  try {
    const opened = await client.views.open({
      interactivity_pointer: interactivityPointer,
      view,
    });
    return opened.ok
      ? { ok: true, viewId: (opened.view as { id?: string })?.id }
      : { ok: false, error: opened.error ?? "unknown_error" };
  } catch (error) {
    const status = (error as { status?: number }).status;
    return { ok: false, error: status === 429 ? "ratelimited" : String(error) };
  }
}
