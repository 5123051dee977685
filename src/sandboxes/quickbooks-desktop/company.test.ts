import { describe, expect, it } from "vitest";
import { answer, named, qbxml, retsOf, testCompany } from "./test-helpers.ts";
import { textOf } from "./xml.ts";

const itemQuery = (inner: string, attrs = 'requestID="q1"') =>
  `<ItemInventoryQueryRq ${attrs}>${inner}</ItemInventoryQueryRq>`;

const salesReceipt = (lines: string, requestID = "s1", extra = "") =>
  `<SalesReceiptAddRq requestID="${requestID}"><SalesReceiptAdd><CustomerRef>${named("Cash Customer")}</CustomerRef>` +
  `<TxnDate>2026-12-07</TxnDate><RefNumber>1001</RefNumber>${extra}<Memo>Orders #1001</Memo>` +
  `<DepositToAccountRef>${named("Undeposited Funds")}</DepositToAccountRef>${lines}</SalesReceiptAdd></SalesReceiptAddRq>`;

const line = (sku: string, quantity: number, rate = "12.50") =>
  `<SalesReceiptLineAdd><ItemRef>${named(sku)}</ItemRef><Quantity>${quantity}</Quantity><Rate>${rate}</Rate></SalesReceiptLineAdd>`;

describe("QuickBooks Desktop company answering qbXML", () => {
  it("answers an item query by FullName with ListID, EditSequence and QuantityOnHand, echoing the requestID", async () => {
    const { app } = testCompany();
    const [rs] = await answer(app, qbxml(itemQuery(named("SKU-0002"))));
    expect(rs?.name).toBe("ItemInventoryQueryRs");
    expect(rs?.attrs).toMatchObject({ requestID: "q1", statusCode: "0", statusSeverity: "Info" });
    const [ret] = retsOf(rs!, "ItemInventoryRet");
    expect(textOf(ret!, "FullName")).toBe("SKU-0002");
    expect(textOf(ret!, "QuantityOnHand")).toBe("11");
    expect(textOf(ret!, "ListID")).toMatch(/^[0-9A-F]+-\d+$/);
    expect(textOf(ret!, "EditSequence")).toMatch(/^\d+$/);
    expect(textOf(ret!, "TimeModified")).toBe("2026-12-07T10:00:00-05:00");
  });

  it("warns with 500 for a FullName that is not there and 1 when a filter matches nothing", async () => {
    const { app } = testCompany();
    const [partial, none] = await answer(
      app,
      qbxml(
        itemQuery(`${named("SKU-0001")}${named("NOPE")}`) +
          itemQuery(
            `<NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>ZZZ</Name></NameFilter>`,
            'requestID="q2"',
          ),
      ),
    );
    expect(partial?.attrs).toMatchObject({ statusCode: "500", statusSeverity: "Warn" });
    expect(retsOf(partial!, "ItemInventoryRet")).toHaveLength(1);
    expect(none?.attrs).toMatchObject({ requestID: "q2", statusCode: "1", statusSeverity: "Info" });
  });

  it("iterates over 2,500 items 100 at a time, and forgets the iterator when a new session begins", async () => {
    const { app } = testCompany({ items: 2500 });
    const seen = new Set<string>();
    let [rs] = await answer(
      app,
      qbxml(itemQuery("<MaxReturned>100</MaxReturned>", 'requestID="1" iterator="Start"')),
    );
    const id = rs?.attrs.iteratorID ?? "";
    expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    const remaining: number[] = [];
    for (let page = 2; rs; page++) {
      for (const ret of retsOf(rs, "ItemInventoryRet")) seen.add(textOf(ret, "Name") ?? "");
      remaining.push(Number(rs.attrs.iteratorRemainingCount));
      if (rs.attrs.iteratorRemainingCount === "0") break;
      [rs] = await answer(
        app,
        qbxml(
          itemQuery(
            "<MaxReturned>100</MaxReturned>",
            `requestID="${page}" iterator="Continue" iteratorID="${id}"`,
          ),
        ),
      );
      expect(rs?.attrs.requestID).toBe(String(page));
    }
    expect(seen.size).toBe(2500);
    expect(remaining).toEqual(Array.from({ length: 25 }, (_, i) => 2400 - i * 100));

    const [again] = await answer(app, qbxml(itemQuery("<MaxReturned>100</MaxReturned>", 'iterator="Start"')));
    app.beginSession();
    const [stale] = await answer(
      app,
      qbxml(
        itemQuery(
          "<MaxReturned>100</MaxReturned>",
          `iterator="Continue" iteratorID="${again?.attrs.iteratorID}"`,
        ),
      ),
    );
    expect(stale?.attrs.statusSeverity).toBe("Error");
  });

  it("takes a sale out of stock, moves the item's TimeModified, and FromModifiedDate finds it", async () => {
    const { app, advance } = testCompany();
    advance(3600);
    const [added] = await answer(app, qbxml(salesReceipt(line("SKU-0001", 3) + line("SKU-0003", 2))));
    expect(added?.attrs).toMatchObject({ requestID: "s1", statusCode: "0" });
    const [ret] = retsOf(added!, "SalesReceiptRet");
    expect(textOf(ret!, "TxnID")).toMatch(/^[0-9A-F]+-\d+$/);
    expect(textOf(ret!, "TotalAmount")).toBe("62.50");
    expect(retsOf(ret!, "SalesReceiptLineRet")).toHaveLength(2);

    const [changed] = await answer(
      app,
      qbxml(itemQuery("<FromModifiedDate>2026-12-07T10:30:00</FromModifiedDate>")),
    );
    const quantities = retsOf(changed!, "ItemInventoryRet").map((r) => [
      textOf(r, "Name"),
      textOf(r, "QuantityOnHand"),
    ]);
    expect(quantities).toEqual([
      ["SKU-0001", "7"],
      ["SKU-0003", "10"],
    ]);
  });

  it("names the missing item with 3140 and goes on with continueOnError; stopOnError leaves the rest unprocessed", async () => {
    const { app, company } = testCompany();
    const body = salesReceipt(line("GONE", 1), "bad") + salesReceipt(line("SKU-0001", 1), "good");
    const [bad, good] = await answer(app, qbxml(body));
    expect(bad?.attrs).toMatchObject({ requestID: "bad", statusCode: "3140", statusSeverity: "Error" });
    expect(bad?.attrs.statusMessage).toContain('"GONE"');
    expect(good?.attrs.statusCode).toBe("0");
    const [, skipped] = await answer(app, qbxml(body, 'onError="stopOnError"'));
    expect(skipped?.attrs).toMatchObject({ requestID: "good", statusCode: "3231" });
    expect(company.liveTxns("SalesReceipt")).toHaveLength(1);
  });

  it("refuses a whole document with elements out of schema order, as QuickBooks' parser does", async () => {
    const { app, company } = testCompany();
    const outOfOrder =
      `<SalesReceiptAddRq><SalesReceiptAdd><TxnDate>2026-12-07</TxnDate><CustomerRef>${named("Cash Customer")}</CustomerRef>` +
      `${line("SKU-0001", 1)}</SalesReceiptAdd></SalesReceiptAddRq>`;
    const outcome = await app.process(qbxml(outOfOrder));
    expect(outcome).toMatchObject({ kind: "hresult", hresult: "0x80040400" });
    expect(outcome.kind === "hresult" && outcome.detail).toContain("CustomerRef");
    expect(company.liveTxns()).toHaveLength(0);
    expect(await app.process("<QBXML><not-closed>")).toMatchObject({ kind: "hresult" });
    expect(await app.process(qbxml(itemQuery(""), 'onError="continueOnError"', "17.0"))).toMatchObject({
      kind: "hresult",
    });
  });

  it("returns a message set's stored responses for oldMessageSetID and posts nothing twice", async () => {
    const { app, company } = testCompany();
    const body = salesReceipt(line("SKU-0002", 4));
    const [first] = await answer(app, qbxml(body, 'onError="continueOnError" newMessageSetID="set-1"'));
    const txnId = textOf(retsOf(first!, "SalesReceiptRet")[0]!, "TxnID");
    app.beginSession();
    const outcome = await app.process(
      qbxml(body, 'onError="continueOnError" oldMessageSetID="set-1" newMessageSetID="set-2"'),
    );
    expect(outcome.kind === "response" && outcome.replayedMessageSet).toBe("set-1");
    const [replayed] = await answer(app, qbxml(body, 'onError="continueOnError" oldMessageSetID="set-1"'));
    expect(textOf(retsOf(replayed!, "SalesReceiptRet")[0]!, "TxnID")).toBe(txnId);
    expect(company.liveTxns("SalesReceipt")).toHaveLength(1);
    expect(company.itemByName("SKU-0002")?.quantityOnHand).toBe(7);
    const [unknown] = await answer(
      app,
      qbxml(body, 'onError="continueOnError" oldMessageSetID="never-sent"'),
    );
    expect(unknown?.attrs.statusCode).toBe("0");
    expect(company.liveTxns("SalesReceipt")).toHaveLength(2);
  });

  it("refuses an ItemInventoryMod with a stale EditSequence (3200), also when someone edited the item first", async () => {
    const { app, company } = testCompany();
    const item = company.itemByName("SKU-0001")!;
    const mod = (sequence: string) =>
      `<ItemInventoryModRq requestID="m"><ItemInventoryMod><ListID>${item.listId}</ListID><EditSequence>${sequence}</EditSequence><SalesPrice>15.00</SalesPrice></ItemInventoryMod></ItemInventoryModRq>`;
    const [stale] = await answer(app, qbxml(mod("1")));
    expect(stale?.attrs.statusCode).toBe("3200");
    app.switches.staleEditSequences = 1;
    const [edited] = await answer(app, qbxml(mod(item.editSequence)));
    expect(edited?.attrs.statusCode).toBe("3200");
    const [ok] = await answer(app, qbxml(mod(item.editSequence)));
    expect(ok?.attrs.statusCode).toBe("0");
    expect(item.salesPrice).toBe("15.00");
  });

  it("puts a credit memo back in stock, refunds it to a card, and TxnDel undoes the stock it moved", async () => {
    const { app, company } = testCompany();
    const [memo] = await answer(
      app,
      qbxml(
        `<CreditMemoAddRq requestID="c"><CreditMemoAdd><CustomerRef>${named("Cash Customer")}</CustomerRef><RefNumber>R-1001</RefNumber>` +
          `<CreditMemoLineAdd><ItemRef>${named("SKU-0001")}</ItemRef><Quantity>2</Quantity><Rate>12.50</Rate></CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq>`,
      ),
    );
    const creditId = textOf(retsOf(memo!, "CreditMemoRet")[0]!, "TxnID") ?? "";
    expect(company.itemByName("SKU-0001")?.quantityOnHand).toBe(12);
    const refund = (amount: string) =>
      `<ARRefundCreditCardAddRq requestID="r"><ARRefundCreditCardAdd><CustomerRef>${named("Cash Customer")}</CustomerRef>` +
      `<RefundFromAccountRef>${named("Checking")}</RefundFromAccountRef><RefundAppliedToTxnAdd><TxnID>${creditId}</TxnID>` +
      `<RefundAmount>${amount}</RefundAmount></RefundAppliedToTxnAdd></ARRefundCreditCardAdd></ARRefundCreditCardAddRq>`;
    const [tooMuch] = await answer(app, qbxml(refund("99.00")));
    expect(tooMuch?.attrs.statusSeverity).toBe("Error");
    const [paid] = await answer(app, qbxml(refund("25.00")));
    expect(paid?.attrs.statusCode).toBe("0");
    const applied = retsOf(retsOf(paid!, "ARRefundCreditCardRet")[0]!, "RefundAppliedToTxnRet")[0]!;
    expect(textOf(applied, "CreditRemaining")).toBe("0.00");
    const [deleted, missing] = await answer(
      app,
      qbxml(
        `<TxnDelRq requestID="d"><TxnDelType>CreditMemo</TxnDelType><TxnID>${creditId}</TxnID></TxnDelRq>` +
          `<TxnDelRq requestID="d2"><TxnDelType>CreditMemo</TxnDelType><TxnID>${creditId}</TxnID></TxnDelRq>`,
      ),
    );
    expect(textOf(deleted!, "TxnID")).toBe(creditId);
    expect(missing?.attrs.statusCode).toBe("3120");
    expect(company.itemByName("SKU-0001")?.quantityOnHand).toBe(10);
  });

  it("answers 3100 for a customer name in use, 3070 for a RefNumber over 11 characters, 1060 for a requestID over 50", async () => {
    const { app } = testCompany();
    const [dup, added] = await answer(
      app,
      qbxml(
        `<CustomerAddRq requestID="a"><CustomerAdd><Name>Cash Customer</Name></CustomerAdd></CustomerAddRq>` +
          `<CustomerAddRq requestID="b"><CustomerAdd><Name>Shopify Sales</Name></CustomerAdd></CustomerAddRq>`,
      ),
    );
    expect(dup?.attrs.statusCode).toBe("3100");
    expect(textOf(retsOf(added!, "CustomerRet")[0]!, "Name")).toBe("Shopify Sales");
    const longRef = salesReceipt(line("SKU-0001", 1)).replace(
      "<RefNumber>1001</RefNumber>",
      "<RefNumber>123456789012</RefNumber>",
    );
    const [tooLong] = await answer(app, qbxml(longRef));
    expect(tooLong?.attrs.statusCode).toBe("3070");
    const [badId] = await answer(app, qbxml(salesReceipt(line("SKU-0001", 1), "x".repeat(51))));
    expect(badId?.attrs.statusCode).toBe("1060");
  });
});
