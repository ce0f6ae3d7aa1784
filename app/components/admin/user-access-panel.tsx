/** Whether a user may sign in: deactivate or reactivate the account, or reset its password (shown once). */
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n/react";
import type { UserSnapshot } from "~/models/user-admin-page.server";
import { OneTimePassword } from "../one-time-password";
import { Button } from "../ui/button";
import { ErrorSummary } from "../ui/error-summary";
import { AdminSection } from "./admin-section";

export function UserAccessPanel({
  shown,
  statusResult,
  newPassword,
}: {
  shown: UserSnapshot;
  /** The refused deactivate/reactivate submission, if that is what was just sent. */
  statusResult?: SubmissionResult<string[]> | null;
  /** The one-time password just set, shown in this response only. */
  newPassword: string | null;
}) {
  const navigation = useNavigation();
  const t = useT();
  const passwordRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (newPassword) passwordRef.current?.focus();
  }, [newPassword]);
  const activeErrors = statusResult?.error ? Object.values(statusResult.error).flatMap((messages) => messages ?? []) : [];
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <AdminSection headingId="access-heading" title={t("users.accessSection")}>
      {newPassword ? (
        <div ref={passwordRef} tabIndex={-1} className="focus:outline-none">
          <p className="mt-3 text-sm font-semibold text-emerald-800">{t("users.passwordReset", { name: shown.fullName })}</p>
          <OneTimePassword password={newPassword} name={shown.fullName} />
        </div>
      ) : null}

      <div className="mt-4 grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <h3 className="font-semibold text-slate-800">{shown.active ? t("users.deactivate") : t("users.reactivate")}</h3>
          <p className="text-sm text-slate-600">{shown.active ? t("users.deactivateHelp") : t("users.reactivateHelp")}</p>
          {activeErrors.length ? <ErrorSummary items={activeErrors.map((message) => ({ message }))} /> : null}
          <Form
            method="post"
            onSubmit={(event) => {
              if (shown.active && !window.confirm(t("users.deactivateConfirm", { name: shown.fullName }))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value={shown.active ? "deactivate" : "reactivate"} />
            <input type="hidden" name="version" value={shown.version} />
            <Button
              type="submit"
              variant={shown.active ? "danger" : "secondary"}
              disabled={busyIntent === "deactivate" || busyIntent === "reactivate"}
            >
              {shown.active ? t("users.deactivate") : t("users.reactivate")}
            </Button>
          </Form>
        </div>
        <div className="space-y-2">
          <h3 className="font-semibold text-slate-800">{t("users.resetPassword")}</h3>
          <p className="text-sm text-slate-600">{t("users.resetPasswordHelp")}</p>
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(t("users.resetPasswordConfirm", { name: shown.fullName }))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="reset-password" />
            <Button type="submit" variant="secondary" disabled={busyIntent === "reset-password"}>
              {t("users.resetPassword")}
            </Button>
          </Form>
        </div>
      </div>
    </AdminSection>
  );
}
