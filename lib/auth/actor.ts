/** Who a request acts for, however it authenticated (session cookie or API token). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: "admin" | "member";
  via: "session" | "token";
}

export const isAdmin = (actor: Actor) => actor.role === "admin";
