import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api.ts";
import type { Connection } from "../../types.ts";
import { ErrorBox, useLoad } from "../common.tsx";

type TaxCode = { id: string; name: string; taxable: boolean; active: boolean };
type TaxSettings = {
  defaultTaxCode: string | null;
  channelTaxCodes: Record<string, string>;
  taxCodes: TaxCode[];
};

/**
 * On a books connection: the tax code its postings carry, by default and per channel. Companies
 * outside the US (QuickBooks GB, CA, AU) refuse sales lines without one. Not shown for channels.
 */
export function BooksTaxCodes(props: { connection: Connection; channels: Connection[] }) {
  const path = `/api/v1/connections/${props.connection.id}/books-tax-codes`;
  const settings = useLoad(() => api.get<TaxSettings>(path), `books-tax-${props.connection.id}`);
  if (settings.error instanceof ApiError && settings.error.code === "not_a_books_connection") return null;
  if (settings.error) return <ErrorBox error={settings.error} />;
  if (!settings.data) return null;
  return (
    <TaxCodesForm
      key={JSON.stringify(settings.data)}
      path={path}
      initial={settings.data}
      channels={props.channels}
    />
  );
}

function TaxCodesForm(props: { path: string; initial: TaxSettings; channels: Connection[] }) {
  const [s, setS] = useState(props.initial);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const codes = s.taxCodes.filter((code) => code.active);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      setS(
        await api.put<TaxSettings>(props.path, {
          defaultTaxCode: s.defaultTaxCode,
          channelTaxCodes: s.channelTaxCodes,
        }),
      );
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  const setChannel = (channelId: string, code: string) => {
    const next = { ...s.channelTaxCodes };
    if (code) next[channelId] = code;
    else delete next[channelId];
    setS({ ...s, channelTaxCodes: next });
  };
  const options = codes.map((code) => (
    <option key={code.id} value={code.id}>
      {code.name}
    </option>
  ));

  return (
    <form className="card form" onSubmit={submit} aria-label="Tax codes">
      <h2>Tax codes on postings</h2>
      <label>
        Default tax code
        <select
          value={s.defaultTaxCode ?? ""}
          onChange={(e) => setS({ ...s, defaultTaxCode: e.target.value || null })}
        >
          <option value="">None (the company's default)</option>
          {options}
        </select>
      </label>
      {props.channels.map((channel) => (
        <label key={channel.id}>
          {channel.name}
          <select
            value={s.channelTaxCodes[channel.id] ?? ""}
            onChange={(e) => setChannel(channel.id, e.target.value)}
          >
            <option value="">The default</option>
            {options}
          </select>
        </label>
      ))}
      <ErrorBox error={error} />
      <div className="row">
        <button type="submit" className="primary">
          Save tax codes
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}
