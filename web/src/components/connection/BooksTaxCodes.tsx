import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, client, unwrap } from "../../api/client.ts";
import type { Connection, Ok } from "../../api/types.ts";
import { ErrorBox } from "../ErrorBox.tsx";

type TaxSettings = Ok<"getBooksTaxCodes">;

/**
 * On a books connection: the tax code its postings carry, by default and per channel. Companies
 * outside the US (QuickBooks GB, CA, AU) refuse sales lines without one. Not shown for channels.
 */
export function BooksTaxCodes(props: { connection: Connection; channels: Connection[] }) {
  const id = props.connection.id;
  const settings = useQuery({
    queryKey: ["books-tax-codes", id],
    queryFn: () =>
      unwrap(client.GET("/api/v1/connections/{id}/books-tax-codes", { params: { path: { id } } })),
  });
  if (settings.error instanceof ApiError && settings.error.code === "not_a_books_connection") return null;
  if (settings.error) return <ErrorBox error={settings.error} />;
  if (!settings.data) return null;
  return (
    <TaxCodesForm
      key={JSON.stringify(settings.data)}
      id={id}
      initial={settings.data}
      channels={props.channels}
    />
  );
}

function TaxCodesForm(props: { id: string; initial: TaxSettings; channels: Connection[] }) {
  const [s, setS] = useState(props.initial);
  const codes = s.taxCodes.filter((code) => code.active);
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT("/api/v1/connections/{id}/books-tax-codes", {
          params: { path: { id: props.id } },
          body: { defaultTaxCode: s.defaultTaxCode, channelTaxCodes: s.channelTaxCodes },
        }),
      ),
    onSuccess: (next) => {
      setS(next);
      // Read again when next shown; refetching now would remount the form and hide "Saved.".
      void queries.invalidateQueries({ queryKey: ["books-tax-codes", props.id], refetchType: "none" });
    },
  });
  const error = save.error;
  const saved = save.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
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
