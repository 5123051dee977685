import type { AlertEvent } from "../../api/types.ts";
import { type Condition, type ConditionRow, OPERATORS, type Operator, rowId } from "./condition.ts";

/** Values to suggest for a field: an enum's own, or true/false. */
function suggestions(field: AlertEvent["fieldTypes"][string] | undefined): string[] {
  if (field?.type === "enum") return field.values ?? [];
  if (field?.type === "boolean") return ["true", "false"];
  return [];
}

/** Rows of "field operator value", all or any of which must hold; none = every event alerts. */
export function ConditionBuilder(props: {
  fields: string[];
  fieldTypes: AlertEvent["fieldTypes"];
  value: Condition;
  onChange: (c: Condition) => void;
}) {
  const { value, onChange, fields, fieldTypes } = props;
  const update = (i: number, patch: Partial<ConditionRow>) =>
    onChange({ ...value, rows: value.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="card" aria-label="Condition">
      <legend>When</legend>
      {value.rows.length === 0 && <p className="muted small">Every such event raises the alert.</p>}
      {value.rows.length > 1 && (
        <label className="switch">
          <select
            aria-label="Match"
            value={value.join}
            onChange={(e) => onChange({ ...value, join: e.target.value as "and" | "or" })}
          >
            <option value="and">all of these hold</option>
            <option value="or">any of these holds</option>
          </select>
        </label>
      )}
      {value.rows.map((row, i) => (
        <div className="row" key={row.id}>
          <select
            aria-label={`Field ${i + 1}`}
            value={row.field}
            onChange={(e) => update(i, { field: e.target.value })}
          >
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <select
            aria-label={`Operator ${i + 1}`}
            value={row.op}
            onChange={(e) => update(i, { op: e.target.value as Operator })}
          >
            {OPERATORS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <input
            aria-label={`Value ${i + 1}`}
            value={row.value}
            list={`condition-values-${row.id}`}
            inputMode={fieldTypes[row.field]?.type === "number" ? "decimal" : undefined}
            onChange={(e) => update(i, { value: e.target.value })}
          />
          <datalist id={`condition-values-${row.id}`}>
            {suggestions(fieldTypes[row.field]).map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) })}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange({
            ...value,
            rows: [...value.rows, { id: rowId(), field: fields[0] ?? "", op: "==", value: "" }],
          })
        }
      >
        Add a condition
      </button>
    </fieldset>
  );
}
