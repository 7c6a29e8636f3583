import { createHmac } from "node:crypto";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import * as demoRoute from "@/app/api/auth/demo/route";
import * as inviteRoute from "@/app/api/auth/invite/route";
import * as realtimeRoute from "@/app/api/realtime/auth/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";

import { resetConfigForTests } from "../config";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  bindAppToDatabase,
  createUser,
  routeArgs,
  type TestUser,
  testRequest,
} from "../testing/users";
import { DEMO_EMAIL } from "./demo-sign-in";
import { resolveActor } from "./resolve-actor";
import { cookieHeaderFrom } from "./sessions";

const none = routeArgs({});

describe("user administration, invites, channel auth and demo sign-in", () => {
  let testDb: TestDatabase;
  let admin: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    bindAppToDatabase(testDb);
    Object.assign(process.env, { PUSHER_APP_ID: "1", PUSHER_KEY: "key", PUSHER_SECRET: "secret" });
    resetConfigForTests();
    admin = await createUser(testDb.db, { role: "admin" });
    member = await createUser(testDb.db);
  });
  afterAll(async () => testDb.drop());

  const addUser = (json: unknown) =>
    usersRoute.POST(
      testRequest("/api/users", { as: admin, via: "cookie" }, { method: "POST", json }),
      none,
    );
  const patch = (as: TestUser, id: string, json: unknown) =>
    userRoute.PATCH(
      testRequest(`/api/users/${id}`, { as, via: "cookie" }, { method: "PATCH", json }),
      routeArgs({ id }),
    );

  it("adds a user with a password, who can then act; members may not add users", async () => {
    const res = await addUser({
      name: "Dana",
      email: "dana@example.test",
      password: "dana's password",
    });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { id: string; role: string } };
    expect(user.role).toBe("member");

    const asMember = testRequest(
      "/api/users",
      { as: member, via: "cookie" },
      { method: "POST", json: {} },
    );
    expect((await usersRoute.POST(asMember, none)).status).toBe(403);
    expect(
      (await addUser({ name: "Dup", email: "DANA@example.test", password: "another password" }))
        .status,
    ).toBe(409);
    expect(
      (
        await addUser({
          name: "Both",
          email: "x@example.test",
          password: "p".repeat(12),
          invite: true,
        })
      ).status,
    ).toBe(422);
  });

  it("refuses an unknown field with 422 naming it, and changes nothing", async () => {
    const typo = await addUser({
      name: "Eve",
      email: "eve@example.test",
      password: "eve's password",
      rol: "admin",
    });
    expect(typo.status).toBe(422);
    expect((await typo.json()).error).toMatchObject({ code: "validation_failed", field: "rol" });
    expect(await testDb.db.user.count({ where: { email: "eve@example.test" } })).toBe(0);

    const change = await patch(admin, member.user.id, { disabled: true, rol: "admin" });
    expect(change.status).toBe(422);
    expect((await change.json()).error).toMatchObject({ field: "rol" });
    expect(await resolveActor(testRequest("/", { as: member, via: "token" }))).not.toBeNull();
  });

  it("invites a user, whose link works once and signs them in", async () => {
    const res = await addUser({
      name: "Ivy",
      email: "ivy@example.test",
      role: "admin",
      invite: true,
    });
    const { inviteUrl, user } = (await res.json()) as {
      inviteUrl: string;
      user: { invitePending: boolean };
    };
    expect(user.invitePending).toBe(true);
    const token = decodeURIComponent(new URL(inviteUrl).pathname.split("/").at(-1) ?? "");

    const accept = () =>
      inviteRoute.POST(
        testRequest("/api/auth/invite", null, {
          method: "POST",
          json: { token, password: "ivy's new password" },
        }),
        none,
      );
    const first = await accept();
    expect(first.status).toBe(204);
    const actor = await resolveActor(
      new Request("http://localhost:3000/", {
        headers: { cookie: cookieHeaderFrom(first.headers) },
      }),
    );
    expect(actor).toMatchObject({ email: "ivy@example.test", role: "admin" });
    expect((await accept()).status).toBe(404);
  });

  it("changes roles and disables / enables, but not one's own account", async () => {
    expect((await patch(admin, member.user.id, { role: "admin" })).status).toBe(200);
    expect((await resolveActor(testRequest("/", { as: member, via: "token" })))?.role).toBe(
      "admin",
    );
    expect((await patch(admin, member.user.id, { role: "member" })).status).toBe(200);

    expect((await patch(admin, admin.user.id, { role: "member" })).status).toBe(409);
    expect((await patch(admin, admin.user.id, { disabled: true })).status).toBe(409);
    expect((await patch(member, admin.user.id, { disabled: true })).status).toBe(403);
    expect((await patch(admin, "no-such-user", { disabled: true })).status).toBe(404);

    const victim = await createUser(testDb.db);
    expect((await patch(admin, victim.user.id, { disabled: true })).status).toBe(200);
    expect(await testDb.db.session.count({ where: { userId: victim.user.id } })).toBe(0);
    expect(await resolveActor(testRequest("/", { as: victim, via: "token" }))).toBeNull();
    expect((await patch(admin, victim.user.id, { disabled: false })).status).toBe(200);
    expect(await resolveActor(testRequest("/", { as: victim, via: "token" }))).not.toBeNull();
  });

  const channelAuth = (as: TestUser | null, channel: string) => {
    const form = new URLSearchParams({ socket_id: "123.456", channel_name: channel });
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      origin: "http://localhost:3000",
    };
    if (as) headers.cookie = as.cookieHeader;
    const request = new Request("http://localhost:3000/api/realtime/auth", {
      method: "POST",
      headers,
      body: form.toString(),
    });

    return realtimeRoute.POST(request, none);
  };

  it("signs private channels by policy", async () => {
    const own = await channelAuth(member, `private-user-${member.user.id}`);
    expect(own.status).toBe(200);
    const { auth } = (await own.json()) as { auth: string };
    const expected = createHmac("sha256", "secret")
      .update(`123.456:private-user-${member.user.id}`)
      .digest("hex");
    expect(auth).toBe(`key:${expected}`);

    expect((await channelAuth(member, `private-user-${admin.user.id}`)).status).toBe(403);
    expect((await channelAuth(member, "private-admin")).status).toBe(403);
    expect((await channelAuth(member, "presence-room")).status).toBe(403);
    expect((await channelAuth(admin, "private-admin")).status).toBe(200);
    expect((await channelAuth(admin, `private-user-${member.user.id}`)).status).toBe(200);
    expect((await channelAuth(null, "private-admin")).status).toBe(401);
  });

  describe("demo sign-in", () => {
    afterEach(() => {
      delete process.env.ROADIE_DEMO;
    });
    const demo = (headers: Record<string, string>) =>
      demoRoute.GET(new Request("http://localhost:3000/api/auth/demo", { headers }), none);
    const local = { host: "localhost:3000", "x-forwarded-for": "127.0.0.1" };

    it("is 404 unless ROADIE_DEMO=1, and from loopback only", async () => {
      expect((await demo(local)).status).toBe(404);
      process.env.ROADIE_DEMO = "1";
      expect((await demo({ ...local, "x-forwarded-for": "203.0.113.9" })).status).toBe(404);
      expect((await demo({ ...local, "x-forwarded-for": "127.0.0.1, 203.0.113.9" })).status).toBe(
        404,
      );
      expect((await demo({ ...local, host: "rebound.example:3000" })).status).toBe(404);
      expect((await demo({ ...local, "sec-fetch-site": "cross-site" })).status).toBe(404);
      expect(await testDb.db.user.count({ where: { email: DEMO_EMAIL } })).toBe(0);
    });

    it("creates the demo admin once and signs the browser in", async () => {
      process.env.ROADIE_DEMO = "1";
      const first = await demo({ ...local, "x-forwarded-for": "::ffff:127.0.0.1" });
      expect(first.status).toBe(303);
      expect(first.headers.get("location")).toBe("/");
      const cookie = cookieHeaderFrom(first.headers);
      const actor = await resolveActor(
        new Request("http://localhost:3000/", { headers: { cookie } }),
      );
      expect(actor).toMatchObject({ email: DEMO_EMAIL, role: "admin" });

      expect((await demo({ ...local, "x-forwarded-for": "::1" })).status).toBe(303);
      expect(await testDb.db.user.count({ where: { email: DEMO_EMAIL } })).toBe(1);
    });
  });
});
