import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts or ESM quirks are loaded by Node, not bundled.
  serverExternalPackages: ["pg-boss", "pg", "pino", "@prisma/adapter-pg", "pusher", "better-auth"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
