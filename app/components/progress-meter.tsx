/**
 * A percentage as a native <progress> bar with its number beside it. The page's CSP forbids
 * style attributes, so the bar's width comes from the element itself, coloured through its
 * pseudo-elements.
 */
export function ProgressMeter({ value, label, tone = "brand" }: { value: number; label: string; tone?: "brand" | "green" }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  const fill =
    tone === "green"
      ? "[&::-webkit-progress-value]:bg-emerald-600 [&::-moz-progress-bar]:bg-emerald-600"
      : "[&::-webkit-progress-value]:bg-brand-600 [&::-moz-progress-bar]:bg-brand-600";
  return (
    <span className="inline-flex items-center gap-2">
      <progress
        max={100}
        value={clamped}
        aria-label={label}
        className={`h-2 w-16 shrink-0 appearance-none overflow-hidden rounded-full bg-slate-200 sm:w-20 [&::-webkit-progress-bar]:rounded-full [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:rounded-full [&::-moz-progress-bar]:rounded-full ${fill}`}
      >
        {clamped}%
      </progress>
      <span className="tabular-nums text-xs font-semibold text-slate-700">{clamped}%</span>
    </span>
  );
}
