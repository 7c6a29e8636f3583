"use client";

import { type FormEvent, useState } from "react";

import { apiFetch } from "@/components/auth/api-error";
import { FormError, FormField, primaryButton } from "@/components/auth/form-field";

/** A token as the page shows it; dates arrive as ISO strings. */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Create (secret shown once), list with last use, and revoke personal API tokens. */
export function TokensManager({ initialTokens }: { initialTokens: TokenRow[] }) {
  const [tokens, setTokens] = useState(initialTokens);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get("token-name") ?? "");
    setError(null);
    try {
      const created = await apiFetch<{ token: TokenRow; secret: string }>("/api/tokens", {
        method: "POST",
        json: { name },
      });
      setTokens((list) => [created.token, ...list]);
      setSecret(created.secret);
      formElement.reset();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await apiFetch(`/api/tokens/${id}`, { method: "DELETE" });
      setTokens((list) => list.filter((t) => t.id !== id));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={create} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <FormField id="token-name" label="Token name" placeholder="e.g. backup script" required />
        </div>
        <button type="submit" className={primaryButton}>
          Create token
        </button>
      </form>
      <FormError message={error} />
      {secret ? <NewSecret secret={secret} onDone={() => setSecret(null)} /> : null}
      <TokenList tokens={tokens} onRevoke={revoke} />
    </div>
  );
}

function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <section
      aria-labelledby="new-token-title"
      className="rounded-md border border-amber-400 bg-amber-50 p-4 dark:bg-amber-950"
    >
      <h2 id="new-token-title" className="font-semibold">
        Copy your new token now
      </h2>
      <p className="mt-1 text-sm">
        It is shown only this once. Send it as `Authorization: Bearer …`.
      </p>
      <label htmlFor="new-token-secret" className="sr-only">
        New token secret
      </label>
      <input
        id="new-token-secret"
        readOnly
        value={secret}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-2 w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          className="text-sm underline"
          onClick={() => navigator.clipboard?.writeText(secret)}
        >
          Copy
        </button>
        <button type="button" className="text-sm underline" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}

function TokenList({ tokens, onRevoke }: { tokens: TokenRow[]; onRevoke: (id: string) => void }) {
  if (tokens.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No tokens yet.</p>;

  return (
    <ul aria-label="Your API tokens" className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {tokens.map((token) => (
        <li key={token.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div className="min-w-0">
            <p className="font-medium break-words">{token.name}</p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              <span className="font-mono">{token.prefix}…</span> · created{" "}
              {formatDate(token.createdAt)} ·{" "}
              {token.lastUsedAt ? `last used ${formatDate(token.lastUsedAt)}` : "never used"}
            </p>
          </div>
          <button
            type="button"
            onClick={() => onRevoke(token.id)}
            aria-label={`Revoke ${token.name}`}
            className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-400 dark:hover:bg-red-950"
          >
            Revoke
          </button>
        </li>
      ))}
    </ul>
  );
}

const formatDate = (iso: string) => new Date(iso).toLocaleString();
