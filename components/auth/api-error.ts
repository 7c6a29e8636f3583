/** The message of an API error body, or a fallback naming the status. */
export async function errorMessageOf(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === "object") {
    const error = (body as { error?: unknown }).error;
    if (error && typeof error === "object" && "message" in error) return String(error.message);
    if ("message" in body) return String((body as { message: unknown }).message);
  }

  return `The request failed (${response.status}).`;
}

/**
 * fetch for the app's own JSON API: same-origin, JSON in and out, and an Error carrying the
 * server's message when the answer is not 2xx.
 */
export async function apiFetch<T>(
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.json === undefined ? {} : { "content-type": "application/json" },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  if (!response.ok) throw new Error(await errorMessageOf(response));

  return (response.status === 204 ? undefined : await response.json()) as T;
}
