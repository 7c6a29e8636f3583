"use client";

import { type FormEvent, useState } from "react";

import { apiFetch } from "@/components/auth/api-error";
import { FormError, FormField, primaryButton } from "@/components/auth/form-field";
import { PASSWORD_MIN } from "@/lib/auth/schemas";

import type { UserRow } from "./users-admin";

/** Adds a user with an initial password, or with an invite link shown once. */
export function AddUserForm({ onAdded }: { onAdded: (user: UserRow) => void }) {
  const [invite, setInvite] = useState(false);
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const json = {
      name: form.get("new-name"),
      email: form.get("new-email"),
      role: form.get("new-role"),
      ...(invite ? { invite: true } : { password: form.get("new-password") }),
    };
    setError(null);
    try {
      const created = await apiFetch<{ user: UserRow; inviteUrl?: string }>("/api/users", {
        method: "POST",
        json,
      });
      onAdded(created.user);
      setInviteUrl(created.inviteUrl ?? null);
      formElement.reset();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="add-user-title" className="flex flex-col gap-3">
      <h2 id="add-user-title" className="text-lg font-semibold">
        Add a user
      </h2>
      <FormField id="new-name" label="Name" required />
      <FormField id="new-email" label="Email" type="email" required />
      <div className="flex flex-col gap-1">
        <label htmlFor="new-role" className="text-sm font-medium">
          Role
        </label>
        <select
          id="new-role"
          name="new-role"
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="member">Member</option>
          <option value="admin">Admin</option>
        </select>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={invite} onChange={(e) => setInvite(e.target.checked)} />
        Send an invite link instead of setting a password
      </label>
      {invite ? null : (
        <FormField
          id="new-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          required
        />
      )}
      <FormError message={error} />
      {inviteUrl ? (
        <p role="status" className="text-sm break-all">
          Invite link (shown once, valid 7 days): <code>{inviteUrl}</code>
        </p>
      ) : null}
      <button type="submit" className={primaryButton}>
        Add user
      </button>
    </form>
  );
}
