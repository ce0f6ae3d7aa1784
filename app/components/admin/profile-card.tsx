/** The "Profile" card of a person (one's own account page, a user's admin page): a list of labelled facts. */
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";

export function ProfileCard({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <section aria-labelledby="profile-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="profile-heading" className="text-lg font-semibold">
        {t("account.profile")}
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">{children}</dl>
    </section>
  );
}

export function ProfileFact({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-semibold text-slate-600">{label}</dt>
      <dd className={className}>{children}</dd>
    </>
  );
}
