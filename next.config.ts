import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts or ESM quirks are loaded by Node, not bundled.
  serverExternalPackages: ["pg-boss", "pg", "pino", "@prisma/adapter-pg", "pusher", "better-auth"],
  poweredByHeader: false,
  typedRoutes: false,
  // Lets pages answer a real 403 (forbidden()) instead of a 200 that says "not allowed".
  experimental: { authInterrupts: true },
  // `npm test` and CI run tsc as a step of their own; checking again inside every build
  // costs a minute on two cores and adds nothing.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
