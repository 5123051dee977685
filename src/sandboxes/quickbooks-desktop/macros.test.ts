import { describe, expect, it } from "vitest";
import { answer, named, qbxml, retsOf, testCompany } from "./test-helpers.ts";
import { textOf } from "./xml.ts";

const memoAndRefund = (macro: string, useMacro = macro) =>
  `<CreditMemoAddRq requestID="c"><CreditMemoAdd defMacro="${macro}"><CustomerRef>${named("Cash Customer")}</CustomerRef>` +
  `<TxnDate>2026-12-07</TxnDate><RefNumber>R1001</RefNumber>` +
  `<CreditMemoLineAdd><ItemRef>${named("SKU-0001")}</ItemRef><Quantity>2</Quantity><Rate>12.50</Rate></CreditMemoLineAdd>` +
  `<CreditMemoLineAdd><ItemRef>${named("Discount")}</ItemRef><Amount>-5.00</Amount></CreditMemoLineAdd>` +
  `</CreditMemoAdd></CreditMemoAddRq>` +
  `<ARRefundCreditCardAddRq requestID="r"><ARRefundCreditCardAdd><CustomerRef>${named("Cash Customer")}</CustomerRef>` +
  `<TxnDate>2026-12-07</TxnDate><RefNumber>R1001</RefNumber><RefundAppliedToTxnAdd><TxnID useMacro="${useMacro}"></TxnID>` +
  `<RefundAmount>20.00</RefundAmount></RefundAppliedToTxnAdd></ARRefundCreditCardAdd></ARRefundCreditCardAddRq>`;

describe("macros and message-set recovery", () => {
  it("refunds a credit memo to a card through the TxnID macro it defined, discount line included", async () => {
    const { app, company } = testCompany();
    const [memo, refund] = await answer(app, qbxml(memoAndRefund("TxnID:7")));
    expect(memo?.attrs.statusCode).toBe("0");
    expect(textOf(retsOf(memo!, "CreditMemoRet")[0]!, "TotalAmount")).toBe("20.00");
    expect(refund?.attrs.statusCode).toBe("0");
    const applied = retsOf(retsOf(refund!, "ARRefundCreditCardRet")[0]!, "RefundAppliedToTxnRet")[0]!;
    expect(textOf(applied, "TxnID")).toBe(textOf(retsOf(memo!, "CreditMemoRet")[0]!, "TxnID"));
    expect(company.liveTxns("ARRefundCreditCard")[0]?.account?.fullName).toBe("Undeposited Funds");
  });

  it("fails a request that uses a macro no earlier request defined", async () => {
    const { app } = testCompany();
    const [, refund] = await answer(app, qbxml(memoAndRefund("TxnID:7", "TxnID:8")));
    expect(refund?.attrs.statusSeverity).toBe("Error");
    expect(refund?.attrs.statusMessage).toContain("TxnID:8");
  });

  it("keeps a replayed answer under the new message-set id, so a second lost answer is still recovered", async () => {
    const { app, company } = testCompany();
    const body = memoAndRefund("TxnID:1");
    await answer(app, qbxml(body, 'onError="continueOnError" newMessageSetID="a"'));
    await answer(app, qbxml(body, 'onError="continueOnError" oldMessageSetID="a" newMessageSetID="b"'));
    const outcome = await app.process(
      qbxml(body, 'onError="continueOnError" oldMessageSetID="b" newMessageSetID="c"'),
    );
    expect(outcome.kind === "response" && outcome.replayedMessageSet).toBe("b");
    expect(company.liveTxns("CreditMemo")).toHaveLength(1);
    expect(company.itemByName("SKU-0001")?.quantityOnHand).toBe(12);
  });
});
