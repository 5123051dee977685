import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";

/**
 * Shopify validates with graphql-ruby, whose errors read differently from graphql-js's: an
 * unknown field is `Field 'x' doesn't exist on type 'QueryRoot'` with
 * `extensions { code: "undefinedField", typeName, fieldName }` and a `path` that starts with the
 * operation ("query", or "query Name") followed by the field names down to the unknown one.
 */
export function undefinedFieldErrors(schema: GraphQLSchema, document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        enter(node: OperationDefinitionNode) {
          path.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
        },
        leave() {
          path.pop();
        },
      },
      FragmentDefinition: {
        enter(node) {
          path.push(`fragment ${node.name.value}`);
        },
        leave() {
          path.pop();
        },
      },
      Field: {
        enter(node: FieldNode) {
          const name = node.alias?.value ?? node.name.value;
          path.push(name);
          const parent = typeInfo.getParentType();
          if (parent && !typeInfo.getFieldDef() && !node.name.value.startsWith("__")) {
            const typeName = getNamedType(parent).name;
            errors.push(
              new GraphQLError(`Field '${node.name.value}' doesn't exist on type '${typeName}'`, {
                nodes: [node],
                path: [...path],
                extensions: { code: "undefinedField", typeName, fieldName: node.name.value },
              }),
            );
          }
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return errors;
}

/** Replaces graphql-js's "Cannot query field" errors with Shopify's; other errors pass unchanged. */
export function shopifyValidationErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  errors: readonly GraphQLError[],
): GraphQLError[] {
  const others = errors.filter((error) => !error.message.startsWith("Cannot query field"));
  if (others.length === errors.length) return [...errors];
  return [...undefinedFieldErrors(schema, document), ...others];
}

/** Whether any field the document selects is deprecated in the schema. */
export function usesDeprecatedField(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let deprecated = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.deprecationReason) deprecated = true;
      },
    }),
  );
  return deprecated;
}
