// json-logic-js ships no types; only the two functions used here are declared.
declare module "json-logic-js" {
  const jsonLogic: {
    apply(logic: unknown, data?: unknown): unknown;
    is_logic(logic: unknown): boolean;
  };
  export default jsonLogic;
}
