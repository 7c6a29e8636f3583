import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from app/globals.css; this file names the sources it scans
// and is loaded there with @config so editors and tooling find one place.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: { extend: {} },
};

export default config;
