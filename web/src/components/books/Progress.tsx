/** A progress bar; without a total it slides (the work's size is not known yet). */
export function Progress(props: { label: string; done: number; total: number | null; text: string }) {
  const percent = props.total ? Math.min(100, Math.round((props.done / props.total) * 100)) : null;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent === null ? {} : { "aria-valuenow": percent })}
        aria-valuetext={props.text}
      >
        <div
          className={`progress-fill${percent === null ? " indeterminate" : ""}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="muted small" aria-live="polite">
        {props.text}
      </p>
    </div>
  );
}
