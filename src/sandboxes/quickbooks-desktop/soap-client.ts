import { child, element, parseXml, type XmlNode, XmlSyntaxError } from "./xml.ts";

export const QBWC_NAMESPACE = "http://developer.intuit.com/";

/** The service answered with a SOAP fault, an HTTP error or something that is not SOAP. */
export class SoapCallError extends Error {
  constructor(
    readonly method: string,
    readonly kind: "fault" | "http" | "malformed" | "network",
    message: string,
  ) {
    super(`${method}: ${message}`);
  }
}

export interface SoapCall {
  readonly method: string;
  readonly ms: number;
  readonly httpStatus: number | null;
}

export interface SoapClientOptions {
  readonly url: string;
  readonly fetch?: typeof fetch;
  /** How long the Web Connector waits for an answer. Default 120 000 ms. */
  readonly timeoutMs?: number;
  /** Sees every call with its duration. */
  readonly onCall?: (call: SoapCall) => void;
}

/** A SOAP 1.1 document/literal envelope for one QBWC method, as the Web Connector sends it. */
export function envelope(method: string, params: readonly (readonly [string, string | number])[]): string {
  const body = element(
    method,
    { xmlns: QBWC_NAMESPACE },
    params.map(([name, value]) => [name, value] as const),
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** Calls the QBWC methods of one AppURL and returns each `<method>Result` element. */
export class SoapClient {
  constructor(private readonly options: SoapClientOptions) {}

  async call(
    method: string,
    params: readonly (readonly [string, string | number])[],
  ): Promise<XmlNode | undefined> {
    const started = performance.now();
    let status: number | null = null;
    try {
      const response = await (this.options.fetch ?? fetch)(this.options.url, {
        method: "POST",
        headers: {
          "content-type": "text/xml; charset=utf-8",
          soapaction: `"${QBWC_NAMESPACE}${method}"`,
        },
        body: envelope(method, params),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
      status = response.status;
      return resultOf(method, response.status, await response.text());
    } catch (error) {
      if (error instanceof SoapCallError) throw error;
      throw new SoapCallError(method, "network", (error as Error).message);
    } finally {
      this.options.onCall?.({ method, ms: Math.round(performance.now() - started), httpStatus: status });
    }
  }

  async string(
    method: string,
    params: readonly (readonly [string, string | number])[] = [],
  ): Promise<string> {
    return (await this.call(method, params))?.text ?? "";
  }
}

function resultOf(method: string, status: number, text: string): XmlNode | undefined {
  let body: XmlNode | undefined;
  try {
    body = child(parseXml(text, { removeNamespacePrefixes: true }).root, "Body");
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
  }
  const fault = body && child(body, "Fault");
  if (fault) {
    const code = child(fault, "faultcode")?.text ?? "";
    throw new SoapCallError(method, "fault", `${code} ${child(fault, "faultstring")?.text ?? ""}`.trim());
  }
  if (status !== 200) throw new SoapCallError(method, "http", `HTTP ${status}`);
  const answer = body && child(body, `${method}Response`);
  if (!answer) throw new SoapCallError(method, "malformed", `no ${method}Response in the answer`);
  return child(answer, `${method}Result`);
}
