"use client";

import { useState } from "react";

import { apiFetch } from "@/components/auth/api-error";
import { FormError } from "@/components/auth/form-field";

import { AddUserForm } from "./add-user-form";

/** A user as the admin page shows it; dates arrive as ISO strings. */
export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: "admin" | "member";
  disabled: boolean;
  invitePending: boolean;
  createdAt: string;
}

/** Add users, change roles, disable and enable. Answers replace rows in place. */
export function UsersAdmin({ initialUsers, selfId }: { initialUsers: UserRow[]; selfId: string }) {
  const [users, setUsers] = useState(initialUsers);
  const [error, setError] = useState<string | null>(null);

  async function change(id: string, json: { role?: UserRow["role"]; disabled?: boolean }) {
    setError(null);
    try {
      const { user } = await apiFetch<{ user: UserRow }>(`/api/users/${id}`, {
        method: "PATCH",
        json,
      });
      setUsers((list) => list.map((u) => (u.id === id ? user : u)));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="flex flex-col gap-8">
      <AddUserForm onAdded={(user) => setUsers((list) => [...list, user])} />
      <FormError message={error} />
      <ul aria-label="Users" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {users.map((user) => (
          <UserItem key={user.id} user={user} isSelf={user.id === selfId} onChange={change} />
        ))}
      </ul>
    </div>
  );
}

interface UserItemProps {
  user: UserRow;
  isSelf: boolean;
  onChange: (id: string, json: { role?: UserRow["role"]; disabled?: boolean }) => void;
}

function UserItem({ user, isSelf, onChange }: UserItemProps) {
  const roleId = `role-${user.id}`;

  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="font-medium break-words">
          {user.name} {isSelf ? <span className="text-xs text-zinc-500">(you)</span> : null}
        </p>
        <p className="text-sm break-all text-zinc-600 dark:text-zinc-400">{user.email}</p>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {user.disabled ? "Disabled" : "Active"}
          {user.invitePending ? " · invite pending" : ""}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={roleId} className="sr-only">
          Role of {user.name}
        </label>
        <select
          id={roleId}
          value={user.role}
          disabled={isSelf}
          onChange={(e) => onChange(user.id, { role: e.target.value as UserRow["role"] })}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="member">Member</option>
          <option value="admin">Admin</option>
        </select>
        <button
          type="button"
          disabled={isSelf}
          onClick={() => onChange(user.id, { disabled: !user.disabled })}
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm disabled:opacity-50 dark:border-zinc-700"
        >
          {user.disabled ? `Enable ${user.name}` : `Disable ${user.name}`}
        </button>
      </div>
    </li>
  );
}
