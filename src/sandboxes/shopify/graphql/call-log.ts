/** What clients did to the sandbox, for tests and benchmarks to assert on. */
export interface CallLogSnapshot {
  readonly requests: number;
  readonly graphql: number;
  readonly queries: number;
  readonly mutations: number;
  readonly throttled: number;
  readonly maxCostExceeded: number;
  readonly unauthorized: number;
  readonly notFound: number;
  readonly pointsSpent: number;
  readonly byRootField: Readonly<Record<string, number>>;
}

export class CallLog {
  requests = 0;
  graphql = 0;
  queries = 0;
  mutations = 0;
  throttled = 0;
  maxCostExceeded = 0;
  unauthorized = 0;
  notFound = 0;
  pointsSpent = 0;
  private readonly rootFields = new Map<string, number>();

  countRootField(name: string): void {
    this.rootFields.set(name, (this.rootFields.get(name) ?? 0) + 1);
  }

  snapshot(): CallLogSnapshot {
    return {
      requests: this.requests,
      graphql: this.graphql,
      queries: this.queries,
      mutations: this.mutations,
      throttled: this.throttled,
      maxCostExceeded: this.maxCostExceeded,
      unauthorized: this.unauthorized,
      notFound: this.notFound,
      pointsSpent: this.pointsSpent,
      byRootField: Object.fromEntries(this.rootFields),
    };
  }

  reset(): void {
    this.requests = 0;
    this.graphql = 0;
    this.queries = 0;
    this.mutations = 0;
    this.throttled = 0;
    this.maxCostExceeded = 0;
    this.unauthorized = 0;
    this.notFound = 0;
    this.pointsSpent = 0;
    this.rootFields.clear();
  }
}
