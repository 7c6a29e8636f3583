import type { Metadata } from "next";

import { TokensManager } from "@/components/settings/tokens-manager";
import { tokensOf } from "@/lib/auth/account-service";
import { requireActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens · Roadie" };

/** Personal API tokens for scripts: `Authorization: Bearer <token>` on any API route. */
export default async function TokensPage() {
  const actor = await requireActor();
  const tokens = (await tokensOf(actor)).map((t) => ({
    ...t,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));

  return (
    <>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Scripts send a token as <code>Authorization: Bearer …</code>. It acts as you; revoke it when
        it is no longer needed.
      </p>
      <TokensManager initialTokens={tokens} />
    </>
  );
}
