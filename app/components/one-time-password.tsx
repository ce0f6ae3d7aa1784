import { useEffect, useState, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { useT } from "~/i18n/react";

/**
 * A secret shown once on an amber panel (a temporary password, a new API token), with a copy button
 * when the browser can copy; `children` is the advice under it.
 */
export function ShownOnce({
  labelId,
  label,
  value,
  valueClassName,
  copyLabel,
  copiedLabel,
  role,
  children,
}: {
  labelId: string;
  label: string;
  value: string;
  valueClassName: string;
  copyLabel: string;
  copiedLabel: string;
  role?: "status";
  children: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const [canCopy, setCanCopy] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <div role={role} className="mt-4 rounded-md border-l-4 border-amber-500 bg-amber-50 p-4">
      <p id={labelId} className="text-sm font-semibold text-amber-900">
        {label}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <code aria-labelledby={labelId} className={valueClassName}>
          {value}
        </code>
        {canCopy ? (
          <Button
            variant="secondary"
            onClick={() => {
              void navigator.clipboard.writeText(value).then(() => setCopied(true));
            }}
          >
            {copied ? copiedLabel : copyLabel}
          </Button>
        ) : null}
      </div>
      {children}
    </div>
  );
}

/** The temporary password, shown once, with a copy button for when JavaScript runs. */
export function OneTimePassword({ password, name }: { password: string; name: string }) {
  const t = useT();
  return (
    <ShownOnce
      labelId="otp-label"
      label={t("users.oneTimePassword")}
      value={password}
      valueClassName="select-all rounded bg-white px-3 py-2 font-mono text-xl font-bold tracking-wider text-slate-900 ring-1 ring-amber-300"
      copyLabel={t("users.copyPassword")}
      copiedLabel={t("users.copied")}
    >
      <p className="mt-2 text-sm text-amber-900">{t("users.oneTimePasswordHelp", { name })}</p>
    </ShownOnce>
  );
}
