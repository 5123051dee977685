import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import { Badge, Link } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

/** The planner's line for one SKU (R-INV-4/5): sales, days of supply, lead time, status. */
export function PlanFigures(props: { sku: string }) {
  const plan = useQuery({
    queryKey: ["planning", "report", "sku", props.sku],
    queryFn: () =>
      unwrap(client.GET("/api/v1/planning/report", { params: { query: { sku: props.sku, limit: 1 } } })),
  });
  const row = plan.data?.items[0];
  const s = plan.data?.settings;
  return (
    <section className="card" aria-label="Planner figures">
      <h2>Planner</h2>
      <ErrorBox error={plan.error} />
      {row && s && (
        <>
          <div className="figures">
            <div>
              <span className="muted small">Sold in {s.reportDays} days</span>
              <strong>{row.unitsSold}</strong>
            </div>
            <div>
              <span className="muted small">Average daily sales</span>
              <strong>{row.averageDailySales}</strong>
            </div>
            <div>
              <span className="muted small">Days of supply</span>
              <strong>{row.daysOfSupply ?? "∞"}</strong>
            </div>
            <div>
              <span className="muted small">Lead time</span>
              <strong>{row.leadTimeDays === null ? "not set" : `${row.leadTimeDays} days`}</strong>
            </div>
            <div>
              <span className="muted small">Status</span>
              <strong>
                <Badge value={row.status} />
              </strong>
            </div>
          </div>
          <p className="muted small">
            Understock below {s.understockDays} days and overstock above {s.overstockDays} days of supply
            beyond the lead time. <Link to="/planner">Whole report</Link>
          </p>
        </>
      )}
    </section>
  );
}
