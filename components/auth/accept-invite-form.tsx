"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { PASSWORD_MIN } from "@/lib/auth/schemas";

import { errorMessageOf } from "./api-error";
import { FormError, FormField, primaryButton } from "./form-field";

/** The invitee chooses a password; the server signs them in. */
export function AcceptInviteForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get("password");
    setBusy(true);
    setError(null);
    const response = await fetch("/api/auth/invite", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, password }),
    });
    if (response.ok) {
      router.replace("/");
      router.refresh();
      return;
    }
    setBusy(false);
    setError(await errorMessageOf(response));
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <FormField
        id="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        hint={`At least ${PASSWORD_MIN} characters.`}
        required
      />
      <FormError message={error} />
      <button type="submit" className={primaryButton} disabled={busy}>
        Set password and sign in
      </button>
    </form>
  );
}
