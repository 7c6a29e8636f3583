import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Toaster } from "sonner";

import { AppProviders } from "@/components/providers/app-providers";
import { realtimeConfigForBrowser } from "@/components/providers/realtime-server-config";
import { currentActor } from "@/lib/auth/current-actor";

import "./globals.css";

export const metadata: Metadata = {
  title: "Roadie",
  description: "Background jobs for your music-video library",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page shares one live connection, so toasts about finished jobs reach any page.
  const actor = await currentActor();

  return (
    <html lang="en">
      <body className="min-h-screen">
        <AppProviders
          realtime={actor ? realtimeConfigForBrowser() : null}
          actor={actor ? { id: actor.userId, role: actor.role } : null}
        >
          {children}
        </AppProviders>
        <Toaster position="bottom-right" closeButton richColors />
      </body>
    </html>
  );
}
