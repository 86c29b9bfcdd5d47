/** "From" and "To" date inputs of a GET filter form (named `from` and `to`), showing the current values. */
export function DateRangeFields({ from, to }: { from?: string; to?: string }) {
  const input = "rounded border border-slate-400 px-2 py-1.5";
  return (
    <>
      <label className="flex flex-col gap-1 text-sm">
        From
        <input type="date" name="from" defaultValue={from} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        To
        <input type="date" name="to" defaultValue={to} className={input} />
      </label>
    </>
  );
}
