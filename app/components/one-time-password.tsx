import { useEffect, useState } from "react";
import { Button } from "~/components/ui/button";
import { useT } from "~/i18n/react";

/** The temporary password, shown once, with a copy button for when JavaScript runs. */
export function OneTimePassword({ password, name }: { password: string; name: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const [canCopy, setCanCopy] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <div className="mt-4 rounded-md border-l-4 border-amber-500 bg-amber-50 p-4">
      <p id="otp-label" className="text-sm font-semibold text-amber-900">
        {t("users.oneTimePassword")}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <code
          aria-labelledby="otp-label"
          className="select-all rounded bg-white px-3 py-2 font-mono text-xl font-bold tracking-wider text-slate-900 ring-1 ring-amber-300"
        >
          {password}
        </code>
        {canCopy ? (
          <Button
            variant="secondary"
            onClick={() => {
              void navigator.clipboard.writeText(password).then(() => setCopied(true));
            }}
          >
            {copied ? t("users.copied") : t("users.copyPassword")}
          </Button>
        ) : null}
      </div>
      <p className="mt-2 text-sm text-amber-900">{t("users.oneTimePasswordHelp", { name })}</p>
    </div>
  );
}
