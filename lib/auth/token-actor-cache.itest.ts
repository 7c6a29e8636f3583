import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { adminQuery, createTestDatabase, type TestDatabase } from "../testing/database";
import { actorForToken, createApiToken, hashToken, revokeApiToken } from "./api-tokens";
import { processTokenCache, TokenActorCache } from "./token-actor-cache";
import { bindAppToDatabase, createUser, type TestUser } from "../testing/users";
import { updateUser } from "./users";

/** Two web processes' caches on one database, as two servers behind a balancer would have. */
describe("token checks cached per process, dropped everywhere on change", () => {
  let testDb: TestDatabase;
  let admin: TestUser;
  let member: TestUser;
  let here: TokenActorCache;
  let elsewhere: TokenActorCache;

  /** A lookup whose database reads are counted: a hit costs none. */
  const counting = (secret: string) => {
    const reads = { n: 0 };
    const check = (cache: TokenActorCache) =>
      cache.lookup(hashToken(secret), async () => {
        reads.n += 1;
        const actor = await actorForToken(testDb.db, secret);

        return actor ? { tokenId: "t", actor, lastUsedAt: new Date() } : null;
      });

    return { reads, check };
  };

  const eventually = async (condition: () => Promise<boolean>, timeoutMs = 3_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error("condition not met in time");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const listening = (cache: TokenActorCache) => eventually(async () => cache.active);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    bindAppToDatabase(testDb);
    admin = await createUser(testDb.db, { role: "admin" });
    member = await createUser(testDb.db);
    // "here" is this process's own cache, the one its writes update without waiting.
    here = processTokenCache(testDb.url);
    elsewhere = new TokenActorCache(testDb.url);
    const warm = await createApiToken(testDb.db, member.user.id, "warm-up");
    await actorForToken(testDb.db, warm.secret, here);
    await actorForToken(testDb.db, warm.secret, elsewhere);
    await Promise.all([listening(here), listening(elsewhere)]);
  });
  afterAll(async () => {
    await here.close();
    await elsewhere.close();
    await testDb.drop();
  });

  it("reads the database once per process for a token used again and again", async () => {
    const { secret } = await createApiToken(testDb.db, member.user.id, "loop");
    const { reads, check } = counting(secret);
    for (let i = 0; i < 20; i += 1) expect((await check(here))?.actor.userId).toBe(member.user.id);

    expect(reads.n).toBe(1);
  });

  it("refuses a revoked token at once here, and in the other process as soon as it hears", async () => {
    const { secret, token } = await createApiToken(testDb.db, member.user.id, "to revoke");
    expect((await actorForToken(testDb.db, secret, here))?.userId).toBe(member.user.id);
    expect((await actorForToken(testDb.db, secret, elsewhere))?.userId).toBe(member.user.id);

    await revokeApiToken(testDb.db, member.user.id, token.id);

    expect(await actorForToken(testDb.db, secret, here)).toBeNull();
    await eventually(async () => (await actorForToken(testDb.db, secret, elsewhere)) === null);
  });

  it("stops a disabled user's tokens and follows a role change in every process", async () => {
    const { secret } = await createApiToken(testDb.db, member.user.id, "role");
    expect((await actorForToken(testDb.db, secret, elsewhere))?.role).toBe("member");

    await updateUser(testDb.db, admin.actor, member.user.id, { role: "admin" });
    await eventually(
      async () => (await actorForToken(testDb.db, secret, elsewhere))?.role === "admin",
    );

    await updateUser(testDb.db, admin.actor, member.user.id, { disabled: true });
    await eventually(async () => (await actorForToken(testDb.db, secret, elsewhere)) === null);

    await updateUser(testDb.db, admin.actor, member.user.id, { disabled: false, role: "member" });
    await eventually(
      async () => (await actorForToken(testDb.db, secret, elsewhere))?.role === "member",
    );
  });

  it("keeps nothing a change overtook while it was being read", async () => {
    const { secret } = await createApiToken(testDb.db, member.user.id, "race");
    let reads = 0;
    const load = async () => {
      reads += 1;
      const actor = await actorForToken(testDb.db, secret);
      // The change lands while this read is in flight: its answer may predate the change.
      if (reads === 1) here.apply({ userId: member.user.id });

      return actor ? { tokenId: "t", actor, lastUsedAt: new Date() } : null;
    };
    await here.lookup(hashToken(secret), load);
    await here.lookup(hashToken(secret), load);
    await here.lookup(hashToken(secret), load);

    expect(reads).toBe(2);
  });

  it("keeps nothing while its LISTEN connection is down, and caches again once it is back", async () => {
    const { secret } = await createApiToken(testDb.db, member.user.id, "outage");
    const { reads, check } = counting(secret);
    await check(here);
    expect(reads.n).toBe(1);

    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'roadie-token-cache'`,
      [testDb.name],
    );
    await eventually(async () => !here.active);
    await check(here);
    await check(here);
    expect(reads.n).toBe(3);

    await listening(here);
    await check(here);
    await check(here);
    expect(reads.n).toBe(4);
  });
});
