export interface ListQuery {
  /** Search text; each list says which fields it searches. */
  q?: string;
  limit: number;
  offset: number;
}

/** The list shape of API.md: `{"items": [...], "total": n}`. */
export interface Page<T> {
  items: T[];
  total: number;
}
