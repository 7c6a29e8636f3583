import { AccessDenied } from "@/components/auth/access-denied";

/** What forbidden() renders inside settings (when Next's authInterrupts is on). */
export default function SettingsForbidden() {
  return <AccessDenied />;
}
