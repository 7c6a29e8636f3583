import net from "node:net";

import { expect, test } from "@playwright/test";

import { E2E_STACK } from "./support/stack-env";

/** Sends a raw request on a connection of its own; resolves with all the server sent back. */
function rawRequest(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(E2E_STACK.port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 5 s; received: ${received.slice(0, 200)}`));
    }, 5_000);
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", reject);
    socket.write(request);
  });
}

// What Next.js itself answers before any route handler runs: these go through the real server.
test.describe("paths no route handler sees", () => {
  // As a script without a session: a signed-in browser's write also has to pass the
  // cross-site check first, which is not what these tests are about.
  test.use({ storageState: { cookies: [], origins: [] } });
  const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

  for (const path of [
    "/api/jobs/%E0%A4%A",
    "/api/jobs/%E0%A4%A/cancel",
    "/api/videos/%ZZ",
    "/jobs/%E0",
  ]) {
    test(`a malformed escape in ${path} is a 400 in the error shape`, async ({ request }) => {
      for (const method of ["get", "post"] as const) {
        const response = await request[method](path, { data: {} });

        expect(response.status(), `${method} ${path}`).toBe(400);
        expect(await response.json()).toMatchObject({
          error: { code: "bad_request", field: "path" },
        });
      }
    });
  }

  test("a well-formed escape still reaches its route", async ({ request }) => {
    const response = await request.get("/api/jobs/%61bc");

    // The route itself answers (it wants a signed-in caller), not the 400 above.
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject(errorShape);
  });

  test("a method no route can answer is a 405 in the error shape, not a 500", async ({
    request,
  }) => {
    // The fetch standard forbids TRACE, so Next.js could not even represent the request.
    for (const method of ["TRACE", "PROPFIND"]) {
      for (const path of ["/api/health", "/api/jobs", "/jobs"]) {
        const response = await request.fetch(path, { method });

        expect(response.status(), `${method} ${path}`).toBe(405);
        expect(response.headers()["allow"]).toContain("GET");
        expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
      }
    }
  });

  test("a protocol upgrade is refused and its connection closed", async () => {
    for (const line of ["GET /no/such/page", "GET /api/health", "TRACE /x"]) {
      const reply = await rawRequest(
        `${line} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      );

      expect(reply, line).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply).toContain('"code":"bad_request"');
    }
  });

  test("a request target that is not a path is answered without reaching Next.js", async () => {
    const close = "Host: localhost\r\nConnection: close\r\n\r\n";

    expect(await rawRequest(`OPTIONS * HTTP/1.1\r\n${close}`)).toMatch(/^HTTP\/1\.1 204 /);
    for (const target of ["*", "http://localhost/api/health"]) {
      const reply = await rawRequest(`GET ${target} HTTP/1.1\r\n${close}`);
      expect(reply, target).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply).toContain('"code":"bad_request"');
    }
  });

  test("an unknown API path is a 404 in the error shape, not an HTML page", async ({ request }) => {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const response = await request[method]("/api/no/such/route");

      expect(response.status(), method).toBe(404);
      expect(response.headers()["content-type"]).toContain("application/json");
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });
});
